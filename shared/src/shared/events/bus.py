"""Publishing: the outbox write, then a confirmed publish once the data is committed."""

from __future__ import annotations

import logging
import threading

from shared.consistency.collector import keep_for_after_answer, note_published
from shared.consistency.subjects import note_subject
from shared.events.contracts import make_envelope
from shared.events.published import marks
from shared.events.stores import get_store
from shared.events.topology import EVENTS_EXCHANGE, declare_exchanges, declare_service_queues

logger = logging.getLogger("shared.events")

_app = None
_declared = threading.Event()
_declaring = threading.Lock()  # one thread declares; the others wait for it instead of declaring too


def set_celery_app(app) -> None:
    global _app
    _app = app


def celery_app():
    if _app is None:
        raise RuntimeError("No Celery app: build it with shared.events.celery.make_celery_app() in config/celery.py")
    return _app


def declare_topology(*, prune: bool = False) -> None:
    """Declare this service's part of the layout (idempotent): the exchanges, its dead-letter queue and its
    queue bound to the events its handlers consume; ``prune`` also unbinds the events it no longer consumes.

    ``migrate`` prunes (a deployment runs it once, with the new code, before serving); a worker's start only
    adds, so a worker of the previous version restarting during a rollout never takes a new binding away.
    """
    from shared.events.consumers import consumed_names

    app = celery_app()
    with app.connection_for_write() as conn:
        declare_service_queues(conn.default_channel, app.main, consumed_names(), prune=prune)


def _declare_exchanges() -> None:
    with celery_app().connection_for_write() as conn:
        declare_exchanges(conn.default_channel)
    _declared.set()


def send(envelope: dict) -> None:
    """Publish one envelope and wait for the broker's confirm; raises when it is not confirmed."""
    app = celery_app()
    if not _declared.is_set():
        with _declaring:
            if not _declared.is_set():
                _declare_exchanges()  # the queues are their consumers' to declare (shared.events.topology)
    app.send_task(
        "events.deliver",
        args=[envelope],
        task_id=envelope["event_id"],
        exchange=EVENTS_EXCHANGE,
        routing_key=envelope["name"],
        retry=False,
        headers={"event_name": envelope["name"]},
        # Payloads may hold secrets (reset tokens); worker logs show this instead of the arguments.
        argsrepr=f"<{envelope['name']} {envelope['event_id']}>",
        kwargsrepr="{}",
    )


def try_send(envelope: dict) -> bool:
    store = get_store()
    try:
        send(envelope)
    except Exception as exc:
        _declared.clear()
        logger.warning("event %s kept in the outbox: %s", envelope["event_id"], exc)
        try:
            store.record_failure(envelope["event_id"], repr(exc))
        except Exception:
            logger.exception("could not record the publish failure")
        return False
    marks.add(envelope["event_id"])  # written in a batch (shared.events.published)
    return True


def publish(payload) -> dict:
    """Write the event in the caller's transaction; publish it once that commits.

    If the broker is unreachable the event stays in the outbox and the relay
    publishes it later: callers never lose an event and never wait on the broker.
    """
    envelope = make_envelope(payload)
    store = get_store()
    store.add(envelope)
    store.on_commit(lambda: _committed(envelope))
    return envelope


def publish_request(payload) -> tuple[dict, object]:
    """:func:`publish` for a MongoDB writer that sends its writes in one ``bulkWrite`` (``shared.mongo.bulk_write``).

    The outbox insert is not written here: it comes back as a request the caller adds to its own
    writes in the same transaction (without it nothing is published). The publish follows the
    commit, as with :func:`publish`.
    """
    envelope = make_envelope(payload)
    store = get_store()
    request = store.insert_request(envelope)
    store.on_commit(lambda: _committed(envelope))
    return envelope, request


def _committed(envelope: dict) -> None:
    note_published(envelope)  # the request's answer names it (read-your-writes), only once it is committed
    note_subject(envelope)
    if not keep_for_after_answer(envelope):  # in a request: sent once the answer is out (send_after_answer)
        try_send(envelope)


def send_after_answer(envelopes: list[dict]) -> None:
    """Send a request's committed events, in commit order (the server has sent its answer)."""
    while envelopes:
        try_send(envelopes.pop(0))


def relay_pending(limit: int = 200, older_than: float = 0.0) -> int:
    """Publish outbox events not yet confirmed; returns how many went out."""
    sent = 0
    for envelope in get_store().pending(limit=limit, older_than=older_than):
        if not try_send(envelope):
            break
        sent += 1
    return sent
