"""One client request as the gateway sees it, built fresh for every request (nothing shared across users)."""
from __future__ import annotations

from dataclasses import dataclass, field

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

    def header(self, name: bytes) -> str | None:
        for key, value in self.headers:
            if key == name:
                return value.decode("latin-1")
        return None

    @property
    def path_and_query(self) -> str:
        return f"{self.path}?{self.query.decode('latin-1')}" if self.query else self.path
