"""Reads: orders as their parties see them, and the read models behind checkout."""

from __future__ import annotations

from bson import ObjectId

from orders.documents import Checkout, GigSnapshot, Offer, Order
from shared.errors import Forbidden, NotFound


def order_find(*, order_id: str) -> Order | None:
    if not ObjectId.is_valid(order_id):
        return None
    return Order.objects(id=ObjectId(order_id)).first()


def order_get_for_party(*, order_id: str, user) -> tuple[Order, str]:
    """The order and the user's role in it ("buyer" or "seller"); others get 403."""
    order = order_find(order_id=order_id)
    if order is None:
        raise NotFound("No such order.", code="order_not_found")
    role = order.role_of(user.id)
    if role is None:
        raise Forbidden("Only the buyer and the seller of this order can see or change it.", code="not_a_party")
    return order, role


def order_list(*, user_id: str, role: str, status: str | None, page: int, size: int) -> tuple[list[Order], int]:
    """The user's orders as buyer or as seller, newest first.

    One MongoDB round trip when the first page holds them all (most people's), else the page and a count.
    """
    filters = {"buyer__user_id" if role == "buyer" else "seller__user_id": str(user_id)}
    if status:
        filters["status"] = status
    queryset = Order.objects(**filters).order_by("-created_at", "-id")
    orders = list(queryset.skip((page - 1) * size).limit(size))
    if page == 1 and len(orders) < size:
        return orders, len(orders)
    return orders, queryset.count()


def gig_snapshot_find(*, gig_id: str) -> GigSnapshot | None:
    return GigSnapshot.objects(gig_id=gig_id).first()


def offer_find(*, message_id: str) -> Offer | None:
    return Offer.objects(message_id=message_id).first()


def checkout_find(*, payment_intent_id: str) -> Checkout | None:
    return Checkout.objects(payment_intent_id=payment_intent_id).first()


def open_checkout_for_offer(*, buyer_id: str, offer_id: str) -> Checkout | None:
    return Checkout.objects(buyer__user_id=buyer_id, offer_id=offer_id, status="open").first()


def orders_with_unsettled_money(*, limit: int = 100) -> list[Order]:
    """Cancelled orders whose refund, or completed ones whose payout, the provider has not confirmed."""
    pending = ["pending", "failed"]
    refunds = Order.objects(status="cancelled", refund__status__in=pending).limit(limit)
    payouts = Order.objects(status="completed", payout__status__in=pending).limit(limit)
    return [*refunds, *payouts]


def orders_due_for_auto_completion(*, at, delivered_before, limit: int) -> list[str]:
    """Ids of delivered orders whose buyer let the automatic completion time pass (orders delivered
    before ``auto_complete_at`` existed count from their delivery, ``delivered_before``)."""
    due = Order.objects(status="delivered", auto_complete_at__lte=at).order_by("auto_complete_at").limit(limit)
    legacy = Order.objects(status="delivered", auto_complete_at=None, delivered_at__lte=delivered_before).limit(limit)
    return [str(order_id) for order_id in [*due.scalar("id"), *legacy.scalar("id")]]


def orders_newly_late(*, at, limit: int) -> list:
    """Ids of orders in progress past their due date whose parties were not told yet."""
    query = Order.objects(status="in_progress", delivery_due_at__lt=at, late_notified_at=None).limit(limit)
    return list(query.scalar("id"))
