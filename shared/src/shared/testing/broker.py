"""Real-broker helpers for tests: private queues with chosen bindings, and reading envelopes off them."""

from __future__ import annotations

import time
import uuid

from kombu import Exchange, Queue, binding

from shared.events.bus import celery_app, declare_topology
from shared.events.topology import EVENTS_EXCHANGE, bind_events, events_queue


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


def routed_event_names(service: str, names) -> set[str]:
    """The event names that reach a copy of ``service``'s queue once :func:`bind_events` bound it to ``names``.

    On a private exchange (other suites' queues on the shared test vhost see nothing): the copy starts
    bound to every event a contract declares, as if it had consumed all of them, is bound and pruned as
    ``migrate`` does, then one message per event name is published (confirmed) and what arrived is read.
    """
    from shared.events.contracts import REGISTRY

    every = sorted({name for name, _version in REGISTRY})
    suffix = uuid.uuid4().hex[:8]
    exchange = Exchange(f"test.events-{suffix}", type="topic", durable=False, auto_delete=True)
    queue_name = f"test.{service}.events-{suffix}"
    with celery_app().connection_for_write() as connection:
        channel = connection.default_channel
        exchange(channel).declare()
        events_queue(service, every, exchange=exchange, name=queue_name)(channel).declare()
        try:
            copy = events_queue(service, names, exchange=exchange, name=queue_name)
            bind_events(channel, copy, names, prune=True, exchange=exchange)
            producer = connection.Producer(channel)
            for name in every:
                producer.publish({"probe": name}, exchange=exchange, routing_key=name, serializer="json")
            arrived = set()
            while (message := channel.basic_get(queue_name, no_ack=True)) is not None:
                arrived.add(message.delivery_info["routing_key"])
            return arrived
        finally:
            channel.queue_delete(queue_name)
            channel.exchange_delete(exchange.name)
