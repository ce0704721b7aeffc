"""The gateway-only guard: a service answers only requests the gateway signed for it.

A request straight to a service port (curl, Postman) has no valid
``X-Gateway-Token`` addressed to this service and gets a JSON 401/403.
Health probes are the only exception.
"""

from __future__ import annotations

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings

from shared.errors import error_response
from shared.tokens import GATEWAY_HEADER, GatewayTokenVerifier, TokenError

META_KEY = "HTTP_" + GATEWAY_HEADER.upper().replace("-", "_")
EXEMPT_PATHS = ("/health", "/health/ready")

_verifiers: dict[str, GatewayTokenVerifier] = {}


def verifier_for(service: str) -> GatewayTokenVerifier:
    if service not in _verifiers:
        _verifiers[service] = GatewayTokenVerifier(service)
    return _verifiers[service]


def check_gateway_token(token: str | None, service: str) -> tuple[int, str, str] | None:
    """None when the token is good, else (status, detail, code)."""
    if not token:
        return 401, "This service is reachable only through the gateway.", "gateway_token_missing"
    try:
        verifier_for(service).verify(token)
    except TokenError as exc:
        return 403, "The gateway token is not valid for this service.", f"gateway_{exc.code}"
    return None


class GatewayTokenMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.service = settings.SERVICE_NAME
        self.exempt = tuple(getattr(settings, "GATEWAY_GUARD_EXEMPT_PATHS", EXEMPT_PATHS))
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def _rejection(self, request):
        if request.path in self.exempt:
            return None
        problem = check_gateway_token(request.META.get(META_KEY), self.service)
        if problem:
            status, detail, code = problem
            return error_response(status, detail, code)
        return None

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        return self._rejection(request) or self.get_response(request)

    async def __acall__(self, request):
        return self._rejection(request) or await self.get_response(request)


class GatewayTokenASGIMiddleware:
    """The same guard for WebSocket connections (Channels): closes with 4401/4403."""

    def __init__(self, app, service: str | None = None):
        self.app = app
        self.service = service

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            headers = dict(scope.get("headers", []))
            token = headers.get(GATEWAY_HEADER.lower().encode(), b"").decode() or None
            problem = check_gateway_token(token, self.service or settings.SERVICE_NAME)
            if problem:
                # Accept, then close: a close before the handshake reaches the client as a bare
                # HTTP 403, while a close frame carries the code (4401/4403) clients can act on.
                await receive()  # the websocket.connect message
                await send({"type": "websocket.accept"})
                await send({"type": "websocket.close", "code": 4000 + problem[0], "reason": problem[2]})
                return
        await self.app(scope, receive, send)
