"""A buyer and a seller use the marketplace, end to end through the gateway.

Sign up, become a seller, publish a gig, find it, talk about it (REST and the
chat socket), pay for it, deliver, approve, review. Each effect another service
learns through RabbitMQ (users' counters, gig ratings, notifications) is polled
with a timeout, never slept for.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from http import HTTPStatus

import httpx
import pytest
import websockets
from conftest import GATEWAY, poll
from market import WS_GATEWAY, Account, become_seller, create_gig, money, seller_profile

SOCKET_TIMEOUT = 10


@pytest.fixture(scope="module")
def seller():
    account = Account().signup()
    account.profile = become_seller(account)
    account.gig = create_gig(account, "lanternfish")
    yield account
    account.close()


def test_becoming_a_seller_keeps_the_account_and_starts_every_counter_at_zero(seller):
    profile = seller.profile

    assert profile["user_id"] == seller.user_id
    assert profile["username"] == seller.username
    assert profile["skills"] == ["logo design", "branding"]
    # users marks the buyer profile in the same write.
    assert seller.get("/api/v1/buyers/me").json()["is_seller"] is True
    for counter in ("ongoing_jobs", "completed_jobs", "cancelled_jobs", "ratings_count", "rating_sum"):
        assert profile[counter] == 0, counter


def test_a_new_gig_is_findable_and_counted_on_the_sellers_profile(seller, buyer):
    gig = seller.gig

    found = poll(
        lambda: buyer.get("/api/v1/gigs/search", params={"q": "lanternfish"}),
        lambda r: r.status_code == HTTPStatus.OK and any(item["id"] == gig["id"] for item in r.json()["items"]),
    )
    assert [item["id"] for item in found.json()["items"]].count(gig["id"]) == 1, found.text
    detail = buyer.get(f"/api/v1/gigs/{gig['id']}")
    assert detail.status_code == HTTPStatus.OK
    assert money(detail)["price"] == gig["price"] == Decimal("25.50")
    assert detail.json()["seller_id"] == seller.profile["id"]
    assert detail.json()["seller_user_id"] == seller.user_id
    # users counts the gig from gig.created.
    assert seller_profile(seller, until=lambda p: p["total_gigs"] == 1)["total_gigs"] == 1
    public = buyer.get(f"/api/v1/sellers/{seller.profile['id']}")
    assert public.status_code == HTTPStatus.OK
    assert public.json()["total_gigs"] == 1


def _conversation_with(account: Account, user_id: str) -> dict | None:
    response = account.get("/api/v1/chat/conversations")
    assert response.status_code == HTTPStatus.OK, response.text
    for conversation in response.json()["items"]:
        if conversation["other_participant"]["user_id"] == user_id:
            return conversation
    return None


def test_the_buyer_messages_the_seller_by_username_and_the_seller_sees_it_unread(seller, buyer):
    before = _conversation_with(seller, buyer.user_id)
    unread_before = before["unread_count"] if before else 0

    sent = buyer.post(
        "/api/v1/chat/messages",
        json={
            "receiver_username": seller.username,
            "body": "Could the logo use a lantern?",
            "gig_id": seller.gig["id"],
        },
    )

    assert sent.status_code == HTTPStatus.CREATED, sent.text
    assert sent.json()["receiver_id"] == seller.user_id
    conversation = _conversation_with(seller, buyer.user_id)
    assert conversation is not None
    assert conversation["id"] == sent.json()["conversation_id"]
    assert conversation["unread_count"] == unread_before + 1
    assert conversation["latest_message"]["body"] == "Could the logo use a lantern?"
    messages = buyer.get(f"/api/v1/chat/conversations/{conversation['id']}/messages")
    assert messages.status_code == HTTPStatus.OK
    assert messages.json()["items"][-1]["id"] == sent.json()["id"]


def test_a_conversation_is_closed_to_a_third_user(seller, buyer, outsider):
    sent = buyer.post("/api/v1/chat/messages", json={"receiver_username": seller.username, "body": "Still there?"})
    assert sent.status_code == HTTPStatus.CREATED, sent.text

    peek = outsider.get(f"/api/v1/chat/conversations/{sent.json()['conversation_id']}/messages")

    assert peek.status_code == HTTPStatus.FORBIDDEN, peek.text


async def _next_frame(socket, kind: str) -> dict:
    """The next frame of a type, skipping others (typing, ready)."""
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT))
        if frame.get("type") == kind:
            return frame


def test_the_chat_socket_pushes_a_message_to_the_receiver_and_to_nobody_else(seller, buyer, outsider):
    async def scenario():
        chat = f"{WS_GATEWAY}/ws/chat/"
        async with (
            websockets.connect(chat, additional_headers=seller.socket_headers) as seller_socket,
            websockets.connect(chat, additional_headers=outsider.socket_headers) as outsider_socket,
        ):
            sent = await asyncio.to_thread(
                buyer.post, "/api/v1/chat/messages", json={"receiver_username": seller.username, "body": "Live hello"}
            )
            assert sent.status_code == HTTPStatus.CREATED, sent.text
            pushed = await _next_frame(seller_socket, "chat.message")
            assert pushed["message"]["id"] == sent.json()["id"]
            assert pushed["message"]["body"] == "Live hello"
            # Frames reach a socket in order, so if the buyer's frame had gone to the outsider it would
            # arrive before the outsider's own next message: the first chat frame must be their own.
            own = await asyncio.to_thread(
                outsider.post, "/api/v1/chat/messages", json={"receiver_username": buyer.username, "body": "Unrelated"}
            )
            assert own.status_code == HTTPStatus.CREATED, own.text
            first = await _next_frame(outsider_socket, "chat.message")
            assert first["message"]["id"] == own.json()["id"]

    asyncio.run(scenario())


def test_a_message_sent_on_the_socket_reaches_both_sockets_and_typing_reaches_the_other(seller, buyer):
    async def scenario():
        chat = f"{WS_GATEWAY}/ws/chat/"
        async with (
            websockets.connect(chat, additional_headers=buyer.socket_headers) as buyer_socket,
            websockets.connect(chat, additional_headers=seller.socket_headers) as seller_socket,
        ):
            await buyer_socket.send(
                json.dumps(
                    {"type": "chat.message", "receiver_username": seller.username, "body": "Sent from the socket"}
                )
            )
            mine = await _next_frame(buyer_socket, "chat.message")
            theirs = await _next_frame(seller_socket, "chat.message")
            assert mine == theirs
            assert (mine["message"]["sender_id"], mine["message"]["body"]) == (buyer.user_id, "Sent from the socket")
            conversation_id = mine["message"]["conversation_id"]
            await seller_socket.send(json.dumps({"type": "chat.typing", "conversation_id": conversation_id}))
            typing = await _next_frame(buyer_socket, "chat.typing")
            assert (typing["conversation_id"], typing["user_id"]) == (conversation_id, seller.user_id)

    asyncio.run(scenario())


def test_a_socket_without_the_access_cookie_is_closed_with_4401():
    async def scenario():
        async with websockets.connect(f"{WS_GATEWAY}/ws/chat/") as socket:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT)
            return closed.value.rcvd.code

    assert asyncio.run(scenario()) == 4401


def test_the_buyer_cannot_change_the_sellers_gig(seller, buyer):
    response = buyer.put(f"/api/v1/gigs/{seller.gig['id']}", json={"price": 5})

    assert response.status_code == HTTPStatus.FORBIDDEN, response.text
    assert money(seller.get(f"/api/v1/gigs/{seller.gig['id']}"))["price"] == seller.gig["price"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/sellers", {}),
        ("POST", "/api/v1/gigs", {}),
        ("PUT", "/api/v1/gigs/{gig_id}", {"price": 5}),
        ("POST", "/api/v1/chat/messages", {"receiver_username": "anyone", "body": "hi"}),
        ("GET", "/api/v1/chat/conversations", None),
        ("POST", "/api/v1/orders/payment-intents", {"gig_id": "{gig_id}"}),
        ("GET", "/api/v1/orders/buyer/me", None),
        ("POST", "/api/v1/reviews", {"order_id": "x", "rating": 5, "review": "ok"}),
        ("GET", "/api/v1/notifications", None),
    ],
)
def test_no_cookie_means_401(seller, method, path, body):
    gig_id = seller.gig["id"]
    if body and body.get("gig_id") == "{gig_id}":
        body = {"gig_id": gig_id}

    response = httpx.request(method, f"{GATEWAY}{path.format(gig_id=gig_id)}", json=body)

    assert response.status_code == HTTPStatus.UNAUTHORIZED, response.text
    assert response.json()["code"] == "not_authenticated"
