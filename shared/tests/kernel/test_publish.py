"""Publishing through the outbox, against the real RabbitMQ (vhost marketplace_test)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import transaction
from tests.kernel import helpers
from tests.kernel.helpers import take_one

from shared import mongo
from shared.events import bus, publish
from shared.events.celery import make_celery_app
from shared.events.contracts import OrderCompleted, make_envelope
from shared.events.django_app.models import OutboxEvent
from shared.events.mongo_documents import OutboxEvent as MongoOutboxEvent


def completed(order_id: str = "o-1") -> OrderCompleted:
    return helpers.completed(order_id, gig_id="g-1", seller_id="s-1", seller_earnings="42.50")


@pytest.mark.django_db(transaction=True)
def test_an_event_is_published_with_confirm_after_commit(broker):
    with transaction.atomic():
        envelope = publish(completed())
        assert not OutboxEvent.objects.get(event_id=envelope["event_id"]).published_at

    assert OutboxEvent.objects.get(event_id=envelope["event_id"]).published_at is not None
    delivered = take_one(broker, "review.events")
    assert delivered["event_id"] == envelope["event_id"]
    assert delivered["payload"]["seller_earnings"] == "42.50"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_publishes_nothing(broker):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            publish(completed())
            raise RuntimeError("the order write failed")

    assert OutboxEvent.objects.count() == 0
    assert take_one(broker, "review.events") is None


@pytest.mark.django_db(transaction=True)
def test_every_subscriber_gets_its_own_copy(broker):
    with transaction.atomic():
        envelope = publish(completed())

    for queue in ("review.events", "users.events", "notification.events"):
        assert take_one(broker, queue)["event_id"] == envelope["event_id"]
    assert take_one(broker, "gig.events") is None


@pytest.mark.django_db(transaction=True)
def test_threads_publishing_first_at_once_declare_the_exchanges_once(broker, monkeypatch):
    # A web process's first messages arrive together: each thread declaring on its own made every one of
    # them wait for all the others' declarations (chat send's p99 at a crowd's start).
    declared, sent = [], []
    monkeypatch.setattr(bus, "_declare_exchanges", lambda: (time.sleep(0.05), declared.append(1), bus._declared.set()))
    monkeypatch.setattr(bus.celery_app(), "send_task", lambda *args, **kwargs: sent.append(kwargs["task_id"]))
    bus._declared.clear()
    envelopes = [make_envelope(completed(f"o-{n}")) for n in range(8)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(bus.send, envelopes))

    assert len(declared) == 1
    assert sorted(sent) == sorted(envelope["event_id"] for envelope in envelopes)


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_broker_keeps_the_event_until_the_relay_sends_it(broker, celery_app):
    unreachable = make_celery_app("review")
    unreachable.conf.broker_write_url = "amqp://guest:guest@127.0.0.1:1//"  # nothing listens there
    bus._declared.clear()
    with transaction.atomic():
        envelope = publish(completed())
    row = OutboxEvent.objects.get(event_id=envelope["event_id"])
    assert row.published_at is None and row.attempts == 1

    bus.set_celery_app(celery_app)
    assert bus.relay_pending() == 1

    assert OutboxEvent.objects.get(event_id=envelope["event_id"]).published_at is not None
    assert take_one(broker, "review.events")["event_id"] == envelope["event_id"]


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db
def test_mongo_outbox_commits_with_the_document_and_publishes_after(broker, store_kind, clean_mongo):
    with mongo.atomic():
        clean_mongo.orders.insert_one({"_id": "o-2", "status": "completed"}, session=mongo.current_session())
        envelope = publish(completed("o-2"))

    assert MongoOutboxEvent.objects.get(event_id=envelope["event_id"]).published_at is not None
    assert take_one(broker, "review.events")["payload"]["order_id"] == "o-2"


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db
def test_mongo_rollback_drops_both_the_document_and_the_event(broker, store_kind, clean_mongo):
    with pytest.raises(RuntimeError):
        with mongo.atomic():
            clean_mongo.orders.insert_one({"_id": "o-3"}, session=mongo.current_session())
            publish(completed("o-3"))
            raise RuntimeError("late failure")

    assert clean_mongo.orders.count_documents({"_id": "o-3"}) == 0
    assert MongoOutboxEvent.objects.count() == 0
    assert take_one(broker, "review.events") is None


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db
def test_publish_request_commits_in_the_callers_bulk_write_and_publishes_after(broker, store_kind, clean_mongo):
    from pymongo import InsertOne

    with mongo.atomic(read_concern=None):
        envelope, outbox = bus.publish_request(completed("o-4"))
        mongo.bulk_write([InsertOne({"_id": "o-4"}, namespace=clean_mongo.orders.full_name), outbox])
        assert MongoOutboxEvent.objects.count() == 0  # not visible outside the transaction yet

    assert clean_mongo.orders.count_documents({"_id": "o-4"}) == 1
    assert MongoOutboxEvent.objects.get(event_id=envelope["event_id"]).published_at is not None
    assert take_one(broker, "review.events")["payload"]["order_id"] == "o-4"


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db
def test_a_failed_bulk_write_raises_as_a_single_write_would_and_publishes_nothing(broker, store_kind, clean_mongo):
    from pymongo import InsertOne
    from pymongo.errors import DuplicateKeyError

    clean_mongo.orders.insert_one({"_id": "o-5"})
    with pytest.raises(DuplicateKeyError):
        with mongo.atomic(read_concern=None):
            _envelope, outbox = bus.publish_request(completed("o-5"))
            mongo.bulk_write([outbox, InsertOne({"_id": "o-5"}, namespace=clean_mongo.orders.full_name)])

    assert MongoOutboxEvent.objects.count() == 0
    assert take_one(broker, "review.events") is None


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db
def test_marking_an_event_published_finds_it_by_its_unique_index(broker, store_kind, clean_mongo):
    """Every request's event is marked once sent: a filter the planner cannot answer from event_id's index scans
    the whole outbox (the stand-in did, with ``published_at: None`` beside it), on every write of every service."""
    from shared.events.stores import MongoStore
    from shared.testing import roundtrips

    with mongo.atomic():
        envelope = publish(completed("o-5"))
    with roundtrips.recorded() as recording:
        MongoStore().mark_published(envelope["event_id"])
    (update,) = [command for command in recording.sent if command.get("update") == "events_outbox"]
    collection = MongoOutboxEvent._get_collection()
    plan = collection.database.command(
        "explain", {"find": collection.name, "filter": update["updates"][0]["q"]}, verbosity="queryPlanner"
    )["queryPlanner"]["winningPlan"]
    assert plan.get("inputStage", {}).get("indexName") == "event_id_1", plan
    assert MongoOutboxEvent.objects.get(event_id=envelope["event_id"]).published_at is not None


@pytest.mark.parametrize("store_kind", ["django", "mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_sent_events_are_marked_in_one_write_per_interval(broker, store_kind, clean_mongo, settings):
    """Under EVENTS_MARK_INTERVAL the marks of a process's sent events wait, then go in one write."""
    from shared.events.published import PublishedMarks
    from shared.testing import roundtrips

    settings.EVENTS_MARK_INTERVAL = 30  # the thread does not flush during the test: the test does
    kept = PublishedMarks()
    store = bus.get_store()
    for n in range(5):
        envelope = make_envelope(completed(f"o-m{n}"))
        if store_kind == "mongo":
            with mongo.atomic():
                store.add(envelope)
        else:
            store.add(envelope)
        bus.send(envelope)
        kept.add(envelope["event_id"])

    def unmarked() -> int:
        if store_kind == "mongo":
            return MongoOutboxEvent.objects(published_at=None).count()
        return OutboxEvent.objects.filter(published_at__isnull=True).count()

    assert unmarked() == 5
    with roundtrips.recorded() as recording:
        assert kept.flush() == 5
    assert unmarked() == 0
    if store_kind == "mongo":
        assert recording.names == ["update events_outbox"]  # one write for the five
    assert kept.flush() == 0


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_recording_can_leave_out_the_marks_thread(broker, store_kind, clean_mongo, settings):
    """The chat benchmark counts one message's round trips: the batched marks, written by their own thread
    whenever its interval ends, are not among them, while the same write from the caller's thread is."""
    import threading

    from shared.events.published import THREAD_NAME, PublishedMarks
    from shared.testing import roundtrips

    settings.EVENTS_MARK_INTERVAL = 30
    kept = PublishedMarks()
    for n in range(2):
        with mongo.atomic():
            envelope = publish(completed(f"o-t{n}"))
        MongoOutboxEvent.objects(event_id=envelope["event_id"]).update(set__published_at=None)
        kept.add(envelope["event_id"])
        excluded = frozenset({THREAD_NAME})
        with roundtrips.recorded(excluding_threads=excluded) as mine, roundtrips.recorded() as everything:
            if n == 0:
                writer = threading.Thread(target=kept.flush, name=THREAD_NAME)
                writer.start()
                writer.join()
            else:
                kept.flush()
        assert everything.names == ["update events_outbox"]
        assert mine.names == ([] if n == 0 else ["update events_outbox"])
        assert mine.sent == ([] if n == 0 else everything.sent)


@pytest.mark.parametrize("store_kind", ["mongo"], indirect=True)
@pytest.mark.django_db
def test_marks_a_store_refused_are_kept_for_the_next_flush(broker, store_kind, clean_mongo, settings, monkeypatch):
    from shared.events import stores
    from shared.events.published import PublishedMarks

    settings.EVENTS_MARK_INTERVAL = 30
    kept = PublishedMarks()
    with mongo.atomic():
        envelope = publish(completed("o-r"))
    MongoOutboxEvent.objects(event_id=envelope["event_id"]).update(set__published_at=None)
    kept.add(envelope["event_id"])
    store = stores.get_store()

    def refuse(event_ids):
        raise ConnectionError("stand-in restarting")

    monkeypatch.setattr(store, "mark_published_many", refuse)
    assert kept.flush() == 0
    monkeypatch.undo()
    settings.EVENTS_MARK_INTERVAL = 30
    assert kept.flush() == 1
    assert MongoOutboxEvent.objects.get(event_id=envelope["event_id"]).published_at is not None
