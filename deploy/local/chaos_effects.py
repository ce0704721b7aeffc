"""The writes the fault suite makes through the gateway, and the effects it counts in the stores.

A write counts as accepted only when the gateway answered it with success; for
each accepted write every effect must be found exactly once once the system
has settled: a signup's buyer profile (users, MongoDB) and welcome notice
(notification, PostgreSQL); an order's count on its seller's profile (users)
and the seller's "order received" notice (notification).
"""

from __future__ import annotations

import os
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

GATEWAY = os.environ.get("CHAOS_GATEWAY_URL", "http://127.0.0.1:8000")
PASSWORD = "Ch4os-Lantern-61"
# Benchmarking addresses (RFC 2544, 198.18.0.0/15): the gateway limits signups per client address a minute,
# so each signup comes from its own, at random so that runs a moment apart do not share them.
_random = random.SystemRandom()


def _address() -> str:
    n = _random.randrange(2 * 65536)
    return f"198.{18 + n // 65536}.{n // 256 % 256}.{n % 256}"


def _client(timeout: float = 20):
    import httpx

    return httpx.Client(base_url=GATEWAY, timeout=timeout, headers={"X-Forwarded-For": _address()})


def _csrf(client) -> dict:
    return next(({"X-CSRF-Token": c.value} for c in client.cookies.jar if "csrf" in c.name.lower()), {})


@dataclass
class Account:
    client: object
    username: str
    user_id: str = ""

    def post(self, path: str, **kwargs):
        return self.client.post(path, headers=_csrf(self.client), **kwargs)


def signup() -> Account | None:
    """One signup; the account when the gateway accepted it, None when it did not (a fault)."""
    name = f"chaos_{uuid.uuid4().hex[:12]}"
    account = Account(_client(), name)
    try:
        response = account.client.post(
            "/api/v1/auth/signup",
            json={"username": name, "email": f"{name}@example.com", "password": PASSWORD, "country": "Portugal"},
        )
    except Exception:
        return None
    if response.status_code != 201:
        return None
    account.user_id = str(response.json()["user"]["id"])
    return account


def until(fetch, ok, timeout: float = 60.0, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    result = None
    while time.monotonic() < deadline:
        try:
            result = fetch()
            if ok(result):
                return result
        except Exception:
            pass
        time.sleep(interval)
    return result


GIG = {
    "title": "I will design a minimalist chaos logo",
    "basic_title": "Basic logo",
    "description": "A clean, minimalist logo for your brand, with two rounds of revisions and vector files.",
    "basic_description": "One concept, two revisions",
    "category": "graphics-design",
    "sub_categories": ["logo design"],
    "tags": ["logo", "chaos"],
    "price": 25.5,
    "expected_delivery_days": 3,
}
SELLER = {
    "full_name": "Chaos Seller",
    "description": "Brand designer for small businesses: logos and brand guides.",
    "oneliner": "Logos that survive",
    "skills": ["logo design"],
    "languages": [{"language": "English", "level": "fluent"}],
    "response_time": 4,
}


@dataclass
class Seller:
    account: Account
    seller_id: str
    gig_id: str


def new_seller() -> Seller:
    """A fresh seller with one gig the order service already knows (so its counters start at zero)."""
    account = signup()
    if account is None:
        raise RuntimeError("could not sign a seller up through the gateway")
    until(lambda: account.client.get("/api/v1/buyers/me"), lambda r: r.status_code == 200)
    profile = account.post("/api/v1/sellers", json=SELLER)
    if profile.status_code != 201:
        raise RuntimeError(f"seller profile refused: {profile.status_code} {profile.text[:200]}")
    gig = until(lambda: account.post("/api/v1/gigs", json=GIG), lambda r: r.status_code == 201)
    if gig is None or gig.status_code != 201:
        raise RuntimeError("the gig service never accepted the seller's gig")
    seller = Seller(account, profile.json()["id"], gig.json()["id"])
    buyer = signup()
    until(
        lambda: buyer.post("/api/v1/orders/payment-intents", json={"gig_id": seller.gig_id, "quantity": 1}),
        lambda r: r.status_code == 201,
    )  # the order service has its copy of the gig
    return seller


def place_order(buyer: Account, gig_id: str) -> str | None:
    """The id of the order the gateway accepted, or None."""
    try:
        intent = buyer.post("/api/v1/orders/payment-intents", json={"gig_id": gig_id, "quantity": 1})
        if intent.status_code != 201:
            return None
        order = buyer.post(
            "/api/v1/orders",
            json={
                "payment_intent_id": intent.json()["payment_intent_id"],
                "gig_id": gig_id,
                "requirements": "Chaos Ltd",
            },
        )
        return str(order.json()["id"]) if order.status_code == 201 else None
    except Exception:
        return None


@dataclass
class Load:
    """Writes made in the background while a fault happens; ``started`` counts the attempts."""

    kind: str  # "signups" or "orders"
    total: int
    seller: Seller | None = None
    accepted: list = field(default_factory=list)  # signups: (user_id, username); orders: their ids
    started: int = 0
    since: datetime = field(default_factory=lambda: datetime.now(timezone.utc))  # auth ids may repeat across resets

    def run(self, concurrency: int = 3) -> None:
        import threading

        buyers = [signup() for _ in range(2)] if self.kind == "orders" else []
        counting = threading.Lock()
        # An order is two quick requests: paced slower, so that the fault lands while some are in flight
        # and the rest are made while the broken part is down or coming back.
        pause = 0.3 if self.kind == "orders" else 0.1

        def one(index: int):
            with counting:
                self.started += 1
            if self.kind == "signups":
                account = signup()
                if account:
                    self.accepted.append((account.user_id, account.username))
            else:
                order_id = place_order(buyers[index % len(buyers)], self.seller.gig_id)
                if order_id:
                    self.accepted.append(order_id)
            time.sleep(pause)  # spread the writes over the fault, as traffic would be

        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(self.total)))


class Stores:
    """Counts of effects, read straight from the services' stores."""

    def __init__(self):
        import psycopg
        import pymongo

        self._mongo_url = os.environ.get("USERS_MONGODB_URL", "mongodb://127.0.0.1:27017/users")
        self._pg = os.environ.get("CHAOS_NOTIFICATION_DSN", "host=127.0.0.1 user=postgres dbname=notification")
        self._pymongo, self._psycopg = pymongo, psycopg

    def _users(self):
        client = self._pymongo.MongoClient(self._mongo_url, serverSelectionTimeoutMS=3000)
        return client, client.get_default_database()

    def buyers(self, usernames: list[str]) -> dict[str, int]:
        client, db = self._users()
        try:
            found = dict.fromkeys(usernames, 0)
            for row in db.buyers.aggregate(
                [{"$match": {"username": {"$in": usernames}}}, {"$group": {"_id": "$username", "n": {"$sum": 1}}}]
            ):
                found[row["_id"]] = row["n"]
            return found
        finally:
            client.close()

    def ongoing_jobs(self, seller_id: str) -> int:
        from bson import ObjectId

        client, db = self._users()
        try:
            doc = db.sellers.find_one({"_id": ObjectId(seller_id)}) or db.sellers.find_one({"_id": seller_id})
            return int((doc or {}).get("ongoing_jobs", 0))
        finally:
            client.close()

    def order_notices(self, kind: str, order_ids: list[str]) -> dict[str, int]:
        """Notices of ``kind`` per order (each notice names its order in its data)."""
        with self._psycopg.connect(self._pg, connect_timeout=3) as conn:
            rows = conn.execute(
                "SELECT data->>'order_id', count(*) FROM notifications_notification WHERE kind = %s "
                "AND data->>'order_id' = ANY(%s) GROUP BY 1",
                (kind, order_ids),
            ).fetchall()
        found = dict.fromkeys(order_ids, 0)
        found.update(dict(rows))
        return found

    def notices(self, kind: str, user_ids: list[str], since: datetime) -> dict[str, int]:
        with self._psycopg.connect(self._pg, connect_timeout=3) as conn:
            rows = conn.execute(
                "SELECT user_id, count(*) FROM notifications_notification WHERE kind = %s AND user_id = ANY(%s) "
                "AND created_at >= %s GROUP BY user_id",
                (kind, user_ids, since),
            ).fetchall()
        found = dict.fromkeys(user_ids, 0)
        found.update(dict(rows))
        return found


def tally(expected: int, found: dict[str, int] | int) -> tuple[int, int]:
    """(lost, doubled) of effects that should each be there exactly once (or ``expected`` times)."""
    if isinstance(found, int):
        return max(expected - found, 0), max(found - expected, 0)
    lost = sum(1 for count in found.values() if count == 0)
    doubled = sum(count - 1 for count in found.values() if count > 1)
    return lost, doubled


def settle(load: Load, stores: Stores, timeout: float) -> tuple[int, int]:
    """Wait (bounded) until every effect of the accepted writes is there; then count lost and doubled."""

    def measure():
        if load.kind == "signups":
            ids, names = [user_id for user_id, _ in load.accepted], [name for _, name in load.accepted]
            parts = [tally(1, stores.buyers(names)), tally(1, stores.notices("welcome", ids, load.since))]
        else:
            seller = load.seller
            # The seller's counter can only be counted as a whole; the notices are counted per order.
            parts = [
                tally(len(load.accepted), stores.ongoing_jobs(seller.seller_id)),
                tally(1, stores.order_notices("order_received", list(load.accepted))),
            ]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)

    result = until(measure, lambda r: r[0] == 0, timeout=timeout, interval=1.0)
    time.sleep(3)  # a redelivery that doubles an effect comes after the first one; give it its moment
    final = until(measure, lambda r: True, timeout=30) or result or (-1, -1)
    return final


def missing(load: Load, stores: Stores) -> str:
    """Which accepted writes lack an effect (to trace them in the outboxes and the logs)."""
    if load.kind == "signups":
        ids, names = [user_id for user_id, _ in load.accepted], [name for _, name in load.accepted]
        no_buyer = [name for name, count in stores.buyers(names).items() if count == 0]
        no_welcome = [user_id for user_id, count in stores.notices("welcome", ids, load.since).items() if count == 0]
        return f"no buyer profile: {no_buyer}; no welcome notice (user ids): {no_welcome}"
    no_notice = [
        order_id
        for order_id, count in stores.order_notices("order_received", list(load.accepted)).items()
        if count == 0
    ]
    return (
        f"seller {load.seller.seller_id} counts {stores.ongoing_jobs(load.seller.seller_id)} of "
        f"{len(load.accepted)} orders; no 'order received' notice: {no_notice}"
    )
