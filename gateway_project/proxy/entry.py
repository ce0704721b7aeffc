"""The ASGI front door: one canonical path, then forwarded HTTP on the lean path.

Sockets go to the relay, the rest to Django.
"""

from __future__ import annotations

import logging

from proxy.canonical import PathRefused, canonical_path, raw_path_of
from proxy.client import close_sessions
from proxy.gateway import get_gateway
from proxy.http_entry import handle_http, respond
from proxy.limits import request_size_problem
from proxy.responses import error, secured
from proxy.routes import AUTH, WEBSOCKET_SERVICES, route_for
from proxy.ws_relay import relay_websocket
from shared.requestid import clean_request_id

logger = logging.getLogger("gateway")

SOCKETIO_PREFIX = "/socket.io/"
CLOSE_BAD_PATH = 4400


class GatewayApplication:
    def __init__(self, django_app, socketio_app=None, gateway_factory=get_gateway):
        self.django_app = django_app
        self.socketio_app = socketio_app
        self.gateway_factory = gateway_factory

    async def __call__(self, scope, receive, send):
        kind = scope["type"]
        if kind == "lifespan":
            return await self._lifespan(receive, send)
        if kind not in ("http", "websocket"):
            return None
        try:
            canonical = canonical_path(raw_path_of(scope))
        except PathRefused as refused:
            logger.info("Refused a non-canonical path %r", scope.get("raw_path") or scope.get("path"))
            return await self._refuse(kind, receive, send, 400, refused.detail, "path_not_canonical")
        if canonical.path != scope.get("path"):
            scope = {**scope, "path": canonical.path}  # a server without raw_path: keep the one reading
        if kind == "http":
            if problem := request_size_problem(scope):
                return await self._refuse(kind, receive, send, *problem)
            # Whoever writes the answer (lean path, Django, Socket.IO), it carries the security headers.
            send = secured(send, no_store=canonical.path.startswith(AUTH))
        if self.socketio_app is not None and canonical.path.startswith(SOCKETIO_PREFIX):
            return await self.socketio_app(scope, receive, send)
        if kind == "http":
            gateway = self.gateway_factory()
            route = route_for(canonical, gateway.upstreams)
            if route.service is None:
                return await self.django_app(scope, receive, send)
            return await handle_http(gateway, scope, receive, send, route)
        service = WEBSOCKET_SERVICES.get(canonical.path if canonical.path.endswith("/") else canonical.path + "/")
        if service is None:
            await receive()
            return await send({"type": "websocket.close", "code": 4404})
        return await relay_websocket(self.gateway_factory(), scope, receive, send, service)

    async def _refuse(self, kind, receive, send, status: int, detail: str, code: str) -> None:
        if kind == "websocket":
            await receive()
            return await send({"type": "websocket.close", "code": CLOSE_BAD_PATH})
        request_id = clean_request_id(None)
        await respond(secured(send, no_store=True), error(status, detail, code, request_id=request_id), request_id)

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # Load keys and configuration, and the list of ended sessions, before the first request.
                await self.gateway_factory().revocations.start()
                if hasattr(self.socketio_app, "start"):
                    await self.socketio_app.start()  # this worker's address for relayed Socket.IO requests
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if hasattr(self.socketio_app, "stop"):
                    await self.socketio_app.stop()
                await self.gateway_factory().revocations.stop()
                await close_sessions()
                await send({"type": "lifespan.shutdown.complete"})
                return
