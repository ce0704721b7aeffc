"""WebSocket relay: the client's socket at the gateway <-> the service's Channels socket.

The client is authenticated by its access cookie; the upstream socket carries
the gateway and bearer tokens. Frames flow both ways; when either side
closes, the other is closed; when the access token expires the socket is
closed with 4401 and reason ``token_expired`` (the client refreshes, then reconnects).
"""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
from yarl import URL

from proxy.client import http_session
from proxy.forwarding import upstream_headers
from proxy.gateway import Gateway
from proxy.http_entry import build_request
from proxy.policy import authenticate, check_rate, origin_allowed
from proxy.revocations import close_when_revoked
from shared.requestid import request_id_var

logger = logging.getLogger("gateway.websocket")

CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_RATE_LIMITED = 4429
CLOSE_UNAVAILABLE = 1013  # "try again later"


class ClientSocket:
    """The ASGI side, remembering whether it is open so we never send after a close."""

    def __init__(self, receive, send):
        self.receive, self.send = receive, send
        self.accepted = self.closed = False

    async def accept(self):
        await self.send({"type": "websocket.accept"})
        self.accepted = True

    async def close(self, code: int, reason: str = ""):
        if self.closed:
            return
        self.closed = True
        if not self.accepted:  # a close before accept tells the client nothing: accept first, then close with a code
            await self.accept()
        await self.send({"type": "websocket.close", "code": code, "reason": reason})


async def open_upstream(gateway: Gateway, service: str, request, headers) -> aiohttp.ClientWebSocketResponse | int:
    """The service's socket, from a healthy instance; or the close code to give the client."""
    config = gateway.config
    session = http_session(
        pool_size=config.pool_size, connect_timeout=config.connect_timeout, read_timeout=config.read_timeout
    )
    pool = gateway.upstreams[service]
    tried: tuple = ()
    for _attempt in range(1 + config.retries):
        instance = pool.pick(tried)
        if instance is None:
            break
        tried += (instance,)
        url = URL("ws" + instance.url[4:] + request.path_and_query, encoded=True)
        try:
            socket = await session.ws_connect(
                url, headers=headers, heartbeat=30, timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=5)
            )
        except aiohttp.WSServerHandshakeError as exc:
            pool.succeeded(instance)  # it answered: the refusal is the service's verdict
            return CLOSE_FORBIDDEN if exc.status == 403 else CLOSE_UNAVAILABLE
        except (TimeoutError, aiohttp.ClientError):
            pool.failed(instance)
            continue
        pool.succeeded(instance)
        return socket
    return CLOSE_UNAVAILABLE


async def client_to_upstream(client: ClientSocket, upstream) -> None:
    while True:
        message = await client.receive()
        if message["type"] == "websocket.disconnect":
            client.closed = True
            return
        if message.get("text") is not None:
            await upstream.send_str(message["text"])
        elif message.get("bytes") is not None:
            await upstream.send_bytes(message["bytes"])


async def upstream_to_client(client: ClientSocket, upstream) -> None:
    async for message in upstream:
        if message.type == aiohttp.WSMsgType.TEXT:
            await client.send({"type": "websocket.send", "text": message.data})
        elif message.type == aiohttp.WSMsgType.BINARY:
            await client.send({"type": "websocket.send", "bytes": message.data})
        else:
            break
    await client.close(upstream.close_code or 1000, "upstream closed")


async def _expiry(client: ClientSocket, expires_at: float) -> None:
    await asyncio.sleep(max(0.0, expires_at - time.time()))
    await client.close(CLOSE_NOT_AUTHENTICATED, "token_expired")


async def relay_websocket(gateway: Gateway, scope, receive, send, service: str) -> None:
    client = ClientSocket(receive, send)
    if (await receive())["type"] != "websocket.connect":
        return
    request = build_request(gateway, {**scope, "method": "GET"})
    token = request_id_var.set(request.request_id)
    try:
        await _serve(gateway, client, request, service)
    finally:
        request_id_var.reset(token)


async def _serve(gateway: Gateway, client: ClientSocket, request, service: str) -> None:
    origin = request.header(b"origin")
    if origin and not origin_allowed(gateway, request, origin):
        return await client.close(CLOSE_FORBIDDEN, "origin_not_allowed")  # a cross-site page must not ride the cookie
    authenticate(gateway, request)
    if request.user is None:
        return await client.close(CLOSE_NOT_AUTHENTICATED, request.token_problem or "not_authenticated")
    if await check_rate(gateway, request, "websocket", request.user.id):
        return await client.close(CLOSE_RATE_LIMITED, "rate_limited")
    headers = upstream_headers(gateway, request, service, cookie_header="")
    headers = [
        (k, v)
        for k, v in headers
        if k.lower() not in ("sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions")
    ]
    upstream = await open_upstream(gateway, service, request, headers)
    if isinstance(upstream, int):
        return await client.close(
            upstream, "upstream_refused" if upstream == CLOSE_FORBIDDEN else "upstream_unavailable"
        )
    await client.accept()
    tasks = [
        asyncio.ensure_future(client_to_upstream(client, upstream)),
        asyncio.ensure_future(upstream_to_client(client, upstream)),
        asyncio.ensure_future(_expiry(client, request.user.expires_at)),
        asyncio.ensure_future(close_when_revoked(gateway.revocations, request.user, client.close)),
    ]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if not upstream.closed:
            await upstream.close()
        if not client.closed:
            await client.close(1000)
