"""Event consumers: the seller read model and gig ratings."""

from __future__ import annotations

import logging

from gigs.interests import interest_record
from gigs.ratings import gig_apply_review, gig_review_set_hidden
from gigs.selectors import gig_find
from gigs.services import seller_upsert
from shared.events import consumes
from shared.events.contracts import (
    OrderCreated,
    ReviewCreated,
    ReviewHidden,
    ReviewRestored,
    SellerCreated,
    SellerUpdated,
)

logger = logging.getLogger(__name__)


@consumes(SellerCreated)
def record_new_seller(event: SellerCreated, meta) -> None:
    seller_upsert(seller_id=event.seller_id, user_id=event.user_id, username=event.username, full_name=event.full_name)


@consumes(SellerUpdated)
def record_seller_change(event: SellerUpdated, meta) -> None:
    seller_upsert(seller_id=event.seller_id, user_id=event.user_id, username=event.username, full_name=event.full_name)


@consumes(OrderCreated)
def remember_what_the_buyer_bought(event: OrderCreated, meta) -> None:
    # Redis is outside the event's transaction; a replay moves the same category to the front again.
    gig = gig_find(gig_id=event.gig_id)
    if gig is not None:
        interest_record(user_id=event.buyer_id, category=gig.category)


@consumes(ReviewCreated)
def count_buyer_review(event: ReviewCreated, meta) -> None:
    # A seller's review of a buyer says nothing about the gig.
    if event.reviewer_role != "buyer":
        return
    if not gig_apply_review(review_id=event.review_id, gig_id=event.gig_id, rating=event.rating):
        logger.info("review %s not counted: already counted or gig %s is gone", event.review_id, event.gig_id)


def _set_hidden(event: ReviewHidden | ReviewRestored, meta, *, hidden: bool) -> None:
    # Seller reviews of buyers never counted in a gig's rating, so hiding them changes nothing here.
    if event.reviewer_role != "buyer":
        return
    changed = gig_review_set_hidden(
        review_id=event.review_id, gig_id=event.gig_id, rating=event.rating, hidden=hidden, occurred_at=meta.occurred_at
    )
    if not changed:
        logger.info("review %s (hidden=%s) left gig %s's rating as it was", event.review_id, hidden, event.gig_id)


@consumes(ReviewHidden)
def uncount_hidden_review(event: ReviewHidden, meta) -> None:
    _set_hidden(event, meta, hidden=True)


@consumes(ReviewRestored)
def recount_restored_review(event: ReviewRestored, meta) -> None:
    _set_hidden(event, meta, hidden=False)
