"""The Celery app of a service: its event queue, the ``events.deliver`` task and the outbox relay."""

from __future__ import annotations

import logging
import random
import threading

from celery import Celery, bootsteps, signals

from shared.events import bus
from shared.events.consumers import dispatch, permanent_reason
from shared.events.topology import EVENTS_EXCHANGE, dead_letter_queue, events_queue, retry_routing_key

logger = logging.getLogger("shared.events")

MAX_RETRIES = 6
MAX_BACKOFF = 300
# Celery's Django fixup closes every database connection before and after each task unless told to reuse
# them: then each event paid a new PostgreSQL connection (a backend process forked, authenticated) on
# its way to the handlers. Reused, a connection is checked around each task as Django checks one around
# each request (below); this only recycles it after so many tasks besides.
DB_REUSE_MAX = 1000


def _backoff(retries: int) -> float:
    return min(2**retries, MAX_BACKOFF) * random.uniform(0.8, 1.2)


def bind_own_queue() -> None:
    """At worker start, before it consumes: its queue bound to every event its handlers take (adding only).

    ``migrate`` has bound them already in a deployment; a failure here is logged, not fatal, because the
    queue and its bindings are durable and Celery's consumer declares the queue itself when it connects.
    """
    try:
        bus.declare_topology()
    except Exception:
        logger.exception("could not bind the worker's queue to its handlers' events (migrate binds them too)")


class RelayStep(bootsteps.StartStopStep):
    """Publishes outbox events that were not confirmed at commit time (broker down, crash)."""

    requires = {"celery.worker.components:Pool"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self._stop = threading.Event()
        self._thread = None

    def start(self, worker):
        bind_own_queue()  # this step starts before the Consumer step, which is always last
        if worker_setting("EVENTS_STORE", "django") == "mongo":
            from shared.mongo_apps import ensure_all_collections

            ensure_all_collections()  # the first event of a fresh database must not create them mid-transaction
        self._thread = threading.Thread(target=self._loop, name="outbox-relay", daemon=True)
        self._thread.start()

    def stop(self, worker):
        self._stop.set()

    def _loop(self):
        from django.db import close_old_connections

        interval = float(worker_setting("EVENTS_RELAY_INTERVAL", 2.0))
        while not self._stop.wait(interval):
            try:
                sent = bus.relay_pending(older_than=interval)
                if sent:
                    logger.info("relay published %s pending events", sent)
            except Exception:
                logger.exception("outbox relay sweep failed")
            finally:
                close_old_connections()


def worker_setting(name: str, default):
    from django.conf import settings

    return getattr(settings, name, default)


def _check_db_connections(task=None, **kwargs) -> None:
    """Before and after each task, what Django does around a request: close a connection that is older
    than CONN_MAX_AGE or had errors, and have the next query health-check it (CONN_HEALTH_CHECKS), so a
    database restart costs a reconnect, not a failed event. Not for eager tasks: they run inside the
    caller's transaction."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


signals.task_prerun.connect(_check_db_connections, weak=False)
signals.task_postrun.connect(_check_db_connections, weak=False)


def make_celery_app(service: str) -> Celery:
    """Build the service's app from Django settings (``CELERY_*``) plus the event plumbing."""
    app = Celery(service)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        broker_transport_options={"confirm_publish": True},
        task_default_queue=f"{service}.tasks",
        task_queues=[events_queue(service), dead_letter_queue(service), _tasks_queue(service)],
        worker_hijack_root_logger=False,
        # A body the worker cannot decode is parked, not acked away (Celery's default drops it); so is a
        # task message whose body is no (args, kwargs, options) triple: it fails before deliver runs.
        task_acks_on_failure_or_timeout=False,
        worker_consumer="shared.events.deadletters:ParkingConsumer",
        # After a reconnect with tasks in flight Celery lowers the prefetch count and raises it again from each
        # ack, which on the threads pool sends basic.qos from a pool thread on the consumer's connection while
        # the consumer's own loop reads it: one of them waits for a reply the other took, and the worker
        # consumes nothing until the broker drops it minutes later (a RabbitMQ kill -9 left 8 of 10
        # order.created unhandled for 2 minutes, docs/decisions/0010). With prefetch 1 per thread and late acks
        # the reduction saves nothing worth that: off.
        worker_enable_prefetch_count_reduction=False,
    )
    app.conf.update(CELERY_DB_REUSE_MAX=DB_REUSE_MAX)  # read by name by celery.fixups.django
    app.autodiscover_tasks()
    app.autodiscover_tasks(related_name="handlers")
    _register_deliver(app, service)
    app.steps["worker"].add(RelayStep)
    bus.set_celery_app(app)
    return app


def _tasks_queue(service: str):
    from kombu import Queue

    return Queue(f"{service}.tasks", durable=True)


def _register_deliver(app: Celery, service: str) -> None:
    @app.task(
        name="events.deliver",
        bind=True,
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=MAX_RETRIES,
        typing=False,
    )
    def deliver(self, *args, **kwargs) -> int:
        envelope = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], dict) else None
        if envelope is None:
            return _park(service, {"args": list(args), "kwargs": kwargs}, "broken envelope: not one event object")
        try:
            return dispatch(envelope)
        except Exception as exc:
            reason = permanent_reason(exc)
            if reason is not None:
                return _park(service, envelope, reason)
            if self.request.retries >= self.max_retries:
                return _park(service, envelope, f"failed {self.request.retries + 1} times, last: {exc!r}")
            logger.warning("event %s failed (%r); retrying", envelope["event_id"], exc)
            raise self.retry(
                exc=exc,
                countdown=_backoff(self.request.retries),
                exchange=EVENTS_EXCHANGE.name,
                routing_key=retry_routing_key(service),
                argsrepr=f"<{envelope['name']} {envelope['event_id']}>",
            ) from exc


def _park(service: str, envelope: dict, reason: str) -> int:
    """An event no retry can fix goes to the dead-letter queue now, with why (then this delivery is acked)."""
    from shared.events.deadletters import park

    logger.error("event %s parked at once: %s", envelope.get("event_id", "?"), reason)
    park(service, envelope, reason)
    return 0
