"""Serve a Django request through the same gateway core as the lean ASGI path.

The ASGI front door takes every forwarded route before Django sees it; the
service paths reach this adapter (config/urls.py) only when Django serves the
request itself, e.g. mounted without the front door.
"""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse

from proxy.canonical import canonical_path, raw_path_of
from proxy.gateway import get_gateway
from proxy.http_entry import build_request, process
from proxy.routes import route_for

_HOP = {"content-length", "transfer-encoding", "connection"}


async def relay(request) -> HttpResponse:
    gateway = get_gateway()
    scope = request.scope
    # Only a canonical path reaches Django through the front door (proxy/entry.py); PathRefused here is a bug.
    route = route_for(canonical_path(raw_path_of(scope)), gateway.upstreams)
    gateway_request = build_request(gateway, scope)
    gateway_request.request_id = getattr(request, "request_id", gateway_request.request_id)
    body = request.body

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    response = await process(gateway, gateway_request, route, receive)
    if response.upstream is not None:
        upstream = response.upstream

        async def chunks():
            try:
                async for chunk in upstream.content.iter_chunked(64 * 1024):
                    yield chunk
            finally:
                upstream.release()

        django_response = StreamingHttpResponse(chunks(), status=response.status)
    else:
        django_response = HttpResponse(response.body, status=response.status)
    for name, value in response.headers:
        key = name.decode("latin-1").lower()
        if key not in _HOP and key != "set-cookie":
            django_response[key] = value.decode("latin-1")
    _copy_cookies(django_response, response.headers)
    return django_response


def _copy_cookies(django_response: HttpResponse, headers) -> None:
    """Django keeps cookies apart from headers; raw Set-Cookie lines go through its cookie store."""
    from http.cookies import SimpleCookie

    for name, value in headers:
        if name.lower() == b"set-cookie":
            django_response.cookies.load(SimpleCookie(value.decode("latin-1")))
