"""Consumers: once per event id, retried with backoff, parked in the dead-letter queue."""

from __future__ import annotations

import time

import pytest
from django.db import transaction
from tests.kernel.consumers import AUDITED, CALLS, OUTSIDE
from tests.kernel.helpers import completed, review_worker, take_one

from shared.events import celery as events_celery
from shared.events import publish
from shared.events.contracts import make_envelope
from shared.events.deadletters import list_dead_letters, replay_dead_letters


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    AUDITED.clear()
    OUTSIDE.clear()
    yield


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("store_kind", ["django"], indirect=True)
def test_handlers_together_commit_their_marks_in_one_try_and_a_failure_leaves_only_the_others(store_kind, deliver):
    """SQL: the handlers run first in one transaction with no savepoints; when one fails, all of that is
    rolled back and they run again one savepoint each, so only the failing handler is left unmarked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shared.events.django_app.models import ProcessedEvent

    good, bad = make_envelope(completed("o-10")), make_envelope(completed("poison-4"))
    with CaptureQueriesContext(connection) as queries:
        assert deliver(good) == 3
    statements = [query["sql"].split(None, 1)[0].upper() for query in queries.captured_queries]
    assert "SAVEPOINT" not in statements
    assert marks_of(good["event_id"]) == {"count_completion", "audit_completion", "tell_the_outside_world"}

    with pytest.raises(ValueError):
        deliver(bad)
    assert marks_of(bad["event_id"]) == {"audit_completion", "tell_the_outside_world"}
    assert ProcessedEvent.objects.filter(event_id=bad["event_id"], handler__endswith="audit_completion").count() == 1
    # count_completion failed first in the one-transaction try, so audit_completion ran only in the savepoint
    # pass (test_dead_letters shows the failing handler itself is not run a second time)
    assert AUDITED.count(bad["event_id"]) == 1


def marks_of(event_id: str) -> set[str]:
    from shared.events.django_app.models import ProcessedEvent

    handlers = ProcessedEvent.objects.filter(event_id=event_id).values_list("handler", flat=True)
    return {handler.rsplit(".", 1)[-1] for handler in handlers}


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


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_handles_good_events_and_parks_poison_after_retries(broker, celery_app, monkeypatch):
    monkeypatch.setattr(events_celery, "_backoff", lambda retries: 0.2)
    celery_app.tasks["events.deliver"].max_retries = 2
    with transaction.atomic():
        good = publish(completed("o-10"))
        publish(completed("poison-2"))

    with review_worker(celery_app):
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


def test_a_reconnected_worker_keeps_its_prefetch_instead_of_restoring_it_from_pool_threads(celery_app):
    """Celery's prefetch restoration after a reconnect sends basic.qos from the threads pool on the consumer's
    own connection; one RabbitMQ kill -9 froze the notification worker for minutes so (decision 0010, measured
    with ``manage_all.py chaos rabbitmq-orders``: 8 of 10 order notices late before, 0 of 30 orders after).
    Every service's app is built with it off."""
    assert celery_app.conf.worker_enable_prefetch_count_reduction is False
    assert celery_app.conf.worker_prefetch_multiplier == 1 and celery_app.conf.task_acks_late is True
    assert celery_app.conf.worker_consumer == "shared.events.deadletters:ParkingConsumer"
