"""Beyond the happy path, through the gateway: revisions and automatic completion, expiring offers,
presence, recommendations, and demo data whose numbers add up.

`manage_all.py test e2e` runs the system with ORDER_AUTO_COMPLETE_AFTER_SECONDS shortened (30 s) and
the order sweep every 2 s, so a delivered order completes by itself within this suite.
An offer's shortest life is a day; to see one expire, the test moves its expiry into the past in
the stores that hold it (chat's message, order's read model), as the clock would.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from pathlib import Path

import pymongo
import pytest
import socketio
import websockets
from bson import ObjectId
from conftest import GATEWAY, poll
from market import (
    WS_GATEWAY,
    Account,
    become_seller,
    create_gig,
    money,
    new_seller_with_gig,
    place_order,
    seller_profile,
)

ROOT = Path(__file__).resolve().parents[2]
MONGO = os.environ.get("E2E_MONGODB_URL", "mongodb://127.0.0.1:27017")
SOCKET_TIMEOUT = 10


@pytest.fixture
def trade():
    """A seller with a gig (one revision included) and a buyer."""
    seller, profile, gig = new_seller_with_gig()
    buyer = Account().signup()
    yield seller, profile, gig, buyer
    seller.close()
    buyer.close()


def _order(account: Account, order_id: str) -> dict:
    response = account.get(f"/api/v1/orders/{order_id}")
    assert response.status_code == HTTPStatus.OK, response.text
    return money(response)


def test_a_revision_then_a_second_delivery_completes_by_itself_and_pays_the_seller_once(trade):
    seller, profile, gig, buyer = trade
    order = place_order(buyer, gig["id"])
    path = f"/api/v1/orders/{order['id']}"
    assert (order["revisions_included"], order["revisions_left"]) == (1, 1)

    assert seller.post(f"{path}/deliver", json={"message": "First draft"}).status_code == HTTPStatus.OK
    revised = buyer.post(f"{path}/revision", json={"message": "Darker blue, please."})
    assert revised.status_code == HTTPStatus.OK, revised.text
    assert (revised.json()["status"], revised.json()["revisions_left"]) == ("in_progress", 0)
    assert buyer.post(f"{path}/revision", json={"message": "Again"}).status_code == HTTPStatus.CONFLICT
    delivered = seller.post(f"{path}/deliver", json={"message": "Darker now"})
    assert delivered.status_code == HTTPStatus.OK, delivered.text
    assert buyer.post(f"{path}/revision", json={"message": "More"}).json()["code"] == "no_revisions_left"
    auto_at = datetime.fromisoformat(delivered.json()["auto_complete_at"])
    wait = max(0.0, (auto_at - datetime.now(timezone.utc)).total_seconds()) + 30

    # The automatic completion commits first, then settles the payout with the provider (orders/services/money.py):
    # a read between the two shows the completed order with its payout still pending.
    completed = poll(
        lambda: _order(buyer, order["id"]),
        lambda body: body["status"] == "completed" and body["payout"]["status"] != "pending",
        timeout=wait,
    )

    assert completed["status"] == "completed", "the delivered order did not complete by itself"
    assert completed["payout"] == {"amount": order["subtotal"], "status": "succeeded"}
    assert [entry["kind"] for entry in completed["timeline"]].count("completed") == 1
    stats = seller_profile(seller, until=lambda p: p["completed_jobs"] == 1)
    assert (stats["completed_jobs"], stats["ongoing_jobs"], stats["total_earnings"]) == (1, 0, order["subtotal"])
    inbox = poll(
        lambda: seller.get("/api/v1/notifications").json(),
        lambda page: any(item["kind"] == "revision_requested" for item in page["items"]),
    )
    assert any(item["kind"] == "revision_requested" for item in inbox["items"])


def _offer(seller: Account, buyer: Account, gig_id: str) -> dict:
    sent = seller.post(
        "/api/v1/chat/messages",
        json={
            "receiver_username": buyer.username,
            "body": "A custom offer",
            "gig_id": gig_id,
            "offer": {"price": 90, "description": "Logo and a favicon", "delivery_in_days": 4, "expires_in_days": 1},
        },
    )
    assert sent.status_code == HTTPStatus.CREATED, sent.text
    return sent.json()


def _expire_in(database: str, collection: str, query: dict, field: str) -> None:
    with pymongo.MongoClient(MONGO) as client:
        past = datetime.now(timezone.utc) - timedelta(minutes=1)
        assert client[database][collection].update_one(query, {"$set": {field: past}}).matched_count == 1


def test_an_expired_offer_can_neither_be_accepted_nor_paid(trade):
    seller, _profile, gig, buyer = trade
    stale = _offer(seller, buyer, gig["id"])
    assert stale["offer"]["expires_at"]
    _expire_in("chat", "messages", {"_id": ObjectId(stale["id"])}, "offer.expires_at")

    refused = buyer.post(f"/api/v1/chat/offers/{stale['id']}/accept")
    assert refused.status_code == HTTPStatus.CONFLICT and refused.json()["code"] == "offer_expired"

    offer = _offer(seller, buyer, gig["id"])
    assert buyer.post(f"/api/v1/chat/offers/{offer['id']}/accept").status_code == HTTPStatus.OK
    intent = poll(
        lambda: buyer.post("/api/v1/orders/payment-intents", json={"offer_message_id": offer["id"]}),
        lambda r: r.status_code != HTTPStatus.NOT_FOUND,
    )
    assert intent.status_code == HTTPStatus.CREATED, intent.text
    _expire_in("order", "offers", {"_id": offer["id"]}, "expires_at")

    paid = buyer.post(
        "/api/v1/orders", json={"payment_intent_id": intent.json()["payment_intent_id"], "gig_id": gig["id"]}
    )
    again = buyer.post("/api/v1/orders/payment-intents", json={"offer_message_id": offer["id"]})

    assert paid.status_code == HTTPStatus.CONFLICT and paid.json()["code"] == "offer_expired", paid.text
    assert again.status_code == HTTPStatus.CONFLICT and again.json()["code"] == "offer_expired"
    withdrawn = _offer(seller, buyer, gig["id"])
    assert seller.post(f"/api/v1/chat/offers/{withdrawn['id']}/withdraw").json()["offer"]["status"] == "cancelled"


async def _presence(socket, username: str) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT))
        if frame.get("type") == "presence" and frame.get("username") == username:
            return frame


def _partner(account: Account, username: str) -> dict:
    items = account.get("/api/v1/chat/conversations").json()["items"]
    return next(item for item in items if item["other_participant"]["username"] == username)


def test_a_partner_coming_online_and_going_offline_shows_on_the_socket_the_list_and_socketio():
    alice, bob = Account().signup(), Account().signup()
    sent = alice.post("/api/v1/chat/messages", json={"receiver_username": bob.username, "body": "Hi Bob"})
    assert sent.status_code == HTTPStatus.CREATED, sent.text
    assert _partner(alice, bob.username)["partner_online"] is False

    async def scenario():
        sio = socketio.AsyncClient(reconnection=False)
        seen: asyncio.Queue = asyncio.Queue()
        sio.on("presence", lambda data: seen.put_nowait(data))
        await sio.connect(GATEWAY, headers=alice.socket_headers, transports=["websocket"], socketio_path="socket.io")
        chat = f"{WS_GATEWAY}/ws/chat/"
        async with websockets.connect(chat, additional_headers=alice.socket_headers) as watcher:
            first_tab = await websockets.connect(chat, additional_headers=bob.socket_headers)
            second_tab = await websockets.connect(chat, additional_headers=bob.socket_headers)
            online = await _presence(watcher, bob.username)
            listed_online = await asyncio.to_thread(_partner, alice, bob.username)
            from_socketio = await asyncio.wait_for(seen.get(), SOCKET_TIMEOUT)
            await first_tab.close()
            listed_one_tab = await asyncio.to_thread(_partner, alice, bob.username)
            await second_tab.close()
            offline = await _presence(watcher, bob.username)
        await sio.disconnect()
        return online, listed_online, from_socketio, listed_one_tab, offline

    online, listed_online, from_socketio, listed_one_tab, offline = asyncio.run(scenario())

    assert online == {"type": "presence", "username": bob.username, "online": True}
    assert from_socketio == online
    assert listed_online["partner_online"] is True and listed_online["partner_last_seen_at"]
    assert listed_one_tab["partner_online"] is True  # online until the last tab closes
    assert offline == {"type": "presence", "username": bob.username, "online": False}
    assert _partner(alice, bob.username)["partner_online"] is False


def test_a_buyer_who_searched_a_category_sees_it_first_in_recommendations():
    seller = Account().signup()
    become_seller(seller)
    gig = create_gig(seller, uuid.uuid4().hex[:10])
    assert seller.put(f"/api/v1/gigs/{gig['id']}", json={"category": "music-audio"}).status_code == HTTPStatus.OK
    buyer = Account().signup()
    anonymous = money(Account().get("/api/v1/gigs/recommended"))
    assert anonymous["total"] >= 1

    search = buyer.get("/api/v1/gigs/search", params={"category": "music-audio"})
    assert search.status_code == HTTPStatus.OK and search.json()["total"] >= 1
    recommended = money(buyer.get("/api/v1/gigs/recommended", params={"size": 5}))
    own = money(seller.get("/api/v1/gigs/recommended", params={"size": 50}))

    assert recommended["items"][0]["category"] == "music-audio"
    assert gig["id"] not in {item["id"] for item in own["items"]}


def _seed() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "deploy.local.demo_seed", "--gateway", GATEWAY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_after_seed_a_seeded_seller_signs_in_and_their_rating_is_their_reviews():
    sys.path.insert(0, str(ROOT))
    from deploy.local.demo_cast import BUYERS, DEMO_PASSWORD, ORDERS, SELLERS

    _seed()
    second = _seed()
    assert second.splitlines()[0] == f"accounts existing: {len(SELLERS) + len(BUYERS)}", second  # nothing added twice

    seller = Account()
    seller.username = "demo_ava_costa"
    signin = seller.client.post("/api/v1/auth/signin", json={"username": seller.username, "password": DEMO_PASSWORD})
    assert signin.status_code == HTTPStatus.OK, signin.text
    expected = [stars for _buyer, name, _gig, stars, _text in ORDERS if name == seller.username]
    profile = seller_profile(seller, until=lambda p: p["ratings_count"] == len(expected))
    reviews = money(seller.get(f"/api/v1/reviews/seller/{profile['id']}", params={"size": 50}))
    buyer_reviews = [review for review in reviews["items"] if review["reviewer_role"] == "buyer"]

    assert (profile["ratings_count"], profile["rating_sum"]) == (len(expected), sum(expected))
    assert sorted(review["rating"] for review in buyer_reviews) == sorted(expected)
    assert profile["completed_jobs"] == len(expected)
    orders = money(seller.get("/api/v1/orders/seller/me", params={"status": "completed", "size": 100}))
    assert profile["total_earnings"] == sum(order["subtotal"] for order in orders["items"])
