"""Socket.IO's long-polling with several gateway workers and no sticky balancer.

Each request goes to its session's owner.

An Engine.IO session (the ``sid`` of ``/socket.io/?sid=...``) lives in the
memory of the worker that answered its handshake; the npm client's default
(polling first, then the WebSocket upgrade) sends several requests with that
sid, each of which the kernel or a balancer may give to any worker. So:

- every sid names its owner: ``<worker id>.<random>`` (the worker id is
  random per process);
- every worker also listens on a private address (``GATEWAY_SOCKETIO_HOST``,
  a free port) and registers ``worker id -> host:port`` in Redis, refreshed
  while it lives;
- a request whose sid belongs to another worker is relayed there, HTTP as
  HTTP and the WebSocket upgrade frame by frame; without a sid (a
  handshake) or with its own, the worker answers itself.

An unknown or dead owner falls through to the local server, which answers
Engine.IO's "Invalid session" and the client starts a new session. Why this
and not shared sessions: docs/decisions/0008-gateway-canonical-path-and-socketio.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from urllib.parse import parse_qs

import aiohttp
import redis.asyncio as aioredis
import uvicorn
from redis.exceptions import RedisError
from yarl import URL

from proxy.ws_relay import ClientSocket, client_to_upstream, upstream_to_client

logger = logging.getLogger("gateway.socketio")

REGISTRY_TTL = 60  # seconds a registration outlives its worker's last refresh
REFRESH_EVERY = 20
HOP_BY_HOP = frozenset(
    {b"connection", b"keep-alive", b"transfer-encoding", b"content-length", b"upgrade", b"te", b"trailer"}
)
WS_HANDSHAKE = frozenset({b"host", b"sec-websocket-key", b"sec-websocket-version", b"sec-websocket-extensions"})
MAX_POLL_BODY = 1024 * 1024  # python-engineio's max_http_buffer_size default


def sid_of(scope) -> str | None:
    sids = parse_qs((scope.get("query_string") or b"").decode("latin-1")).get("sid")
    return sids[0] if sids else None


class SidRouter:
    """ASGI in front of a Socket.IO app: serve our own sessions, relay the others' to their worker."""

    def __init__(self, app, engineio_server, redis_url: str, host: str = "127.0.0.1", prefix: str = "gw:sio:worker"):
        self.app = app
        self.host = host
        self.prefix = prefix
        self.redis_url = redis_url
        self.worker_id = secrets.token_hex(6)
        self.address: str | None = None  # this worker's private host:port, once listening
        self._owners: dict[str, str] = {}
        self._server: uvicorn.Server | None = None
        self._refresh: asyncio.Task | None = None
        self._redis: aioredis.Redis | None = None
        self._http: aiohttp.ClientSession | None = None
        generate = engineio_server.generate_id
        engineio_server.generate_id = lambda: f"{self.worker_id}.{generate()}"

    # --- lifecycle (the gateway's lifespan) ---------------------------------------------------------------

    async def start(self) -> None:
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=0,
            lifespan="off",
            log_config=None,
            access_log=False,
            proxy_headers=False,
            ws="websockets-sansio",
        )
        config.load()
        server = uvicorn.Server(config)
        server.lifespan = config.lifespan_class(config)
        await server.startup()
        self._server = server
        port = server.servers[0].sockets[0].getsockname()[1]
        self.address = f"{self.host}:{port}"
        self._redis = aioredis.Redis.from_url(self.redis_url, socket_timeout=1, socket_connect_timeout=1)
        await self._register()
        self._refresh = asyncio.ensure_future(self._keep_registered())
        logger.info("Socket.IO worker %s takes relayed requests at %s", self.worker_id, self.address)

    async def stop(self) -> None:
        if self._refresh is not None:
            self._refresh.cancel()
        if self._redis is not None:
            with contextlib.suppress(RedisError, OSError, asyncio.TimeoutError):
                await self._redis.delete(self._key(self.worker_id))
            await self._redis.aclose()
        if self._server is not None:
            # The whole gateway is stopping: relayed sockets end with it, so do not wait for them to close.
            self._server.should_exit = self._server.force_exit = True
            await self._server.shutdown()
        if self._http is not None:
            await self._http.close()
        self.address = None

    def _key(self, worker_id: str) -> str:
        return f"{self.prefix}:{worker_id}"

    async def _register(self) -> None:
        try:
            await self._redis.set(self._key(self.worker_id), self.address, ex=REGISTRY_TTL)
        except (TimeoutError, RedisError, OSError) as exc:
            logger.warning("Cannot register Socket.IO worker %s in Redis (%s)", self.worker_id, exc.__class__.__name__)

    async def _keep_registered(self) -> None:
        while True:
            await asyncio.sleep(REFRESH_EVERY)
            await self._register()

    async def _owner_address(self, worker_id: str) -> str | None:
        address = self._owners.get(worker_id)
        if address is None and self._redis is not None:
            try:
                found = await self._redis.get(self._key(worker_id))
            except (TimeoutError, RedisError, OSError):
                return None
            if found:
                address = self._owners[worker_id] = found.decode()
        return address

    # --- requests ------------------------------------------------------------------------------------------

    async def __call__(self, scope, receive, send):
        sid = sid_of(scope)
        owner = sid.partition(".")[0] if sid and "." in sid else None
        if owner is None or owner == self.worker_id or self.address is None:
            return await self.app(scope, receive, send)
        address = await self._owner_address(owner)
        if address is None:
            return await self.app(scope, receive, send)  # gone: Engine.IO's "Invalid session" starts a new one
        if scope["type"] == "http":
            return await self._relay_http(address, scope, receive, send)
        return await self._relay_websocket(address, scope, receive, send)

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            # A long poll waits up to pingInterval + pingTimeout (25 + 20 s) for something to say.
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=2, sock_read=90),
                auto_decompress=False,
                cookie_jar=aiohttp.DummyCookieJar(),
            )
        return self._http

    @staticmethod
    def _url(scheme: str, address: str, scope) -> URL:
        path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        query = (scope.get("query_string") or b"").decode("latin-1")
        return URL(f"{scheme}://{address}{path}?{query}", encoded=True)

    async def _relay_http(self, address: str, scope, receive, send) -> None:
        body = await _read_body(receive)
        if body is None:
            await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"text/plain")]})
            return await send({"type": "http.response.body", "body": b"Payload too large"})
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"] if k not in HOP_BY_HOP]
        try:
            async with self._session().request(
                scope["method"],
                self._url("http", address, scope),
                headers=headers,
                data=body or None,
                allow_redirects=False,
            ) as answer:
                payload = await answer.read()
                reply = [(k.lower(), v) for k, v in answer.raw_headers if k.lower() not in HOP_BY_HOP]
                status = answer.status
        except (TimeoutError, aiohttp.ClientError) as exc:
            logger.warning("Socket.IO owner %s unreachable (%s)", address, exc.__class__.__name__)
            self._owners = {k: v for k, v in self._owners.items() if v != address}
            return await self.app(scope, _replay(body), send)
        await send({"type": "http.response.start", "status": status, "headers": reply})
        await send({"type": "http.response.body", "body": payload})

    async def _relay_websocket(self, address: str, scope, receive, send) -> None:
        client = ClientSocket(receive, send)
        if (await receive())["type"] != "websocket.connect":
            return
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope["headers"]
            if k not in WS_HANDSHAKE and k not in HOP_BY_HOP
        ]
        try:
            upstream = await self._session().ws_connect(self._url("ws", address, scope), headers=headers, autoping=True)
        except (TimeoutError, aiohttp.ClientError):
            return await client.close(1011, "session owner unreachable")
        await client.accept()
        tasks = [
            asyncio.ensure_future(client_to_upstream(client, upstream)),
            asyncio.ensure_future(upstream_to_client(client, upstream)),
        ]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if not upstream.closed:
                await upstream.close()
            await client.close(1000)


async def _read_body(receive) -> bytes | None:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_POLL_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            await asyncio.Event().wait()  # a finished request: nothing more will come
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
