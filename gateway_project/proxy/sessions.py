"""The auth routes whose tokens the gateway turns into cookies (the auth contract).

Auth answers ``{"user", "tokens"}`` to signup, signin, refresh and
change-password; the client gets ``{"user"}`` and the cookies. Refresh and
signout send auth the refresh cookie in the body, since the client sends none.
"""
from __future__ import annotations

import json
import logging

from proxy.cookies import cleared_cookies, csrf_cookie, new_csrf_token, session_cookies
from proxy.forwarding import forward
from proxy.gateway import Gateway
from proxy.pending_writes import remember
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error, json_response

logger = logging.getLogger("gateway.sessions")

AUTH = "/api/v1/auth/"
TOKEN_ROUTES = frozenset({AUTH + "signup", AUTH + "signin", AUTH + "refresh", AUTH + "change-password"})
REFRESH = AUTH + "refresh"
SIGNOUT = AUTH + "signout"
CSRF = AUTH + "csrf"
SESSION_ROUTES = TOKEN_ROUTES | {SIGNOUT, CSRF}


def session_route(path: str) -> str | None:
    route = path.rstrip("/")
    return route if route in SESSION_ROUTES else None


async def handle_session_route(gateway: Gateway, request: GatewayRequest, route: str) -> GatewayResponse:
    if route == CSRF:
        return issue_csrf(gateway, request)
    if request.method != "POST":
        return error(405, "Use POST for this route.", "method_not_allowed")
    if route == SIGNOUT:
        return await sign_out(gateway, request)
    if route == REFRESH:
        refresh = request.cookies.get(gateway.config.refresh_cookie)
        if not refresh:
            return error(401, "Sign in first.", "not_authenticated")
        return await _token_route(gateway, request, body=_json({"refresh": refresh}), clear_on_401=True)
    return await _token_route(gateway, request, body=None, clear_on_401=False)


def issue_csrf(gateway: Gateway, request: GatewayRequest) -> GatewayResponse:
    """``GET /api/v1/auth/csrf``: a SPA that lost its CSRF cookie gets a new one (it is not a secret to the page)."""
    token = request.cookies.get(gateway.config.csrf_cookie) or new_csrf_token()
    return json_response(200, {"csrf_token": token}, [csrf_cookie(gateway.config, token, 7 * 24 * 3600)])


async def _token_route(gateway: Gateway, request: GatewayRequest, *, body: bytes | None, clear_on_401: bool) -> GatewayResponse:
    response = await forward(gateway, request, "auth", body=body, buffer=True)
    if clear_on_401 and response.status == 401:
        response.headers.extend(cleared_cookies(gateway.config))  # a reused or revoked refresh token ends the session
        return response
    if not 200 <= response.status < 300:
        return response
    try:
        payload = json.loads(response.body)
        tokens, user = payload["tokens"], payload["user"]
        tokens["access"], tokens["refresh"]  # noqa: B018 - both must be there before we promise a session
    except (ValueError, KeyError, TypeError):
        logger.error("Auth answered %s without user and tokens", request.path, extra={"request_id": request.request_id})
        return error(502, "The auth service answered unexpectedly.", "upstream_error", request_id=request.request_id)
    # A signup's events (users makes the buyer profile from auth.user.created) are the new user's to wait for.
    pending = await remember(gateway, str(user.get("id") or ""), response.published_events)
    return json_response(response.status, {"user": user}, session_cookies(gateway.config, tokens) + pending)


async def sign_out(gateway: Gateway, request: GatewayRequest) -> GatewayResponse:
    """Revoke the refresh token at auth, and clear the cookies whatever auth answers."""
    refresh = request.cookies.get(gateway.config.refresh_cookie)
    if refresh:
        response = await forward(gateway, request, "auth", body=_json({"refresh": refresh}), buffer=True)
        if response.status >= 500:
            logger.warning("Signout could not revoke the refresh token (auth answered %s)", response.status)
    return json_response(200, {"detail": "Signed out.", "code": "signed_out"}, cleared_cookies(gateway.config))


def _json(payload: dict) -> bytes:
    return json.dumps(payload).encode()
