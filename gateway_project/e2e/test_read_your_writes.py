"""Read-your-writes across services, as a single-page app would drive it: no retries, no sleeps.

Each chain is one write and, straight after its 2xx answer, the read (or
write) that depends on what another service learns from the write's event.
Every answer that does not reflect the write is counted as stale; the
count must be zero, on a quiet system and while other people browse.

    RYW_RUNS=50 RYW_BROWSERS=40 python3 manage_all.py test e2e -k test_read_your_writes -s

``RYW_RUNS`` is how many times each chain runs (default 5), ``RYW_BROWSERS``
how many people browse in the background of the loaded test (default 10).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import threading
import uuid
from collections import defaultdict
from decimal import Decimal
from http import HTTPStatus

import httpx
import pytest
import websockets
from conftest import GATEWAY
from market import SELLER_PROFILE, WS_GATEWAY, Account, gig_payload, money

RUNS = int(os.environ.get("RYW_RUNS", "5"))
BROWSERS = int(os.environ.get("RYW_BROWSERS", "10"))
SOCKET_TIMEOUT = 15


class Tally:
    """Chains seen and stale answers, per chain; thread-safe, printed at the end."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seen: dict[str, int] = defaultdict(int)
        self.stale: dict[str, list[str]] = defaultdict(list)

    def check(self, chain: str, fresh: bool, response: httpx.Response | None = None) -> bool:
        with self._lock:
            self.seen[chain] += 1
            if not fresh:
                detail = f"{response.status_code} {response.text[:160]}" if response is not None else "stale"
                self.stale[chain].append(detail)
        return fresh

    def report(self, title: str) -> str:
        lines = [f"read-your-writes, {title}: chain, runs, stale"]
        for chain in sorted(self.seen):
            lines.append(f"  {chain:48} {self.seen[chain]:4} {len(self.stale[chain]):4}")
        return "\n".join(lines)

    def stale_answers(self) -> dict[str, list[str]]:
        return {chain: answers for chain, answers in self.stale.items() if answers}


def _code(response: httpx.Response) -> str | None:
    try:
        return response.json().get("code") if response.status_code >= 400 else None
    except ValueError:
        return None


def _created(response: httpx.Response) -> bool:
    return response.status_code == HTTPStatus.CREATED


def journey(tally: Tally) -> None:
    """A seller and a buyer from signup to review and a custom offer, each dependent step right after its write."""
    seller, buyer = Account().signup(), Account().signup()
    try:
        _marketplace_journey(tally, seller, buyer)
    finally:
        seller.close()
        buyer.close()


def _marketplace_journey(tally: Tally, seller: Account, buyer: Account) -> None:
    for account in (seller, buyer):
        me = account.get("/api/v1/buyers/me")  # users makes the profile from auth.user.created
        tally.check("signup -> GET buyers/me", me.status_code == HTTPStatus.OK, me)

    profile = seller.post("/api/v1/sellers", json=SELLER_PROFILE)
    assert profile.status_code == HTTPStatus.CREATED, profile.text
    word = uuid.uuid4().hex[:12]
    gig = seller.post("/api/v1/gigs", json=gig_payload(word))  # gig learns sellers from users.seller.created
    if not tally.check("become seller -> create gig", _created(gig), gig):
        return
    gig = money(gig)

    intent = buyer.post("/api/v1/orders/payment-intents", json={"gig_id": gig["id"]})  # order's copy: gig.created
    tally.check("create gig -> payment intent", _created(intent) and money(intent)["price"] == gig["price"], intent)

    new_price = Decimal(random.randint(30, 90)) + Decimal("0.50")
    updated = seller.put(f"/api/v1/gigs/{gig['id']}", json={"price": float(new_price)})
    assert updated.status_code == HTTPStatus.OK, updated.text
    intent = buyer.post("/api/v1/orders/payment-intents", json={"gig_id": gig["id"]})  # gig.updated
    if not tally.check(
        "update gig price -> payment intent", _created(intent) and money(intent)["price"] == new_price, intent
    ):
        return

    order = buyer.post(
        "/api/v1/orders", json={"payment_intent_id": intent.json()["payment_intent_id"], "gig_id": gig["id"]}
    )
    assert order.status_code == HTTPStatus.CREATED, order.text
    order_path = f"/api/v1/orders/{order.json()['id']}"
    delivered = seller.post(f"{order_path}/deliver", json={"message": "Your logo"})
    assert delivered.status_code == HTTPStatus.OK, delivered.text
    approved = buyer.post(f"{order_path}/approve")
    assert approved.status_code == HTTPStatus.OK, approved.text
    review = buyer.post("/api/v1/reviews", json={"order_id": order.json()["id"], "rating": 4, "review": "Lovely logo."})
    if tally.check("order completed -> review", _created(review), review):  # review: order.created, order.completed
        public = buyer.get(f"/api/v1/sellers/{profile.json()['id']}")  # users counts review.created
        tally.check(
            "review -> seller's rating",
            public.status_code == HTTPStatus.OK and public.json()["ratings_count"] == 1,
            public,
        )
        rated = buyer.get(f"/api/v1/gigs/{gig['id']}")  # gig counts review.created
        tally.check(
            "review -> gig's rating", rated.status_code == HTTPStatus.OK and rated.json()["ratings_count"] == 1, rated
        )

    _offer_chain(tally, seller, buyer, gig)

    paused = seller.put(f"/api/v1/gigs/{gig['id']}/active", json={"active": False})
    assert paused.status_code == HTTPStatus.OK, paused.text
    found = seller.get("/api/v1/gigs/search", params={"q": word})
    listed = found.status_code == HTTPStatus.OK and gig["id"] not in [item["id"] for item in found.json()["items"]]
    tally.check("pause gig -> search", listed, found)


def _offer_chain(tally: Tally, seller: Account, buyer: Account, gig: dict) -> None:
    # The buyer writes first, by the seller's username (chat learned it at the seller's signup, long before).
    asked = buyer.post("/api/v1/chat/messages", json={"receiver_username": seller.username, "body": "A palette too?"})
    assert asked.status_code == HTTPStatus.CREATED, asked.text
    offer = seller.post(
        "/api/v1/chat/messages",
        json={
            "conversation_id": asked.json()["conversation_id"],
            "body": "Logo and palette",
            "gig_id": gig["id"],
            "offer": {"price": 44, "description": "Logo and a five-colour palette", "delivery_in_days": 5},
        },
    )
    assert offer.status_code == HTTPStatus.CREATED, offer.text
    accepted = buyer.post(f"/api/v1/chat/offers/{offer.json()['id']}/accept")
    assert accepted.status_code == HTTPStatus.OK, accepted.text
    intent = buyer.post(
        "/api/v1/orders/payment-intents", json={"offer_message_id": offer.json()["id"]}
    )  # chat.offer.accepted
    fresh = _created(intent) and money(intent)["price"] == Decimal("44.00")
    tally.check("accept offer -> payment intent", fresh, intent)


def socket_chain(tally: Tally, runs: int) -> None:
    """Messages sent on the chat socket, each followed (once the socket answered it) by the conversation list."""
    sender, receiver = Account().signup(), Account().signup()

    async def scenario():
        async with websockets.connect(f"{WS_GATEWAY}/ws/chat/", additional_headers=sender.socket_headers) as socket:
            for run in range(runs):
                body = f"socket message {run} {uuid.uuid4().hex[:6]}"
                await socket.send(
                    json.dumps({"type": "chat.message", "receiver_username": receiver.username, "body": body})
                )
                frame = await _own_message(socket, body)
                listed = await asyncio.to_thread(sender.get, "/api/v1/chat/conversations")
                latest = [
                    c["latest_message"]["body"]
                    for c in listed.json()["items"]
                    if c["id"] == frame["message"]["conversation_id"]
                ]
                tally.check("socket message -> conversation list", latest == [body], listed)

    try:
        asyncio.run(scenario())
    finally:
        sender.close()
        receiver.close()


async def _own_message(socket, body: str) -> dict:
    """The socket's answer to the message just sent: its own chat.message frame (an error frame fails the test)."""
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT))
        assert frame.get("type") != "error", frame
        if frame.get("type") == "chat.message" and frame["message"]["body"] == body:
            return frame


class Browsers:
    """People browsing at a person's pace while the chains run: search, gig pages, their profile and inbox."""

    PAGES = (
        "/api/v1/gigs/search?q=logo",
        "/api/v1/gigs/categories",
        "/api/v1/buyers/me",
        "/api/v1/notifications",
        "/api/v1/chat/conversations",
        "/api/v1/orders/buyer/me",
    )

    def __init__(self, count: int) -> None:
        self.count = count
        self.stop = threading.Event()
        self.requests = 0
        self.errors: list[str] = []
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Browsers:
        for _ in range(self.count):  # signed up here, one at a time: market's address cycle is not thread-safe
            thread = threading.Thread(target=self._browse, args=(Account().signup(),), daemon=True)
            self._threads.append(thread)
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _browse(self, person: Account) -> None:
        pages = self.PAGES
        try:
            while not self.stop.wait(random.uniform(0.5, 1.5)):
                response = person.get(random.choice(pages))
                self.requests += 1
                if response.status_code >= 500:
                    self.errors.append(f"{response.status_code} {response.request.url}")
        finally:
            person.close()


def _run_chains(tally: Tally) -> None:
    for _ in range(RUNS):
        journey(tally)
    socket_chain(tally, RUNS)


def _assert_fresh(tally: Tally, title: str) -> None:
    print("\n" + tally.report(title))
    expected = {"signup -> GET buyers/me": 2 * RUNS, "socket message -> conversation list": RUNS}
    for chain, count in expected.items():
        assert tally.seen[chain] == count, (chain, tally.seen[chain])
    assert tally.stale_answers() == {}


@pytest.fixture(scope="module", autouse=True)
def _gateway_is_up():
    assert httpx.get(f"{GATEWAY}/health", timeout=10).status_code == HTTPStatus.OK


def test_every_chain_reads_its_own_write_on_a_quiet_system():
    tally = Tally()
    _run_chains(tally)
    _assert_fresh(tally, f"quiet system, {RUNS} runs")


def test_every_chain_reads_its_own_write_while_others_browse():
    tally = Tally()
    with Browsers(BROWSERS) as browsers:
        _run_chains(tally)
    print(f"background: {BROWSERS} people browsing made {browsers.requests} requests, {len(browsers.errors)} errors")
    _assert_fresh(tally, f"{BROWSERS} people browsing, {RUNS} runs")
    assert browsers.errors == []
