"""What happens to orders when nobody acts: idle deliveries complete, late orders are announced.

Celery beat runs these every ``ORDER_SWEEP_INTERVAL_SECONDS``; several beat
or worker processes may run them at once (a deploy overlapping, a second
beat by mistake), so each change is a conditional write that only one
caller can win:
- completion goes through ``order_complete``, the buyer's approval itself,
  whose versioned save lets one of two racing completions commit (the loser
  sees 409 and moves on); the payout is keyed by the order, so it moves once;
- the late notice is a flag set by a find-and-update that matches only while
  it is unset; the event commits with the flag, so it is published once per
  due date (a revision gives a new due date and clears the flag).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings

from orders import events, rules
from orders.documents import Order, now
from orders.selectors import order_find, orders_due_for_auto_completion, orders_newly_late
from orders.services.lifecycle import order_complete
from orders.store import transaction
from shared import mongo
from shared.errors import Conflict
from shared.events import publish

logger = logging.getLogger(__name__)


def order_auto_complete(*, order_id: str) -> Order | None:
    """Complete one delivered order whose buyer did not decide in time; None if someone else acted first."""
    order = order_find(order_id=order_id)
    if order is None or order.status != "delivered" or _auto_complete_at(order) > now():
        return None
    try:
        return order_complete(order=order, by="", note="automatically, the buyer did not respond")
    except Conflict:
        return None


def _delay() -> timedelta:
    return timedelta(seconds=settings.ORDER_AUTO_COMPLETE_AFTER_SECONDS)


def _auto_complete_at(order: Order):
    return order.auto_complete_at or order.delivered_at + _delay()


def orders_auto_complete_due() -> int:
    """Complete every order due for it; answers how many this call completed."""
    completed, moment = 0, now()
    for order_id in orders_due_for_auto_completion(
        at=moment, delivered_before=moment - _delay(), limit=rules.SWEEP_BATCH
    ):
        completed += order_auto_complete(order_id=order_id) is not None
    return completed


def order_announce_late(*, order_id: str) -> bool:
    """Flag one late order and publish order.late, together; False if it was flagged already (or delivered)."""
    moment = now()
    with transaction():
        flagged = mongo.update_one(
            Order,
            {"_id": order_id, "status": "in_progress", "delivery_due_at": {"$lt": moment}, "late_notified_at": None},
            {"$set": {"late_notified_at": moment}},
        )
        if flagged.modified_count != 1:
            return False
        publish(events.late(Order.objects.get(id=order_id)))
    logger.info("order %s is late", order_id)
    return True


def orders_announce_late() -> int:
    announced = 0
    for order_id in orders_newly_late(at=now(), limit=rules.SWEEP_BATCH):
        try:
            announced += order_announce_late(order_id=order_id)
        except Conflict:
            pass  # a concurrent sweep flagged it inside its own transaction
    return announced
