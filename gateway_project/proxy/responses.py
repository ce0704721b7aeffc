"""What the gateway answers: a status, raw header pairs and a body (or an upstream stream)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

JSON_HEADERS = ((b"content-type", b"application/json"),)
# What the services' Django SecurityMiddleware and XFrameOptionsMiddleware send, for every answer the gateway gives.
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
NO_STORE = (b"cache-control", b"no-store")


@dataclass
class GatewayResponse:
    status: int
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    upstream: object | None = None  # an aiohttp ClientResponse still to be streamed
    published_events: list = field(default_factory=list)  # (name, id) the service committed (proxy.pending_writes)

    def add_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))


def json_response(status: int, payload: dict, headers: list[tuple[bytes, bytes]] | None = None) -> GatewayResponse:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return GatewayResponse(status, [*JSON_HEADERS, *(headers or [])], body)


def error(status: int, detail: str, code: str, **extra) -> GatewayResponse:
    return json_response(status, {"detail": detail, "code": code, **extra})


def with_security_headers(headers, *, no_store: bool = False) -> list[tuple[bytes, bytes]]:
    """The answer's headers plus any security header it lacks (a service's own value wins); no-store if asked."""
    headers = list(headers)
    present = {name.lower() for name, _ in headers}
    if no_store:
        headers = [(name, value) for name, value in headers if name.lower() != b"cache-control"]
        headers.append(NO_STORE)
    headers.extend(header for header in SECURITY_HEADERS if header[0] not in present)
    return headers


def secured(send, *, no_store: bool = False):
    """An ASGI ``send`` that adds the security headers to the response start, whoever writes the answer."""

    async def send_secured(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": with_security_headers(message.get("headers") or (), no_store=no_store)}
        await send(message)

    return send_secured
