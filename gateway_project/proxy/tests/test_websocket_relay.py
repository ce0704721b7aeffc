"""The WebSocket relay against a real upstream socket server."""

import asyncio

import aiohttp

from proxy.tests.fixtures import free_port, sign_in
from shared.testing.tokens import user_token


async def open_sockets(session) -> int:
    return (await (await session.get("/api/v1/chat/sockets-open")).json())["open"]


async def test_frames_flow_both_ways_with_the_users_identity(gateway):
    async with gateway.session() as session:
        await sign_in(session, "grace")
        async with session.ws_connect("/ws/chat/", headers={"X-Request-ID": "socket-request-01"}) as ws:
            hello = await ws.receive_json(timeout=5)
            await ws.send_json({"type": "chat.message", "receiver_username": "heidi", "body": "hi"})
            echo = await ws.receive_json(timeout=5)

        assert hello == {"type": "hello", "user": "grace", "service": "chat", "request_id": "socket-request-01"}
        assert echo == {"type": "echo", "data": {"type": "chat.message", "receiver_username": "heidi", "body": "hi"}}


async def test_the_notification_socket_reaches_the_notification_service(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        async with session.ws_connect("/ws/notifications/") as ws:
            hello = await ws.receive_json(timeout=5)

        assert hello["service"] == "notification"


async def test_the_query_reaches_the_service_so_a_client_can_resync(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        async with session.ws_connect("/ws/chat/?last_id=6750a1b2c3d4e5f601234567") as ws:
            hello = await ws.receive_json(timeout=5)

        assert hello["query"] == "last_id=6750a1b2c3d4e5f601234567"


async def test_a_socket_without_a_session_is_closed_with_4401(gateway):
    async with gateway.session() as session, session.ws_connect("/ws/chat/") as ws:
        message = await ws.receive(timeout=5)

        assert message.type == aiohttp.WSMsgType.CLOSE
        assert (ws.close_code, message.extra) == (4401, "not_authenticated")


async def test_a_socket_from_a_foreign_origin_is_closed_with_4403(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        async with session.ws_connect("/ws/chat/", headers={"Origin": "https://evil.example"}) as ws:
            await ws.receive(timeout=5)

        assert ws.close_code == 4403


async def test_an_expiring_token_closes_the_socket_with_token_expired(gateway):
    async with gateway.session() as session:
        # Long enough that a loaded machine still sees the upstream's hello before the expiry.
        session.cookie_jar.update_cookies({"access_token": user_token("5", "ivan", lifetime=3)})
        async with session.ws_connect("/ws/chat/") as ws:
            assert (await ws.receive_json(timeout=5))["type"] == "hello"
            message = await ws.receive(timeout=8)

        assert message.type == aiohttp.WSMsgType.CLOSE
        assert (ws.close_code, message.extra) == (4401, "token_expired")


async def test_the_upstream_closing_closes_the_client_with_its_code(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        async with session.ws_connect("/ws/chat/") as ws:
            await ws.receive_json(timeout=5)
            await ws.send_json({"type": "close-me", "code": 3})
            message = await ws.receive(timeout=5)

        assert message.type == aiohttp.WSMsgType.CLOSE
        assert ws.close_code == 4003


async def test_the_client_closing_closes_the_upstream(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        ws = await session.ws_connect("/ws/chat/")
        await ws.receive_json(timeout=5)
        during = await open_sockets(session)
        await ws.close()
        for _ in range(50):
            if await open_sockets(session) == during - 1:
                break
            await asyncio.sleep(0.05)

        assert await open_sockets(session) == during - 1


async def test_an_unreachable_socket_service_closes_with_1013(make_gateway, gateway_config):
    dead = {**gateway_config.upstreams, "chat": [f"http://127.0.0.1:{free_port()}"]}
    async with make_gateway(upstreams=dead) as gw, gw.session() as session:
        await sign_in(session)
        async with session.ws_connect("/ws/chat/") as ws:
            await ws.receive(timeout=5)

        assert ws.close_code == 1013


async def test_unknown_socket_paths_are_refused(gateway):
    async with gateway.session() as session:
        try:
            async with session.ws_connect("/ws/elsewhere/") as ws:
                await ws.receive(timeout=5)
            refused = ws.close_code is not None
        except aiohttp.WSServerHandshakeError:
            refused = True

        assert refused
