"""Seller statistics, kept by events from gigs, orders and reviews.

Each change is one atomic ``$inc`` (or ``$max``) on the seller document: never
read-modify-write, so concurrent events cannot lose a count. Replays are
stopped one level up: handlers run once per event id, and their processed
mark commits in the same transaction as these updates. Ratings also keep a
small state record per review, so a review counts once however often its
events arrive, and not while staff hide it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from pymongo import ReturnDocument

from profiles import cache
from profiles.documents import STARS, Seller, SellerReviewRating
from profiles.presenters import CENT
from profiles.selectors import object_id_or_none
from shared import mongo

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


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


def seller_stats_order_completed(
    *, seller_id: str, seller_earnings: str, delivered_at: str, seller_user_id: str = ""
) -> None:
    update = {
        "$inc": {"ongoing_jobs": -1, "completed_jobs": 1, "total_earnings_cents": money_to_cents(seller_earnings)},
        # $max: events may arrive out of order; the latest delivery wins.
        "$max": {"recent_delivery": _parse_time(delivered_at)},
    }
    _update_seller(seller_id, seller_user_id, update)


def seller_stats_order_cancelled(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"ongoing_jobs": -1, "cancelled_jobs": 1}})


def _star(rating) -> str:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= len(STARS):
        raise StatisticsEventRejected(f"rating out of range: {rating!r}")
    return STARS[rating - 1]


def _count_rating(*, seller_id: str, rating: int, sign: int) -> None:
    """Add (sign 1) or remove (sign -1) one review's stars."""
    update = {"$inc": {"ratings_count": sign, "rating_sum": sign * rating, f"rating_categories.{_star(rating)}": sign}}
    _update_seller(seller_id, "", update)


# Each buyer review has a SellerReviewRating record: whether its review.created
# arrived, whether staff hid it, and when its visibility last changed. Its stars
# are in the seller's totals exactly when it was created and is not hidden, so
# an event moves the totals only when it changes that state: a review counted
# twice under new event ids, a second hide, a restore of a visible review or a
# hide that overtakes the creation cannot skew the counts or drive them negative.


def _reserve_review(*, review_id: str, seller_id: str, rating: int) -> None:
    """Make sure the review has a state record; a new one waits for its creation."""
    mongo.update_one(
        SellerReviewRating,
        {"_id": review_id},
        {"$setOnInsert": {"seller_id": seller_id, "rating": rating, "awaiting_creation": True, "hidden": False}},
        upsert=True,
    )


def _review_transition(query: dict, update: dict) -> dict | None:
    """The record as it was before ``update``, or None when ``query`` did not match (nothing changed)."""
    return mongo.collection(SellerReviewRating).find_one_and_update(
        query, update, return_document=ReturnDocument.BEFORE
    )


def seller_stats_review_received(*, review_id: str, seller_id: str, rating: int) -> None:
    """Count a buyer review once, unless staff hid it before its creation reached us."""
    _star(rating)
    _reserve_review(review_id=review_id, seller_id=seller_id, rating=rating)
    before = _review_transition(
        {"_id": review_id, "awaiting_creation": True},
        {"$set": {"awaiting_creation": False, "seller_id": seller_id, "rating": rating}},
    )
    if before is not None and not before["hidden"]:
        _count_rating(seller_id=seller_id, rating=rating, sign=1)


def _visibility_time(occurred_at: str) -> int:
    """Microseconds since the epoch (MongoDB dates keep milliseconds, too coarse to order a quick hide and restore)."""
    return (_parse_time(occurred_at) - _EPOCH) // timedelta(microseconds=1)


def seller_stats_review_visibility(
    *, review_id: str, seller_id: str, rating: int, hidden: bool, occurred_at: str
) -> None:
    """Record a hide (hidden=True) or restore, moving the totals when the review's stars counted before or now.

    Only a change newer than the last one applied counts: review publishes
    them in order, the broker may deliver them out of it.
    """
    _star(rating)
    at = _visibility_time(occurred_at)
    _reserve_review(review_id=review_id, seller_id=seller_id, rating=rating)
    newer = {"$or": [{"visibility_at_us": None}, {"visibility_at_us": {"$lt": at}}]}
    before = _review_transition({"_id": review_id, **newer}, {"$set": {"hidden": hidden, "visibility_at_us": at}})
    if before is None or before["hidden"] == hidden or before["awaiting_creation"]:
        return
    # The stars that were counted at creation, whatever this event says.
    _count_rating(seller_id=before["seller_id"], rating=before["rating"], sign=-1 if hidden else 1)


def seller_stats_gig_added(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"total_gigs": 1}})


def seller_stats_gig_removed(*, seller_id: str, seller_user_id: str = "") -> None:
    _update_seller(seller_id, seller_user_id, {"$inc": {"total_gigs": -1}})
