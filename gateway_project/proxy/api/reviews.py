"""Reviews and ratings (review_project) and in-app notifications (notification_project)."""
from __future__ import annotations

from ninja import Router, Schema
from pydantic import Field

from proxy.api.common import SIGNED_IN, MessageOut, errors
from proxy.django_adapter import relay

reviews = Router(tags=["reviews"])
notifications = Router(tags=["notifications"])


class ReviewIn(Schema):
    order_id: str
    rating: int = Field(ge=1, le=5)
    review: str


class ReviewOut(Schema):
    id: str
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    reviewer_username: str | None = None
    rating: int
    review: str
    review_type: str | None = None
    created_at: str


class ReviewList(Schema):
    items: list[ReviewOut]
    total: int


class NotificationOut(Schema):
    id: str
    kind: str | None = None
    message: str
    data: dict = {}
    is_read: bool = False
    created_at: str


class NotificationList(Schema):
    items: list[NotificationOut]
    total: int
    unread: int


@reviews.post("", response={201: ReviewOut, **errors(400, 401, 403, 404, 409, 422)}, summary="A party of a completed order, once per side", description=SIGNED_IN)
async def review_create(request, payload: ReviewIn):
    return await relay(request)


@reviews.get("/gig/{gig_id}", response={200: ReviewList})
async def reviews_of_gig(request, gig_id: str):
    return await relay(request)


@reviews.get("/seller/{seller_id}", response={200: ReviewList})
async def reviews_of_seller(request, seller_id: str):
    return await relay(request)


@notifications.get("", response={200: NotificationList, **errors(401)}, summary="Newest first, with the unread count", description=SIGNED_IN)
async def notification_list(request):
    return await relay(request)


@notifications.post("/read-all", response={200: MessageOut, **errors(401)}, description=SIGNED_IN)
async def notifications_read_all(request):
    return await relay(request)


@notifications.post("/{notification_id}/read", response={200: NotificationOut, **errors(401, 403, 404)}, description=SIGNED_IN)
async def notification_read(request, notification_id: str):
    return await relay(request)
