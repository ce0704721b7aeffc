"""Channel-layer sends from sync code (views, event handlers), on an event loop that keeps the layer's connections.

The Redis channel layer keeps its connections per event loop. ``async_to_sync`` from a thread that has
no loop (a view under the threaded WSGI bridge, a Celery handler) makes a new loop for every call, so
every push would connect to Redis anew. Here a push runs on the server's own loop when this process is
an ASGI server (``shared.asgi`` names it at the first connection), else on one loop per process that a
thread of its own runs. Sends from one process reach the layer in the order they were asked for.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import weakref
from concurrent.futures import Future

from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

_server_loop: asyncio.AbstractEventLoop | None = None
_own_loop: asyncio.AbstractEventLoop | None = None
_own_loop_lock = threading.Lock()
_order: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()


def serve_on(loop: asyncio.AbstractEventLoop | None) -> None:
    """The running ASGI server's loop: pushes from its worker threads go there."""
    global _server_loop
    _server_loop = loop


def _target_loop() -> asyncio.AbstractEventLoop:
    global _own_loop
    if _server_loop is not None and _server_loop.is_running():
        return _server_loop
    with _own_loop_lock:
        if _own_loop is None or _own_loop.is_closed():
            _own_loop = asyncio.new_event_loop()
            threading.Thread(target=_own_loop.run_forever, name="channel-layer-pushes", daemon=True).start()
        return _own_loop


async def _send_in_order(sends: list[tuple[str, dict]]) -> None:
    # Coroutines handed to a loop start in the order they came; the lock (FIFO) keeps them in it
    # across the layer's awaits, so two pushes to one socket never overtake each other.
    loop = asyncio.get_running_loop()
    lock = _order.setdefault(loop, asyncio.Lock())
    layer = get_channel_layer()
    async with lock:
        for group, message in sends:
            await layer.group_send(group, message)


def group_send(sends: list[tuple[str, dict]]) -> Future:
    """Send each ``(group, message)`` on the push loop; returns the future (``.result(timeout)`` to wait)."""
    loop = _target_loop()
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:
        raise RuntimeError("shared.pushes.group_send is for sync code; await the channel layer on the loop")
    return asyncio.run_coroutine_threadsafe(_send_in_order(sends), loop)


def log_failure(future: Future, what: str) -> None:
    """A push that is not waited for still says when it failed."""

    def report(done: Future) -> None:
        error = done.exception()
        if error is not None:
            logger.warning("could not push %s", what, exc_info=error)

    future.add_done_callback(report)
