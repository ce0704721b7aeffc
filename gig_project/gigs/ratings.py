"""Gig ratings from buyer reviews: counted on creation, subtracted while staff hide them.

Each review has one ``AppliedReview`` record holding its state: whether its
``review.created`` arrived yet (``awaiting_creation``), whether it is hidden,
and when its visibility last changed. A review's stars are in its gig's totals
exactly when it was created and is not hidden, so every event only moves the
totals when it changes that state: replays under new event ids, a hide
delivered twice or a restore of a visible review change nothing, and a hide
that overtakes its creation leaves the review uncounted instead of driving
counts negative. Each state change is one conditional ``find_one_and_update``
and the totals one ``$inc``, both in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pymongo import ReturnDocument

from gigs.documents import AppliedReview
from gigs.selectors import gig_find
from gigs.services import gig_apply_update, gig_updated_event
from shared import mongo
from shared.events import publish

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _star(rating) -> int:
    return min(max(int(rating), 1), 5)


def _reserve(*, review_id: str, gig_id: str, star: int) -> None:
    """Make sure the review has a state record; a new one waits for its creation."""
    mongo.update_one(
        AppliedReview,
        {"_id": review_id},
        {
            "$setOnInsert": {
                "gig_id": gig_id,
                "rating": star,
                "hidden": False,
                "awaiting_creation": True,
                "applied_at": datetime.now(timezone.utc),
            }
        },
        upsert=True,
    )


def _transition(query: dict, update: dict) -> dict | None:
    """The record as it was before ``update``, or None when ``query`` did not match (nothing changed)."""
    return mongo.collection(AppliedReview).find_one_and_update(query, update, return_document=ReturnDocument.BEFORE)


def _count(*, gig_id: str, star: int, sign: int) -> None:
    """Add (sign 1) or remove (sign -1) one review's stars, reindex the gig and tell consumers."""
    gig = gig_apply_update(
        gig_id=gig_id,
        update={
            "$inc": {"ratings_count": sign, "rating_sum": sign * star, f"rating_categories.{star}": sign},
            "$set": {"updated_at": datetime.now(timezone.utc)},
        },
    )
    publish(gig_updated_event(gig))


def gig_apply_review(*, review_id: str, gig_id: str, rating: int) -> bool:
    """Count one buyer review in its gig's rating, once; False when not counted now.

    Not counted: already counted, the gig is gone, or staff hid the review
    before its creation reached us (a later restore counts it).
    """
    star = _star(rating)

    @mongo.atomic
    def write():
        if gig_find(gig_id=gig_id) is None:
            return False
        _reserve(review_id=review_id, gig_id=gig_id, star=star)
        # Records from before hiding existed have no flag: they were counted, and do not match.
        before = _transition(
            {"_id": review_id, "awaiting_creation": True}, {"$set": {"awaiting_creation": False, "rating": star}}
        )
        if before is None or before.get("hidden"):
            return False
        _count(gig_id=gig_id, star=star, sign=1)
        return True

    return write()


def _visibility_time(occurred_at: str) -> int:
    """Microseconds since the epoch (MongoDB dates keep milliseconds, too coarse to order a quick hide and restore)."""
    parsed = datetime.fromisoformat(occurred_at)
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return (parsed - _EPOCH) // timedelta(microseconds=1)


def gig_review_set_hidden(*, review_id: str, gig_id: str, rating: int, hidden: bool, occurred_at: str) -> bool:
    """Record a hide (hidden=True) or restore; True when the gig's rating changed.

    Only a change newer than the last one applied counts (review publishes
    them in order under a row lock, the broker may not deliver them so).
    """
    at = _visibility_time(occurred_at)

    @mongo.atomic
    def write():
        if gig_find(gig_id=gig_id) is None:
            return False
        _reserve(review_id=review_id, gig_id=gig_id, star=_star(rating))
        newer = {"$or": [{"visibility_at_us": None}, {"visibility_at_us": {"$lt": at}}]}
        before = _transition({"_id": review_id, **newer}, {"$set": {"hidden": hidden, "visibility_at_us": at}})
        if before is None or bool(before.get("hidden")) == hidden or before.get("awaiting_creation"):
            return False
        # The stars counted at creation, whatever this event says.
        _count(gig_id=before["gig_id"], star=before["rating"], sign=-1 if hidden else 1)
        return True

    return write()
