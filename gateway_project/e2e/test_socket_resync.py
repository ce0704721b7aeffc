"""A client whose sockets drop while messages are sent gets what it missed, in order and once, on reconnect.

Through the gateway, as a client would: the plain WebSockets with ``?last_id=``
and the npm socket.io-client with ``auth: {last_message_id, last_notification_id}``.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from http import HTTPStatus
from pathlib import Path

import pytest
import websockets
from conftest import poll
from market import WS_GATEWAY, Account

SOCKET_TIMEOUT = 10
GATEWAY_PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def buyer():
    account = Account().signup()
    yield account
    account.close()


@pytest.fixture
def seller():
    account = Account().signup()
    yield account
    account.close()


async def next_frame(socket, kind: str) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT))
        if frame.get("type") == kind:
            return frame


async def frames_until(socket, last: str) -> tuple[list[dict], dict]:
    frames = []
    while (frame := json.loads(await asyncio.wait_for(socket.recv(), SOCKET_TIMEOUT)))["type"] != last:
        frames.append(frame)
    return frames, frame


def send(buyer: Account, seller: Account, body: str) -> dict:
    response = buyer.post("/api/v1/chat/messages", json={"receiver_username": seller.username, "body": body})
    assert response.status_code == HTTPStatus.CREATED, response.text
    return response.json()


def chat_notifications_after(account: Account, last_seen: str, count: int) -> list[str]:
    """The ids of the account's chat notifications newer than ``last_seen``, oldest first, once there are
    ``count`` of them (bounded wait: the events are applied by notification's worker)."""

    def newer(response) -> list[str]:
        items = response.json()["items"] if response.status_code == 200 else []
        return sorted(
            (i["id"] for i in items if i["kind"] == "chat_message" and int(i["id"]) > int(last_seen)), key=int
        )

    inbox = poll(lambda: account.get("/api/v1/notifications", params={"size": 100}), lambda r: len(newer(r)) >= count)
    assert len(newer(inbox)) == count, inbox.text
    return newer(inbox)


async def seen_before_the_drop(buyer: Account, seller: Account) -> tuple[str, str]:
    """The seller's sockets see one message and its notification, then drop; the ids seen last."""
    # Chat learns a user from auth.user.created or from their own request; make sure of the latter.
    assert seller.get("/api/v1/chat/conversations").status_code == HTTPStatus.OK
    headers = seller.socket_headers
    async with (
        websockets.connect(f"{WS_GATEWAY}/ws/chat/", additional_headers=headers) as chat,
        websockets.connect(f"{WS_GATEWAY}/ws/notifications/", additional_headers=headers) as notifications,
    ):
        await next_frame(notifications, "ready")
        await asyncio.to_thread(send, buyer, seller, "before the drop")
        message = (await next_frame(chat, "chat.message"))["message"]
        notification = (await next_frame(notifications, "notification"))["notification"]
    return message["id"], notification["id"]


def test_plain_sockets_get_what_they_missed_in_order_once(buyer, seller):
    async def scenario():
        last_message, last_notification = await seen_before_the_drop(buyer, seller)
        missed = [send(buyer, seller, f"while away {n}")["id"] for n in range(3)]
        missed_notifications = chat_notifications_after(seller, last_notification, 3)

        query = f"?last_id={last_message}"
        async with websockets.connect(
            f"{WS_GATEWAY}/ws/chat/{query}", additional_headers=seller.socket_headers
        ) as chat:
            replayed, done = await frames_until(chat, "chat.resync")
        query = f"?last_id={last_notification}"
        async with websockets.connect(
            f"{WS_GATEWAY}/ws/notifications/{query}", additional_headers=seller.socket_headers
        ) as inbox:
            await next_frame(inbox, "ready")
            notified, notified_done = await frames_until(inbox, "notification.resync")
        return missed, missed_notifications, replayed, done, notified, notified_done

    missed, missed_notifications, replayed, done, notified, notified_done = asyncio.run(scenario())

    assert [f["message"]["id"] for f in replayed] == missed
    assert [f["message"]["body"] for f in replayed] == ["while away 0", "while away 1", "while away 2"]
    assert done == {"type": "chat.resync", "count": 3, "more": False}
    assert [f["notification"]["id"] for f in notified] == missed_notifications
    assert notified_done == {"type": "notification.resync", "count": 3, "more": False}


@pytest.fixture(scope="module")
def node_client():
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip(reason="the Socket.IO resync test needs Node.js and npm on the machine")
    if not (GATEWAY_PROJECT / "node_modules" / "socket.io-client").exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund"], cwd=GATEWAY_PROJECT, check=True, capture_output=True
        )
    return Path(__file__).with_name("socketio_resync_client.mjs")


def test_the_npm_socketio_client_gets_what_it_missed_in_order_once(buyer, seller, node_client):
    last_message, last_notification = asyncio.run(seen_before_the_drop(buyer, seller))
    missed = [send(buyer, seller, f"while away {n}")["id"] for n in range(2)]
    missed_notifications = chat_notifications_after(seller, last_notification, 2)
    from conftest import GATEWAY

    auth = {"last_message_id": last_message, "last_notification_id": last_notification}
    completed = subprocess.run(
        [
            "node",
            str(node_client),
            GATEWAY,
            f"access_token={seller.client.cookies.get('access_token')}",
            json.dumps(auth),
        ],
        cwd=GATEWAY_PROJECT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    result = (
        json.loads(completed.stdout.strip().splitlines()[-1])
        if completed.stdout.strip()
        else {"stderr": completed.stderr}
    )

    assert result.get("connected") is True, result
    chat = [event["id"] for event in result["events"] if event["type"] == "chat.message"]
    notifications = [event["id"] for event in result["events"] if event["type"] == "notification"]
    assert chat == missed, result
    assert notifications == missed_notifications, result
    assert result["resynced"] == {
        "chat.resync": {"type": "chat.resync", "count": 2, "more": False},
        "notification.resync": {"type": "notification.resync", "count": 2, "more": False},
    }
