"""The ASGI application of a service that serves sockets besides REST (chat, notification).

Sockets go to Channels. HTTP goes to Django's WSGI handler on a pool of threads (a2wsgi), as the
other services' gunicorn gthread workers run it: under Django's ASGI handler every sync middleware
costs two thread hops per request (about 5 ms of a 6 ms 404 here), on the pool the whole chain runs
in one thread, like WSGI, with one hop in and the answer's chunks handed back to the loop.
"""

from __future__ import annotations

import asyncio
import importlib
import os

from a2wsgi import WSGIMiddleware

from shared import pushes

DEFAULT_THREADS = 8


def web_threads() -> int:
    """Threads per process for HTTP: ``WEB_THREADS``, else 8 (a request waiting on its events holds one)."""
    value = os.environ.get("WEB_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_THREADS


class _NamesItsLoop:
    """Tells ``shared.pushes`` which loop is the server's, at the first connection of any kind."""

    def __init__(self, application):
        self.application = application
        self.named = False

    async def __call__(self, scope, receive, send):
        if not self.named:
            pushes.serve_on(asyncio.get_running_loop())
            self.named = True
        return await self.application(scope, receive, send)


def socket_service_application(routing_module: str, *, threads: int | None = None):
    """HTTP on a thread pool and the sockets of ``routing_module``'s ``websocket_urlpatterns``."""
    from django.core.wsgi import get_wsgi_application

    # Django's stubs type the handler's answer as HttpResponseBase, which is the iterable of bytes WSGI wants.
    http = WSGIMiddleware(get_wsgi_application(), workers=threads or web_threads())  # type: ignore[arg-type]

    from channels.routing import ProtocolTypeRouter, URLRouter

    from shared.guard import GatewayTokenASGIMiddleware

    sockets = importlib.import_module(routing_module).websocket_urlpatterns
    return _NamesItsLoop(
        ProtocolTypeRouter({"http": http, "websocket": GatewayTokenASGIMiddleware(URLRouter(sockets))})
    )
