"""Through the real broker: order events reach review's handlers, and a review's event leaves.

Real parts only: the SQL outbox and publisher confirms of shared.events, the
test RabbitMQ vhost with review's bindings (its handlers' events), and
PostgreSQL. Private auto-deleted queues with the same bindings keep other
suites' traffic on the shared vhost out; the message is handed to the same
dispatch the worker's ``events.deliver`` task runs.
"""

import uuid
from http import HTTPStatus

import pytest

from reviews.models import CompletedOrder, PlacedOrder
from shared.events import publish
from shared.events.consumers import consumed_names, dispatch
from shared.events.contracts import OrderCompleted, OrderCreated
from shared.events.django_app.models import OutboxEvent
from shared.testing.broker import take_envelopes

pytestmark = pytest.mark.django_db


def test_an_order_completed_on_the_broker_lets_its_buyer_review_and_announces_it(api, bound_queue, committed):
    review_queue = bound_queue(consumed_names())
    listeners = bound_queue(["review.created"])
    order_id = f"o-{uuid.uuid4().hex[:8]}"
    parties = dict(order_id=order_id, gig_id="g-1", seller_id="p-1", buyer_id="7", seller_user_id="8")

    with committed():
        created = publish(
            OrderCreated(**parties, buyer_username="bob", seller_username="sally", price="10.00", delivery_due_at="")
        )
        completed = publish(OrderCompleted(**parties, seller_earnings="8.00", delivered_at=""))
    envelopes = take_envelopes(review_queue, {created["event_id"], completed["event_id"]})
    assert set(envelopes) == {created["event_id"], completed["event_id"]}
    for envelope in envelopes.values():
        assert dispatch(envelope) == 1
    assert PlacedOrder.objects.filter(order_id=order_id).exists()
    assert CompletedOrder.objects.filter(order_id=order_id).exists()

    with committed():
        response = api.as_user(user_id="7").post(
            "/api/v1/reviews", {"order_id": order_id, "rating": 5, "review": "Great."}
        )

    assert response.status_code == HTTPStatus.CREATED
    announced = OutboxEvent.objects.get(name="review.created")
    assert announced.published_at is not None  # confirmed by the broker at commit
    delivered = take_envelopes(listeners, {announced.event_id})
    assert delivered[announced.event_id]["payload"]["review_id"] == response.json()["id"]
