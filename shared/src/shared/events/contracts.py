"""Every event the services exchange, declared once.

A contract is a frozen dataclass with a versioned name
(``<service>.<subject>.<past action>``); payloads hold ids and primitives
only (money as a decimal string). Producers build the dataclass, consumers
receive it, so the two cannot drift.
"""
from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import ClassVar

from shared.requestid import current_request_id

REGISTRY: dict[str, type] = {}


def event(name: str, version: int = 1):
    """Register a payload class under its event name."""

    def register(cls):
        cls = dataclass(frozen=True, kw_only=True)(cls)
        cls.name, cls.version = name, version
        if name in REGISTRY:
            raise ValueError(f"event {name} declared twice")
        REGISTRY[name] = cls
        return cls

    return register


@dataclass(frozen=True)
class EventMeta:
    event_id: str
    name: str
    version: int
    occurred_at: str
    request_id: str


def make_envelope(payload) -> dict:
    """The wire form: id, name, version, time, request id and the payload as a dict."""
    return {
        "event_id": uuid.uuid4().hex,
        "name": payload.name,
        "version": payload.version,
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "request_id": current_request_id(),
        "payload": dataclasses.asdict(payload),
    }


def parse_envelope(envelope: dict):
    """The typed payload and its metadata; unknown fields from newer producers are ignored."""
    cls = REGISTRY[envelope["name"]]
    known = {field.name for field in dataclasses.fields(cls)}
    payload = cls(**{key: value for key, value in envelope["payload"].items() if key in known})
    meta = EventMeta(
        event_id=envelope["event_id"],
        name=envelope["name"],
        version=envelope["version"],
        occurred_at=envelope["occurred_at"],
        request_id=envelope.get("request_id", "-"),
    )
    return payload, meta


class _Contract:
    name: ClassVar[str]
    version: ClassVar[int]


# --- auth -------------------------------------------------------------------


@event("auth.user.created")
class UserCreated(_Contract):
    user_id: str
    username: str
    email: str
    country: str
    profile_picture: str = ""


@event("auth.email.verification_requested")
class EmailVerificationRequested(_Contract):
    user_id: str
    username: str
    email: str
    token: str


@event("auth.password.reset_requested")
class PasswordResetRequested(_Contract):
    user_id: str
    username: str
    email: str
    token: str


@event("auth.password.changed")
class PasswordChanged(_Contract):
    user_id: str
    username: str
    email: str


# --- users ------------------------------------------------------------------


@event("users.seller.created")
class SellerCreated(_Contract):
    seller_id: str
    user_id: str
    username: str
    full_name: str


@event("users.seller.updated")
class SellerUpdated(_Contract):
    seller_id: str
    user_id: str
    username: str
    full_name: str


# --- gigs -------------------------------------------------------------------


@event("gig.created")
class GigCreated(_Contract):
    gig_id: str
    seller_id: str
    seller_user_id: str
    title: str
    category: str
    price: str
    seller_username: str = ""
    expected_delivery_days: int = 0
    cover_image: str = ""


@event("gig.updated")
class GigUpdated(_Contract):
    gig_id: str
    seller_id: str
    seller_user_id: str
    title: str
    category: str
    price: str
    active: bool
    seller_username: str = ""
    expected_delivery_days: int = 0
    cover_image: str = ""


@event("gig.deleted")
class GigDeleted(_Contract):
    gig_id: str
    seller_id: str
    seller_user_id: str


# --- orders -----------------------------------------------------------------


@event("order.created")
class OrderCreated(_Contract):
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    buyer_username: str
    seller_username: str
    price: str
    delivery_due_at: str


@event("order.delivered")
class OrderDelivered(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    buyer_username: str
    seller_username: str


@event("order.completed")
class OrderCompleted(_Contract):
    order_id: str
    gig_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    seller_earnings: str
    delivered_at: str


@event("order.cancelled")
class OrderCancelled(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    seller_user_id: str
    refunded_amount: str


@event("order.extension_requested")
class OrderExtensionRequested(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    days: int
    reason: str


@event("order.extension_decided")
class OrderExtensionDecided(_Contract):
    order_id: str
    seller_id: str
    buyer_id: str
    approved: bool
    delivery_due_at: str


# --- reviews ----------------------------------------------------------------


@event("review.created")
class ReviewCreated(_Contract):
    review_id: str
    order_id: str
    gig_id: str
    seller_id: str
    reviewer_id: str
    reviewer_username: str
    reviewer_role: str  # "buyer" reviews the seller's work, "seller" reviews the buyer
    rating: int


@event("review.hidden")
class ReviewHidden(_Contract):
    """Staff hid an abusive review: it leaves public lists, and ratings that counted it may subtract it."""

    review_id: str
    order_id: str
    gig_id: str
    seller_id: str
    reviewer_id: str
    reviewer_role: str
    rating: int


@event("review.restored")
class ReviewRestored(_Contract):
    """Staff showed a hidden review again: ratings that subtracted it may count it again."""

    review_id: str
    order_id: str
    gig_id: str
    seller_id: str
    reviewer_id: str
    reviewer_role: str
    rating: int


# --- chat -------------------------------------------------------------------


@event("chat.message.sent")
class ChatMessageSent(_Contract):
    message_id: str
    conversation_id: str
    sender_id: str
    sender_username: str
    receiver_id: str
    receiver_username: str
    preview: str
    has_offer: bool = False


@event("chat.offer.accepted")
class ChatOfferAccepted(_Contract):
    """A buyer accepted a seller's custom offer; the order service may now take payment for it."""

    message_id: str
    conversation_id: str
    gig_id: str
    seller_id: str  # the seller's auth user id (the offer's sender)
    seller_username: str
    buyer_id: str  # the buyer's auth user id (the offer's receiver)
    buyer_username: str
    price: str
    delivery_in_days: int
    description: str


@event("chat.offer.cancelled")
class ChatOfferCancelled(_Contract):
    message_id: str
    conversation_id: str
    seller_id: str
    buyer_id: str
