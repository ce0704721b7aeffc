"""The broker layout, and the one way a service declares its part of it.

One durable topic exchange ``events``; each service has a durable queue
``<service>.events`` bound to the event names it consumes (routing key = the
event's name, whatever its version), dead-lettering to ``<service>.events.dead``.

Which names is the service's own business: its ``@consumes`` handlers
(``shared.events.consumers.consumed_names``). Each service declares its queue
and binds it to them itself, when it migrates (before any deployment serves a
request, so before anyone publishes what it now consumes) and when its worker
starts; the migration also unbinds the names it no longer consumes. Publishers
declare only the exchanges: a queue that exists keeps what is routed to it
while its worker is down, and an event published before a new consumer was
ever deployed is not owed to it (docs/decisions/0003-events.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from kombu import Exchange, Queue, binding

EVENTS_EXCHANGE = Exchange("events", type="topic", durable=True)
DEAD_LETTER_EXCHANGE = Exchange("events.dlx", type="direct", durable=True)


def events_queue_name(service: str) -> str:
    return f"{service}.events"


def dead_letter_queue_name(service: str) -> str:
    return f"{service}.events.dead"


def retry_routing_key(service: str) -> str:
    """Retries and replays go back to one service's queue only, not to every subscriber."""
    return f"{service}.retry"


def events_queue(
    service: str, names: Iterable[str] = (), *, exchange: Exchange = EVENTS_EXCHANGE, name: str = ""
) -> Queue:
    """The service's queue bound to ``names`` and its retry key (Celery's own copy is given no names: it
    re-declares the queue on every reconnect, and only :func:`bind_events` decides what it is bound to)."""
    keys = (*sorted(names), retry_routing_key(service))
    return Queue(
        name or events_queue_name(service),
        exchange=exchange,
        bindings=[binding(exchange, routing_key=key) for key in keys],
        durable=True,
        queue_arguments={
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE.name,
            "x-dead-letter-routing-key": dead_letter_queue_name(service),
        },
    )


def dead_letter_queue(service: str) -> Queue:
    name = dead_letter_queue_name(service)
    return Queue(name, exchange=DEAD_LETTER_EXCHANGE, routing_key=name, durable=True)


def declare_exchanges(channel) -> None:
    """What a publisher needs: the exchanges (a message routed to no queue is one no service consumes)."""
    for exchange in (EVENTS_EXCHANGE, DEAD_LETTER_EXCHANGE):
        exchange(channel).declare()


def bind_events(
    channel, queue: Queue, names: Iterable[str], *, prune: bool, exchange: Exchange = EVENTS_EXCHANGE
) -> None:
    """Declare ``queue`` bound to ``names`` (and its retry key); with ``prune``, unbind every other event.

    RabbitMQ cannot list a queue's bindings over AMQP, so pruning unbinds every event name a contract
    declares (``shared.events.contracts.REGISTRY``) that is not in ``names``: unbinding what is not bound is
    a no-op. A binding to a name whose contract was deleted stays, and nobody publishes it any more.
    """
    from shared.events.contracts import REGISTRY

    queue(channel).declare()
    if prune:
        for name in sorted({event_name for event_name, _version in REGISTRY} - set(names)):
            channel.queue_unbind(queue.name, exchange.name, routing_key=name)


def declare_service_queues(channel, service: str, names: Iterable[str], *, prune: bool) -> None:
    """The exchanges, the service's dead-letter queue and its events queue bound to ``names``."""
    names = tuple(names)
    declare_exchanges(channel)
    dead_letter_queue(service)(channel).declare()
    bind_events(channel, events_queue(service, names), names, prune=prune)
