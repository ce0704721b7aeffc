"""People and things of the marketplace, made the way a browser client makes them: through the gateway only.

Each ``Account`` is its own cookie jar (an httpx client) and its own client
address: the gateway rate-limits sign-ups per address (10 a minute), and a
buyer and a seller are different people on different networks anyway. The
gateway runs under uvicorn, which takes the peer address from
``X-Forwarded-For`` for connections from 127.0.0.1, as a trusted balancer's.
"""

from __future__ import annotations

import itertools
import os
import uuid
from decimal import Decimal
from http import HTTPStatus

import httpx
from conftest import GATEWAY, PASSWORD, csrf_headers, poll

WS_GATEWAY = GATEWAY.replace("http", "ws", 1)
# TEST-NET-2 addresses (RFC 5737): never a real client; the pid keeps two runs in one minute apart.
_addresses = (f"198.51.100.{n}" for n in itertools.cycle(range(1 + os.getpid() % 200, 255)))


class Account:
    """One signed-in person: cookies, CSRF header on unsafe requests, money parsed as Decimal."""

    def __init__(self) -> None:
        self.client = httpx.Client(base_url=GATEWAY, timeout=15, headers={"X-Forwarded-For": next(_addresses)})
        suffix = uuid.uuid4().hex[:10]
        self.username = f"e2e_{suffix}"
        self.email = f"e2e_{suffix}@example.com"
        self.user_id = ""

    def signup(self) -> Account:
        response = self.client.post(
            "/api/v1/auth/signup",
            json={"username": self.username, "email": self.email, "password": PASSWORD, "country": "Portugal"},
        )
        assert response.status_code == HTTPStatus.CREATED, response.text
        self.user_id = response.json()["user"]["id"]
        return self

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.client.post(path, headers=csrf_headers(self.client), **kwargs)

    def put(self, path: str, **kwargs) -> httpx.Response:
        return self.client.put(path, headers=csrf_headers(self.client), **kwargs)

    def delete(self, path: str, **kwargs) -> httpx.Response:
        return self.client.delete(path, headers=csrf_headers(self.client), **kwargs)

    @property
    def socket_headers(self) -> dict:
        # A socket carries the access cookie as the browser would send it; no Origin header, like a native client.
        return {"Cookie": f"access_token={self.client.cookies.get('access_token')}"}

    def close(self) -> None:
        self.client.close()


def money(response: httpx.Response) -> dict:
    """The JSON body with every number that has a decimal point as an exact Decimal."""
    return response.json(parse_float=Decimal)


SELLER_PROFILE = {
    "full_name": "Ana Lanterna",
    "description": "Brand designer for small businesses: logos, palettes and simple brand guides.",
    "oneliner": "Minimalist logos that last",
    "skills": ["logo design", "branding"],
    "languages": [{"language": "English", "level": "fluent"}, {"language": "Portuguese", "level": "native"}],
    "response_time": 4,
}


def become_seller(account: Account) -> dict:
    """POST /sellers once the buyer profile exists (users makes it from auth's event)."""
    poll(lambda: account.get("/api/v1/buyers/me"), lambda r: r.status_code == HTTPStatus.OK)
    response = account.post("/api/v1/sellers", json=SELLER_PROFILE)
    assert response.status_code == HTTPStatus.CREATED, response.text
    return response.json()


def gig_payload(word: str, price: str = "25.50") -> dict:
    return {
        "title": f"I will design a minimalist {word} logo",
        "description": "A clean, minimalist logo for your brand, with two rounds of revisions and vector files.",
        "basic_title": "Basic logo",
        "basic_description": "One concept, two revisions",
        "category": "graphics-design",
        "sub_categories": ["logo design"],
        "tags": ["logo", word],
        "price": float(price),
        "expected_delivery_days": 3,
    }


def create_gig(seller: Account, word: str) -> dict:
    """POST /gigs. Gig learns who is a seller from users' seller.created event, so for a moment
    after becoming a seller the answer is 403 not_a_seller: retry only that (nothing was written)."""
    response = poll(
        lambda: seller.post("/api/v1/gigs", json=gig_payload(word)),
        lambda r: not (r.status_code == HTTPStatus.FORBIDDEN and r.json().get("code") == "not_a_seller"),
    )
    assert response.status_code == HTTPStatus.CREATED, response.text
    return money(response)


def new_seller_with_gig() -> tuple[Account, dict, dict]:
    """A fresh seller (profile and one gig): their job and rating counters start at zero."""
    seller = Account().signup()
    profile = become_seller(seller)
    return seller, profile, create_gig(seller, uuid.uuid4().hex[:12])


def seller_profile(account: Account, until=lambda profile: True) -> dict:
    """The seller's own profile, polled until ``until`` holds (users updates it from events)."""
    response = poll(
        lambda: account.get("/api/v1/sellers/me"), lambda r: r.status_code == HTTPStatus.OK and until(money(r))
    )
    assert response.status_code == HTTPStatus.OK, response.text
    return money(response)


def place_order(buyer: Account, gig_id: str) -> dict:
    """Payment intent then order. Order prices from its copy of the gig (gig.created), so the
    intent may answer 404 for a moment after the gig appears: retry only that."""
    intent = poll(
        lambda: buyer.post("/api/v1/orders/payment-intents", json={"gig_id": gig_id, "quantity": 1}),
        lambda r: r.status_code != HTTPStatus.NOT_FOUND,
    )
    assert intent.status_code == HTTPStatus.CREATED, intent.text
    intent = money(intent)
    order = buyer.post(
        "/api/v1/orders",
        json={
            "payment_intent_id": intent["payment_intent_id"],
            "gig_id": gig_id,
            "requirements": "Brand name: Lantern",
        },
    )
    assert order.status_code == HTTPStatus.CREATED, order.text
    return money(order)
