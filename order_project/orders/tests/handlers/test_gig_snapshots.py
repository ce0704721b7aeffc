from datetime import datetime, timedelta, timezone
from decimal import Decimal

from orders.documents import GigSnapshot
from orders.handlers import record_new_gig
from shared.events.contracts import GigCreated, GigDeleted, GigUpdated


def _created(**overrides):
    data = {
        "gig_id": "g1",
        "seller_id": "seller-bob",
        "seller_user_id": "7",
        "seller_username": "bob",
        "title": "Logo",
        "category": "graphics-design",
        "price": "25.50",
        "expected_delivery_days": 4,
        "cover_image": "https://cdn.example.com/c.png",
    }
    data.update(overrides)
    return GigCreated(**data)


def _updated(**overrides):
    data = {
        "gig_id": "g1",
        "seller_id": "seller-bob",
        "seller_user_id": "7",
        "title": "Logo v2",
        "category": "graphics-design",
        "price": "30.00",
        "active": True,
        "expected_delivery_days": 2,
    }
    data.update(overrides)
    return GigUpdated(**data)


def _at(envelope, moment):
    return {**envelope, "occurred_at": moment.isoformat()}


def test_gig_created_makes_a_snapshot(deliver, envelope_of):
    assert deliver(envelope_of(_created())) == 1

    snapshot = GigSnapshot.objects.get(gig_id="g1")
    assert (snapshot.seller_id, snapshot.seller_user_id, snapshot.seller_username) == ("seller-bob", "7", "bob")
    assert (snapshot.price, snapshot.expected_delivery_days, snapshot.active) == (Decimal("25.50"), 4, True)
    assert snapshot.cover_image == "https://cdn.example.com/c.png"


def test_a_replayed_event_changes_nothing(deliver, envelope_of):
    envelope = envelope_of(_created())
    deliver(envelope)
    before = GigSnapshot.objects.get(gig_id="g1").to_mongo().to_dict()

    assert deliver(envelope) == 0
    assert GigSnapshot.objects.get(gig_id="g1").to_mongo().to_dict() == before


def test_gig_updated_changes_price_and_pauses_and_keeps_a_known_username(deliver, envelope_of):
    deliver(envelope_of(_created()))

    deliver(envelope_of(_updated(active=False)))

    snapshot = GigSnapshot.objects.get(gig_id="g1")
    assert (snapshot.title, snapshot.price, snapshot.active, snapshot.seller_username) == (
        "Logo v2",
        Decimal("30.00"),
        False,
        "bob",
    )


def test_an_update_arriving_before_the_creation_is_kept_and_the_late_creation_ignored(deliver, envelope_of):
    start = datetime.now(timezone.utc)
    deliver(_at(envelope_of(_updated(price="40.00")), start + timedelta(seconds=5)))

    deliver(_at(envelope_of(_created(price="25.50")), start))

    assert GigSnapshot.objects.get(gig_id="g1").price == Decimal("40.00")


def test_a_deleted_gig_stays_deleted(deliver, envelope_of):
    deliver(envelope_of(_created()))

    deliver(envelope_of(GigDeleted(gig_id="g1", seller_id="seller-bob", seller_user_id="7")))
    deliver(envelope_of(_updated(active=True)))

    snapshot = GigSnapshot.objects.get(gig_id="g1")
    assert snapshot.deleted is True and snapshot.active is False


def test_a_deletion_before_any_creation_leaves_a_tombstone(deliver, envelope_of):
    start = datetime.now(timezone.utc)
    deliver(_at(envelope_of(GigDeleted(gig_id="g1", seller_id="seller-bob", seller_user_id="7")), start))

    deliver(_at(envelope_of(_created()), start - timedelta(seconds=1)))

    assert GigSnapshot.objects.get(gig_id="g1").deleted is True


def test_an_event_without_delivery_days_still_gives_orders_a_due_date(deliver, envelope_of, as_buyer):
    deliver(envelope_of(_created(expected_delivery_days=0)))

    response = as_buyer.post("/api/v1/orders/payment-intents", {"gig_id": "g1"})

    assert response.status_code == 201


def test_the_handler_is_registered_for_gig_created():
    from shared.events.consumers import HANDLERS

    assert record_new_gig in HANDLERS["gig.created"]


def test_the_snapshot_keeps_the_revisions_a_gig_includes(deliver, envelope_of):
    deliver(envelope_of(_created(revisions=3)))
    assert GigSnapshot.objects.get(gig_id="g1").revisions == 3
    deliver(envelope_of(_updated(revisions=0)))
    assert GigSnapshot.objects.get(gig_id="g1").revisions == 0
