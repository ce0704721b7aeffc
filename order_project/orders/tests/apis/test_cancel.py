from decimal import Decimal
from http import HTTPStatus

import pytest

from orders.documents import Order
from orders.payments.sandbox import SandboxPaymentIntent, SandboxRefund


def _cancel(client, order):
    return client.post(f"/api/v1/orders/{order['id']}/cancel")


@pytest.mark.parametrize("side", ["as_buyer", "as_seller"])
def test_either_party_cancels_an_order_in_progress_and_the_buyer_is_refunded(order, side, request, published_events):
    response = _cancel(request.getfixturevalue(side), order)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["cancelled_by"] == side.removeprefix("as_")
    assert body["refund"] == {"amount": 23.1, "status": "succeeded"}
    refund = SandboxRefund.objects.get(intent_id=order["payment_intent_id"])
    assert refund.amount == Decimal("23.10")
    assert SandboxPaymentIntent.objects.get(intent_id=order["payment_intent_id"]).amount_refunded == Decimal("23.10")
    assert [event["name"] for event in published_events] == ["order.cancelled"]
    assert published_events[0]["payload"] == {
        "order_id": order["id"],
        "seller_id": "seller-bob",
        "buyer_id": "1",
        "seller_user_id": "7",
        "refunded_amount": "23.10",
    }


def test_a_cancelled_order_cannot_be_cancelled_again_nor_refunded_twice(order, as_buyer, published_events):
    _cancel(as_buyer, order)

    response = _cancel(as_buyer, order)

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "invalid_transition"
    assert SandboxRefund.objects.count() == 1
    assert len(published_events) == 1


def test_the_buyer_cannot_cancel_a_delivered_order_but_the_seller_can(order, as_buyer, as_seller):
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})

    refused = _cancel(as_buyer, order)
    accepted = _cancel(as_seller, order)

    assert refused.status_code == HTTPStatus.CONFLICT
    assert refused.json()["code"] == "invalid_transition"
    assert accepted.status_code == HTTPStatus.OK


def test_a_completed_order_cannot_be_cancelled(order, as_buyer, as_seller):
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})
    as_buyer.post(f"/api/v1/orders/{order['id']}/approve")

    assert _cancel(as_seller, order).status_code == HTTPStatus.CONFLICT
    assert SandboxRefund.objects.count() == 0


def test_cancelling_withdraws_a_pending_extension(order, as_buyer, as_seller):
    as_seller.post(f"/api/v1/orders/{order['id']}/extension", {"days": 2, "reason": "Sick"})

    body = _cancel(as_buyer, order).json()

    assert body["extension"] is None
    assert body["extensions"][0]["status"] == "withdrawn"


def test_a_provider_outage_keeps_the_cancellation_and_leaves_the_refund_for_the_retry(order, as_buyer):
    # The sandbox refuses a refund of an intent it no longer knows: the provider "fails".
    SandboxPaymentIntent.objects(intent_id=order["payment_intent_id"]).update_one(set__status="canceled")

    response = _cancel(as_buyer, order)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["refund"]["status"] == "failed"
    stored = Order.objects.get(id=order["id"])
    assert stored.status == "cancelled" and stored.refund.attempts == 1 and stored.refund.error


def test_strangers_get_403_and_signed_out_users_401(order, as_stranger, api):
    assert _cancel(as_stranger, order).status_code == HTTPStatus.FORBIDDEN
    assert _cancel(api, order).status_code == HTTPStatus.UNAUTHORIZED
    assert Order.objects.get(id=order["id"]).status == "in_progress"


def test_an_unknown_order_is_404(as_buyer):
    assert as_buyer.post("/api/v1/orders/nope/cancel").status_code == HTTPStatus.NOT_FOUND
