"""One client request as the gateway sees it, built fresh for every request (nothing shared across users)."""

from __future__ import annotations

from dataclasses import dataclass, field

from proxy.canonical import forwardable_query
from shared.tokens import TokenUser


@dataclass
class GatewayRequest:
    method: str
    path: str
    query: bytes
    headers: list[tuple[bytes, bytes]]
    client_ip: str
    scheme: str
    request_id: str
    cookies: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    user: TokenUser | None = None
    access_token: str | None = None
    token_problem: str | None = None  # "token_expired" / "token_invalid" when the cookie did not verify
    raw_path: str = (
        ""  # the canonical path as the client spelled it (decodes to ``path``); "" when the gateway wrote the path
    )
    route: object | None = None  # proxy.routes.Route: the one reading of the path every policy uses

    def header(self, name: bytes) -> str | None:
        for key, value in self.headers:
            if key == name:
                return value.decode("latin-1")
        return None

    @property
    def path_and_query(self) -> str:
        """What is sent upstream, already percent-encoded (proxy/forwarding.py sends it as is)."""
        path = self.raw_path or self.path
        return f"{path}?{forwardable_query(self.query)}" if self.query else path
