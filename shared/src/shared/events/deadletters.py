"""Operator tools for the dead-letter queue: look at parked events, send them back."""
from __future__ import annotations

import json

from shared.events.bus import celery_app
from shared.events.topology import EVENTS_EXCHANGE, dead_letter_queue_name, retry_routing_key


def _envelope(message) -> dict:
    body = message.body if isinstance(message.body, (bytes, str)) else json.dumps(message.body)
    args = json.loads(body)[0]
    return args[0]


def list_dead_letters(service: str, limit: int = 100) -> list[dict]:
    """Peek without removing: every message read is returned to the queue."""
    envelopes = []
    with celery_app().connection_for_write() as conn:
        channel = conn.channel()
        held = []
        for _ in range(limit):
            message = channel.basic_get(dead_letter_queue_name(service), no_ack=False)
            if message is None:
                break
            held.append(message)
            envelopes.append(_envelope(message))
        for message in held:
            channel.basic_reject(message.delivery_tag, requeue=True)
        channel.close()
    return envelopes


def replay_dead_letters(service: str, limit: int = 100) -> int:
    """Send parked events back to this service's queue with a fresh retry budget."""
    app = celery_app()
    replayed = 0
    with app.connection_for_write() as conn:
        channel = conn.channel()
        for _ in range(limit):
            message = channel.basic_get(dead_letter_queue_name(service), no_ack=False)
            if message is None:
                break
            envelope = _envelope(message)
            app.send_task(
                "events.deliver",
                args=[envelope],
                task_id=envelope["event_id"],
                exchange=EVENTS_EXCHANGE,
                routing_key=retry_routing_key(service),
                argsrepr=f"<{envelope['name']} {envelope['event_id']}>",
            )
            channel.basic_ack(message.delivery_tag)
            replayed += 1
        channel.close()
    return replayed
