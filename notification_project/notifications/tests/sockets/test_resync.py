"""Reconnecting with ``?last_id=``: the notifications missed while away, in order and once (real Redis layer)."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from config.asgi import application

from notifications import consumers, selectors
from notifications.services import notification_create
from notifications.tests.sockets.test_notification_socket import connected, new_user_id
from shared.testing.tokens import gateway_token, user_token

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

create = database_sync_to_async(notification_create)


async def reconnected(user_id: str, last_id: str) -> WebsocketCommunicator:
    headers = [
        (b"x-gateway-token", gateway_token("notification").encode()),
        (b"authorization", f"Bearer {user_token(user_id)}".encode()),
    ]
    socket = WebsocketCommunicator(application, f"/ws/notifications/?last_id={last_id}", headers=headers)
    accepted, _ = await socket.connect()
    assert accepted
    assert await socket.receive_json_from() == {"type": "ready", "user_id": user_id}
    return socket


async def until_resync(socket) -> tuple[list[dict], dict]:
    replayed = []
    while (frame := await socket.receive_json_from(timeout=5))["type"] != "notification.resync":
        replayed.append(frame)
    return replayed, frame


async def test_a_dropped_socket_gets_what_it_missed_in_order_once():
    user, other = new_user_id(), new_user_id()
    socket = await connected(user)
    await create(user_id=user, kind="welcome", title="seen")
    last_seen = (await socket.receive_json_from(timeout=5))["notification"]["id"]
    await socket.disconnect()

    for title in ("away 1", "away 2", "away 3"):
        await create(user_id=user, kind="order_received", title=title)
    await create(user_id=other, kind="welcome", title="someone else's")

    socket = await reconnected(user, last_seen)
    replayed, done = await until_resync(socket)

    assert [(f["type"], f["notification"]["title"]) for f in replayed] == [
        ("notification", "away 1"),
        ("notification", "away 2"),
        ("notification", "away 3"),
    ]
    assert done == {"type": "notification.resync", "count": 3, "more": False}
    assert await socket.receive_nothing(timeout=0.3)

    await create(user_id=user, kind="welcome", title="live again")
    assert (await socket.receive_json_from(timeout=5))["notification"]["title"] == "live again"
    await socket.disconnect()


async def test_one_stored_and_pushed_during_the_reconnect_arrives_once(monkeypatch):
    user = new_user_id()
    first = await create(user_id=user, kind="welcome", title="seen")
    read_missed = selectors.notifications_missed

    def create_then_read(**kwargs):
        # Stored and pushed after the socket joined its group, before the missed ones are read.
        notification_create(user_id=user, kind="welcome", title="in between")
        return read_missed(**kwargs)

    monkeypatch.setattr(consumers, "notifications_missed", create_then_read)
    socket = await reconnected(user, str(first.id))
    replayed, done = await until_resync(socket)

    assert [f["notification"]["title"] for f in replayed] == ["in between"]
    assert done["count"] == 1
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()


async def test_more_than_one_resync_sends_says_so(monkeypatch):
    monkeypatch.setattr(consumers, "RESYNC_LIMIT", 2)
    user = new_user_id()
    first = await create(user_id=user, kind="welcome", title="seen")
    for n in range(3):
        await create(user_id=user, kind="welcome", title=f"missed {n}")

    socket = await reconnected(user, str(first.id))
    replayed, done = await until_resync(socket)

    assert [f["notification"]["title"] for f in replayed] == ["missed 0", "missed 1"]
    assert done == {"type": "notification.resync", "count": 2, "more": True}
    await socket.disconnect()


@pytest.mark.parametrize("last_id", ["abc", "", "-1", "9" * 40])
async def test_a_bad_last_id_is_an_error_frame_and_the_socket_stays_open(last_id):
    user = new_user_id()
    socket = await reconnected(user, last_id)

    error = await socket.receive_json_from(timeout=5)
    assert (error["type"], error["code"], list(error["fields"])) == ("error", "invalid_last_id", ["last_id"])

    await create(user_id=user, kind="welcome", title="still live")
    assert (await socket.receive_json_from(timeout=5))["notification"]["title"] == "still live"
    await socket.disconnect()
