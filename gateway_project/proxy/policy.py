"""Checks before a request may leave the gateway: who is signed in, CSRF, rate limits, body size."""
from __future__ import annotations

from shared.tokens import TokenError

from proxy.cookies import csrf_matches
from proxy.gateway import Gateway
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Routes where a guess costs a password or an inbox: the tight per-address bucket.
CREDENTIAL_ROUTES = frozenset(
    {
        "/api/v1/auth/signin",
        "/api/v1/auth/signup",
        "/api/v1/auth/forgot-password",
        "/api/v1/auth/reset-password",
        "/api/v1/auth/verify-email",
        "/api/v1/auth/signin/verify", "/api/v1/auth/phone/verify",  # 6-digit codes: guessable without the bucket
    }
)


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
        return error(403, "This origin may not call the API with the session cookies.", "origin_not_allowed")
    if not csrf_matches(cookies.get(config.csrf_cookie), request.header(config.csrf_header.encode())):
        return error(403, "Send the csrf_token cookie's value in the X-CSRF-Token header.", "csrf_failed")
    return None


def rate_bucket(gateway: Gateway, request: GatewayRequest) -> tuple[str, str]:
    route = request.path.rstrip("/")
    if request.method == "POST" and (route in CREDENTIAL_ROUTES or (route.startswith("/admin/") and route.endswith("/login"))):
        return "credentials", request.client_ip
    if request.user is not None:
        return "user", request.user.id
    return "anonymous", request.client_ip


async def check_rate(gateway: Gateway, request: GatewayRequest, bucket: str | None = None, key: str | None = None) -> GatewayResponse | None:
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
    if content_type.startswith("multipart/") or content_type.startswith("application/octet-stream"):
        return gateway.config.max_upload_body
    return gateway.config.max_json_body


def too_large(limit: int) -> GatewayResponse:
    return error(413, f"The request body is larger than {limit} bytes.", "body_too_large", limit=limit)
