"""Refunds and payouts a provider outage left unsettled are retried, never repeated."""

from decimal import Decimal

import pytest

from orders.documents import Order
from orders.payments.sandbox import SandboxPaymentIntent, SandboxPayout, SandboxRefund
from orders.services import orders_settle_pending_money
from orders.tasks import settle_pending_money


def _break_refunds(order):
    SandboxPaymentIntent.objects(intent_id=order["payment_intent_id"]).update_one(set__status="canceled")


def _repair_refunds(order):
    SandboxPaymentIntent.objects(intent_id=order["payment_intent_id"]).update_one(set__status="succeeded")


def test_a_failed_refund_is_settled_by_the_retry(order, as_buyer):
    _break_refunds(order)
    as_buyer.post(f"/api/v1/orders/{order['id']}/cancel")
    assert orders_settle_pending_money() == 0
    _repair_refunds(order)

    assert orders_settle_pending_money() == 1

    stored = Order.objects.get(id=order["id"])
    assert (stored.refund.status, stored.refund.attempts, stored.refund.error) == ("succeeded", 3, "")
    assert stored.refund.reference == SandboxRefund.objects.get().refund_id
    assert orders_settle_pending_money() == 0
    assert SandboxRefund.objects.count() == 1


def test_a_failed_payout_is_settled_once_by_the_task(order, as_buyer, as_seller, settings):
    as_seller.post(f"/api/v1/orders/{order['id']}/deliver", {"message": "Done"})
    Order.objects(id=order["id"]).update_one(set__payment_provider="nonexistent")
    as_buyer.post(f"/api/v1/orders/{order['id']}/approve")
    assert Order.objects.get(id=order["id"]).payout.status == "failed"
    Order.objects(id=order["id"]).update_one(set__payment_provider="sandbox")

    assert settle_pending_money() == 1
    assert settle_pending_money() == 0
    assert SandboxPayout.objects.get().amount == Decimal("20.00")


@pytest.mark.parametrize("status", ["in_progress", "delivered"])
def test_open_orders_are_not_settled(order, status):
    Order.objects(id=order["id"]).update_one(set__status=status)

    assert orders_settle_pending_money() == 0
