"""A service binds its own queue to its handlers' events (migrate, worker start); publishers declare exchanges only."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.db import transaction
from tests.kernel.contracts import ProbeSent
from tests.kernel.helpers import completed, review_worker, take_one

from shared.events import bus, publish
from shared.events import celery as events_celery
from shared.events.consumers import HANDLERS
from shared.events.contracts import make_envelope
from shared.events.topology import EVENTS_EXCHANGE

pytestmark = pytest.mark.django_db(transaction=True)


def queue_exists(channel, name: str) -> bool:
    try:
        channel.queue_declare(name, passive=True)
    except Exception:  # the broker closes the channel on a passive declare of a missing queue
        return False
    return True


def test_an_event_published_while_no_worker_runs_waits_in_the_queue_migrate_declared(broker, celery_app, monkeypatch):
    handled: list[str] = []
    monkeypatch.setitem(HANDLERS, "order.completed", [lambda event, meta: handled.append(meta.event_id)])
    broker.queue_delete("review.events")  # as before this service was ever deployed

    call_command("migrate", verbosity=0)  # every deployment runs it before the service serves
    with transaction.atomic():
        envelope = publish(completed("waiting-1"))  # and no worker is running
    with review_worker(celery_app, shutdown_timeout=30):
        deadline = time.monotonic() + 20
        while envelope["event_id"] not in handled and time.monotonic() < deadline:
            time.sleep(0.05)

    assert handled == [envelope["event_id"]]


def test_migrate_unbinds_the_events_the_service_no_longer_consumes(broker, monkeypatch):
    monkeypatch.setitem(HANDLERS, "order.completed", [lambda event, meta: None])
    broker.queue_bind("review.events", EVENTS_EXCHANGE.name, routing_key=ProbeSent.name)  # a consumer since dropped

    call_command("migrate", verbosity=0)
    bus.send(make_envelope(ProbeSent(probe_id="p-1", size="1")))
    bus.send(kept := make_envelope(completed("kept-1")))

    assert take_one(broker, "review.events")["event_id"] == kept["event_id"]
    assert take_one(broker, "review.events") is None


def test_a_worker_binds_its_queue_to_its_handlers_events_when_it_starts(broker, monkeypatch):
    monkeypatch.setitem(HANDLERS, ProbeSent.name, [lambda event, meta: None])
    broker.queue_unbind("review.events", EVENTS_EXCHANGE.name, routing_key=ProbeSent.name)

    events_celery.bind_own_queue()  # what the worker's relay step runs before its consumer starts
    try:
        bus.send(probe := make_envelope(ProbeSent(probe_id="p-2", size="2")))
        assert take_one(broker, "review.events")["event_id"] == probe["event_id"]
    finally:
        broker.queue_unbind("review.events", EVENTS_EXCHANGE.name, routing_key=ProbeSent.name)


def test_a_publisher_declares_the_exchanges_and_no_consumer_s_queue(broker, celery_app):
    broker.queue_delete("users.events")
    bus._declared.clear()

    with transaction.atomic():
        publish(completed("unowed-1"))  # users was never deployed: the event is not owed to it

    with celery_app.connection_for_write() as connection:
        assert queue_exists(connection.channel(), "users.events") is False
    assert take_one(broker, "review.events")["payload"]["order_id"] == "unowed-1"
