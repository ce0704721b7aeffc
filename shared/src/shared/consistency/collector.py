"""The events the current request has committed, gathered for its answer.

``bus.publish`` calls ``note_published`` from the transaction's on-commit hook,
so a rolled-back write names nothing (a client must never wait for an event
that will not come). Outside a request (a worker, the relay, a shell) nothing
is collecting and ``note_published`` does nothing.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

_collected: ContextVar[list | None] = ContextVar("events_published_by_request", default=None)


@contextmanager
def collecting():
    """Collect for the duration of one request; yields the list the committed events land in.

    The list is mutated, never replaced, so an on-commit hook that runs in a
    copied context (a sync view under ASGI runs in a worker thread) still adds
    to the request's own list.
    """
    published: list[tuple[str, str]] = []
    token = _collected.set(published)
    try:
        yield published
    finally:
        _collected.reset(token)


def note_published(envelope: dict) -> None:
    published = _collected.get()
    if published is not None:
        published.append((envelope["name"], envelope["event_id"]))
