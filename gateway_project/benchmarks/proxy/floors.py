"""Two relays with none of the gateway's work, as floors of a Python proxy on the real route (bench only).

``bench gateway`` runs each in its own uvicorn process, with the flags the gateway runs with (uvloop,
httptools, no access log), in front of the users service, adding the two headers the gateway adds:

- ``protocol_relay``: the least a Python relay can do per request: an ``asyncio.Protocol`` per keep-alive
  upstream connection, the request written in one piece, the answer parsed by httptools (the C parser
  uvicorn uses). No error handling, timeouts, retries or streaming: it is a measuring stick, not a proxy.
- ``aiohttp_relay``: the same through one pooled ``aiohttp.ClientSession``, the client the gateway uses.

Both answer GET only, with the upstream's status, headers (hop-by-hop ones dropped) and body. Configured
by environment: ``FLOOR_UPSTREAM`` (host:port), ``FLOOR_GATEWAY_TOKEN``, ``FLOOR_ACCESS`` (a user's access
token). Comparing the gateway with these says how much of its cost is its own work, and how much a relay in
this language costs before any of it.
"""

from __future__ import annotations

import asyncio
import os

import aiohttp
import httptools

UPSTREAM = os.environ.get("FLOOR_UPSTREAM", "127.0.0.1:8002")
HOST, _, PORT = UPSTREAM.partition(":")
ADDED = (
    b"X-Gateway-Token: "
    + os.environ.get("FLOOR_GATEWAY_TOKEN", "").encode()
    + b"\r\nAuthorization: Bearer "
    + os.environ.get("FLOOR_ACCESS", "").encode()
    + b"\r\n"
)
DROPPED = frozenset({b"host", b"cookie", b"connection", b"keep-alive", b"content-length"})
NOT_RELAYED = frozenset({b"connection", b"keep-alive", b"transfer-encoding", b"date", b"server"})


class _Upstream(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    transport: asyncio.Transport  # set by connection_made, before anyone holds this protocol

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.answer: asyncio.Future | None = None
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.parser.feed_data(data)

    def connection_lost(self, exc) -> None:
        if self.answer is not None and not self.answer.done():
            self.answer.set_exception(ConnectionError("the upstream closed the connection"))

    def on_message_begin(self) -> None:
        self.headers, self.body = [], []

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        answer, self.answer = self.answer, None
        if answer is not None:
            answer.set_result((self.parser.get_status_code(), self.headers, b"".join(self.body)))


_idle: list[_Upstream] = []


async def protocol_relay(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    await receive()
    loop = asyncio.get_running_loop()
    while _idle and _idle[-1].transport.is_closing():
        _idle.pop()
    if _idle:
        upstream = _idle.pop()
    else:
        _transport, upstream = await loop.create_connection(_Upstream, HOST, int(PORT))
    target = scope.get("raw_path") or scope["path"].encode()
    if scope.get("query_string"):
        target += b"?" + scope["query_string"]
    head = [scope["method"].encode(), b" ", target, b" HTTP/1.1\r\nHost: ", UPSTREAM.encode(), b"\r\n"]
    for name, value in scope["headers"]:
        if name not in DROPPED:
            head += [name, b": ", value, b"\r\n"]
    head += [ADDED, b"\r\n"]
    upstream.answer = loop.create_future()
    upstream.transport.write(b"".join(head))
    status, headers, body = await upstream.answer
    _idle.append(upstream)
    relayed = [(name, value) for name, value in headers if name not in NOT_RELAYED]
    await send({"type": "http.response.start", "status": status, "headers": relayed})
    await send({"type": "http.response.body", "body": body})


_session: aiohttp.ClientSession | None = None
_added: list[tuple[str, str]] = [
    (name, value) for name, _, value in (line.partition(": ") for line in ADDED.decode().strip().split("\r\n"))
]


async def aiohttp_relay(scope, receive, send) -> None:
    global _session
    if scope["type"] != "http":
        return
    await receive()
    if _session is None:
        _session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=200),
            auto_decompress=False,
            cookie_jar=aiohttp.DummyCookieJar(),
            skip_auto_headers=("User-Agent",),
        )
    headers = [
        (name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"] if name not in DROPPED
    ]
    url = f"http://{UPSTREAM}{scope['path']}" + (
        f"?{scope['query_string'].decode()}" if scope.get("query_string") else ""
    )
    async with _session.request(scope["method"], url, headers=headers + _added, allow_redirects=False) as response:
        body = await response.read()
        relayed = [(name.lower(), value) for name, value in response.raw_headers if name.lower() not in NOT_RELAYED]
        await send({"type": "http.response.start", "status": response.status, "headers": relayed})
        await send({"type": "http.response.body", "body": body})
