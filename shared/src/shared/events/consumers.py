"""``@consumes(Event)``: a small handler per event, run once per event id."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial

from shared.consistency.marks import mark_applied
from shared.events.contracts import parse_envelope
from shared.events.contracts.base import UnknownEvent
from shared.events.stores import get_store

logger = logging.getLogger("shared.events")

HANDLERS: dict[str, list[Callable]] = {}  # event name -> its handlers here, in declaration order
_loading = threading.Lock()
_loaded = False


def consumes(*event_classes, external: bool = False):
    """Register ``handler(event, meta)`` for one event contract, or several versions of one.

    ``@consumes(GigCreated)`` takes version 1 only; during a migration
    ``@consumes(GigCreated, GigCreatedV2)`` takes both (the handler gets the
    class of the version that arrived). An envelope of a version no handler
    names is parsed and acknowledged without running anything.

    ``external=True`` marks a handler that talks to the world outside the
    service's database (SMTP, a payment provider): it runs after the event's
    other handlers have committed, in a transaction of its own, so a slow or
    failing call neither delays nor undoes their work.
    """
    if not event_classes:
        raise TypeError("consumes() needs at least one event contract")

    def register(handler):
        consumed = dict(getattr(handler, "consumed", {}))
        for event_class in event_classes:
            if event_class.name not in consumed:
                HANDLERS.setdefault(event_class.name, []).append(handler)
            consumed[event_class.name] = consumed.get(event_class.name, frozenset()) | {event_class.version}
        handler.consumed = consumed  # event name -> the versions this handler takes
        handler.external = external
        return handler

    return register


def load_handlers() -> None:
    """Import every installed app's ``handlers`` module once, so this process knows what its service consumes.

    The worker's Celery app imports them too; a web process (read-your-writes) and ``migrate`` (the
    queue's bindings) need them without a worker. They import the services the views import already.
    """
    global _loaded
    if _loaded:
        return
    with _loading:
        if not _loaded:
            from django.utils.module_loading import autodiscover_modules

            autodiscover_modules("handlers")
            _loaded = True


def consumed_names() -> frozenset[str]:
    """The event names this service's handlers take: what its queue is bound to, what its requests wait for."""
    load_handlers()
    return frozenset(name for name, handlers in HANDLERS.items() if handlers)


def _takes(handler, name: str, version: int) -> bool:
    versions = getattr(handler, "consumed", None)
    return versions is None or version in versions.get(name, ())


def handler_name(handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def dispatch(envelope: dict) -> int:
    """Run every local handler of this event that has not run yet; returns how many ran.

    Database-only handlers run first, together; external ones after, one at a
    time. One handler's failure does not hold back the others: those that
    succeed are recorded, the failure is raised afterwards, and the retry runs
    only what failed.
    """
    payload, meta = parse_envelope(envelope)
    internal, external = [], []
    for handler in HANDLERS.get(meta.name, ()):
        if _takes(handler, meta.name, meta.version):
            steps = external if getattr(handler, "external", False) else internal
            steps.append((handler_name(handler), partial(handler, payload, meta)))
    store = get_store()
    ran, failure = 0, None
    for steps, together in ((internal, True), (external, False)):
        try:
            ran += store.run_handlers(meta.event_id, steps, together=together)
        except Exception as exc:
            failure = failure or exc
    if failure is not None:
        raise failure
    mark_applied(meta.event_id)  # every handler has committed: requests waiting for this event may answer
    return ran


class PermanentError(Exception):
    """Raise from a handler for an event it can never apply: it is parked at once, not retried."""


# PostgreSQL SQLSTATE / MariaDB error numbers of an IntegrityError caused by the data itself
# (NOT NULL, CHECK); a unique or foreign-key violation may be a race that a retry resolves.
BAD_DATA_SQLSTATES = {"23502", "23514"}
BAD_DATA_MYSQL_ERRORS = {1048, 1364, 3819}


def _integrity_is_bad_data(exc) -> bool:
    cause = exc.__cause__ or exc
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate:
        return sqlstate in BAD_DATA_SQLSTATES
    args = getattr(cause, "args", ())
    return bool(args) and args[0] in BAD_DATA_MYSQL_ERRORS


def permanent_reason(exc: BaseException) -> str | None:
    """Why ``exc`` will fail on every retry too, or None when a retry may succeed.

    Bad data (a value the store refuses, a schema the consumer cannot read)
    stays bad; a lost connection, a deadlock or a write conflict does not.
    """
    from django.db import DataError, IntegrityError

    if isinstance(exc, (PermanentError, UnknownEvent)):
        return f"{exc.__class__.__name__}: {exc}"
    if isinstance(exc, DataError) or (isinstance(exc, IntegrityError) and _integrity_is_bad_data(exc)):
        return f"the store refused the data: {exc.__class__.__name__}: {exc}"
    try:
        import mongoengine
        from bson.errors import InvalidDocument
        from pymongo.errors import DocumentTooLarge
    except ImportError:  # a SQL-only deployment
        return None
    if isinstance(exc, (mongoengine.ValidationError, InvalidDocument, DocumentTooLarge)):
        return f"the store refused the data: {exc.__class__.__name__}: {exc}"
    return None
