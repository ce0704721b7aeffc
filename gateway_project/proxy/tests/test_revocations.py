"""Ended sessions: an access token is refused at once, and its open sockets are closed (ADR 0009).

Revocations are written the way auth writes them (``shared.revocation.write``), to the
Redis the gateway under test follows; no request to auth is involved in the refusal.
"""

import uuid

import aiohttp
import redis
import socketio

from shared import revocation
from shared.testing.tokens import user_token


def revoke(gateway, *, user_id: str, session_ids=(), not_before=None) -> None:
    client = redis.Redis.from_url(gateway.gateway.config.revocation_redis_url)
    revocation.write(client, user_id=user_id, session_ids=session_ids, not_before=not_before, retention=900)


def signed_in(gateway, user_id: str, sid: str, **claims) -> aiohttp.ClientSession:
    session = gateway.session()
    session.cookie_jar.update_cookies({"access_token": user_token(user_id, f"user{user_id}", sid=sid, **claims)})
    return session


async def who(session) -> str | None:
    return (await (await session.get("/api/v1/buyers/me")).json())["user"]


async def test_a_revoked_sessions_token_is_refused_on_the_next_request(gateway):
    user_id, sid = str(uuid.uuid4().int % 10**9), uuid.uuid4().hex
    async with signed_in(gateway, user_id, sid) as session, signed_in(gateway, user_id, uuid.uuid4().hex) as other:
        assert await who(session) == f"user{user_id}"

        revoke(gateway, user_id=user_id, session_ids=[sid])

        assert await who(session) is None  # forwarded without the bearer token: not signed in
        assert await who(other) == f"user{user_id}"  # the user's other session goes on


async def test_a_users_not_before_refuses_older_tokens_only(gateway):
    user_id = str(uuid.uuid4().int % 10**9)
    async with signed_in(gateway, user_id, "", iat=1_000_000_000) as old, signed_in(gateway, user_id, "") as new:
        revoke(gateway, user_id=user_id, not_before=1_500_000_000)

        assert await who(old) is None
        assert await who(new) == f"user{user_id}"


async def test_a_socket_of_a_revoked_session_is_closed_with_4401(gateway):
    user_id, sid = str(uuid.uuid4().int % 10**9), uuid.uuid4().hex
    async with signed_in(gateway, user_id, sid) as session, session.ws_connect("/ws/chat/") as ws:
        assert (await ws.receive_json(timeout=5))["type"] == "hello"

        revoke(gateway, user_id=user_id, session_ids=[sid])
        message = await ws.receive(timeout=5)

        assert message.type == aiohttp.WSMsgType.CLOSE
        assert (ws.close_code, message.extra) == (4401, "token_revoked")


async def test_a_revoked_token_cannot_open_a_socket(gateway):
    user_id, sid = str(uuid.uuid4().int % 10**9), uuid.uuid4().hex
    revoke(gateway, user_id=user_id, session_ids=[sid])
    async with signed_in(gateway, user_id, sid) as session, session.ws_connect("/ws/chat/") as ws:
        message = await ws.receive(timeout=5)

        assert (ws.close_code, message.extra) == (4401, "token_revoked")


async def test_a_socketio_connection_of_a_revoked_session_hears_it_and_is_disconnected(gateway):
    user_id, sid = str(uuid.uuid4().int % 10**9), uuid.uuid4().hex
    client = socketio.AsyncClient(reconnection=False)
    heard = []
    client.on("session.revoked", lambda data: heard.append(data))
    cookie = f"access_token={user_token(user_id, 'sio', sid=sid)}"
    await client.connect(gateway.url, headers={"Cookie": cookie}, transports=["websocket"], wait_timeout=5)

    revoke(gateway, user_id=user_id, session_ids=[sid])
    await client.wait()  # returns once the server has disconnected us

    assert heard == [{"code": "token_revoked", "close_code": 4401}]


async def test_signout_all_clears_the_session_cookies(gateway):
    async with gateway.session() as session:
        await session.post("/api/v1/auth/signin", json={"username": "ivan", "password": "correct-horse"})
        response = await session.post(
            "/api/v1/auth/signout-all",
            headers={"X-CSRF-Token": next(c.value for c in session.cookie_jar if c.key == "csrf_token")},
        )

        assert response.status == 200
        assert not {c.key for c in session.cookie_jar} & {"access_token", "refresh_token"}
