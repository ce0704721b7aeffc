"""Orders, payments, deliveries and extensions (order_project): copies of orders/schemas.py."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from proxy.api.common import DOWNLOAD, SIGNED_IN, Money, Strict, body_docs, errors, file_docs, text
from proxy.django_adapter import relay

router = Router(tags=["orders"])

OrderStatus = Literal["in_progress", "delivered", "completed", "cancelled"]
Id = text(1, 100)


class PaymentIntentIn(Strict):
    gig_id: Id | None = Field(None, description="A gig at its price; or send offer_message_id instead.")
    offer_message_id: Id | None = Field(None, description="A chat offer made to you, at the offer's price (quantity 1).")
    quantity: int = Field(1, ge=1, le=10)


class PaymentIntentOut(Schema):
    payment_intent_id: str
    client_secret: str
    gig_id: str
    offer_message_id: str | None
    quantity: int
    price: Money
    subtotal: Money
    service_fee: Money
    total: Money
    currency: str


class OrderCreateIn(Strict):
    payment_intent_id: Id
    gig_id: Id
    requirements: text(0, 5000) = ""


class DeliverIn(Strict):
    message: text(1, 5000)
    files: list[text(0, 500)] = Field(default_factory=list, description="http(s) links (uploads go as multipart).")


DELIVER_MULTIPART = {
    "type": "object", "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "description": "Uploads, and/or links as text."},
    },
}


class ExtensionIn(Strict):
    days: int = Field(ge=1, le=30)
    reason: text(1, 500)


class RevisionIn(Strict):
    message: text(1, 5000)


class RevisionOut(Schema):
    message: str
    requested_at: datetime


class OrderListParams(Schema):
    status: OrderStatus | None = None
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=100)


class OrderGigOut(Schema):
    id: str
    title: str
    cover_image: str


class DeliveryFileOut(Schema):
    id: str
    name: str
    size: int | None = Field(description="Bytes; null for a link the seller gave.")
    content_type: str = Field(description='Read from the bytes at upload; "" for a link.')
    url: str = Field(description="/api/v1/orders/{order_id}/files/{id} for an upload (the order's parties only); a link as given.")


class DeliveryOut(Schema):
    message: str
    files: list[DeliveryFileOut]
    delivered_at: datetime


class ExtensionOut(Schema):
    days: int
    reason: str
    status: str
    requested_at: datetime
    decided_at: datetime | None


class TimelineOut(Schema):
    kind: str
    at: datetime
    by: str
    note: str


class MoneyMovementOut(Schema):
    amount: Money
    status: str


class OrderOut(Schema):
    id: str
    gig_id: str
    gig: OrderGigOut
    offer_id: str | None
    seller_id: str
    seller_user_id: str
    seller_username: str
    buyer_id: str
    buyer_username: str
    status: OrderStatus
    quantity: int
    price: Money
    subtotal: Money
    service_fee: Money
    total: Money
    currency: str
    requirements: str
    payment_intent_id: str
    delivery_due_at: datetime
    delivery_due: datetime
    late: bool = Field(description="In progress past its due date: the buyer may cancel for a full refund.")
    revisions_included: int
    revisions_used: int
    revisions_left: int
    revisions: list[RevisionOut]
    auto_complete_at: datetime | None = Field(description="A delivered order completes by itself then (ORDER_AUTO_COMPLETE_AFTER_SECONDS after delivery).")
    delivered_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    cancelled_by: str
    deliveries: list[DeliveryOut]
    extension: ExtensionOut | None
    extensions: list[ExtensionOut]
    timeline: list[TimelineOut]
    refund: MoneyMovementOut | None
    payout: MoneyMovementOut | None
    created_at: datetime
    updated_at: datetime


class OrderListOut(Schema):
    items: list[OrderOut]
    total: int
    page: int
    size: int


TRANSITION = SIGNED_IN + " 409: not allowed from the order's current status."


@router.post("/payment-intents", response={201: PaymentIntentOut, **errors(400, 401, 404, 409, 422, write=True)}, summary="Price a gig or an offer and open a payment", description=SIGNED_IN)
async def payment_intent_create(request, payload: PaymentIntentIn):
    return await relay(request)


@router.post("", response={201: OrderOut, **errors(400, 401, 402, 404, 409, 422, write=True)}, summary="The payment is verified before the order exists", description=SIGNED_IN)
async def order_create(request, payload: OrderCreateIn):
    return await relay(request)


@router.get("/buyer/me", response={200: OrderListOut, **errors(401, 422)}, summary="Your orders as the buyer", description=SIGNED_IN)
async def orders_as_buyer(request, params: Query[OrderListParams]):
    return await relay(request)


@router.get("/seller/me", response={200: OrderListOut, **errors(401, 422)}, summary="Your orders as the seller", description=SIGNED_IN)
async def orders_as_seller(request, params: Query[OrderListParams]):
    return await relay(request)


@router.get("/{order_id}", response={200: OrderOut, **errors(401, 403, 404)}, summary="Buyer or seller only", description=SIGNED_IN)
async def order_detail(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/cancel", response={200: OrderOut, **errors(401, 404, 409, write=True)}, summary="Refunds the buyer", description=TRANSITION + " The buyer may cancel until the work is delivered (a late order included); the seller until it is completed.")
async def order_cancel(request, order_id: str):
    return await relay(request)


@router.post(
    "/{order_id}/deliver", response={200: OrderOut, **errors(400, 401, 404, 409, 422, write=True)},
    summary="Seller: deliver the work", description=TRANSITION + " JSON with links, or multipart form data with uploads.",
    openapi_extra=body_docs(json=DeliverIn, multipart=DELIVER_MULTIPART),
)
async def order_deliver(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/approve", response={200: OrderOut, **errors(401, 404, 409, write=True)}, summary="Buyer: completes the order, pays the seller", description=TRANSITION)
async def order_approve(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/extension", response={200: OrderOut, **errors(401, 404, 409, 422, write=True)}, summary="Seller asks for more days", description=TRANSITION)
async def order_extension(request, order_id: str, payload: ExtensionIn):
    return await relay(request)


@router.post("/{order_id}/extension/approve", response={200: OrderOut, **errors(401, 404, 409, write=True)}, summary="Buyer approves the pending extension", description=TRANSITION)
async def order_extension_approve(request, order_id: str):
    return await relay(request)


@router.post("/{order_id}/extension/reject", response={200: OrderOut, **errors(401, 404, 409, write=True)}, summary="Buyer rejects the pending extension", description=TRANSITION)
async def order_extension_reject(request, order_id: str):
    return await relay(request)


@router.post(
    "/{order_id}/revision", response={200: OrderOut, **errors(401, 404, 409, 422, write=True)},
    summary="Buyer: send a delivery back for changes",
    description=TRANSITION + " While the gig's included revisions remain (409 no_revisions_left after): back to "
                             "in_progress with the gig's delivery days from now; the seller is notified.",
)
async def order_revision(request, order_id: str, payload: RevisionIn):
    return await relay(request)


@router.get(
    "/{order_id}/files/{file_id}", response={200: None, **errors(401, 403, 404)}, summary="Buyer or seller only: download a delivered file",
    description=SIGNED_IN + " " + DOWNLOAD, openapi_extra=file_docs(content_type="application/octet-stream", description="The file's bytes."),
)
async def order_file_download(request, order_id: str, file_id: str):
    return await relay(request)
