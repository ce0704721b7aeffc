"""Through the real broker: order events reach review's handlers, and a review's event leaves.

Real parts only: the SQL outbox and publisher confirms of shared.events, the
test RabbitMQ vhost with review's bindings from shared.events.topology, and
PostgreSQL. Private auto-deleted queues with the same bindings keep other
suites' traffic on the shared vhost out; the message is handed to the same
dispatch the worker's ``events.deliver`` task runs.
"""
import time
import uuid
from http import HTTPStatus

import pytest
from kombu import Queue, binding

from config.celery import app as celery_app
from reviews.models import CompletedOrder, PlacedOrder
from shared.events import publish
from shared.events.bus import declare_topology
from shared.events.consumers import dispatch
from shared.events.contracts import OrderCompleted, OrderCreated
from shared.events.django_app.models import OutboxEvent
from shared.events.topology import EVENTS_EXCHANGE, SUBSCRIPTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def bound_queue():
    """Make a private queue bound to some routing keys; all are deleted after the test."""
    declare_topology()
    made = []
    with celery_app.connection_for_write() as connection:

        def make(keys) -> Queue:
            queue = Queue(
                f"review.journey-{uuid.uuid4().hex[:8]}",
                exchange=EVENTS_EXCHANGE,
                bindings=[binding(EVENTS_EXCHANGE, routing_key=key) for key in keys],
                auto_delete=True,
            )(connection.default_channel)
            queue.declare()
            made.append(queue)
            return queue

        yield make
        for queue in made:
            queue.delete()


def take_envelopes(queue, event_ids: set[str], timeout: float = 10.0) -> dict[str, dict]:
    """Our envelopes by event id; other suites' events on the shared vhost are skipped."""
    found, deadline = {}, time.monotonic() + timeout
    while set(found) != event_ids and time.monotonic() < deadline:
        message = queue.get(no_ack=True)
        if message is None:
            time.sleep(0.02)
            continue
        args, _kwargs, _embed = message.decode()
        if args[0]["event_id"] in event_ids:
            found[args[0]["event_id"]] = args[0]
    return found


def test_an_order_completed_on_the_broker_lets_its_buyer_review_and_announces_it(api, bound_queue, committed):
    review_queue = bound_queue(SUBSCRIPTIONS["review"])
    listeners = bound_queue(["review.created"])
    order_id = f"o-{uuid.uuid4().hex[:8]}"
    parties = dict(order_id=order_id, gig_id="g-1", seller_id="p-1", buyer_id="7", seller_user_id="8")

    with committed():
        created = publish(OrderCreated(**parties, buyer_username="bob", seller_username="sally", price="10.00", delivery_due_at=""))
        completed = publish(OrderCompleted(**parties, seller_earnings="8.00", delivered_at=""))
    envelopes = take_envelopes(review_queue, {created["event_id"], completed["event_id"]})
    assert set(envelopes) == {created["event_id"], completed["event_id"]}
    for envelope in envelopes.values():
        assert dispatch(envelope) == 1
    assert PlacedOrder.objects.filter(order_id=order_id).exists()
    assert CompletedOrder.objects.filter(order_id=order_id).exists()

    with committed():
        response = api.as_user(user_id="7").post("/api/v1/reviews", {"order_id": order_id, "rating": 5, "review": "Great."})

    assert response.status_code == HTTPStatus.CREATED
    announced = OutboxEvent.objects.get(name="review.created")
    assert announced.published_at is not None  # confirmed by the broker at commit
    delivered = take_envelopes(listeners, {announced.event_id})
    assert delivered[announced.event_id]["payload"]["review_id"] == response.json()["id"]
