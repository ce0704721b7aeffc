"""Writes: order facts from events, reviews from parties, moderation by staff.

Every write that other services must hear about publishes its event in the
same database transaction (the outbox), so a review never exists without its
``review.created`` and vice versa.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews.models import CompletedOrder, PlacedOrder, Review
from reviews.rules import clean_rating, clean_review_text
from shared.errors import Conflict, Forbidden, NotFound, ValidationFailed
from shared.events import publish
from shared.events.contracts import ReviewCreated, ReviewHidden, ReviewRestored
from shared.tokens import TokenUser


def order_placed_record(
    *,
    order_id: str,
    gig_id: str,
    seller_id: str,
    seller_user_id: str,
    buyer_id: str,
    buyer_username: str,
    seller_username: str,
    placed_at: datetime,
    event_id: str = "",
) -> None:
    """Remember an order and its parties; a second event for the same order keeps the first row.

    One INSERT ... ON CONFLICT DO NOTHING on the unique order id (get_or_create cost a read,
    a savepoint, the insert and its release on every order.created).
    """
    PlacedOrder.objects.bulk_create(
        [
            PlacedOrder(
                order_id=order_id,
                gig_id=gig_id,
                seller_id=seller_id,
                seller_user_id=seller_user_id,
                buyer_id=buyer_id,
                buyer_username=buyer_username,
                seller_username=seller_username,
                placed_at=placed_at,
                event_id=event_id,
            )
        ],
        ignore_conflicts=True,
    )


def order_completed_record(
    *,
    order_id: str,
    gig_id: str,
    seller_id: str,
    seller_user_id: str,
    buyer_id: str,
    delivered_at: datetime | None,
    completed_at: datetime,
    event_id: str = "",
) -> CompletedOrder:
    """Open an order for reviews; naturally idempotent on the unique order id."""
    completed, _ = CompletedOrder.objects.get_or_create(
        order_id=order_id,
        defaults={
            "gig_id": gig_id,
            "seller_id": seller_id,
            "seller_user_id": seller_user_id,
            "buyer_id": buyer_id,
            "delivered_at": delivered_at,
            "completed_at": completed_at,
            "event_id": event_id,
        },
    )
    return completed


def _role_of(order: PlacedOrder | CompletedOrder, user_id: str) -> str:
    if order.buyer_id == user_id:
        return Review.Role.BUYER
    if order.seller_user_id == user_id:
        return Review.Role.SELLER
    raise Forbidden("Only the buyer or the seller of this order may review it.", "not_order_party")


def _completed_order_for(*, order_id: str, user_id: str) -> tuple[CompletedOrder, str]:
    """The completed order and the caller's side of it, or the error that explains why not."""
    completed = CompletedOrder.objects.filter(order_id=order_id).first()
    if completed is not None:
        return completed, _role_of(completed, user_id)
    placed = PlacedOrder.objects.filter(order_id=order_id).first()
    if placed is None:
        raise NotFound("No order with this id.", "order_not_found")
    _role_of(placed, user_id)  # a stranger learns nothing about the order's state
    raise Conflict(
        "This order is not completed: it can be reviewed once the buyer approves the delivery.", "order_not_completed"
    )


def _reviewer_username(*, order_id: str, role: str, fallback: str) -> str:
    placed = PlacedOrder.objects.filter(order_id=order_id).only("buyer_username", "seller_username").first()
    if placed is not None:
        known = placed.buyer_username if role == Review.Role.BUYER else placed.seller_username
        if known:
            return known
    return fallback


def _validated(*, rating, review: str) -> tuple[int, str]:
    fields: dict[str, list[str]] = {}
    rating_value, rating_error = clean_rating(rating)
    text, text_error = clean_review_text(review)
    if rating_error:
        fields["rating"] = [rating_error]
    if text_error:
        fields["review"] = [text_error]
    if fields:
        raise ValidationFailed(fields=fields)
    return rating_value, text


def review_create(*, user: TokenUser, order_id: str, rating: int, review: str) -> Review:
    """A party's review of a completed order, once per side, announced as ``review.created``."""
    rating, text = _validated(rating=rating, review=review)
    order, role = _completed_order_for(order_id=order_id, user_id=user.id)
    if Review.objects.filter(order=order, reviewer_role=role).exists():
        raise Conflict("You have already reviewed this order.", "review_already_exists")
    username = _reviewer_username(order_id=order_id, role=role, fallback=user.username)
    try:
        with transaction.atomic():
            created = Review.objects.create(
                order=order,
                gig_id=order.gig_id,
                seller_id=order.seller_id,
                seller_user_id=order.seller_user_id,
                buyer_id=order.buyer_id,
                reviewer_id=user.id,
                reviewer_username=username,
                reviewer_role=role,
                rating=rating,
                review=text,
            )
            publish(_created_event(created))
    except IntegrityError as exc:
        # Two requests from the same side raced past the check above; the constraint decides.
        if Review.objects.filter(order=order, reviewer_role=role).exists():
            raise Conflict("You have already reviewed this order.", "review_already_exists") from exc
        raise
    return created


def _created_event(review: Review) -> ReviewCreated:
    return ReviewCreated(
        review_id=str(review.pk),
        order_id=review.order_id,
        gig_id=review.gig_id,
        seller_id=review.seller_id,
        reviewer_id=review.reviewer_id,
        reviewer_username=review.reviewer_username,
        reviewer_role=review.reviewer_role,
        rating=review.rating,
    )


def _visibility_event(review: Review, event_class):
    return event_class(
        review_id=str(review.pk),
        order_id=review.order_id,
        gig_id=review.gig_id,
        seller_id=review.seller_id,
        reviewer_id=review.reviewer_id,
        reviewer_role=review.reviewer_role,
        rating=review.rating,
    )


def review_hide(*, review_id: int, staff_username: str) -> bool:
    """Hide an abusive review from public lists and summaries; False when it already was hidden."""
    with transaction.atomic():
        review = _locked(review_id)
        if review.hidden:
            return False
        review.hidden, review.hidden_at, review.hidden_by = True, timezone.now(), staff_username[:150]
        review.save(update_fields=["hidden", "hidden_at", "hidden_by"])
        publish(_visibility_event(review, ReviewHidden))
    return True


def review_restore(*, review_id: int) -> bool:
    """Show a hidden review again; False when it was visible."""
    with transaction.atomic():
        review = _locked(review_id)
        if not review.hidden:
            return False
        review.hidden, review.hidden_at, review.hidden_by = False, None, ""
        review.save(update_fields=["hidden", "hidden_at", "hidden_by"])
        publish(_visibility_event(review, ReviewRestored))
    return True


def _locked(review_id: int) -> Review:
    # The row lock makes two staff clicking at once publish one event, not two.
    review = Review.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise NotFound("No such review.", "review_not_found")
    return review
