from http import HTTPStatus

import pytest

from reviews.models import CompletedOrder, PlacedOrder
from shared.events.contracts import OrderCompleted, OrderCreated
from shared.events.django_app.models import ProcessedEvent

pytestmark = pytest.mark.django_db


def created(order_id="o-1", **changes) -> OrderCreated:
    fields = dict(
        order_id=order_id,
        gig_id="g-1",
        seller_id="p-1",
        buyer_id="7",
        seller_user_id="8",
        buyer_username="bob",
        seller_username="sally",
        price="25.00",
        delivery_due_at="2026-01-10T00:00:00+00:00",
    )
    return OrderCreated(**(fields | changes))


def completed(order_id="o-1", **changes) -> OrderCompleted:
    fields = dict(
        order_id=order_id,
        gig_id="g-1",
        seller_id="p-1",
        buyer_id="7",
        seller_user_id="8",
        seller_earnings="20.00",
        delivered_at="2026-01-05T12:00:00+00:00",
    )
    return OrderCompleted(**(fields | changes))


def test_order_completed_opens_the_order_for_reviews(deliver, envelope_of):
    envelope = envelope_of(completed())

    assert deliver(envelope) == 1

    order = CompletedOrder.objects.get(order_id="o-1")
    assert (order.gig_id, order.seller_id, order.buyer_id, order.seller_user_id) == ("g-1", "p-1", "7", "8")
    assert order.delivered_at.isoformat() == "2026-01-05T12:00:00+00:00"
    assert order.completed_at.isoformat() == envelope["occurred_at"]
    assert order.event_id == envelope["event_id"]


def test_a_replayed_order_completed_changes_nothing(deliver, envelope_of):
    envelope = envelope_of(completed())
    deliver(envelope)

    assert deliver(envelope) == 0
    assert CompletedOrder.objects.count() == 1


def test_a_second_completed_event_for_the_same_order_keeps_the_first_row(deliver, envelope_of):
    first = envelope_of(completed(gig_id="g-1"))
    deliver(first)

    assert deliver(envelope_of(completed(gig_id="g-2"))) == 1  # another event id: it runs, and finds the row

    assert CompletedOrder.objects.get().gig_id == "g-1"
    assert CompletedOrder.objects.get().event_id == first["event_id"]


def test_a_completion_without_a_delivery_time_is_kept(deliver, envelope_of):
    deliver(envelope_of(completed(delivered_at="")))

    assert CompletedOrder.objects.get().delivered_at is None


def test_order_created_remembers_the_parties_and_their_usernames(deliver, envelope_of):
    assert deliver(envelope_of(created())) == 1

    placed = PlacedOrder.objects.get(order_id="o-1")
    assert (placed.buyer_id, placed.seller_user_id, placed.buyer_username, placed.seller_username) == (
        "7",
        "8",
        "bob",
        "sally",
    )


def test_a_replayed_order_created_changes_nothing(deliver, envelope_of):
    envelope = envelope_of(created())
    deliver(envelope)

    assert deliver(envelope) == 0
    assert PlacedOrder.objects.count() == 1
    assert ProcessedEvent.objects.filter(event_id=envelope["event_id"]).count() == 1


def test_a_handler_that_fails_leaves_no_row_and_no_processed_mark(deliver, envelope_of):
    from django.db import DataError

    envelope = envelope_of(completed())
    envelope["payload"]["order_id"] = "o" * 65  # longer than any order id we store (a contract refuses it at publish)
    with pytest.raises(DataError):
        deliver(envelope)

    assert not CompletedOrder.objects.exists()
    assert not ProcessedEvent.objects.exists()


def test_the_events_in_either_order_let_both_parties_review(api, deliver, envelope_of, published_events):
    deliver(envelope_of(completed()))  # completion overtook creation on the queue
    deliver(envelope_of(created()))

    response = api.as_user(user_id="8", username="token-name").post(
        "/api/v1/reviews", {"order_id": "o-1", "rating": 5, "review": "A pleasure to work with."}
    )

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["reviewer_username"] == "sally"


def test_only_order_created_means_the_order_is_not_completed_yet(api, deliver, envelope_of):
    deliver(envelope_of(created()))

    response = api.as_user(user_id="7").post("/api/v1/reviews", {"order_id": "o-1", "rating": 5, "review": "Too soon."})

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "order_not_completed"


def test_every_handled_event_is_bound_to_reviews_queue():
    from shared.events.consumers import HANDLERS, consumed_names
    from shared.testing.broker import routed_event_names

    assert {"order.created", "order.completed"} <= set(HANDLERS)
    assert set(HANDLERS) <= routed_event_names("review", consumed_names())
