"""The auth routes whose tokens the gateway turns into cookies (the auth contract).

Auth answers ``{"user", "tokens"}`` to signup, signin, refresh and
change-password; the client gets ``{"user"}`` and the cookies. Refresh and
signout send auth the refresh cookie in the body, since the client sends none.
Two-step sign-in: a signin from a browser auth has not seen answers 202 (a
challenge, no session), passed on as it is; ``signin/verify`` answers tokens
plus ``device``, which becomes the HttpOnly device cookie (path
``/api/v1/auth/``, so the browser sends it back to auth at the next signin).
"""

from __future__ import annotations

import json
import logging

from proxy.cookies import cleared_cookies, csrf_cookie, device_cookie, new_csrf_token, session_cookies
from proxy.forwarding import forward
from proxy.gateway import Gateway
from proxy.pending_writes import remember
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error, json_response
from proxy.routes import CSRF, REFRESH, SIGNOUT, SIGNOUT_ALL

logger = logging.getLogger("gateway.sessions")


async def handle_session_route(gateway: Gateway, request: GatewayRequest, route: str) -> GatewayResponse:
    if route == CSRF:
        return issue_csrf(gateway, request)
    if request.method != "POST":
        return error(405, "Use POST for this route.", "method_not_allowed")
    if route == SIGNOUT:
        return await sign_out(gateway, request)
    if route == SIGNOUT_ALL:
        return await sign_out_all(gateway, request)
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


async def _token_route(
    gateway: Gateway, request: GatewayRequest, *, body: bytes | None, clear_on_401: bool
) -> GatewayResponse:
    response = await forward(gateway, request, "auth", body=body, buffer=True)
    if clear_on_401 and response.status == 401:
        response.headers.extend(cleared_cookies(gateway.config))  # a reused or revoked refresh token ends the session
        return response
    if not 200 <= response.status < 300 or response.status == 202:  # 202: two-step challenge, no session yet
        return response
    try:
        payload = json.loads(response.body)
        tokens, user = payload["tokens"], payload["user"]
        tokens["access"], tokens["refresh"]
    except (ValueError, KeyError, TypeError):
        logger.error("Auth answered %s without user and tokens", request.path, extra={"request_id": request.request_id})
        return error(502, "The auth service answered unexpectedly.", "upstream_error", request_id=request.request_id)
    # A signup's events (users makes the buyer profile from auth.user.created) are the new user's to wait for.
    pending = await remember(gateway, str(user.get("id") or ""), response.published_events)
    cookies = session_cookies(gateway.config, tokens) + _device_cookies(gateway, payload) + pending
    return json_response(response.status, {"user": user}, cookies)


def _device_cookies(gateway: Gateway, payload: dict) -> list[tuple[bytes, bytes]]:
    device = payload.get("device")
    if not isinstance(device, dict) or not device.get("token"):
        return []
    return [device_cookie(gateway.config, str(device["token"]), int(device.get("max_age") or 365 * 24 * 3600))]


async def sign_out(gateway: Gateway, request: GatewayRequest) -> GatewayResponse:
    """Revoke the refresh token at auth, and clear the cookies whatever auth answers."""
    refresh = request.cookies.get(gateway.config.refresh_cookie)
    if refresh:
        response = await forward(gateway, request, "auth", body=_json({"refresh": refresh}), buffer=True)
        if response.status >= 500:
            logger.warning("Signout could not revoke the refresh token (auth answered %s)", response.status)
    return json_response(200, {"detail": "Signed out.", "code": "signed_out"}, cleared_cookies(gateway.config))


async def sign_out_all(gateway: Gateway, request: GatewayRequest) -> GatewayResponse:
    """Auth ends every session of the signed-in user; this browser's cookies go with them."""
    response = await forward(gateway, request, "auth", buffer=True)
    if 200 <= response.status < 300:
        response.headers.extend(cleared_cookies(gateway.config))
    return response


def _json(payload: dict) -> bytes:
    return json.dumps(payload).encode()
