"""The ASGI front door: forwarded HTTP on the lean path, sockets to the relay, the rest to Django."""
from __future__ import annotations

import logging

from proxy.client import close_sessions
from proxy.gateway import get_gateway
from proxy.http_entry import handle_http
from proxy.routes import WEBSOCKET_SERVICES, service_for_path
from proxy.ws_relay import relay_websocket

logger = logging.getLogger("gateway")

SOCKETIO_PREFIX = "/socket.io/"


class GatewayApplication:
    def __init__(self, django_app, socketio_app=None, gateway_factory=get_gateway):
        self.django_app = django_app
        self.socketio_app = socketio_app
        self.gateway_factory = gateway_factory

    async def __call__(self, scope, receive, send):
        kind = scope["type"]
        path = scope.get("path", "")
        if self.socketio_app is not None and path.startswith(SOCKETIO_PREFIX) and kind in ("http", "websocket"):
            return await self.socketio_app(scope, receive, send)
        if kind == "http":
            gateway = self.gateway_factory()
            service = service_for_path(path, gateway.upstreams)
            if service is None:
                return await self.django_app(scope, receive, send)
            return await handle_http(gateway, scope, receive, send, service)
        if kind == "websocket":
            service = WEBSOCKET_SERVICES.get(path if path.endswith("/") else path + "/")
            if service is None:
                await receive()
                return await send({"type": "websocket.close", "code": 4404})
            return await relay_websocket(self.gateway_factory(), scope, receive, send, service)
        if kind == "lifespan":
            return await self._lifespan(receive, send)

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                # Load keys and configuration, and the list of ended sessions, before the first request.
                await self.gateway_factory().revocations.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.gateway_factory().revocations.stop()
                await close_sessions()
                await send({"type": "lifespan.shutdown.complete"})
                return
