"""Consumers: once per event id, retried with backoff, parked in the dead-letter queue."""
from __future__ import annotations

import time

import pytest
from django.db import transaction
from tests.kernel.helpers import take_one

from shared.events import celery as events_celery
from shared.events import consumes, publish
from shared.events.consumers import HANDLERS
from shared.events.contracts import OrderCompleted, make_envelope
from shared.events.deadletters import list_dead_letters, replay_dead_letters

CALLS: list[str] = []
AUDITED: list[str] = []
OUTSIDE: list[str] = []


@consumes(OrderCompleted)
def count_completion(event: OrderCompleted, meta) -> None:
    if event.order_id.startswith("poison"):
        raise ValueError("this handler cannot digest poison")
    CALLS.append(meta.event_id)


@consumes(OrderCompleted)
def audit_completion(event: OrderCompleted, meta) -> None:
    AUDITED.append(meta.event_id)


@consumes(OrderCompleted, external=True)
def tell_the_outside_world(event: OrderCompleted, meta) -> None:
    if event.order_id.startswith("unreachable"):
        raise ConnectionError("the mail server is down")
    OUTSIDE.append(meta.event_id)


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    AUDITED.clear()
    OUTSIDE.clear()
    yield


def completed(order_id: str) -> OrderCompleted:
    return OrderCompleted(
        order_id=order_id, gig_id="g", seller_id="s", buyer_id="7", seller_user_id="8",
        seller_earnings="10.00", delivered_at="2026-11-25T10:00:00+00:00",
    )


@pytest.mark.parametrize("store_kind", ["django", "mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_redelivered_event_is_handled_once(store_kind, deliver, clean_mongo):
    envelope = make_envelope(completed("o-9"))

    assert deliver(envelope) == 3  # count_completion, audit_completion, tell_the_outside_world
    assert deliver(envelope) == 0

    assert CALLS == [envelope["event_id"]]
    assert AUDITED == [envelope["event_id"]]


@pytest.mark.parametrize("store_kind", ["django", "mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_failing_handler_leaves_no_processed_mark(store_kind, deliver, clean_mongo):
    envelope = make_envelope(completed("poison-1"))

    for _ in range(2):
        with pytest.raises(ValueError):
            deliver(envelope)

    assert CALLS == []


@pytest.mark.parametrize("store_kind", ["django", "mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_one_failing_handler_does_not_hold_back_the_others(store_kind, deliver, clean_mongo):
    envelope = make_envelope(completed("poison-3"))

    for _ in range(2):
        with pytest.raises(ValueError):
            deliver(envelope)

    assert CALLS == []
    assert AUDITED == [envelope["event_id"]]


@pytest.mark.parametrize("store_kind", ["django", "mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_an_external_handler_runs_after_the_others_commit_and_fails_alone(store_kind, deliver, clean_mongo):
    envelope = make_envelope(completed("unreachable-1"))

    for _ in range(2):  # the retry runs only the external handler again
        with pytest.raises(ConnectionError):
            deliver(envelope)

    assert CALLS == [envelope["event_id"]]
    assert AUDITED == [envelope["event_id"]]
    assert OUTSIDE == []


def test_a_worker_refuses_handlers_its_queue_is_not_bound_to(monkeypatch):
    monkeypatch.setitem(HANDLERS, "gig.created", [lambda event, meta: None])

    with pytest.raises(RuntimeError, match="gig.created"):
        events_celery.check_subscriptions("review")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_handles_good_events_and_parks_poison_after_retries(broker, celery_app, monkeypatch):
    from celery.contrib.testing.worker import start_worker

    monkeypatch.setattr(events_celery, "_backoff", lambda retries: 0.2)
    celery_app.tasks["events.deliver"].max_retries = 2
    with transaction.atomic():
        good = publish(completed("o-10"))
        publish(completed("poison-2"))

    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING",
                      queues=["review.events"], shutdown_timeout=10):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not list_dead_letters("review", 1):
            time.sleep(0.2)

    assert CALLS == [good["event_id"]]
    assert len(AUDITED) == 2
    parked = list_dead_letters("review")
    assert [letter.envelope["payload"]["order_id"] for letter in parked] == ["poison-2"]
    assert "failed 3 times" in parked[0].reason and "ValueError" in parked[0].reason

    assert replay_dead_letters("review") == (1, 0)
    assert take_one(broker, "review.events.dead") is None
    assert take_one(broker, "review.events")["payload"]["order_id"] == "poison-2"
