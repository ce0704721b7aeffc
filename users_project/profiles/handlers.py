"""Event consumers: translate an event into one service call.

Each runs once per event id (shared.events marks it processed in the same
MongoDB transaction as the service's writes), so a redelivered event changes
nothing.
"""

from __future__ import annotations

from profiles import services, statistics
from shared.events import consumes
from shared.events.contracts import (
    GigCreated,
    GigDeleted,
    OrderCancelled,
    OrderCompleted,
    OrderCreated,
    ReviewCreated,
    ReviewHidden,
    ReviewRestored,
    UserCreated,
)


@consumes(UserCreated)
def create_buyer_profile(event: UserCreated, meta) -> None:
    services.buyer_create_from_account(
        user_id=event.user_id,
        username=event.username,
        email=event.email,
        country=event.country,
        profile_picture=event.profile_picture,
    )


@consumes(OrderCreated)
def count_ongoing_order(event: OrderCreated, meta) -> None:
    statistics.seller_stats_order_created(seller_id=event.seller_id, seller_user_id=event.seller_user_id)


@consumes(OrderCompleted)
def count_completed_order(event: OrderCompleted, meta) -> None:
    statistics.seller_stats_order_completed(
        seller_id=event.seller_id,
        seller_user_id=event.seller_user_id,
        seller_earnings=event.seller_earnings,
        # An order completed without a recorded delivery still counts as delivered now.
        delivered_at=event.delivered_at or meta.occurred_at,
    )


@consumes(OrderCompleted)
def remember_purchased_gig(event: OrderCompleted, meta) -> None:
    services.buyer_add_purchased_gig(buyer_user_id=event.buyer_id, gig_id=event.gig_id)


@consumes(OrderCancelled)
def count_cancelled_order(event: OrderCancelled, meta) -> None:
    statistics.seller_stats_order_cancelled(seller_id=event.seller_id, seller_user_id=event.seller_user_id)


@consumes(ReviewCreated)
def count_seller_rating(event: ReviewCreated, meta) -> None:
    # Sellers also review their buyers; only a buyer's review rates the seller.
    if event.reviewer_role != "buyer":
        return
    statistics.seller_stats_review_received(review_id=event.review_id, seller_id=event.seller_id, rating=event.rating)


def _set_review_hidden(event: ReviewHidden | ReviewRestored, meta, *, hidden: bool) -> None:
    # Seller reviews never counted in the seller's rating, so hiding them changes nothing here.
    if event.reviewer_role != "buyer":
        return
    statistics.seller_stats_review_visibility(
        review_id=event.review_id,
        seller_id=event.seller_id,
        rating=event.rating,
        hidden=hidden,
        occurred_at=meta.occurred_at,
    )


@consumes(ReviewHidden)
def uncount_hidden_review(event: ReviewHidden, meta) -> None:
    _set_review_hidden(event, meta, hidden=True)


@consumes(ReviewRestored)
def recount_restored_review(event: ReviewRestored, meta) -> None:
    _set_review_hidden(event, meta, hidden=False)


@consumes(GigCreated)
def count_new_gig(event: GigCreated, meta) -> None:
    statistics.seller_stats_gig_added(seller_id=event.seller_id, seller_user_id=event.seller_user_id)


@consumes(GigDeleted)
def count_deleted_gig(event: GigDeleted, meta) -> None:
    statistics.seller_stats_gig_removed(seller_id=event.seller_id, seller_user_id=event.seller_user_id)
