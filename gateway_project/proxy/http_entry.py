"""The lean HTTP path: a raw ASGI handler for every forwarded route (no Django machinery per request).

Django still serves what the gateway answers itself (docs, health, its
static files); see gateway_project/README.md for why the split.
"""

from __future__ import annotations

import logging
import time

from proxy.cookies import parse_cookie_header
from proxy.forwarding import forward
from proxy.gateway import Gateway
from proxy.media_types import check_media_type
from proxy.policy import authenticate, body_limit, check_csrf, check_login_origin, check_rate, too_large
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error
from proxy.routes import Route
from proxy.sessions import handle_session_route
from proxy.tokens_guard import scrub_tokens
from shared.requestid import clean_request_id, request_id_var

logger = logging.getLogger("gateway.access")


def build_request(gateway: Gateway, scope) -> GatewayRequest:
    headers = scope["headers"]
    request_id = cookie = forwarded_for = forwarded_proto = None
    for key, value in headers:
        if key == b"x-request-id":
            request_id = value.decode("latin-1")
        elif key == b"cookie":
            cookie = value.decode("latin-1")
        elif key == b"x-forwarded-for":
            forwarded_for = value.decode("latin-1")
        elif key == b"x-forwarded-proto":
            forwarded_proto = value.decode("latin-1")
    client = scope.get("client")
    client_ip = client[0] if client else "unknown"
    scheme = scope.get("scheme", "http")
    if gateway.config.trust_forwarded_for:
        # The load balancer in front appends the address it saw: the last entry is the one it vouches for.
        if forwarded_for:
            client_ip = forwarded_for.split(",")[-1].strip() or client_ip
        if forwarded_proto:
            scheme = forwarded_proto.strip()
    return GatewayRequest(
        method=scope["method"],
        path=scope["path"],
        raw_path=(scope.get("raw_path") or b"").decode("latin-1"),
        query=scope.get("query_string", b""),
        headers=headers,
        client_ip=client_ip,
        scheme=scheme,
        request_id=clean_request_id(request_id),
        cookies=parse_cookie_header(cookie) if cookie else {},
    )


async def read_body(receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes the limit (it is never buffered past it)."""
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def process(gateway: Gateway, request: GatewayRequest, route: Route, receive) -> GatewayResponse:
    """Every decision below reads ``route``, the one reading of the canonical path (proxy/routes.py)."""
    request.route = route
    service, is_api = route.service, route.is_api
    authenticate(gateway, request)
    if rejection := check_login_origin(gateway, request):
        return rejection
    if is_api and (rejection := check_csrf(gateway, request)):
        return rejection
    if (is_api or route.path.startswith("/admin/")) and (rejection := await check_rate(gateway, request)):
        return rejection
    if rejection := check_media_type(request):
        return rejection
    limit = body_limit(gateway, request)
    declared = request.header(b"content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return too_large(limit)
    body = await read_body(receive, limit)
    if body is None:
        return too_large(limit)
    request.body = body
    if route.session:
        return await handle_session_route(gateway, request, route.session)
    # Auth's API answers are small: read them whole, so no token can slip out in one (proxy/tokens_guard.py).
    guarded = service == "auth" and is_api
    response = await forward(gateway, request, service, buffer=guarded)
    if guarded:
        response = scrub_tokens(request, response)
    if response.status == 401 and request.token_problem == "token_expired" and is_api:
        if response.upstream is not None:
            response.upstream.release()
        return error(401, "Your session has expired; refresh it.", "token_expired")
    return response


async def respond(send, response: GatewayResponse, request_id: str) -> None:
    headers = response.headers
    headers.append((b"x-request-id", request_id.encode()))
    upstream = response.upstream
    if upstream is None:
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})
        return
    try:
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        async for chunk in upstream.content.iter_chunked(64 * 1024):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
    finally:
        upstream.release()


async def handle_http(gateway: Gateway, scope, receive, send, route: Route) -> None:
    started = time.perf_counter()
    request = build_request(gateway, scope)
    token = request_id_var.set(request.request_id)
    status = 500
    try:
        response = await process(gateway, request, route, receive)
        status = response.status
        await respond(send, response, request.request_id)
    except Exception:
        logger.exception("Gateway failure on %s %s", request.method, request.path)
        fallback = error(
            500, "The gateway failed to answer this request.", "server_error", request_id=request.request_id
        )
        await respond(send, fallback, request.request_id)
    finally:
        logger.info(
            "%s %s %s %.1fms %s",
            request.method,
            request.path,
            status,
            (time.perf_counter() - started) * 1000,
            route.service,
            extra={"request_id": request.request_id},
        )
        request_id_var.reset(token)
