"""Operator tools for the dead-letter queue: look at parked messages, send them back, throw them away.

A parked message may be anything a producer managed to put on the broker: an
event envelope, a Celery message of an unknown task, JSON that is no envelope,
or bytes that are not text at all. Every one is shown (text raw, binary as
base64) with why and when it was parked, so one poison message never hides
the others (docs/decisions/0010-durability.md).

A queue gives no random access: each operation takes up to ``limit`` messages
without acking them, acts on those it wants, and returns the rest to the
queue, so nothing is lost if the tool dies half way (the broker requeues
what was not acked).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from amqp.exceptions import NotFound
from celery.worker.consumer import Consumer

from shared.events.bus import celery_app
from shared.events.topology import (
    DEAD_LETTER_EXCHANGE,
    EVENTS_EXCHANGE,
    dead_letter_queue_name,
    retry_routing_key,
)

logger = logging.getLogger("shared.events")

DELIVER_TASK = "events.deliver"
REASON_HEADER, PARKED_AT_HEADER, FROM_HEADER = "x-park-reason", "x-parked-at", "x-parked-from"


@dataclass
class DeadLetter:
    id: str  # the event id, else the Celery task id, else a digest of the body
    queue: str
    reason: str
    parked_at: str  # ISO 8601, "" when the broker did not say
    content_type: str
    body_text: str | None  # the body when it is UTF-8 text
    body_base64: str | None  # else the body, base64
    headers: dict = field(default_factory=dict)
    envelope: dict | None = None  # set when the body is an event the bus can deliver

    @property
    def name(self) -> str:
        return (self.envelope or {}).get("name", "")

    @property
    def is_event(self) -> bool:
        return self.envelope is not None

    def summary(self) -> dict:
        return {
            "id": self.id,
            "name": self.name or "(not an event)",
            "reason": self.reason,
            "parked_at": self.parked_at,
        }

    def as_dict(self) -> dict:
        return {**asdict(self), "name": self.name}


def _jsonable(value):
    """AMQP headers hold bytes, datetimes and decimals; JSON holds none of them."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):
        return (
            value.astimezone(timezone.utc).isoformat()
            if value.tzinfo
            else value.replace(tzinfo=timezone.utc).isoformat()
        )
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _raw_body(message) -> bytes:
    body = message.body
    if isinstance(body, str):
        return body.encode(message.properties.get("content_encoding") or "utf-8")
    return bytes(body or b"")


def _envelope_of(body_text: str | None, headers: dict) -> dict | None:
    """The event envelope when the body is a Celery ``events.deliver`` message of one; else None."""
    if body_text is None or headers.get("task") != DELIVER_TASK:
        return None
    try:
        args = json.loads(body_text)[0]
        envelope = args[0]
    except (ValueError, TypeError, IndexError, KeyError):
        return None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("event_id"), str) or "name" not in envelope:
        return None
    return envelope


def _reason(headers: dict, body_text: str | None, envelope: dict | None) -> tuple[str, str]:
    """Why and when: our own park headers, else the broker's x-death record, read with what the body is."""
    if headers.get(REASON_HEADER):
        return str(headers[REASON_HEADER]), str(headers.get(PARKED_AT_HEADER, ""))
    deaths = headers.get("x-death") or [{}]
    death = deaths[0] if isinstance(deaths[0], dict) else {}
    when = _jsonable(death.get("time")) or ""
    broker_reason = death.get("reason", "rejected")
    task = headers.get("task")
    if not task:
        what = "not a Celery task message" + ("" if body_text is not None else " (binary body)")
    elif task != DELIVER_TASK:
        what = f"unknown task {task!r}"
    elif envelope is None:
        what = "broken envelope"
    else:
        what = "the consumer gave up on it"
    return f"{what}; {broker_reason} by {death.get('queue', 'the consumer')}", str(when)


def describe(message, queue: str) -> DeadLetter:
    raw = _raw_body(message)
    headers = _jsonable(dict(message.properties.get("application_headers") or message.headers or {}))
    try:
        body_text, body_base64 = raw.decode("utf-8"), None
    except UnicodeDecodeError:
        body_text, body_base64 = None, base64.b64encode(raw).decode("ascii")
    envelope = _envelope_of(body_text, headers)
    reason, parked_at = _reason(headers, body_text, envelope)
    ident = (envelope or {}).get("event_id") or headers.get("id") or hashlib.sha256(raw).hexdigest()[:32]
    return DeadLetter(
        id=str(ident),
        queue=queue,
        reason=reason,
        parked_at=parked_at,
        content_type=str(message.properties.get("content_type") or ""),
        body_text=body_text,
        body_base64=body_base64,
        headers=headers,
        envelope=envelope,
    )


@contextmanager
def _taken(service: str, limit: int):
    """Up to ``limit`` parked messages, unacked; the caller acks what it handled, the rest go back."""
    queue = dead_letter_queue_name(service)
    with celery_app().connection_for_write() as conn:
        channel = conn.channel()
        held = []
        try:
            for _ in range(limit):
                message = channel.basic_get(queue, no_ack=False)
                if message is None:
                    break
                held.append([message, describe(message, queue), False])
            yield channel, held
        finally:
            for message, _letter, acked in held:
                if not acked:
                    channel.basic_reject(message.delivery_tag, requeue=True)
            channel.close()


def list_dead_letters(service: str, limit: int = 100) -> list[DeadLetter]:
    """Peek without removing: every message read is returned to the queue."""
    with _taken(service, limit) as (_channel, held):
        return [letter for _message, letter, _acked in held]


def get_dead_letter(service: str, ident: str, limit: int = 1000) -> DeadLetter | None:
    return next((letter for letter in list_dead_letters(service, limit) if letter.id == ident), None)


def _republish(app, service: str, message, letter: DeadLetter) -> None:
    if letter.is_event:
        # A fresh retry budget: a new task message for the same event, to this service's queue only.
        app.send_task(
            DELIVER_TASK,
            args=[letter.envelope],
            task_id=letter.envelope["event_id"],
            exchange=EVENTS_EXCHANGE,
            routing_key=retry_routing_key(service),
            retry=False,
            argsrepr=f"<{letter.name} {letter.id}>",
        )
        return
    # Not an event: sent back byte for byte (the operator asked for it by id).
    with app.producer_or_acquire() as producer:
        producer.publish(
            _raw_body(message),
            exchange=EVENTS_EXCHANGE,
            routing_key=retry_routing_key(service),
            content_type=message.properties.get("content_type") or "application/data",
            content_encoding=message.properties.get("content_encoding") or "binary",
            headers={k: v for k, v in (message.properties.get("application_headers") or {}).items() if k != "x-death"},
            retry=False,
        )


def replay_dead_letters(service: str, ids: list[str] | None = None, limit: int = 1000) -> tuple[int, int]:
    """Send parked messages back to this service's queue; returns (replayed, skipped).

    Without ``ids`` every parked event goes back and what is not an event stays
    (it would only be parked again); named by id, anything goes back.
    """
    app = celery_app()
    replayed = skipped = 0
    with _taken(service, limit) as (channel, held):
        for entry in held:
            message, letter, _acked = entry
            if ids is not None and letter.id not in ids:
                continue
            if ids is None and not letter.is_event:
                skipped += 1
                continue
            _republish(app, service, message, letter)
            channel.basic_ack(message.delivery_tag)
            entry[2] = True
            replayed += 1
    return replayed, skipped


def discard_dead_letters(service: str, ids: list[str], limit: int = 1000) -> int:
    """Remove the named parked messages for good; returns how many went."""
    discarded = 0
    with _taken(service, limit) as (channel, held):
        for entry in held:
            message, letter, _acked = entry
            if letter.id in ids:
                channel.basic_ack(message.delivery_tag)
                entry[2] = True
                discarded += 1
    return discarded


def count_dead_letters(service: str) -> int:
    """How many messages wait in this service's dead-letter queue (a passive declare: creates nothing)."""
    app = celery_app()
    # A probe must answer: a broker that accepts the socket but not the handshake fails in seconds, not never.
    options = {**(app.conf.broker_transport_options or {}), "read_timeout": 3, "write_timeout": 3}
    with app.connection_for_write(transport_options=options) as conn:
        channel = conn.channel()
        try:
            _name, count, _consumers = channel.queue_declare(dead_letter_queue_name(service), passive=True)
        except NotFound:
            return 0  # not declared yet: nothing was ever parked there
        finally:
            channel.close()
    return count


def park(service: str, envelope: dict, reason: str) -> None:
    """Put an event in the dead-letter queue at once, with the reason it can never be applied.

    Published (and confirmed) before the caller acks the original, so a crash in
    between parks it twice at worst; replaying is idempotent by event id.
    """
    celery_app().send_task(
        DELIVER_TASK,
        args=[envelope],
        task_id=envelope.get("event_id"),
        exchange=DEAD_LETTER_EXCHANGE,
        routing_key=dead_letter_queue_name(service),
        retry=False,
        headers={
            REASON_HEADER: reason[:1000],
            PARKED_AT_HEADER: datetime.now(timezone.utc).isoformat(),
            FROM_HEADER: service,
        },
        argsrepr=f"<{envelope.get('name')} {envelope.get('event_id')}>",
        kwargsrepr="{}",
    )


class ParkingConsumer(Consumer):
    """Celery's consumer, but a message it cannot read goes to the dead-letter queue.

    Celery acks away a body it cannot decode, and a task message whose body is
    no (args, kwargs, options) triple raises out of its handler: the consumer
    restarts, the message comes back, and the worker is stuck on it for good.
    """

    def create_task_handler(self, *args, **kwargs):
        handle = super().create_task_handler(*args, **kwargs)

        def on_task_received(message):
            try:
                return handle(message)
            except self.connection_errors:
                raise  # the broker went away: the message comes back by itself
            except Exception as exc:
                logger.critical(
                    "message %s that the worker cannot read parked: %r", (message.headers or {}).get("id", "?"), exc
                )
                message.reject(requeue=False)

        return on_task_received

    def on_decode_error(self, message, exc):
        logger.critical(
            "message with a body that cannot be decoded (%s, %r) parked: %r",
            message.content_type,
            message.content_encoding,
            exc,
        )
        message.reject(requeue=False)
