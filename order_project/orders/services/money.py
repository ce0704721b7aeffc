"""Refunds and payouts, settled with the provider after the order's state has committed.

The state change (cancelled, completed) is the source of truth and commits
with its event; the money then moves under an idempotency key derived from
the order, so settling again (the retry task, a replay) never moves it twice.
A provider outage leaves the movement ``failed`` for the retry task.
"""

from __future__ import annotations

import logging

from orders.documents import MoneyMovement, Order, now
from orders.payments import get_provider
from orders.selectors import orders_with_unsettled_money
from shared import mongo

logger = logging.getLogger(__name__)


def _settle(order: Order, field: str, move) -> Order:
    movement: MoneyMovement | None = getattr(order, field)
    if movement is None or movement.status == "succeeded":
        return order
    movement.attempts += 1
    try:
        moved = move(get_provider(order.payment_provider), movement)
    except Exception as exc:
        logger.warning("order %s: %s of %s not settled yet: %s", order.pk, field, movement.amount, exc)
        movement.status, movement.error = "failed", str(exc)[:500]
    else:
        movement.status, movement.reference, movement.error, movement.settled_at = "succeeded", moved.id, "", now()
    mongo.update_one(Order, {"_id": order.pk}, {"$set": {field: movement.to_mongo()}})
    return order


def order_refund_settle(*, order: Order) -> Order:
    """Give the buyer back what they paid for a cancelled order."""
    return _settle(
        order,
        "refund",
        lambda provider, movement: provider.refund(
            intent_id=order.payment_intent_id,
            amount=movement.amount,
            idempotency_key=f"order-{order.pk}-refund",
        ),
    )


def order_payout_settle(*, order: Order) -> Order:
    """Release the seller's earnings of a completed order."""
    return _settle(
        order,
        "payout",
        lambda provider, movement: provider.transfer_to_seller(
            amount=movement.amount,
            currency=order.currency,
            seller_user_id=order.seller.user_id,
            transfer_group=f"order-{order.pk}",
            idempotency_key=f"order-{order.pk}-payout",
        ),
    )


def orders_settle_pending_money() -> int:
    """Retry every refund and payout the provider has not confirmed; returns how many now succeeded."""
    settled = 0
    for order in orders_with_unsettled_money():
        order = order_refund_settle(order=order) if order.status == "cancelled" else order_payout_settle(order=order)
        movement = order.refund if order.status == "cancelled" else order.payout
        settled += movement.status == "succeeded"
    return settled
