"""Request and response shapes of the reviews API (shape errors answer 422 naming the field)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from reviews.rules import MAX_RATING, MAX_REVIEW_LENGTH, MIN_RATING
from shared.validation import WHOLE_NUMBER

MAX_PAGE_SIZE = 50


class ReviewIn(Schema):
    order_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    # Strict: "5", 4.5 or true are not a number of stars (4.0 is 4, as JSON Schema counts).
    rating: Annotated[int, Field(ge=MIN_RATING, le=MAX_RATING, strict=True), WHOLE_NUMBER]
    review: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_REVIEW_LENGTH)]


class ReviewOut(Schema):
    id: str
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    reviewer_id: str
    reviewer_username: str
    reviewer_role: str = Field(description='"buyer" reviews the seller\'s work, "seller" reviews the buyer.')
    review_type: str = Field(description='"buyer-review" or "seller-review", as the reference app names them.')
    rating: int
    review: str
    created_at: datetime

    @staticmethod
    def resolve_id(review) -> str:
        return str(review.pk)


class SummaryOut(Schema):
    count: int
    average: float | None = Field(description="Mean stars to two decimals; null when there is no review.")
    stars: dict[str, int] = Field(description='How many reviews gave each number of stars, "1" to "5".')


class ReviewPageOut(Schema):
    items: list[ReviewOut]
    total: int
    page: int
    size: int
    summary: SummaryOut


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(10, ge=1, le=MAX_PAGE_SIZE)


class OrderReviewOut(ReviewOut):
    hidden: bool = Field(description="Hidden by staff: the author still sees it, nobody else does.")


class OrderReviewsOut(Schema):
    items: list[OrderReviewOut]
    total: int
    completed: bool
    can_review: bool = Field(description="Whether the signed-in party may still write their review.")
