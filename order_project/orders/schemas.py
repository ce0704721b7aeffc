"""Request and response shapes of the order API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints, field_validator

from orders import rules
from orders.documents import ORDER_STATUSES, MoneyMovement, Order
from orders.files import delivery_file_data
from shared.api_ninja import Money
from shared.validation import TEXT_RULE, PageNumber

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Status = Literal[ORDER_STATUSES]


def _text(bounds: tuple[int, int]):
    # Text: no NUL or other control characters, also when the value came as a form field.
    return Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=bounds[0], max_length=bounds[1]), TEXT_RULE
    ]


class _Strict(Schema):
    # An unknown field is a typo the client should hear about, not data we silently drop.
    model_config = ConfigDict(extra="forbid")


class PaymentIntentIn(_Strict):
    # Exactly one of the two (422 naming both otherwise).
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {
                    "required": ["gig_id"],
                    "properties": {"gig_id": {"type": "string"}},
                    "not": {"required": ["offer_message_id"]},
                },
                {
                    "required": ["offer_message_id"],
                    "properties": {"offer_message_id": {"type": "string"}},
                    "not": {"required": ["gig_id"]},
                },
            ]
        },
    )
    gig_id: Id | None = None
    offer_message_id: Id | None = None
    quantity: int = Field(1, ge=rules.QUANTITY[0], le=rules.QUANTITY[1])


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


class OrderCreateIn(_Strict):
    payment_intent_id: Id
    gig_id: Id
    requirements: Annotated[str, StringConstraints(strip_whitespace=True, max_length=rules.REQUIREMENTS_MAX_LENGTH)] = (
        ""
    )


# _links_only: an http(s) link of 12 characters or more, once stripped (the text rule holds inside it).
FILE_LINK = {"pattern": r"^[\t\n\r ]*https?://[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]{5,}$"}
FileLink = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=rules.FILE_URL_MAX_LENGTH),
    Field(json_schema_extra=FILE_LINK),
]


class DeliverIn(_Strict):
    message: _text(rules.DELIVERY_MESSAGE_LENGTH)
    # files.delivery_files_validate: links and uploads together, at most ORDER_DELIVERY_MAX_FILES.
    files: list[FileLink] = Field([], json_schema_extra={"maxItems": settings.ORDER_DELIVERY_MAX_FILES})

    @field_validator("files")
    @classmethod
    def _links_only(cls, files: list[str]) -> list[str]:
        for link in files:
            if not link.startswith(("https://", "http://")) or len(link) < 12:
                raise ValueError("Give http(s) links, or upload the files as multipart form data.")
        return files


class ExtensionIn(_Strict):
    days: int = Field(ge=rules.EXTENSION_DAYS[0], le=rules.EXTENSION_DAYS[1])
    reason: _text(rules.EXTENSION_REASON_LENGTH)


class RevisionIn(_Strict):
    message: _text(rules.REVISION_MESSAGE_LENGTH)


class ListParams(Schema):
    status: Status | None = None
    page: PageNumber = 1  # bounded: an unbounded page overflows the offset (a 500)
    size: int = Field(20, ge=rules.PAGE_SIZE[0], le=rules.PAGE_SIZE[1])


class OrderGigOut(Schema):  # not GigOut: that name is the gig service's in the public document
    id: str
    title: str
    cover_image: str


class DeliveryFileOut(Schema):
    id: str
    name: str
    size: int | None  # None for a link the seller gave
    content_type: str
    url: str  # under the gateway for an upload; a link as the seller gave it


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


class RevisionOut(Schema):
    message: str
    requested_at: datetime


class MoneyOut(Schema):
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
    status: Status
    quantity: int
    price: Money
    subtotal: Money
    service_fee: Money
    total: Money
    currency: str
    requirements: str
    payment_intent_id: str
    delivery_due_at: datetime
    delivery_due: datetime  # the same date, under the name the gateway's docs used first
    late: bool  # in progress past its due date: the buyer may cancel with a full refund
    revisions_included: int
    revisions_used: int
    revisions_left: int
    revisions: list[RevisionOut]
    auto_complete_at: datetime | None  # a delivered order completes by itself then
    delivered_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    cancelled_by: str
    deliveries: list[DeliveryOut]
    extension: ExtensionOut | None  # the request waiting for the buyer, if any
    extensions: list[ExtensionOut]
    timeline: list[TimelineOut]
    refund: MoneyOut | None
    payout: MoneyOut | None
    created_at: datetime
    updated_at: datetime


class OrderListOut(Schema):
    items: list[OrderOut]
    total: int
    page: int
    size: int


def _money(movement: MoneyMovement | None) -> dict | None:
    return {"amount": movement.amount, "status": movement.status} if movement else None


def _extension(extension) -> dict:
    return {field: getattr(extension, field) for field in ("days", "reason", "status", "requested_at", "decided_at")}


def order_out(order: Order) -> dict:
    pending = order.pending_extension
    return {
        "id": str(order.pk),
        "gig_id": order.gig.gig_id,
        "gig": {"id": order.gig.gig_id, "title": order.gig.title, "cover_image": order.gig.cover_image},
        "offer_id": order.offer_id,
        "seller_id": order.seller.seller_id,
        "seller_user_id": order.seller.user_id,
        "seller_username": order.seller.username,
        "buyer_id": order.buyer.user_id,
        "buyer_username": order.buyer.username,
        "status": order.status,
        "quantity": order.quantity,
        "price": order.price,
        "subtotal": order.subtotal,
        "service_fee": order.service_fee,
        "total": order.total,
        "currency": order.currency,
        "requirements": order.requirements,
        "payment_intent_id": order.payment_intent_id,
        "delivery_due_at": order.delivery_due_at,
        "delivery_due": order.delivery_due_at,
        "late": order.is_late(),
        "revisions_included": order.revisions_included,
        "revisions_used": order.revisions_used,
        "revisions_left": order.revisions_left,
        "revisions": [{"message": r.message, "requested_at": r.requested_at} for r in order.revisions],
        "auto_complete_at": order.auto_complete_at,
        "delivered_at": order.delivered_at,
        "completed_at": order.completed_at,
        "cancelled_at": order.cancelled_at,
        "cancelled_by": order.cancelled_by,
        "deliveries": [
            {
                "message": d.message,
                "files": [delivery_file_data(order_id=str(order.pk), value=f) for f in d.files],
                "delivered_at": d.delivered_at,
            }
            for d in order.deliveries
        ],
        "extension": _extension(pending) if pending else None,
        "extensions": [_extension(extension) for extension in order.extensions],
        "timeline": [{"kind": t.kind, "at": t.at, "by": t.by, "note": t.note} for t in order.timeline],
        "refund": _money(order.refund),
        "payout": _money(order.payout),
        "created_at": order.created_at,
        "updated_at": order.updated_at,
    }


def payment_intent_out(checkout) -> dict:
    return {
        "payment_intent_id": checkout.payment_intent_id,
        "client_secret": checkout.client_secret,
        "gig_id": checkout.gig.gig_id,
        "offer_message_id": checkout.offer_id,
        "quantity": checkout.quantity,
        "price": checkout.price,
        "subtotal": checkout.subtotal,
        "service_fee": checkout.service_fee,
        "total": checkout.total,
        "currency": checkout.currency,
    }
