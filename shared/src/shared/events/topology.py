"""The broker layout, declared in one place so producers and consumers agree.

One durable topic exchange ``events``; each service has a durable queue
``<service>.events`` bound to the event names it consumes (routing key = the
event's name, whatever its version; which names follows from the service's
``@consumes`` handlers, see ``shared.events.subscriptions``), dead-lettering to
``<service>.events.dead``. Publishers declare the whole layout before their
first publish, so an event is never dropped because a consumer has not started
yet (the reference design lost those).
"""

from __future__ import annotations

from kombu import Exchange, Queue, binding

from shared.events.subscriptions import SUBSCRIPTIONS  # generated from the handlers (shared.devtools.subscriptions)

EVENTS_EXCHANGE = Exchange("events", type="topic", durable=True)
DEAD_LETTER_EXCHANGE = Exchange("events.dlx", type="direct", durable=True)


def events_queue_name(service: str) -> str:
    return f"{service}.events"


def dead_letter_queue_name(service: str) -> str:
    return f"{service}.events.dead"


def retry_routing_key(service: str) -> str:
    """Retries and replays go back to one service's queue only, not to every subscriber."""
    return f"{service}.retry"


def events_queue(service: str) -> Queue:
    keys = (*SUBSCRIPTIONS[service], retry_routing_key(service))
    return Queue(
        events_queue_name(service),
        exchange=EVENTS_EXCHANGE,
        bindings=[binding(EVENTS_EXCHANGE, routing_key=key) for key in keys],
        durable=True,
        queue_arguments={
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE.name,
            "x-dead-letter-routing-key": dead_letter_queue_name(service),
        },
    )


def dead_letter_queue(service: str) -> Queue:
    name = dead_letter_queue_name(service)
    return Queue(name, exchange=DEAD_LETTER_EXCHANGE, routing_key=name, durable=True)


def all_queues() -> list[Queue]:
    queues = []
    for service in SUBSCRIPTIONS:
        queues += [events_queue(service), dead_letter_queue(service)]
    return queues
