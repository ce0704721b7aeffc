from decimal import Decimal
from http import HTTPStatus

import pytest

from orders.documents import Order
from orders.payments.sandbox import SandboxPayout


@pytest.fixture
def delivered(order, as_seller, published_events):
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})
    published_events.clear()
    return order


def _approve(client, order):
    return client.post(f"/api/v1/orders/{order['id']}/approve")


def test_the_buyer_approves_and_the_seller_is_paid(delivered, as_buyer, published_events):
    response = _approve(as_buyer, delivered)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "completed" and body["completed_at"]
    assert body["payout"] == {"amount": 20.0, "status": "succeeded"}
    payout = SandboxPayout.objects.get()
    assert (payout.seller_user_id, payout.amount, payout.transfer_group) == (
        "7",
        Decimal("20.00"),
        f"order-{delivered['id']}",
    )
    stored = Order.objects.get(id=delivered["id"])
    assert [event["name"] for event in published_events] == ["order.completed"]
    assert published_events[0]["payload"] == {
        "order_id": delivered["id"],
        "gig_id": delivered["gig_id"],
        "seller_id": "seller-bob",
        "buyer_id": "1",
        "seller_user_id": "7",
        "seller_earnings": "20.00",
        "delivered_at": stored.delivered_at.isoformat(),
    }


def test_seller_earnings_are_price_times_quantity(gig, place, as_seller, as_buyer, published_events):
    order = place(gig, quantity=3)
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})

    _approve(as_buyer, order)

    assert published_events[-1]["payload"]["seller_earnings"] == "60.00"
    assert SandboxPayout.objects.get().amount == Decimal("60.00")


def test_an_order_not_delivered_yet_cannot_be_approved(order, as_buyer):
    response = _approve(as_buyer, order)

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "invalid_transition"


def test_approving_twice_pays_once(delivered, as_buyer):
    _approve(as_buyer, delivered)

    assert _approve(as_buyer, delivered).status_code == HTTPStatus.CONFLICT
    assert SandboxPayout.objects.count() == 1


def test_only_the_buyer_approves(delivered, as_seller, as_stranger, api):
    seller = _approve(as_seller, delivered)

    assert seller.status_code == HTTPStatus.FORBIDDEN and seller.json()["code"] == "not_the_buyer"
    assert _approve(as_stranger, delivered).status_code == HTTPStatus.FORBIDDEN
    assert _approve(api, delivered).status_code == HTTPStatus.UNAUTHORIZED
    assert SandboxPayout.objects.count() == 0
