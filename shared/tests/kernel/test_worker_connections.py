"""A worker keeps its database connection from one event to the next, and survives losing it."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from tests.kernel.helpers import review_worker

from shared.events import bus, consumes
from shared.events.contracts import OrderCreated, make_envelope
from shared.events.django_app.models import ProcessedEvent

BACKENDS: list[int] = []  # the PostgreSQL backend process that handled each event, in order


@consumes(OrderCreated)
def note_the_backend(event: OrderCreated, meta) -> None:
    BACKENDS.append(connection.connection.info.backend_pid)


def created(order_id: str) -> dict:
    return make_envelope(
        OrderCreated(
            order_id=order_id,
            gig_id="g",
            seller_id="s",
            buyer_id="7",
            seller_user_id="8",
            buyer_username="bob",
            seller_username="sally",
            price="10.00",
            delivery_due_at="",
        )
    )


def handled(envelope: dict, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not ProcessedEvent.objects.filter(event_id=envelope["event_id"]).exists():
        assert time.monotonic() < deadline, f"event {envelope['event_id']} not handled in {timeout:g}s"
        time.sleep(0.05)


@pytest.mark.parametrize("store_kind", ["django"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_worker_reuses_its_connection_and_reconnects_when_the_database_dropped_it(store_kind, broker, celery_app):
    BACKENDS.clear()
    first, second, third = created("c-1"), created("c-2"), created("c-3")
    with review_worker(celery_app):
        bus.send(first)
        handled(first)
        with connection.cursor() as cursor:  # the test's own connection: as when the database restarts
            cursor.execute("SELECT pg_terminate_backend(%s)", [BACKENDS[0]])
        bus.send(second)
        handled(second)
        bus.send(third)
        handled(third)

    assert len(BACKENDS) == 3  # each handled once: the dropped connection was replaced before the event ran
    assert BACKENDS[1] != BACKENDS[0]
    assert BACKENDS[2] == BACKENDS[1]  # and kept for the next event, not opened anew per task
