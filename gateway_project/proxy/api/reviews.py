"""Reviews and ratings (review_project): copies of reviews/schemas.py."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field, StrictInt

from proxy.api.common import SIGNED_IN, errors, text
from proxy.api.notifications import router as notifications  # noqa: F401 - config.api mounts it from here
from proxy.django_adapter import relay

reviews = Router(tags=["reviews"])


class ReviewIn(Schema):
    order_id: text(1, 64)
    # Strict, as review_project: "5", 4.5 or true are not a number of stars.
    rating: StrictInt = Field(ge=1, le=5)
    review: text(1, 2000)


class ReviewOut(Schema):
    id: str
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    reviewer_id: str
    reviewer_username: str
    reviewer_role: Literal["buyer", "seller"] = Field(description='"buyer" reviews the seller\'s work, "seller" reviews the buyer.')
    review_type: Literal["buyer-review", "seller-review"] = Field(description="The reviewer's side, as the reference app names it.")
    rating: int
    review: str
    created_at: datetime


class ReviewSummaryOut(Schema):
    count: int
    average: float | None = Field(description="Mean stars to two decimals; null when there is no review.")
    stars: dict[str, int] = Field(description='How many reviews gave each number of stars, "1" to "5".')


class ReviewPageOut(Schema):
    items: list[ReviewOut]
    total: int
    page: int
    size: int
    summary: ReviewSummaryOut


class ReviewPageParams(Schema):
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(10, ge=1, le=50)


class OrderReviewOut(ReviewOut):
    hidden: bool = Field(description="Hidden by staff: the author still sees it, nobody else does.")


class OrderReviewsOut(Schema):
    items: list[OrderReviewOut]
    total: int
    completed: bool
    can_review: bool = Field(description="Whether the signed-in party may still write their review.")


@reviews.post("", response={201: ReviewOut, **errors(400, 401, 404, 409, 422, write=True)}, summary="A party of a completed order, once per side", description=SIGNED_IN)
async def review_create(request, payload: ReviewIn):
    return await relay(request)


@reviews.get("/gig/{gig_id}", response={200: ReviewPageOut, **errors(422)}, summary="Buyers' reviews of a gig, with its rating summary")
async def reviews_of_gig(request, gig_id: str, params: Query[ReviewPageParams]):
    return await relay(request)


@reviews.get("/seller/{seller_id}", response={200: ReviewPageOut, **errors(422)}, summary="Buyers' reviews of a seller, with the summary")
async def reviews_of_seller(request, seller_id: str, params: Query[ReviewPageParams]):
    return await relay(request)


@reviews.get("/buyer/{buyer_id}", response={200: ReviewPageOut, **errors(422)}, summary="Sellers' reviews of a buyer, with the summary")
async def reviews_of_buyer(request, buyer_id: str, params: Query[ReviewPageParams]):
    return await relay(request)


@reviews.get("/order/{order_id}", response={200: OrderReviewsOut, **errors(401, 403, 404)}, summary="Buyer or seller of the order only: both sides' reviews", description=SIGNED_IN)
async def reviews_of_order(request, order_id: str):
    return await relay(request)


@reviews.get("/{review_id}", response={200: ReviewOut, **errors(404)}, summary="One visible review")
async def review_detail(request, review_id: str):
    return await relay(request)
