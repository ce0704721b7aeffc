"""Real-broker helpers for tests: private queues with chosen bindings, and reading envelopes off them."""

from __future__ import annotations

import time
import uuid

from kombu import Queue, binding

from shared.events.bus import celery_app, declare_topology
from shared.events.topology import EVENTS_EXCHANGE


def take_envelopes(queue, event_ids: set[str], timeout: float = 10.0) -> dict[str, dict]:
    """Our envelopes by event id; other suites' events on the shared test vhost are skipped."""
    found, deadline = {}, time.monotonic() + timeout
    while set(found) != event_ids and time.monotonic() < deadline:
        message = queue.get(no_ack=True)
        if message is None:
            time.sleep(0.02)
            continue
        args, _kwargs, _embed = message.decode()
        if args[0]["event_id"] in event_ids:
            found[args[0]["event_id"]] = args[0]
    return found


def bound_queues():
    """A generator for the ``bound_queue`` fixture: ``make(keys)`` declares a private, auto-deleted
    queue on the events exchange bound to ``keys``; every queue made is deleted afterwards."""
    declare_topology()
    made = []
    with celery_app().connection_for_write() as connection:

        def make(keys) -> Queue:
            queue = Queue(
                f"test.journey-{uuid.uuid4().hex[:8]}",
                exchange=EVENTS_EXCHANGE,
                bindings=[binding(EVENTS_EXCHANGE, routing_key=key) for key in keys],
                auto_delete=True,
            )(connection.default_channel)
            queue.declare()
            made.append(queue)
            return queue

        yield make
        for queue in made:
            queue.delete()
