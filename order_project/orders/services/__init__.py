"""Writes on orders (HackSoft services), split by concern; import them from here."""

from orders.services.checkout import order_create, payment_intent_create
from orders.services.lifecycle import (
    order_approve,
    order_cancel,
    order_complete,
    order_deliver,
    order_extension_decide,
    order_extension_request,
    order_request_revision,
)
from orders.services.money import order_payout_settle, order_refund_settle, orders_settle_pending_money
from orders.services.read_models import (
    gig_snapshot_delete,
    gig_snapshot_record,
    offer_record_accepted,
    offer_record_cancelled,
)
from orders.services.sweeps import (
    order_announce_late,
    order_auto_complete,
    orders_announce_late,
    orders_auto_complete_due,
)

__all__ = [
    "gig_snapshot_delete",
    "gig_snapshot_record",
    "offer_record_accepted",
    "offer_record_cancelled",
    "order_approve",
    "order_cancel",
    "order_create",
    "order_deliver",
    "order_extension_decide",
    "order_extension_request",
    "order_payout_settle",
    "order_refund_settle",
    "orders_settle_pending_money",
    "payment_intent_create",
    "order_complete",
    "order_request_revision",
    "order_announce_late",
    "order_auto_complete",
    "orders_announce_late",
    "orders_auto_complete_due",
]
