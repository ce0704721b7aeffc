"""The events the current request has committed, gathered for its answer.

``bus.publish`` calls ``note_published`` from the transaction's on-commit hook,
so a rolled-back write names nothing (a client must never wait for an event
that will not come). Outside a request (a worker, the relay, a shell) nothing
is collecting and ``note_published`` does nothing.

``keep_for_after_answer`` holds a committed event's broker send until the
request's answer has gone out (the middleware sends them when the server closes
the response): the event is already in the outbox, so the client need not wait
for the broker's confirm; should the process die first, the relay sends it.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

_collected: ContextVar[list | None] = ContextVar("events_published_by_request", default=None)
_unsent: ContextVar[list | None] = ContextVar("events_to_send_after_the_answer", default=None)


@contextmanager
def collecting():
    """Collect for the duration of one request; yields the list the committed events land in, and the list
    of their envelopes still to send.

    The lists are mutated, never replaced, so an on-commit hook that runs in a
    copied context (a sync view under ASGI runs in a worker thread) still adds
    to the request's own lists.
    """
    published: list[tuple[str, str]] = []
    unsent: list[dict] = []
    token, unsent_token = _collected.set(published), _unsent.set(unsent)
    try:
        yield published, unsent
    finally:
        _collected.reset(token)
        _unsent.reset(unsent_token)


def keep_for_after_answer(envelope: dict) -> bool:
    """Whether a request will send this committed event once its answer is out (False: send it now)."""
    unsent = _unsent.get()
    if unsent is None:
        return False
    unsent.append(envelope)
    return True


def note_published(envelope: dict) -> None:
    published = _collected.get()
    if published is not None:
        published.append((envelope["name"], envelope["event_id"]))
