"""`manage_all.py seed`: the demo marketplace of demo_cast.py, made the way real people make it.

Everything goes through the gateway's public API (standard library HTTP, so
manage_all.py needs no virtualenv for it): sign-ups in auth, seller profiles
in users, gigs in gig, paid orders in order, deliveries, approvals and
reviews. Every counter (ratings, jobs, earnings) therefore comes from the
services' own events, and every seeded seller can sign in.

Safe to run again: each step first looks whether it was done (an account
that signs in with the demo password, a seller profile, a gig with that
title, an order for that gig, a review of it) and does only what is
missing, so a second run adds nothing and an interrupted run completes.
A username that exists with another password belongs to someone else: that
person, and everything that would involve them, is skipped, never changed.

Each person has their own client address (TEST-NET-1, passed in
X-Forwarded-For, which the gateway trusts from 127.0.0.1 as from a balancer),
because the gateway rate-limits sign-ups and sign-ins per address.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import sys
import time
import urllib.error
import urllib.request
from collections import Counter

from deploy.local.demo_cast import BUYERS, DEMO_PASSWORD, ORDERS, SELLERS, email_of, gig_payload

GATEWAY_URL = "http://127.0.0.1:8000"


class Refused(Exception):
    """The system answered something seeding cannot go on from."""


class Person:
    """One demo account's browser: its cookies, its CSRF header, its own client address."""

    def __init__(self, gateway: str, username: str, number: int) -> None:
        self.gateway, self.username = gateway.rstrip("/"), username
        self.address = f"192.0.2.{10 + number}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.user_id = ""

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        headers = {"Accept": "application/json", "X-Forwarded-For": self.address}
        csrf = next((c.value for c in self.cookies if c.name == "csrf_token"), None)
        if csrf and method != "GET":
            headers["X-CSRF-Token"] = csrf
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        request = urllib.request.Request(self.gateway + path, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=30) as response:
                raw, status = response.read(), response.status
        except urllib.error.HTTPError as error:
            raw, status = error.read(), error.code
        return status, (json.loads(raw) if raw else {})

    def expect(self, method: str, path: str, body: dict | None = None, ok=(200, 201)) -> dict:
        status, answer = self.call(method, path, body)
        if status not in ok:
            raise Refused(f"{self.username}: {method} {path} answered {status}: {answer}")
        return answer

    def until(
        self, method: str, path: str, body: dict | None = None, *, retry, timeout: float = 30.0
    ) -> tuple[int, dict]:
        """Call until ``retry(status, answer)`` is false: another service has not heard an event yet."""
        deadline = time.monotonic() + timeout
        status, answer = self.call(method, path, body)
        while retry(status, answer) and time.monotonic() < deadline:
            time.sleep(0.3)
            status, answer = self.call(method, path, body)
        return status, answer


def account_ensure(person: Person, country: str) -> str:
    """'existing' (signs in with the demo password), 'created', or 'foreign' (someone else's username)."""
    status, answer = person.call(
        "POST", "/api/v1/auth/signin", {"username": person.username, "password": DEMO_PASSWORD}
    )
    if status == 200:
        person.user_id = answer["user"]["id"]
        return "existing"
    status, answer = person.call(
        "POST",
        "/api/v1/auth/signup",
        {
            "username": person.username,
            "email": email_of(person.username),
            "password": DEMO_PASSWORD,
            "country": country,
        },
    )
    if status == 201:
        person.user_id = answer["user"]["id"]
        return "created"
    if status == 409:  # the username (or e-mail) is taken, and not with the demo password
        return "foreign"
    raise Refused(f"{person.username}: signup answered {status}: {answer}")


def seller_ensure(person: Person, profile: dict) -> tuple[dict, bool]:
    status, seller = person.call("GET", "/api/v1/sellers/me")
    if status == 200:
        return seller, False
    # users makes the buyer profile from auth's event; becoming a seller needs it.
    person.until("GET", "/api/v1/buyers/me", retry=lambda s, _: s == 404)
    body = {key: profile[key] for key in ("full_name", "description", "oneliner", "skills", "response_time")}
    return person.expect(
        "POST",
        "/api/v1/sellers",
        {**body, "languages": profile.get("languages", [{"language": "English", "level": "fluent"}])},
    ), True


def gigs_ensure(person: Person, seller: dict, gigs: list[dict]) -> tuple[list[dict], int]:
    """The seller's demo gigs in demo_cast order, creating the missing ones; and how many were created."""
    mine = {gig["title"]: gig for gig in person.expect("GET", f"/api/v1/gigs/seller/{seller['id']}")["items"]}
    made, created = [], 0
    for gig in gigs:
        if gig["title"] not in mine:
            # gig learns about the new seller from users' event: 403 not_a_seller for a moment.
            status, answer = person.until("POST", "/api/v1/gigs", gig_payload(gig), retry=lambda s, a: s == 403)
            if status != 201:
                raise Refused(f"{person.username}: creating gig {gig['title']!r} answered {status}: {answer}")
            mine[gig["title"]], created = answer, created + 1
        made.append(mine[gig["title"]])
    return made, created


def _order_for(buyer: Person, gig_id: str) -> dict | None:
    orders = buyer.expect("GET", "/api/v1/orders/buyer/me?size=100")["items"]
    return next((order for order in orders if order["gig_id"] == gig_id and order["status"] != "cancelled"), None)


def _place(buyer: Person, gig_id: str) -> dict:
    status, intent = buyer.until(
        "POST", "/api/v1/orders/payment-intents", {"gig_id": gig_id, "quantity": 1}, retry=lambda s, _: s == 404
    )
    if status != 201:
        raise Refused(f"{buyer.username}: payment intent answered {status}: {intent}")
    return buyer.expect(
        "POST",
        "/api/v1/orders",
        {
            "payment_intent_id": intent["payment_intent_id"],
            "gig_id": gig_id,
            "requirements": "Demo order: see the gig description.",
        },
    )


def order_ensure(buyer: Person, seller: Person, gig: dict, stars: int, review: str) -> set[str]:
    """A completed order of ``gig`` by ``buyer`` with the buyer's review; answers what this call did."""
    done: set[str] = set()
    order = _order_for(buyer, gig["id"])
    if order is None:
        order, done = _place(buyer, gig["id"]), {"order"}
    path = f"/api/v1/orders/{order['id']}"
    if order["status"] == "in_progress":
        order = seller.expect("POST", f"{path}/deliver", {"message": "Here is your delivery. Thank you for ordering!"})
    if order["status"] == "delivered":
        order = buyer.expect("POST", f"{path}/approve")
    if order["status"] != "completed":
        raise Refused(f"order {order['id']} is {order['status']}, not completed")
    # review learns of the completion from order's event: 409 order_not_completed for a moment.
    reviews = buyer.until(
        "GET", f"/api/v1/reviews/order/{order['id']}", retry=lambda s, a: s != 200 or not a["completed"]
    )[1]
    mine = [item for item in reviews.get("items", []) if item["reviewer_id"] == buyer.user_id]
    if not mine:
        status, answer = buyer.until(
            "POST",
            "/api/v1/reviews",
            {"order_id": order["id"], "rating": stars, "review": review},
            retry=lambda s, _: s == 409,
        )
        if status != 201:
            raise Refused(f"{buyer.username}: review answered {status}: {answer}")
        done.add("review")
    return done


def seed(gateway: str = GATEWAY_URL, out=sys.stdout) -> Counter:
    made: Counter = Counter()
    people = {p["username"]: Person(gateway, p["username"], n) for n, p in enumerate([*SELLERS, *BUYERS])}
    usable: set[str] = set()
    for profile in [*SELLERS, *BUYERS]:
        state = account_ensure(people[profile["username"]], profile["country"])
        made[f"accounts {state}"] += 1
        if state == "foreign":
            print(f"  skipped {profile['username']}: that username belongs to someone else", file=out)
        else:
            usable.add(profile["username"])
    gigs: dict[str, list[dict]] = {}
    for profile in SELLERS:
        if profile["username"] in usable:
            person = people[profile["username"]]
            seller, new = seller_ensure(person, profile)
            made["sellers created"] += new
            gigs[profile["username"]], created = gigs_ensure(person, seller, profile["gigs"])
            made["gigs created"] += created
    for buyer, seller, index, stars, review in ORDERS:
        if buyer in usable and seller in usable:
            done = order_ensure(people[buyer], people[seller], gigs[seller][index], stars, review)
            made["orders created"] += "order" in done
            made["reviews created"] += "review" in done
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", default=GATEWAY_URL)
    args = parser.parse_args(argv)
    try:
        made = seed(args.gateway)
    except (Refused, OSError) as exc:
        print(f"seeding stopped: {exc}", file=sys.stderr)
        return 1
    print(", ".join(f"{name}: {count}" for name, count in sorted(made.items()) if count) or "nothing to do")
    print(f"Demo accounts: {', '.join(p['username'] for p in [*SELLERS, *BUYERS])}")
    print(f"Every demo account signs in with the password: {DEMO_PASSWORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
