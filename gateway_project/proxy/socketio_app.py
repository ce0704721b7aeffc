"""Socket.IO at ``/socket.io/`` for clients built on the npm ``socket.io-client``.

Each Socket.IO connection is authenticated by the access cookie and backed by
the same upstream sockets as the plain relay (``/ws/chat/`` and
``/ws/notifications/``): service frames ``{"type": T, ...}`` are emitted as
event ``T`` (``chat.message``, ``chat.typing``, ``chat.offer``, ``notification``,
and ``presence`` ``{"username", "online"}`` when a conversation partner opens
their first chat socket or closes their last); the client's ``chat.message``
and ``chat.typing`` events go to the chat service. A reconnecting client passes
the ids it saw last as ``auth: {last_message_id, last_notification_id}`` (or the
same names in the query): each goes to its service's socket as ``?last_id=``,
which replays what was missed before live events. The Redis manager lets any
gateway process emit to any client; proxy/socketio_routing.py sends each polling
request and upgrade to the worker that owns its session, so the client's
defaults work with any number of workers.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from urllib.parse import parse_qs, urlencode

import socketio

from proxy.forwarding import upstream_headers
from proxy.gateway import get_gateway
from proxy.http_entry import build_request
from proxy.policy import authenticate
from proxy.revocations import close_when_revoked, socketio_closer
from proxy.socketio_routing import SidRouter
from proxy.ws_relay import open_upstream

CLIENT_EVENTS = ("chat.message", "chat.typing")
UPSTREAMS = {"chat": "/ws/chat/", "notification": "/ws/notifications/"}
RESYNC_KEYS = {"chat": "last_message_id", "notification": "last_notification_id"}


def resync_query(service: str, auth, query: bytes) -> bytes:
    """``last_id=`` for one upstream, from the client's auth payload or else its query string."""
    key = RESYNC_KEYS[service]
    value = auth.get(key) if isinstance(auth, dict) else None
    if value is None:
        values = parse_qs(query.decode("latin-1"), keep_blank_values=True).get(key)
        value = values[-1] if values else None
    return urlencode({"last_id": str(value)}).encode() if value is not None else b""


def create_server(gateway_factory=get_gateway) -> socketio.AsyncServer:
    gateway = gateway_factory()
    origins = list(gateway.config.trusted_origins) or None
    manager = socketio.AsyncRedisManager(gateway.config.redis_url, channel="gateway-socketio")
    server = socketio.AsyncServer(async_mode="asgi", client_manager=manager, cors_allowed_origins=origins or [])
    links: dict[str, dict] = {}

    @server.event
    async def connect(sid, environ, auth=None):
        gw = gateway_factory()
        request = build_request(gw, {**environ["asgi.scope"], "method": "GET"})
        authenticate(gw, request)
        if request.user is None:
            code = request.token_problem or "not_authenticated"
            raise socketio.exceptions.ConnectionRefusedError(code, {"code": code})
        sockets = {}
        for service, path in UPSTREAMS.items():
            upstream_request = replace(
                request, path=path, raw_path="", query=resync_query(service, auth, request.query)
            )
            upstream = await open_upstream(
                gw, service, upstream_request, upstream_headers(gw, upstream_request, service, cookie_header="")
            )
            if isinstance(upstream, int):
                await asyncio.gather(*(s.close() for s in sockets.values()))
                raise socketio.exceptions.ConnectionRefusedError(
                    "upstream_unavailable", {"code": "upstream_unavailable", "service": service}
                )
            sockets[service] = upstream
        tasks = [asyncio.ensure_future(_pump(server, sid, upstream)) for upstream in sockets.values()]
        tasks.append(asyncio.ensure_future(_expire(server, sid, request.user.expires_at)))
        tasks.append(
            asyncio.ensure_future(close_when_revoked(gw.revocations, request.user, socketio_closer(server, sid)))
        )
        links[sid] = {"sockets": sockets, "tasks": tasks}

    @server.event
    async def disconnect(sid, *args):
        link = links.pop(sid, None)
        if link is None:
            return
        for task in link["tasks"]:
            task.cancel()
        await asyncio.gather(*(s.close() for s in link["sockets"].values()), return_exceptions=True)

    def forward(event: str):
        async def handler(sid, data=None):
            link = links.get(sid)
            if link is not None and isinstance(data, dict):
                await link["sockets"]["chat"].send_str(json.dumps({**data, "type": event}))

        server.on(event, handler)

    for event in CLIENT_EVENTS:
        forward(event)
    return server


async def _pump(server: socketio.AsyncServer, sid: str, upstream) -> None:
    """Service frames become Socket.IO events; when the service closes, so does the client."""
    async for message in upstream:
        if message.type.name != "TEXT":
            break
        data = json.loads(message.data)
        await server.emit(data.get("type", "message"), data, to=sid)
    await server.disconnect(sid)


async def _expire(server: socketio.AsyncServer, sid: str, expires_at: float) -> None:
    await asyncio.sleep(max(0.0, expires_at - time.time()))
    await server.emit("session.expired", {"code": "token_expired"}, to=sid)
    await server.disconnect(sid)


def socketio_application(gateway_factory=get_gateway) -> SidRouter:
    server = create_server(gateway_factory)
    config = gateway_factory().config
    return SidRouter(
        socketio.ASGIApp(server, socketio_path="socket.io"), server.eio, config.redis_url, host=config.socketio_host
    )
