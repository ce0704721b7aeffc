"""Parked messages of every kind, in the real broker (test vhost): the worker parks them, operators read them.

One poison message must never blind the tools: a binary body, JSON that is no
task, a body that is not JSON at all, an unknown task and an event this
consumer cannot read are all parked, listed, shown, replayed or discarded.
"""

from __future__ import annotations

import base64
import json
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from tests.kernel.helpers import completed, review_worker, take_one

from shared.events import celery as events_celery
from shared.events import publish
from shared.events.consumers import HANDLERS
from shared.events.contracts import make_envelope
from shared.events.deadletters import (
    count_dead_letters,
    get_dead_letter,
    list_dead_letters,
)
from shared.events.topology import EVENTS_EXCHANGE

BINARY = b"\xff\xfe\x00\x01 not text at all \x80"


def put(app, body, *, content_type, content_encoding, headers=None, routing_key="review.retry"):
    """A message as any producer could send it, straight to the review queue."""
    with app.producer_or_acquire() as producer:
        producer.publish(
            body,
            exchange=EVENTS_EXCHANGE,
            routing_key=routing_key,
            content_type=content_type,
            content_encoding=content_encoding,
            headers=headers or {},
            retry=False,
        )


def parked(channel) -> int:
    return channel.queue_declare("review.events.dead", passive=True).message_count


def drained(channel, queue: str) -> list[str]:
    """Event ids taken from ``queue`` (the worker's outbox relay may have added older test events)."""
    ids = []
    while (envelope := take_one(channel, queue)) is not None:
        ids.append(envelope["event_id"])
    return ids


def run_worker_until(app, predicate, timeout=30):
    with review_worker(app, shutdown_timeout=30, loglevel="CRITICAL"):  # the hub polls up to 10 s between checks
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not predicate():
            time.sleep(0.2)


def poison_of_every_kind(app) -> dict:
    put(app, BINARY, content_type="application/octet-stream", content_encoding="binary")
    put(app, '{"hello": "not a task"}', content_type="application/json", content_encoding="utf-8")
    put(app, "{this is not json", content_type="application/json", content_encoding="utf-8")
    app.send_task("no.such.task", args=[1], exchange=EVENTS_EXCHANGE, routing_key="review.retry", retry=False)
    put(
        app,
        "{}",
        content_type="application/json",
        content_encoding="utf-8",
        headers={"task": "events.deliver", "id": "no-triple"},
    )  # a task message whose body is not one
    future = make_envelope(completed("from-the-future"))
    future["version"] = 99
    app.send_task(
        "events.deliver",
        args=[future],
        task_id=future["event_id"],
        exchange=EVENTS_EXCHANGE,
        routing_key="review.retry",
        retry=False,
    )
    return future


@pytest.mark.django_db(transaction=True)
def test_the_worker_parks_every_kind_of_poison_and_the_tools_show_each(broker, celery_app):
    future = poison_of_every_kind(celery_app)

    run_worker_until(celery_app, lambda: parked(broker) >= 6)

    letters = list_dead_letters("review")
    assert len(letters) == 6
    by_reason = {letter.reason.split(";")[0]: letter for letter in letters}
    binary = next(letter for letter in letters if letter.body_base64)
    assert base64.b64decode(binary.body_base64) == BINARY and binary.body_text is None
    assert "not a Celery task message (binary body)" in binary.reason
    assert any(letter.body_text == "{this is not json" for letter in letters)
    assert any(letter.body_text == '{"hello": "not a task"}' for letter in letters)
    assert any(reason.startswith("unknown task 'no.such.task'") for reason in by_reason)
    readable = next(letter for letter in letters if letter.is_event)
    assert readable.id == future["event_id"] and "unknown version 99" in readable.reason
    assert any(letter.id == "no-triple" and "broken envelope" in letter.reason for letter in letters)
    assert all(letter.parked_at for letter in letters)  # when: the broker's x-death time or ours


@pytest.mark.django_db(transaction=True)
def test_the_command_lists_shows_replays_and_discards_with_poison_parked(broker, celery_app):
    future = poison_of_every_kind(celery_app)
    run_worker_until(celery_app, lambda: parked(broker) >= 6)

    out = StringIO()
    call_command("events_dead_letters", "list", "--json", stdout=out)
    listed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(listed) == 6
    binary_id = next(item["id"] for item in listed if "binary" in item["reason"])

    out = StringIO()
    call_command("events_dead_letters", "show", binary_id, stdout=out)
    shown = json.loads(out.getvalue())
    assert base64.b64decode(shown["body_base64"]) == BINARY

    out = StringIO()
    call_command("events_dead_letters", "replay", stdout=out)
    assert "replayed 1 messages" in out.getvalue() and "left 5 parked" in out.getvalue()
    assert future["event_id"] in drained(broker, "review.events")

    out = StringIO()
    call_command("events_dead_letters", "discard", binary_id, stdout=out)
    assert "discarded 1 messages" in out.getvalue()
    assert count_dead_letters("review") == 4
    assert get_dead_letter("review", binary_id) is None


@pytest.mark.django_db(transaction=True)
def test_a_handler_refused_by_its_store_is_parked_at_once_with_the_reason(broker, celery_app, monkeypatch):
    from shared.events.django_app.models import OutboxEvent

    attempts = []

    def store_refuses(event, meta):
        attempts.append(meta.event_id)
        OutboxEvent.objects.create(event_id="x" * 32, name="n" * 300, envelope={})  # varchar(100): DataError

    monkeypatch.setitem(HANDLERS, "order.completed", [store_refuses])
    monkeypatch.setattr(events_celery, "_backoff", lambda retries: 0.1)
    with transaction.atomic():
        envelope = publish(completed("o-bad-data"))

    run_worker_until(celery_app, lambda: parked(broker) >= 1)

    assert attempts == [envelope["event_id"]]  # once, not the six retries of a passing fault
    (letter,) = list_dead_letters("review")
    assert letter.id == envelope["event_id"]
    assert "DataError" in letter.reason and letter.parked_at
