"""Idle deliveries complete by themselves, late orders are announced: once, whoever runs the sweep."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http import HTTPStatus

import pytest

from orders.documents import Order, now
from orders.payments.sandbox import SandboxPayout
from orders.services import orders_announce_late, orders_auto_complete_due
from orders.tasks import announce_late, auto_complete_delivered
from shared.events.mongo_documents import OutboxEvent


def _names(events):
    return [event["name"] for event in events]


def _outbox(name):
    return [event for event in OutboxEvent.objects if event.name == name]


@pytest.fixture
def delivered(order, as_seller, published_events):
    response = as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})
    published_events.clear()
    return response.json()


def _come_due(order_id, **fields):
    Order.objects(id=order_id).update_one(**{f"set__{name}": value for name, value in fields.items()})


def test_a_delivery_shows_when_it_completes_by_itself(delivered, settings):
    delivered_at = Order.objects.get(id=delivered["id"]).delivered_at

    stored = Order.objects.get(id=delivered["id"])

    assert stored.auto_complete_at == delivered_at + timedelta(seconds=settings.ORDER_AUTO_COMPLETE_AFTER_SECONDS)
    assert delivered["auto_complete_at"]


def test_a_delivery_not_yet_due_is_left_alone(delivered, published_events):
    assert orders_auto_complete_due() == 0
    assert Order.objects.get(id=delivered["id"]).status == "delivered"
    assert published_events == []


def test_a_due_delivery_completes_and_pays_the_seller_as_an_approval_does(delivered, published_events, as_buyer):
    _come_due(delivered["id"], auto_complete_at=now() - timedelta(seconds=1))

    assert auto_complete_delivered() == 1

    body = as_buyer.get(f"/api/v1/orders/{delivered['id']}").json()
    assert body["status"] == "completed" and body["auto_complete_at"] is None
    assert body["payout"] == {"amount": 20.0, "status": "succeeded"}
    assert body["timeline"][-1]["by"] == "" and "automatically" in body["timeline"][-1]["note"]
    assert _names(published_events) == ["order.completed"]
    assert published_events[0]["payload"]["seller_earnings"] == "20.00"
    assert SandboxPayout.objects.count() == 1


def test_several_sweepers_at_once_complete_and_pay_once(gig, place, as_seller, published_events):
    orders = [place(gig) for _ in range(3)]
    for order in orders:
        as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})
        _come_due(order["id"], auto_complete_at=now() - timedelta(seconds=1))

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: orders_auto_complete_due(), range(4)))

    assert sum(results) == 3
    assert {Order.objects.get(id=order["id"]).status for order in orders} == {"completed"}
    assert len(_outbox("order.completed")) == 3
    assert sorted(payout.transfer_group for payout in SandboxPayout.objects) == sorted(
        f"order-{o['id']}" for o in orders
    )


def test_the_buyer_deciding_first_wins_over_the_sweep(delivered, as_buyer):
    _come_due(delivered["id"], auto_complete_at=now() - timedelta(seconds=1))
    as_buyer.post(f"/api/v1/orders/{delivered['id']}/revision", {"message": "Not yet"})

    assert orders_auto_complete_due() == 0
    assert Order.objects.get(id=delivered["id"]).status == "in_progress"


def test_a_late_order_is_shown_and_announced_once(order, as_buyer, published_events):
    _come_due(order["id"], delivery_due_at=now() - timedelta(minutes=1))

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: orders_announce_late(), range(3)))
    again = announce_late()

    assert sum(results) == 1 and again == 0
    assert len(_outbox("order.late")) == 1
    late = [event for event in published_events if event["name"] == "order.late"]
    assert late[0]["payload"]["order_id"] == order["id"] and late[0]["payload"]["buyer_username"] == "alice"
    assert as_buyer.get(f"/api/v1/orders/{order['id']}").json()["late"] is True


def test_an_order_on_time_or_delivered_is_not_late(order, delivered, published_events):
    assert orders_announce_late() == 0
    assert published_events == []


def test_the_buyer_cancels_a_late_order_without_the_seller_and_gets_everything_back(order, as_buyer):
    _come_due(order["id"], delivery_due_at=now() - timedelta(minutes=1))

    response = as_buyer.post(f"/api/v1/orders/{order['id']}/cancel")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "cancelled" and body["cancelled_by"] == "buyer"
    assert body["refund"] == {"amount": body["total"], "status": "succeeded"}
    assert body["timeline"][-1]["note"] == "by the buyer, late"


def test_a_revision_gives_a_new_due_date_that_can_be_late_again(delivered, as_buyer, published_events):
    _come_due(delivered["id"], late_notified_at=now() - timedelta(days=1))
    as_buyer.post(f"/api/v1/orders/{delivered['id']}/revision", {"message": "Again"})
    _come_due(delivered["id"], delivery_due_at=now() - timedelta(minutes=1))

    assert orders_announce_late() == 1


def test_an_order_delivered_before_automatic_completion_existed_counts_from_its_delivery(delivered, settings):
    _come_due(delivered["id"], auto_complete_at=None)
    assert orders_auto_complete_due() == 0
    delay = timedelta(seconds=settings.ORDER_AUTO_COMPLETE_AFTER_SECONDS)
    _come_due(delivered["id"], delivered_at=now() - delay - timedelta(seconds=1))

    assert orders_auto_complete_due() == 1
    assert Order.objects.get(id=delivered["id"]).status == "completed"
