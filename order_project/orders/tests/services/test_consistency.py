"""An order and its event commit together; a stale write loses with 409 instead of overwriting."""

import pytest

from orders.documents import Order
from orders.selectors import order_find
from orders.services import order_cancel, order_deliver
from orders.store import order_save_versioned
from shared.errors import Conflict
from shared.events.mongo_documents import OutboxEvent
from shared.testing.tokens import token_user

SELLER = token_user("7", "bob")
BUYER = token_user("1", "alice")


def test_a_write_based_on_a_stale_read_is_refused(order):
    stale = order_find(order_id=order["id"])
    order_deliver(user=SELLER, order_id=order["id"], message="Done", file_urls=[], uploads=[])
    stale.status = "cancelled"

    with pytest.raises(Conflict) as caught:
        order_save_versioned(stale)

    assert caught.value.code == "concurrent_update"
    assert Order.objects.get(id=order["id"]).status == "delivered"


def test_the_event_is_in_the_outbox_with_the_order(order, published_events):
    order_cancel(user=BUYER, order_id=order["id"])

    [event] = [outbox for outbox in OutboxEvent.objects if outbox.name == "order.cancelled"]
    assert event.envelope["payload"]["order_id"] == order["id"]
    assert event.published_at is not None


def test_a_failure_after_publishing_rolls_back_both_the_order_and_its_event(order, published_events, monkeypatch):
    from orders.services import lifecycle
    from shared.events import publish

    def publish_then_fail(payload):
        publish(payload)
        raise RuntimeError("the process died before commit")

    monkeypatch.setattr(lifecycle, "publish", publish_then_fail)

    with pytest.raises(RuntimeError):
        order_cancel(user=BUYER, order_id=order["id"])
    assert Order.objects.get(id=order["id"]).status == "in_progress"
    assert OutboxEvent.objects(name="order.cancelled").count() == 0
    assert published_events == []


def test_two_orders_racing_for_one_payment_end_with_one_order(gig, pay):
    from orders.documents import Checkout
    from orders.services import order_create

    intent = pay(gig.gig_id)
    order_create(user=BUYER, payment_intent_id=intent["payment_intent_id"], gig_id=gig.gig_id, requirements="")
    # The second request read the checkout before the first one claimed it.
    Checkout.objects(payment_intent_id=intent["payment_intent_id"]).update_one(set__status="open", set__order_id=None)

    with pytest.raises(Conflict) as caught:
        order_create(user=BUYER, payment_intent_id=intent["payment_intent_id"], gig_id=gig.gig_id, requirements="")

    assert caught.value.code == "payment_already_used"
    assert Order.objects.count() == 1
