"""Forward one request to its service: per-request headers, balancing, retry, error mapping."""

from __future__ import annotations

import logging
from http import HTTPStatus

import aiohttp
from yarl import URL

from proxy.client import http_session
from proxy.cookies import strip_cookies
from proxy.gateway import Gateway
from proxy.pending_writes import HINT_COOKIE, after_forward, pending_header
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error
from shared.tokens import GATEWAY_HEADER

logger = logging.getLogger("gateway.proxy")

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Never passed upstream: hop-by-hop headers, and everything the gateway alone may assert.
DROPPED_REQUEST_HEADERS = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"trailers",
        b"transfer-encoding",
        b"upgrade",
        b"host",
        b"content-length",
        b"cookie",
        b"authorization",
        GATEWAY_HEADER.lower().encode(),
        b"x-forwarded-for",
        b"x-forwarded-proto",
        b"x-forwarded-host",
        b"x-real-ip",
        b"x-request-id",
        b"x-csrf-token",
        b"forwarded",
        b"x-events-pending",
    }
)
DROPPED_RESPONSE_HEADERS = frozenset(
    {b"connection", b"keep-alive", b"transfer-encoding", b"x-request-id", b"server", b"date"}
)
BUFFER_LIMIT = 256 * 1024  # bodies up to this are read at once; larger ones are streamed


class UpstreamFailure(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind  # "unreachable" | "timeout" | "unavailable"


def upstream_headers(
    gateway: Gateway, request: GatewayRequest, service: str, *, cookie_header: str
) -> list[tuple[str, str]]:
    """Headers for this request only: built from scratch, so nothing of another user's request can leak in."""
    headers = [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, value in request.headers
        if key not in DROPPED_REQUEST_HEADERS
    ]
    headers.append((GATEWAY_HEADER, gateway.signer.token_for(service)))
    headers.append(("X-Request-ID", request.request_id))
    headers.append(("X-Forwarded-For", request.client_ip))
    headers.append(("X-Forwarded-Proto", request.scheme))
    host = request.header(b"host")
    if host:
        headers.append(("X-Forwarded-Host", host))
    if request.user is not None and request.access_token:
        headers.append(("Authorization", f"Bearer {request.access_token}"))
    if cookie_header:
        headers.append(("Cookie", cookie_header))
    return headers


async def send(
    gateway: Gateway, service: str, method: str, path_and_query: str, headers, body: bytes | None
) -> aiohttp.ClientResponse:
    """Send to a healthy instance; on a failure that sent nothing (or an idempotent method) try another."""
    config = gateway.config
    pool = gateway.upstreams[service]
    session = http_session(
        pool_size=config.pool_size, connect_timeout=config.connect_timeout, read_timeout=config.read_timeout
    )
    tried: tuple = ()
    failure = "unavailable"
    for _attempt in range(1 + config.retries):
        instance = pool.pick(tried)
        if instance is None:
            break
        tried += (instance,)
        try:
            # encoded=True: the canonical path goes out byte for byte, never re-normalised (proxy/canonical.py)
            url = URL(instance.url + path_and_query, encoded=True)
            response = await session.request(method, url, headers=headers, data=body, allow_redirects=False)
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError):
            pool.failed(instance)  # nothing reached the service: safe to try another for any method
            failure = "unreachable"
            continue
        except (TimeoutError, aiohttp.SocketTimeoutError):
            pool.failed(instance)
            failure = "timeout"  # the service may still be working on it: never repeat the request
            break
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError, aiohttp.ClientPayloadError):
            pool.failed(instance)
            failure = "unreachable"
            if method in IDEMPOTENT:
                continue
            break
        pool.succeeded(instance)
        return response
    raise UpstreamFailure(failure)


def failure_response(request: GatewayRequest, service: str, failure: UpstreamFailure) -> GatewayResponse:
    rid = request.request_id
    logger.warning(
        "Upstream %s %s for %s %s", service, failure.kind, request.method, request.path, extra={"request_id": rid}
    )
    if failure.kind == "timeout":
        return error(504, f"The {service} service took too long to answer.", "upstream_timeout", request_id=rid)
    return error(
        503, f"The {service} service is unavailable; try again shortly.", "service_unavailable", request_id=rid
    )


def response_headers(raw_headers) -> list[tuple[bytes, bytes]]:
    return [(key.lower(), value) for key, value in raw_headers if key.lower() not in DROPPED_RESPONSE_HEADERS]


async def forward(
    gateway: Gateway, request: GatewayRequest, service: str, *, body: bytes | None = None, buffer: bool = False
) -> GatewayResponse:
    """Proxy the request; answers the service's response, or a JSON 502/503/504 carrying the request id."""
    names = (gateway.config.access_cookie, gateway.config.refresh_cookie, gateway.config.csrf_cookie, HINT_COOKIE)
    raw_cookie = request.header(b"cookie") or ""
    headers = upstream_headers(
        gateway, request, service, cookie_header=strip_cookies(raw_cookie, names) if raw_cookie else ""
    )
    if pending := await pending_header(gateway, request):
        headers.append(pending)  # read-your-writes: the service waits for these before answering
    if body is not None:  # the gateway wrote this body itself (refresh, signout): say what it is
        headers = [(k, v) for k, v in headers if k.lower() != "content-type"] + [("Content-Type", "application/json")]
    if buffer:  # the gateway reads this answer, so ask for it uncompressed
        headers = [(k, v) for k, v in headers if k.lower() != "accept-encoding"]
    payload = request.body if body is None else body
    try:
        upstream = await send(gateway, service, request.method, request.path_and_query, headers, payload or None)
    except UpstreamFailure as failure:
        return failure_response(request, service, failure)
    response = await _relay(request, service, upstream, buffer=buffer)
    await after_forward(gateway, request, response)
    return response


async def _relay(
    request: GatewayRequest, service: str, upstream: aiohttp.ClientResponse, *, buffer: bool
) -> GatewayResponse:
    status = upstream.status
    if status >= 500:
        # A service's server error body may hold internals: log it, answer our own shape.
        detail = (await upstream.content.read(2048)).decode("utf-8", "replace")
        upstream.release()
        logger.error(
            "Upstream %s answered %s to %s %s: %s",
            service,
            status,
            request.method,
            request.path,
            detail,
            extra={"request_id": request.request_id},
        )
        return error(
            502,
            f"The {service} service failed to answer this request.",
            "upstream_error",
            request_id=request.request_id,
        )
    if (
        status >= 400
        and request.route is not None
        and request.route.is_api
        and request.method != "HEAD"
        and not _is_json(upstream)
    ):
        return await _json_error(request, service, upstream)
    headers = response_headers(upstream.raw_headers)
    length = upstream.content_length
    if buffer or (length is not None and length <= BUFFER_LIMIT) or request.method == "HEAD":
        try:
            body = await upstream.read()
        except (TimeoutError, aiohttp.ClientError):
            upstream.release()
            return failure_response(request, service, UpstreamFailure("timeout"))
        return GatewayResponse(status, headers, body)
    return GatewayResponse(status, headers, upstream=upstream)


ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    429: "rate_limited",
    431: "headers_too_large",
}


def _is_json(upstream: aiohttp.ClientResponse) -> bool:
    kind = upstream.content_type or ""
    return kind == "application/json" or kind.endswith("+json")


async def _json_error(request: GatewayRequest, service: str, upstream: aiohttp.ClientResponse) -> GatewayResponse:
    """An API client always gets the error shape: a server's HTML or text error page becomes {"detail", "code"}."""
    status = upstream.status
    sample = (await upstream.content.read(512)).decode("utf-8", "replace")
    upstream.release()
    logger.warning(
        "Upstream %s answered %s to %s %s as %s: %r",
        service,
        status,
        request.method,
        request.path,
        upstream.content_type,
        sample,
        extra={"request_id": request.request_id},
    )
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Client error"
    response = error(status, f"{phrase}.", ERROR_CODES.get(status, "client_error"))
    response.headers.extend(
        (key.lower(), value)
        for key, value in upstream.raw_headers
        if key.lower() in (b"allow", b"retry-after", b"www-authenticate")
    )
    return response
