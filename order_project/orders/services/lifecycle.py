"""An order's life after checkout: deliver, approve, cancel, and delivery extensions.

Who may do what, from which status:
- deliver: the seller, in_progress -> delivered; the order completes by itself
  ``ORDER_AUTO_COMPLETE_AFTER_SECONDS`` later unless the buyer decides first
- approve: the buyer, delivered -> completed (the seller is paid); the
  automatic completion (orders/services/sweeps.py) goes through the same step
- revision: the buyer, delivered -> in_progress while the gig's included
  revisions last; the work gets the gig's delivery days again
- cancel: the buyer while in_progress; the seller while in_progress or
  delivered (a seller may always give the money back) -> cancelled, refunded
- extension: the seller asks while in_progress, one pending at a time; the
  buyer approves (the due date moves) or rejects. Delivering or cancelling
  withdraws a pending request.
Anything else answers 409 ``invalid_transition``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from orders import events, rules
from orders.documents import Delivery, ExtensionRequest, MoneyMovement, Order, RevisionRequest, now
from orders.files import delivery_files_forget, delivery_files_store, delivery_files_validate
from orders.selectors import order_get_for_party
from orders.services.money import order_payout_settle, order_refund_settle
from orders.store import order_save_versioned, timeline_add, transaction
from shared.errors import Conflict, Forbidden
from shared.events import publish

CANCELLABLE_BY = {"buyer": ("in_progress",), "seller": ("in_progress", "delivered")}


def _order_as(*, user, order_id: str, role: str, action: str) -> Order:
    order, user_role = order_get_for_party(order_id=order_id, user=user)
    if user_role != role:
        raise Forbidden(f"Only the {role} can {action} this order.", code=f"not_the_{role}")
    return order


def _require_status(order: Order, allowed: tuple[str, ...], action: str) -> None:
    if order.status not in allowed:
        raise Conflict(
            f"An order that is {order.status.replace('_', ' ')} cannot be {action}.", code="invalid_transition"
        )


def _commit(order: Order, event) -> Order:
    with transaction():
        order_save_versioned(order)
        publish(event(order))
    return order


def _withdraw_pending_extension(order: Order) -> None:
    pending = order.pending_extension
    if pending is not None:
        pending.status, pending.decided_at = "withdrawn", now()


def order_deliver(*, user, order_id: str, message: str, file_urls: list[str], uploads: list) -> Order:
    order = _order_as(user=user, order_id=order_id, role="seller", action="deliver")
    _require_status(order, ("in_progress",), "delivered")
    delivery_files_validate(file_urls=file_urls, uploads=uploads)
    stored = delivery_files_store(order_id=str(order.pk), uploads=uploads)
    moment = now()
    order.deliveries.append(Delivery(message=message, files=[*file_urls, *stored], delivered_at=moment))
    order.status, order.delivered_at = "delivered", moment
    order.auto_complete_at = moment + timedelta(seconds=settings.ORDER_AUTO_COMPLETE_AFTER_SECONDS)
    _withdraw_pending_extension(order)
    timeline_add(order, "delivered", by=str(user.id))
    try:
        return _commit(order, events.delivered)
    except Exception:
        delivery_files_forget(names=stored)
        raise


def order_complete(*, order: Order, by: str, note: str = "") -> Order:
    """delivered -> completed and the seller's payout: the buyer's approval and the automatic one.

    The versioned save is the conditional write: of two completions racing
    (an approval and a sweep, or two sweeps), one commits and the other gets 409.
    """
    _require_status(order, ("delivered",), "approved")
    order.status, order.completed_at, order.auto_complete_at = "completed", now(), None
    order.payout = MoneyMovement(amount=order.subtotal)
    timeline_add(order, "completed", by=by, note=note)
    _commit(order, events.completed)
    return order_payout_settle(order=order)


def order_approve(*, user, order_id: str) -> Order:
    order = _order_as(user=user, order_id=order_id, role="buyer", action="approve")
    return order_complete(order=order, by=str(user.id))


def order_request_revision(*, user, order_id: str, message: str) -> Order:
    order = _order_as(user=user, order_id=order_id, role="buyer", action="ask for a revision of")
    _require_status(order, ("delivered",), "sent back for a revision")
    if order.revisions_left == 0:
        raise Conflict(
            f"This order included {order.revisions_included} revision(s), all used.", code="no_revisions_left"
        )
    moment = now()
    order.revisions.append(RevisionRequest(message=message, requested_at=moment))
    order.status, order.auto_complete_at, order.late_notified_at = "in_progress", None, None
    order.delivery_due_at = moment + timedelta(days=order.delivery_days or rules.DEFAULT_DELIVERY_DAYS)
    timeline_add(
        order, "revision_requested", by=str(user.id), note=f"{order.revisions_used} of {order.revisions_included}"
    )
    return _commit(order, events.revision_requested)


def order_cancel(*, user, order_id: str) -> Order:
    order, role = order_get_for_party(order_id=order_id, user=user)
    _require_status(order, CANCELLABLE_BY[role], f"cancelled by the {role}")
    # The buyer may always cancel work not delivered yet; a late order says so in its history.
    note = f"by the {role}" + (", late" if order.is_late() else "")
    order.status, order.cancelled_at, order.cancelled_by = "cancelled", now(), role
    order.auto_complete_at = None
    order.refund = MoneyMovement(amount=order.total)
    _withdraw_pending_extension(order)
    timeline_add(order, "cancelled", by=str(user.id), note=note)
    _commit(order, events.cancelled)
    return order_refund_settle(order=order)


def order_extension_request(*, user, order_id: str, days: int, reason: str) -> Order:
    order = _order_as(user=user, order_id=order_id, role="seller", action="extend")
    _require_status(order, ("in_progress",), "extended")
    if order.pending_extension is not None:
        raise Conflict("An extension request is already waiting for the buyer.", code="extension_pending")
    order.extensions.append(ExtensionRequest(days=days, reason=reason, requested_at=now()))
    timeline_add(order, "extension_requested", by=str(user.id), note=f"{days} days")
    return _commit(order, events.extension_requested)


def order_extension_decide(*, user, order_id: str, approved: bool) -> Order:
    order = _order_as(user=user, order_id=order_id, role="buyer", action="decide on an extension of")
    _require_status(order, ("in_progress",), "extended")
    pending = order.pending_extension
    if pending is None:
        raise Conflict("There is no extension request waiting for a decision.", code="no_pending_extension")
    pending.status, pending.decided_at = ("approved" if approved else "rejected"), now()
    if approved:
        order.delivery_due_at = order.delivery_due_at + timedelta(days=pending.days)
    timeline_add(order, "extension_approved" if approved else "extension_rejected", by=str(user.id))
    return _commit(order, lambda saved: events.extension_decided(saved, approved=approved))
