"""Reads: public review lists with their rating summary, one review, one order's reviews."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet

from reviews.models import CompletedOrder, PlacedOrder, Review
from reviews.rules import MAX_RATING, MIN_RATING
from shared.errors import Forbidden, NotFound

STARS = range(MIN_RATING, MAX_RATING + 1)


@dataclass(frozen=True)
class ReviewPage:
    items: list[Review]
    total: int
    page: int
    size: int
    summary: dict


def _visible(role: str) -> QuerySet[Review]:
    return Review.objects.filter(reviewer_role=role, hidden=False)


def review_summary(queryset: QuerySet[Review]) -> dict:
    """Count, average and per-star counts of a list, in one aggregate query."""
    figures = queryset.aggregate(
        count=Count("id"),
        average=Avg("rating"),
        **{f"stars_{star}": Count("id", filter=Q(rating=star)) for star in STARS},
    )
    average = figures["average"]
    return {
        "count": figures["count"],
        "average": round(float(average), 2) if average is not None else None,
        "stars": {str(star): figures[f"stars_{star}"] for star in STARS},
    }


def _page(queryset: QuerySet[Review], *, page: int, size: int) -> ReviewPage:
    summary = review_summary(queryset)
    start = (page - 1) * size
    # The summary already counted the list: no second COUNT query, and no page query past the end.
    items = list(queryset.order_by("-created_at", "-id")[start : start + size]) if start < summary["count"] else []
    return ReviewPage(items=items, total=summary["count"], page=page, size=size, summary=summary)


def review_list_for_gig(*, gig_id: str, page: int = 1, size: int = 10) -> ReviewPage:
    """Buyers' visible reviews of one gig, newest first."""
    return _page(_visible(Review.Role.BUYER).filter(gig_id=gig_id), page=page, size=size)


def review_list_for_seller(*, seller_id: str, page: int = 1, size: int = 10) -> ReviewPage:
    """Buyers' visible reviews of one seller (profile id), newest first."""
    return _page(_visible(Review.Role.BUYER).filter(seller_id=seller_id), page=page, size=size)


def review_list_for_buyer(*, buyer_id: str, page: int = 1, size: int = 10) -> ReviewPage:
    """Sellers' visible reviews of one buyer (auth user id), newest first."""
    return _page(_visible(Review.Role.SELLER).filter(buyer_id=buyer_id), page=page, size=size)


def review_get_public(*, review_id: str) -> Review:
    """A visible review; a hidden or unknown one answers 404 alike."""
    review = Review.objects.filter(pk=int(review_id), hidden=False).first() if str(review_id).isdigit() else None
    if review is None:
        raise NotFound("No such review.", "review_not_found")
    return review


@dataclass(frozen=True)
class OrderReviews:
    items: list[Review]
    completed: bool
    can_review: bool


def review_list_for_order(*, order_id: str, user_id: str) -> OrderReviews:
    """Both sides' reviews of one order, for its parties only, and whether the caller may still write one."""
    order = (
        CompletedOrder.objects.filter(order_id=order_id).first()
        or PlacedOrder.objects.filter(order_id=order_id).first()
    )
    if order is None:
        raise NotFound("No order with this id.", "order_not_found")
    if user_id not in (order.buyer_id, order.seller_user_id):
        raise Forbidden("Only the buyer or the seller of this order may see its reviews.", "not_order_party")
    completed = isinstance(order, CompletedOrder)
    # A party still sees their own review after staff hid it, so a 409 on a second try makes sense.
    items = list(
        Review.objects.filter(order_id=order_id)
        .filter(Q(hidden=False) | Q(reviewer_id=user_id))
        .order_by("created_at", "id")
    )
    my_role = Review.Role.BUYER if order.buyer_id == user_id else Review.Role.SELLER
    already = Review.objects.filter(order_id=order_id, reviewer_role=my_role).exists()
    return OrderReviews(items=items, completed=completed, can_review=completed and not already)
