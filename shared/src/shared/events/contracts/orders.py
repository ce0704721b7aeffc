"""Orders: the events this domain publishes."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("order.created", version=1)
class OrderCreated(_Contract):
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    buyer_username: str
    seller_username: str
    price: str
    delivery_due_at: str


@event("order.delivered", version=1)
class OrderDelivered(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    buyer_username: str
    seller_username: str


@event("order.completed", version=1)
class OrderCompleted(_Contract):
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    seller_earnings: str
    delivered_at: str


@event("order.cancelled", version=1)
class OrderCancelled(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    refunded_amount: str


@event("order.extension_requested", version=1)
class OrderExtensionRequested(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    days: int
    reason: str


@event("order.extension_decided", version=1)
class OrderExtensionDecided(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    approved: bool
    delivery_due_at: str


@event("order.revision_requested", version=1)
class OrderRevisionRequested(_Contract):
    """The buyer sent a delivered order back for changes; the seller works on it again."""

    order_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    buyer_username: str
    seller_username: str
    message: str
    revisions_used: int
    revisions_left: int
    delivery_due_at: str


@event("order.late", version=1)
class OrderLate(_Contract):
    """An order in progress passed its due date without a delivery (published once per due date)."""

    order_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    buyer_username: str
    seller_username: str
    delivery_due_at: str
