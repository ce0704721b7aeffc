"""Read-your-writes in a service (shared.consistency), against the real Redis (db 1), broker and stores.

The kernel project plays "review", which consumes order.completed and not gig.created.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from tests.kernel import consumers  # noqa: F401 - registers this "service"'s order.completed handlers
from tests.kernel.helpers import completed, take_one

from shared.consistency import marks
from shared.consistency.collector import collecting, note_published
from shared.consistency.marks import applied_events, mark_applied, mark_key
from shared.consistency.middleware import ReadYourWritesMiddleware
from shared.consistency.subjects import wait_for_subject
from shared.consistency.wire import MAX_EVENTS, consumed_by, format_events, parse_events
from shared.events import publish
from shared.events.consumers import HANDLERS
from shared.events.contracts import make_envelope
from shared.events.django_app.models import OutboxEvent


def ignore(event, meta) -> None:
    pass


@pytest.fixture(autouse=True)
def _consumes_order_completed(monkeypatch):
    """What this service consumes is what its handlers take: order.completed (tests/kernel/consumers.py, registered
    when this module is imported, before the fixture copies them: a handler registered during a test would be
    gone with the fixture's undo)."""
    monkeypatch.setitem(HANDLERS, "order.completed", HANDLERS.get("order.completed") or [ignore])


def new_id() -> str:
    return uuid.uuid4().hex


def store():
    return redis.Redis.from_url(settings.CONSISTENCY_REDIS_URL)


def once_waiting(registry, event_id: str) -> None:
    """Return once a request is registered as waiting for the event (so a mark now is one it must hear)."""
    done = threading.Event()
    while event_id not in registry._waiters:
        done.wait(0.005)


# The wire format.


def test_the_header_round_trips_and_drops_what_is_malformed_or_repeated():
    first, second = new_id(), new_id()
    text = format_events([("order.completed", first), ("gig.created", second)])

    assert parse_events(text) == [("order.completed", first), ("gig.created", second)]
    assert parse_events(f"garbage, order.completed=NOTHEX,Order.Completed={first},{text},order.completed={first}") == [
        ("order.completed", first),
        ("gig.created", second),
    ]
    assert parse_events("") == parse_events(None) == []


def test_a_header_never_carries_more_than_the_limit():
    assert len(parse_events(",".join(f"gig.created={new_id()}" for _ in range(MAX_EVENTS + 10)))) == MAX_EVENTS


def test_only_the_events_a_service_consumes_are_its_to_wait_for():
    pairs = [("order.completed", "a" * 32), ("gig.created", "b" * 32), ("review.created", "c" * 32)]

    assert consumed_by("review", pairs) == [("order.completed", "a" * 32)]
    assert consumed_by("auth", pairs) == []
    assert consumed_by("nobody", pairs) == []


# Collecting what a request committed.


@pytest.mark.django_db(transaction=True)
def test_a_committed_publish_is_collected_and_a_rolled_back_one_is_not(api):
    written = api.post("/api/orders/o-1/complete")
    rolled_back = api.post("/api/orders/o-2/complete?fail=true")

    names = [name for name, _ in parse_events(written["X-Events-Published"])]
    assert written.status_code == 200
    assert names == ["order.completed", "gig.created"]
    assert rolled_back.status_code == 409
    assert "X-Events-Published" not in rolled_back


@pytest.mark.django_db(transaction=True)
def test_a_request_that_publishes_nothing_names_nothing(api):
    response = api.as_user(user_id="7", username="bob").get("/api/whoami")

    assert response.status_code == 200
    assert "X-Events-Published" not in response


def test_nothing_is_collected_outside_a_request():
    note_published(make_envelope(completed()))  # a worker or the relay: must not fail, keeps nothing
    with collecting() as (published, _unsent):
        note_published(make_envelope(completed()))
    assert len(published) == 1


@pytest.mark.django_db(transaction=True)
def test_a_request_s_events_go_to_the_broker_once_its_answer_is_out(broker, celery_app, rf):
    """The answer names the events at once; the broker's send and confirm wait for the server's close."""

    def view(request):
        with transaction.atomic():
            envelope = publish(completed("after-answer"))
        return JsonResponse({"event_id": envelope["event_id"]})

    response = ReadYourWritesMiddleware(view)(rf.post("/api/orders/after-answer/complete"))
    event_id = json.loads(response.content)["event_id"]

    assert parse_events(response["X-Events-Published"]) == [("order.completed", event_id)]
    assert OutboxEvent.objects.get(event_id=event_id).published_at is None  # kept until the answer is out
    assert take_one(broker, "review.events") is None

    response.close()  # what the server does once it has sent the answer

    assert OutboxEvent.objects.get(event_id=event_id).published_at is not None
    assert take_one(broker, "review.events")["event_id"] == event_id


@pytest.mark.django_db(transaction=True)
def test_a_write_through_the_test_client_is_published_when_the_call_returns(api, broker):
    written = api.post("/api/orders/o-sent/complete")

    [(_, event_id), _gig] = parse_events(written["X-Events-Published"])
    assert OutboxEvent.objects.get(event_id=event_id).published_at is not None
    assert take_one(broker, "review.events")["event_id"] == event_id


# Marks and waiting.


@pytest.mark.parametrize("store_kind", ["django", "mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_dispatch_marks_an_event_applied_once_every_handler_committed(store_kind, deliver, clean_mongo):
    good, poison = make_envelope(completed("fine")), make_envelope(completed(f"poison-{new_id()}"))
    deliver(good)
    with pytest.raises(ValueError):
        deliver(poison)

    assert store().get(mark_key("review", good["event_id"])) == b"1"
    assert store().get(mark_key("review", poison["event_id"])) is None
    assert applied_events("review").wait([good["event_id"]], timeout=5) == set()


def test_a_marked_event_answers_at_once_and_is_then_known_without_redis():
    event_id = new_id()
    mark_applied(event_id, service="review")
    registry = marks.AppliedEvents("review")

    assert registry.wait([event_id], timeout=5) == set()
    assert registry.unknown([event_id]) == []


def test_a_waiting_request_wakes_when_the_consumer_marks_the_event():
    registry = marks.AppliedEvents("review")
    first, second = new_id(), new_id()
    result = {}
    waiting = threading.Thread(target=lambda: result.update(missing=registry.wait([first, second], timeout=30)))
    waiting.start()
    once_waiting(registry, first)
    mark_applied(first, service="review")
    mark_applied(second, service="review")
    waiting.join()

    assert result["missing"] == set()
    assert registry._waiters == {}


def test_the_wait_ends_at_the_bound_and_names_what_is_missing():
    registry = marks.AppliedEvents("review")
    applied, never = new_id(), new_id()
    mark_applied(applied, service="review")

    assert registry.wait([applied, never], timeout=0.2) == {never}
    assert registry._waiters == {}


def test_another_service_s_mark_does_not_count():
    event_id = new_id()
    mark_applied(event_id, service="users")

    assert marks.AppliedEvents("review").wait([event_id], timeout=0.1) == {event_id}


def test_the_async_wait_wakes_on_the_mark_too():
    registry = marks.AppliedEvents("review")
    event_id = new_id()

    async def scenario():
        waiting = asyncio.ensure_future(registry.wait_async([event_id], timeout=30))
        await asyncio.to_thread(once_waiting, registry, event_id)
        mark_applied(event_id, service="review")
        return await waiting

    assert asyncio.run(scenario()) == set()


def test_an_unreachable_redis_means_answering_without_waiting(settings):
    settings.CONSISTENCY_REDIS_URL = "redis://127.0.0.1:1/0"
    event_id = new_id()
    mark_applied(event_id, service="review")  # never raises into the worker

    # The bound is long: the test would hang here if it waited for it.
    assert marks.AppliedEvents("review").wait([event_id], timeout=600) == {event_id}


# The middleware.


class Recorder:
    def __init__(self, monkeypatch):
        self.asked: list[list[str]] = []
        real = marks.AppliedEvents.wait

        def wait(registry, ids, timeout):
            self.asked.append(list(ids))
            return real(registry, ids, timeout)

        monkeypatch.setattr(marks.AppliedEvents, "wait", wait)


@pytest.mark.django_db(transaction=True)
def test_a_request_waits_for_a_pending_event_it_consumes_until_it_is_applied(api):
    event_id = new_id()
    registry = applied_events("review")
    result = {}
    request = threading.Thread(
        target=lambda: result.update(
            response=api.get("/api/whoami", HTTP_X_EVENTS_PENDING=f"order.completed={event_id}")
        )
    )
    request.start()
    once_waiting(registry, event_id)
    mark_applied(event_id, service="review")
    request.join()

    assert result["response"].status_code == 401  # answered as usual (no bearer token), after the event


@pytest.mark.django_db(transaction=True)
def test_pending_events_the_service_does_not_consume_are_not_waited_for(api, monkeypatch):
    recorder = Recorder(monkeypatch)
    response = api.get("/api/whoami", HTTP_X_EVENTS_PENDING=f"gig.created={new_id()},review.created={new_id()}")

    assert response.status_code == 401
    assert recorder.asked == []


@pytest.mark.django_db(transaction=True)
def test_a_request_without_pending_events_never_waits(api, monkeypatch):
    recorder = Recorder(monkeypatch)
    response = api.get("/api/whoami")

    assert response.status_code == 401
    assert recorder.asked == []


@pytest.mark.django_db(transaction=True)
def test_at_the_bound_the_request_is_answered_as_today_and_the_delay_is_logged(api, settings, caplog):
    settings.CONSISTENCY_WAIT_SECONDS = 0.1
    event_id = new_id()
    from django.test import Client

    from shared.testing.tokens import gateway_token

    # A fresh client, so the middleware is built with this bound.
    client = Client(HTTP_X_GATEWAY_TOKEN=gateway_token("review"))
    with caplog.at_level("WARNING", logger="shared.consistency"):
        response = client.get("/api/whoami", HTTP_X_EVENTS_PENDING=f"order.completed={event_id}")

    assert response.status_code == 401
    assert event_id in caplog.text


def test_requests_without_the_gateway_token_are_refused_before_any_wait(client):
    response = client.get("/api/whoami", HTTP_X_EVENTS_PENDING=f"order.completed={new_id()}")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_token_missing"


# Subjects: order's copy of a gig is never behind that gig's committed events, whoever wrote them.


@pytest.mark.django_db(transaction=True)
def test_a_reader_of_a_gig_waits_for_that_gig_s_events_it_consumes_and_for_no_other(api, settings, monkeypatch):
    order_id = new_id()
    written = api.post(f"/api/orders/{order_id}/complete")
    gig_created = dict(parse_events(written["X-Events-Published"]))["gig.created"]
    settings.SERVICE_NAME = "order"  # order consumes gig.created; this project ("review") does not
    monkeypatch.setitem(HANDLERS, "gig.created", [ignore])  # as order's handlers do

    assert wait_for_subject("gig", f"gig-{order_id}", timeout=0.1) == {gig_created}
    assert wait_for_subject("gig", f"gig-{new_id()}", timeout=600) == set()  # another gig: nothing to wait for
    mark_applied(gig_created, service="order")
    assert wait_for_subject("gig", f"gig-{order_id}", timeout=600) == set()


@pytest.mark.django_db(transaction=True)
def test_a_service_that_does_not_consume_a_subject_s_events_never_waits_for_them(api):
    order_id = new_id()
    api.post(f"/api/orders/{order_id}/complete")

    assert wait_for_subject("gig", f"gig-{order_id}", timeout=600) == set()  # "review" consumes no gig.* event


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_gig_write_leaves_nothing_pending_under_its_subject(api, settings, monkeypatch):
    order_id = new_id()
    api.post(f"/api/orders/{order_id}/complete?fail=true")
    settings.SERVICE_NAME = "order"
    monkeypatch.setitem(HANDLERS, "gig.created", [ignore])

    assert wait_for_subject("gig", f"gig-{order_id}", timeout=600) == set()
