import json

import pytest_asyncio
from channels.testing import WebsocketCommunicator

from shared.testing.tokens import gateway_token, user_token


def socket_for(user_id=None, username=None, *, token=None, gateway=True, lifetime=300) -> WebsocketCommunicator:
    """A socket to /ws/chat/ as the gateway opens it: its own token plus the user's bearer token."""
    from config.asgi import application

    headers = []
    if gateway:
        headers.append((b"x-gateway-token", gateway_token("chat").encode()))
    if token is None and user_id is not None:
        token = user_token(user_id, username, lifetime=lifetime)
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    return WebsocketCommunicator(application, "/ws/chat/", headers=headers)


async def frame(socket: WebsocketCommunicator, timeout: float = 2) -> dict:
    return json.loads(await socket.receive_from(timeout=timeout))


@pytest_asyncio.fixture
async def sockets(alice, bob, carol):
    """Connected sockets of Alice, Bob and Carol, closed after the test."""
    opened = {}
    for user in (alice, bob, carol):
        socket = socket_for(user.id, user.username)
        connected, _ = await socket.connect()
        assert connected
        opened[user.username] = socket
    yield opened
    for socket in opened.values():
        # A consumer idle on the Redis layer finishes only when its blocking read times out;
        # cut that short, the test is over (daphne does not wait for it either).
        await socket.disconnect(timeout=0.2)
