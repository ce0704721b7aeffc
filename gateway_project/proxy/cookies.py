"""The session cookies: HttpOnly tokens with tight paths, and the double-submit CSRF cookie.

The access token goes to every path the browser talks to (API, sockets); the
refresh token only to ``/api/v1/auth/`` where refresh and signout live. The
CSRF cookie is readable by the SPA, which echoes it in ``X-CSRF-Token``.
"""

from __future__ import annotations

import hmac
import secrets

from proxy.config import GatewayConfig


def parse_cookie_header(raw: str) -> dict[str, str]:
    cookies = {}
    for part in raw.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name and name not in cookies:
            cookies[name] = value.strip().strip('"')
    return cookies


def strip_cookies(raw: str, names: tuple[str, ...]) -> str:
    """The Cookie header without the gateway's own cookies (services never see the tokens that way)."""
    kept = [part.strip() for part in raw.split(";") if part.strip() and part.strip().partition("=")[0] not in names]
    return "; ".join(kept)


def _cookie(config: GatewayConfig, name: str, value: str, *, path: str, max_age: int, http_only: bool = True) -> bytes:
    parts = [f"{name}={value}", f"Path={path}", f"Max-Age={max_age}", "SameSite=Lax"]
    if max_age == 0:
        parts.append("Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    if http_only:
        parts.append("HttpOnly")
    if config.secure_cookies:
        parts.append("Secure")
    return "; ".join(parts).encode("latin-1")


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_cookie(config: GatewayConfig, token: str, max_age: int) -> tuple[bytes, bytes]:
    return b"set-cookie", _cookie(config, config.csrf_cookie, token, path="/", max_age=max_age, http_only=False)


def session_cookies(config: GatewayConfig, tokens: dict) -> list[tuple[bytes, bytes]]:
    """Set-Cookie headers for a fresh token pair, with a fresh CSRF token bound to this sign-in."""
    access_age = int(tokens.get("access_expires_in") or 300)
    refresh_age = int(tokens.get("refresh_expires_in") or 7 * 24 * 3600)
    return [
        (b"set-cookie", _cookie(config, config.access_cookie, tokens["access"], path="/", max_age=access_age)),
        (
            b"set-cookie",
            _cookie(
                config, config.refresh_cookie, tokens["refresh"], path=config.refresh_cookie_path, max_age=refresh_age
            ),
        ),
        csrf_cookie(config, new_csrf_token(), refresh_age),
    ]


DEVICE_COOKIE = "device_token"


def device_cookie(config: GatewayConfig, token: str, max_age: int) -> tuple[bytes, bytes]:
    """The browser's proof that it passed two-step sign-in: HttpOnly, sent back only to auth's routes."""
    return b"set-cookie", _cookie(config, DEVICE_COOKIE, token, path=config.refresh_cookie_path, max_age=max_age)


def pending_cookie(config: GatewayConfig, name: str, max_age: int) -> tuple[bytes, bytes]:
    """The read-your-writes hint: "this client wrote lately" (proxy.pending_writes); no secret in it."""
    return b"set-cookie", _cookie(config, name, "1", path="/", max_age=max_age)


def cleared_cookies(config: GatewayConfig) -> list[tuple[bytes, bytes]]:
    return [
        (b"set-cookie", _cookie(config, config.access_cookie, "", path="/", max_age=0)),
        (b"set-cookie", _cookie(config, config.refresh_cookie, "", path=config.refresh_cookie_path, max_age=0)),
        (b"set-cookie", _cookie(config, config.csrf_cookie, "", path="/", max_age=0, http_only=False)),
    ]


def csrf_matches(cookie_value: str | None, header_value: str | None) -> bool:
    if not cookie_value or not header_value:
        return False
    return hmac.compare_digest(cookie_value.encode(), header_value.encode())
