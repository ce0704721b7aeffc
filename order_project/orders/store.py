"""Order writes that commit with their events, and lose no race silently."""

from __future__ import annotations

from contextlib import contextmanager

from pymongo.errors import DuplicateKeyError, OperationFailure

from orders.documents import Order, TimelineEntry, now
from shared import mongo
from shared.errors import Conflict

RACE = "The order changed meanwhile; reload it and try again."


@contextmanager
def transaction():
    """One MongoDB transaction (``shared.mongo.atomic``), not run again: a conflict with a concurrent request
    answers 409, since the order it read may have changed."""
    try:
        with mongo.atomic():
            yield
    except DuplicateKeyError:
        raise
    except OperationFailure as exc:
        if mongo.is_transient(exc):
            raise Conflict(RACE, code="concurrent_update") from exc
        raise


def order_save_versioned(order: Order) -> Order:
    """Replace the order only if nobody changed it since it was read (optimistic locking)."""
    expected = order.version
    order.version = expected + 1
    order.updated_at = now()
    order.validate()
    result = mongo.collection(Order).replace_one({"_id": order.pk, "version": expected}, order.to_mongo())
    if result.matched_count == 0:
        order.version = expected
        raise Conflict(RACE, code="concurrent_update")
    return order


def timeline_add(order: Order, kind: str, *, by: str = "", note: str = "") -> None:
    order.timeline.append(TimelineEntry(kind=kind, at=now(), by=by, note=note))
