"""Seller statistics, kept by events from gigs, orders and reviews.

Each change is one atomic ``$inc`` (or ``$max``) on the seller document: never
read-modify-write, so concurrent events cannot lose a count. Replays are
stopped one level up: handlers run once per event id, and their processed
mark commits in the same transaction as these updates.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from profiles import cache
from profiles.documents import STARS, Seller
from profiles.presenters import CENT
from profiles.selectors import object_id_or_none
from shared import mongo


class StatisticsEventRejected(Exception):
    """The event names no seller we know, or carries a value we cannot count.

    Raising makes the worker retry with backoff and then park the event in
    the dead-letter queue, where an operator can inspect and replay it:
    dropping it would silently skew the seller's numbers.
    """


def _seller_pk(seller_id: str, seller_user_id: str = ""):
    oid = object_id_or_none(seller_id)
    if oid is None and seller_user_id:
        found = Seller.objects(user_id=seller_user_id).only("id").first()
        oid = found.pk if found else None
    if oid is None:
        raise StatisticsEventRejected(f"unknown seller {seller_id!r} (user {seller_user_id!r})")
    return oid


def _update_seller(seller_id: str, seller_user_id: str, update: dict) -> None:
    pk = _seller_pk(seller_id, seller_user_id)
    result = mongo.update_one(Seller, {"_id": pk}, update)
    if result.matched_count == 0:
        raise StatisticsEventRejected(f"unknown seller {seller_id!r}")
    cache.drop_seller(str(pk))


def money_to_cents(amount: str) -> int:
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError) as exc:
        raise StatisticsEventRejected(f"not an amount: {amount!r}") from exc
    if not value.is_finite() or value < 0:
        raise StatisticsEventRejected(f"not an amount: {amount!r}")
    return int(value.quantize(CENT) * 100)


def _parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise StatisticsEventRejected(f"not a time: {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def seller_stats_order_created(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"ongoing_jobs": 1}})


def seller_stats_order_completed(*, seller_id: str, seller_earnings: str, delivered_at: str, seller_user_id: str = "") -> None:
    update = {
        "$inc": {"ongoing_jobs": -1, "completed_jobs": 1, "total_earnings_cents": money_to_cents(seller_earnings)},
        # $max: events may arrive out of order; the latest delivery wins.
        "$max": {"recent_delivery": _parse_time(delivered_at)},
    }
    _update_seller(seller_id, seller_user_id, update)


def seller_stats_order_cancelled(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"ongoing_jobs": -1, "cancelled_jobs": 1}})


def seller_stats_review_received(*, seller_id: str, rating: int) -> None:
    if not isinstance(rating, int) or not 1 <= rating <= len(STARS):
        raise StatisticsEventRejected(f"rating out of range: {rating!r}")
    star = STARS[rating - 1]
    update = {"$inc": {"ratings_count": 1, "rating_sum": rating, f"rating_categories.{star}": 1}}
    _update_seller(seller_id, "", update)


def seller_stats_gig_added(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"total_gigs": 1}})


def seller_stats_gig_removed(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"total_gigs": -1}})
