"""What the gateway answers: a status, raw header pairs and a body (or an upstream stream)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

JSON_HEADERS = ((b"content-type", b"application/json"),)


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
