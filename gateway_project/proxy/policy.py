"""Checks before a request may leave the gateway: who is signed in, CSRF, rate limits, body size.

Every check reads ``request.route`` (proxy/routes.py), the one reading of the canonical path.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from proxy.cookies import csrf_matches
from proxy.gateway import Gateway
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error
from shared.tokens import TokenError

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def authenticate(gateway: Gateway, request: GatewayRequest) -> None:
    """Read the access cookie; a bad or expired one simply means "not signed in" (and is remembered why)."""
    token = request.cookies.get(gateway.config.access_cookie)
    if not token:
        return
    try:
        request.user = gateway.verify_access(token)
        request.access_token = token
    except TokenError as exc:
        request.token_problem = exc.code


def origin_allowed(gateway: Gateway, request: GatewayRequest, origin: str) -> bool:
    if origin.rstrip("/") in gateway.config.trusted_origins:
        return True
    host = request.header(b"host")
    return bool(host) and origin.rstrip("/") == f"{request.scheme}://{host}"


def _foreign_origin() -> GatewayResponse:
    return error(403, "This origin may not call the API with the session cookies.", "origin_not_allowed")


def check_login_origin(gateway: Gateway, request: GatewayRequest) -> GatewayResponse | None:
    """Login CSRF: a credential form posted from another site must not sign the visitor into any account.

    There are no cookies to check yet, so the browser's own word is used: ``Origin``
    (browsers send it on every cross-site POST, forms included), else ``Referer``. A
    request with neither comes from a non-browser client (curl, a mobile app), which no
    foreign page can drive, and is let through; ``Origin: null`` (sandboxed or
    redirected forms) is refused.
    """
    if request.method != "POST" or not request.route.credential:
        return None
    origin = request.header(b"origin")
    if origin is None:
        referer = request.header(b"referer")
        if not referer:
            return None
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
    if origin == "null" or not origin_allowed(gateway, request, origin):
        return error(403, "Sign-in forms are accepted from this site only.", "origin_not_allowed")
    return None


def check_csrf(gateway: Gateway, request: GatewayRequest) -> GatewayResponse | None:
    """Double-submit: an unsafe request that carries our cookies must echo the CSRF cookie in X-CSRF-Token."""
    if request.method not in UNSAFE:
        return None
    config = gateway.config
    cookies = request.cookies
    if config.access_cookie not in cookies and config.refresh_cookie not in cookies:
        return None  # not cookie-authenticated: nothing a forged request could borrow
    origin = request.header(b"origin")
    if origin and not origin_allowed(gateway, request, origin):
        return _foreign_origin()
    if not csrf_matches(cookies.get(config.csrf_cookie), request.header(config.csrf_header.encode())):
        return error(403, "Send the csrf_token cookie's value in the X-CSRF-Token header.", "csrf_failed")
    return None


def rate_bucket(gateway: Gateway, request: GatewayRequest) -> tuple[str, str]:
    if request.method == "POST" and request.route.credential:
        return "credentials", request.client_ip
    if request.user is not None:
        return "user", request.user.id
    return "anonymous", request.client_ip


async def check_rate(
    gateway: Gateway, request: GatewayRequest, bucket: str | None = None, key: str | None = None
) -> GatewayResponse | None:
    if bucket is None:
        bucket, key = rate_bucket(gateway, request)
    limit, window = gateway.config.rate_limits[bucket]
    retry_after = await gateway.limiter.hit(bucket, key, limit, window)
    if retry_after is None:
        return None
    response = error(429, "Too many requests; slow down.", "rate_limited", retry_after=retry_after)
    response.add_header(b"retry-after", str(retry_after).encode())
    return response


def body_limit(gateway: Gateway, request: GatewayRequest) -> int:
    content_type = (request.header(b"content-type") or "").lower()
    if content_type.startswith(("multipart/", "application/octet-stream")):
        return gateway.config.max_upload_body
    return gateway.config.max_json_body


def too_large(limit: int) -> GatewayResponse:
    return error(413, f"The request body is larger than {limit} bytes.", "body_too_large", limit=limit)
