"""An order from payment to review, end to end through the gateway.

Order publishes order.created/delivered/completed; users keeps the seller's
job counters and earnings from them, notification fills the inbox and pushes
to the socket; review publishes review.created, which users and gig count into
the seller's and the gig's ratings. Each story uses a fresh seller so the
counters it checks start at zero.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from http import HTTPStatus

import websockets
from conftest import poll
from market import WS_GATEWAY, Account, money, place_order, seller_profile

SOCKET_TIMEOUT = 15


async def _notification_about(socket, order_id: str) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT))
        if frame.get("type") == "notification" and frame["notification"]["data"].get("order_id") == order_id:
            return frame["notification"]


def _order_with_live_notice(seller: Account, buyer: Account) -> tuple[dict, dict]:
    """Place the order while the seller's notification socket is open; answer the order and the pushed notice."""

    async def scenario():
        url = f"{WS_GATEWAY}/ws/notifications/"
        async with websockets.connect(url, additional_headers=seller.socket_headers) as socket:
            ready = json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT))
            assert ready == {"type": "ready", "user_id": seller.user_id}
            order = await asyncio.to_thread(place_order, buyer, seller.gig["id"])
            return order, await _notification_about(socket, order["id"])

    return asyncio.run(scenario())


def test_an_order_from_payment_to_completion(market, buyer, outsider):
    seller, gig = market, market.gig

    order, pushed = _order_with_live_notice(seller, buyer)

    # Placed: paid through the sandbox provider, in progress, visible to its two parties only.
    assert order["status"] == "in_progress"
    assert order["gig_id"] == gig["id"]
    assert order["price"] == gig["price"] == Decimal("25.50")
    assert order["seller_id"] == seller.profile["id"]
    assert order["seller_user_id"] == seller.user_id
    assert order["buyer_id"] == buyer.user_id
    assert order["total"] == order["subtotal"] + order["service_fee"]
    path = f"/api/v1/orders/{order['id']}"
    for party in (buyer, seller):
        read = party.get(path)
        assert read.status_code == HTTPStatus.OK, read.text
        assert read.json()["id"] == order["id"]
    assert outsider.get(path).status_code == HTTPStatus.FORBIDDEN
    assert order["id"] in [item["id"] for item in seller.get("/api/v1/orders/seller/me").json()["items"]]

    # The seller is told: live on the socket and in the inbox.
    assert pushed["kind"] == "order_received"
    inbox = poll(
        lambda: seller.get("/api/v1/notifications"),
        lambda r: any(n["data"].get("order_id") == order["id"] for n in r.json()["items"]),
    )
    notices = [n for n in inbox.json()["items"] if n["data"].get("order_id") == order["id"]]
    assert [n["kind"] for n in notices] == ["order_received"]
    assert notices[0]["id"] == pushed["id"]
    assert inbox.json()["unread"] >= 1

    # users counts the job from order.created.
    assert seller_profile(seller, until=lambda p: p["ongoing_jobs"] == 1)["ongoing_jobs"] == 1

    # Only the seller delivers; only from in_progress.
    refused = buyer.post(f"{path}/deliver", json={"message": "I deliver to myself"})
    assert refused.status_code == HTTPStatus.FORBIDDEN, refused.text
    delivered = seller.post(f"{path}/deliver", json={"message": "Your logo", "files": ["https://example.com/logo.svg"]})
    assert delivered.status_code == HTTPStatus.OK, delivered.text
    assert delivered.json()["status"] == "delivered"
    assert seller.post(f"{path}/deliver", json={"message": "Again"}).status_code == HTTPStatus.CONFLICT

    approved = buyer.post(f"{path}/approve")
    assert approved.status_code == HTTPStatus.OK, approved.text
    assert approved.json()["status"] == "completed"
    again = buyer.post(f"{path}/approve")
    assert again.status_code == HTTPStatus.CONFLICT, again.text
    assert buyer.get(path).json()["status"] == "completed"

    # users moves the job to completed and adds the price to the earnings (order.completed).
    profile = seller_profile(seller, until=lambda p: p["completed_jobs"] == 1)
    assert (profile["ongoing_jobs"], profile["completed_jobs"], profile["cancelled_jobs"]) == (0, 1, 0)
    assert profile["total_earnings"] == order["price"]
    # users remembers the purchase for the buyer (order.completed); notification tells each side its news.
    purchases = poll(lambda: buyer.get("/api/v1/buyers/me"), lambda r: gig["id"] in r.json()["purchased_gigs"])
    assert purchases.json()["purchased_gigs"] == [gig["id"]]
    assert "order_delivered" in _kinds_about(buyer, order["id"], until="order_delivered")
    assert "order_completed" in _kinds_about(seller, order["id"], until="order_completed")


def _kinds_about(account: Account, order_id: str, until: str) -> list[str]:
    """The kinds of the account's notifications about an order, polled until one of kind ``until`` is there."""

    def kinds(response):
        return [n["kind"] for n in response.json()["items"] if n["data"].get("order_id") == order_id]

    return kinds(poll(lambda: account.get("/api/v1/notifications"), lambda r: until in kinds(r)))


def _complete(seller: Account, buyer: Account, order_id: str) -> None:
    path = f"/api/v1/orders/{order_id}"
    assert seller.post(f"{path}/deliver", json={"message": "Done"}).status_code == HTTPStatus.OK
    assert buyer.post(f"{path}/approve").status_code == HTTPStatus.OK


def test_the_buyer_reviews_a_completed_order_once_and_the_ratings_follow(market, buyer, outsider):
    seller, gig = market, market.gig
    order = place_order(buyer, gig["id"])
    review = {"order_id": order["id"], "rating": 4, "review": "Lovely logo, one round of changes needed."}

    # review learns of the order from order.created, and of its completion from order.completed:
    # each answer is retried only while the event that changes it may still be on its way.
    early = poll(lambda: buyer.post("/api/v1/reviews", json=review), lambda r: _code(r) != "order_not_found")
    assert early.status_code == HTTPStatus.CONFLICT, early.text
    _complete(seller, buyer, order["id"])
    created = poll(lambda: buyer.post("/api/v1/reviews", json=review), lambda r: _code(r) != "order_not_completed")
    assert created.status_code == HTTPStatus.CREATED, created.text
    stranger = outsider.post("/api/v1/reviews", json=review)
    assert stranger.status_code == HTTPStatus.FORBIDDEN, stranger.text
    assert created.json()["gig_id"] == gig["id"]
    assert created.json()["seller_id"] == seller.profile["id"]
    assert created.json()["reviewer_role"] == "buyer"
    twice = buyer.post("/api/v1/reviews", json={**review, "rating": 5})
    assert twice.status_code == HTTPStatus.CONFLICT, twice.text

    listed = buyer.get(f"/api/v1/reviews/gig/{gig['id']}")
    assert listed.status_code == HTTPStatus.OK
    assert [item["id"] for item in listed.json()["items"]] == [created.json()["id"]]
    assert listed.json()["summary"]["count"] == 1
    by_seller = buyer.get(f"/api/v1/reviews/seller/{seller.profile['id']}")
    assert [item["id"] for item in by_seller.json()["items"]] == [created.json()["id"]]

    # users and gig count review.created into their ratings.
    profile = seller_profile(seller, until=lambda p: p["ratings_count"] == 1)
    assert (profile["ratings_count"], profile["rating_sum"]) == (1, 4)
    assert profile["rating_categories"]["4"] == 1
    rated = poll(lambda: buyer.get(f"/api/v1/gigs/{gig['id']}"), lambda r: r.json()["ratings_count"] == 1)
    assert (rated.json()["ratings_count"], rated.json()["rating_sum"]) == (1, 4)
    assert rated.json()["average_rating"] == 4.0
    assert "review_received" in _kinds_about(seller, order["id"], until="review_received")


def test_a_custom_offer_from_chat_becomes_an_order_at_the_offer_price(market, buyer):
    seller, gig = market, market.gig
    offer = seller.post(
        "/api/v1/chat/messages",
        json={
            "receiver_username": buyer.username,
            "body": "Logo plus a palette?",
            "gig_id": gig["id"],
            "offer": {"price": 40, "description": "Logo and a five-colour palette", "delivery_in_days": 5},
        },
    )
    assert offer.status_code == HTTPStatus.CREATED, offer.text
    accepted = buyer.post(f"/api/v1/chat/offers/{offer.json()['id']}/accept")
    assert accepted.status_code == HTTPStatus.OK, accepted.text
    assert accepted.json()["offer"]["status"] == "accepted"

    intent = buyer.post("/api/v1/orders/payment-intents", json={"offer_message_id": offer.json()["id"]})
    assert intent.status_code == HTTPStatus.CREATED, intent.text
    assert money(intent)["price"] == Decimal("40.00")
    order = buyer.post(
        "/api/v1/orders", json={"payment_intent_id": intent.json()["payment_intent_id"], "gig_id": gig["id"]}
    )

    assert order.status_code == HTTPStatus.CREATED, order.text
    assert money(order)["price"] == Decimal("40.00")
    assert order.json()["offer_id"] == offer.json()["id"]
    assert order.json()["seller_user_id"] == seller.user_id


def _code(response) -> str | None:
    """The error code of a JSON error answer, else None."""
    if response.status_code < 400:
        return None
    return response.json().get("code")
