"""The event payloads order publishes, built from an order in one place."""

from __future__ import annotations

from datetime import datetime

from orders.documents import Order
from shared.events.contracts import (
    OrderCancelled,
    OrderCompleted,
    OrderCreated,
    OrderDelivered,
    OrderExtensionDecided,
    OrderExtensionRequested,
    OrderLate,
    OrderRevisionRequested,
)


def iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def _parties(order: Order) -> dict:
    return {"order_id": str(order.pk), "seller_id": order.seller.seller_id, "buyer_id": order.buyer.user_id}


def created(order: Order) -> OrderCreated:
    return OrderCreated(
        **_parties(order),
        gig_id=order.gig.gig_id,
        seller_user_id=order.seller.user_id,
        buyer_username=order.buyer.username,
        seller_username=order.seller.username,
        price=str(order.subtotal),
        delivery_due_at=iso(order.delivery_due_at),
    )


def delivered(order: Order) -> OrderDelivered:
    return OrderDelivered(
        **_parties(order),
        seller_user_id=order.seller.user_id,
        buyer_username=order.buyer.username,
        seller_username=order.seller.username,
    )


def completed(order: Order) -> OrderCompleted:
    return OrderCompleted(
        **_parties(order),
        gig_id=order.gig.gig_id,
        seller_user_id=order.seller.user_id,
        seller_earnings=str(order.subtotal),
        delivered_at=iso(order.delivered_at),
    )


def cancelled(order: Order) -> OrderCancelled:
    return OrderCancelled(**_parties(order), seller_user_id=order.seller.user_id, refunded_amount=str(order.total))


def extension_requested(order: Order) -> OrderExtensionRequested:
    extension = order.pending_extension
    return OrderExtensionRequested(**_parties(order), days=extension.days, reason=extension.reason)


def extension_decided(order: Order, *, approved: bool) -> OrderExtensionDecided:
    return OrderExtensionDecided(**_parties(order), approved=approved, delivery_due_at=iso(order.delivery_due_at))


def _names(order: Order) -> dict:
    return {
        "seller_user_id": order.seller.user_id,
        "buyer_username": order.buyer.username,
        "seller_username": order.seller.username,
    }


def revision_requested(order: Order) -> OrderRevisionRequested:
    return OrderRevisionRequested(
        **_parties(order),
        **_names(order),
        message=order.revisions[-1].message,
        revisions_used=order.revisions_used,
        revisions_left=order.revisions_left,
        delivery_due_at=iso(order.delivery_due_at),
    )


def late(order: Order) -> OrderLate:
    return OrderLate(**_parties(order), **_names(order), delivery_due_at=iso(order.delivery_due_at))
