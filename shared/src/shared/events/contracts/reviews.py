"""Reviews: the events this domain publishes."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("review.created", version=1)
class ReviewCreated(_Contract):
    review_id: str
    order_id: str
    gig_id: str
    seller_id: str
    reviewer_id: str
    reviewer_username: str
    reviewer_role: str  # "buyer" reviews the seller's work, "seller" reviews the buyer
    rating: int


@event("review.hidden", version=1)
class ReviewHidden(_Contract):
    """Staff hid an abusive review: it leaves public lists, and ratings that counted it may subtract it."""

    review_id: str
    order_id: str
    gig_id: str
    seller_id: str
    reviewer_id: str
    reviewer_role: str
    rating: int


@event("review.restored", version=1)
class ReviewRestored(_Contract):
    """Staff showed a hidden review again: ratings that subtracted it may count it again."""

    review_id: str
    order_id: str
    gig_id: str
    seller_id: str
    reviewer_id: str
    reviewer_role: str
    rating: int
