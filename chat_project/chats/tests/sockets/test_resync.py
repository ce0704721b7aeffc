"""Reconnecting with ``?last_id=``: what was missed while away, in order and once (real Redis layer, real MongoDB)."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from chats import consumers, selectors
from chats.tests.factories import send
from chats.tests.sockets.conftest import frame, socket_for
from shared.testing.tokens import gateway_token, user_token

pytestmark = pytest.mark.asyncio


def resyncing_socket(user, last_id: str) -> WebsocketCommunicator:
    from config.asgi import application

    headers = [
        (b"x-gateway-token", gateway_token("chat").encode()),
        (b"authorization", f"Bearer {user_token(user.id, user.username)}".encode()),
    ]
    return WebsocketCommunicator(application, f"/ws/chat/?last_id={last_id}", headers=headers)


async def connected(socket: WebsocketCommunicator) -> WebsocketCommunicator:
    ok, _ = await socket.connect()
    assert ok
    return socket


async def frames_until_resync(socket) -> tuple[list[dict], dict]:
    replayed = []
    while (received := await frame(socket))["type"] != "chat.resync":
        replayed.append(received)
    return replayed, received


async def test_a_dropped_socket_gets_what_it_missed_in_order_once(alice, bob, carol, published_events):
    socket = await connected(socket_for(bob.id, bob.username))
    seen = await sync_to_async(send)(alice, "bob", "before the drop")
    last_seen = (await frame(socket))["message"]["id"]
    await socket.disconnect(timeout=0.2)

    bodies = ["while away 1", "while away 2", "while away 3"]
    for body, sender in zip(bodies, (alice, carol, alice)):
        await sync_to_async(send)(sender, "bob", body)
    await sync_to_async(send)(alice, "carol", "not for bob")

    socket = await connected(resyncing_socket(bob, last_seen))
    replayed, done = await frames_until_resync(socket)

    assert [f["message"]["body"] for f in replayed] == bodies
    assert all(f["type"] == "chat.message" and f["message"]["receiver_id"] == bob.id for f in replayed)
    assert done == {"type": "chat.resync", "count": 3, "more": False}
    assert str(seen.pk) not in [f["message"]["id"] for f in replayed]
    assert await socket.receive_nothing(timeout=0.3)

    await sync_to_async(send)(alice, "bob", "live again")
    assert (await frame(socket))["message"]["body"] == "live again"
    await socket.disconnect(timeout=0.2)


async def test_messages_the_user_sent_elsewhere_are_replayed_too(alice, bob, published_events):
    first = await sync_to_async(send)(alice, "bob", "hi")
    await sync_to_async(send)(bob, "alice", "sent from bob's phone")

    socket = await connected(resyncing_socket(bob, str(first.pk)))
    replayed, done = await frames_until_resync(socket)

    assert [f["message"]["body"] for f in replayed] == ["sent from bob's phone"]
    assert done["count"] == 1
    await socket.disconnect(timeout=0.2)


async def test_a_message_both_read_and_pushed_during_the_reconnect_arrives_once(
    alice, bob, published_events, monkeypatch
):
    first = await sync_to_async(send)(alice, "bob", "seen")
    read_missed = selectors.messages_missed

    def send_then_read(**kwargs):
        # Committed and pushed after the socket joined its group, before the missed messages are read:
        # it is in the replay and queued as a live frame.
        send(alice, "bob", "in between")
        return read_missed(**kwargs)

    monkeypatch.setattr(selectors, "messages_missed", send_then_read)
    socket = await connected(resyncing_socket(bob, str(first.pk)))
    replayed, done = await frames_until_resync(socket)

    assert [f["message"]["body"] for f in replayed] == ["in between"]
    assert done["count"] == 1
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect(timeout=0.2)


async def test_more_than_one_resync_sends_says_so(alice, bob, published_events, monkeypatch):
    monkeypatch.setattr(consumers, "RESYNC_LIMIT", 2)
    first = await sync_to_async(send)(alice, "bob", "seen")
    for n in range(3):
        await sync_to_async(send)(alice, "bob", f"missed {n}")

    socket = await connected(resyncing_socket(bob, str(first.pk)))
    replayed, done = await frames_until_resync(socket)

    assert [f["message"]["body"] for f in replayed] == ["missed 0", "missed 1"]
    assert done == {"type": "chat.resync", "count": 2, "more": True}
    await socket.disconnect(timeout=0.2)


async def test_nothing_missed_is_an_empty_resync(alice, bob, published_events):
    latest = await sync_to_async(send)(alice, "bob", "latest")

    socket = await connected(resyncing_socket(bob, str(latest.pk)))

    assert await frame(socket) == {"type": "chat.resync", "count": 0, "more": False}
    await socket.disconnect(timeout=0.2)


@pytest.mark.parametrize("last_id", ["nonsense", "", "0123"])
async def test_a_bad_last_id_is_an_error_frame_and_the_socket_stays_open(alice, bob, published_events, last_id):
    socket = await connected(resyncing_socket(bob, last_id))

    error = await frame(socket)
    assert (error["type"], error["code"], list(error["fields"])) == ("error", "invalid_last_id", ["last_id"])

    await sync_to_async(send)(alice, "bob", "still live")
    assert (await frame(socket))["message"]["body"] == "still live"
    await socket.disconnect(timeout=0.2)


async def test_a_socket_without_last_id_replays_nothing(alice, bob, published_events):
    await sync_to_async(send)(alice, "bob", "old")

    socket = await connected(socket_for(bob.id, bob.username))

    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect(timeout=0.2)
