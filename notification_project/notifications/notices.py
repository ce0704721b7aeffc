"""What we tell whom: the title, body and link of each notice, built from an event.

Pure functions, so the wording is tested without a database; the same notice
feeds the in-app notification and, where one is sent, the e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from notifications.models import Notification

Kind = Notification.Kind


@dataclass(frozen=True)
class Notice:
    kind: str
    title: str
    body: str
    link: str = ""
    data: dict = field(default_factory=dict)


def money(amount: str) -> str:
    try:
        return f"${Decimal(amount).quantize(Decimal('0.01')):,}"
    except (InvalidOperation, TypeError, ValueError):
        return f"${amount}"


def day(moment: str) -> str:
    try:
        return datetime.fromisoformat(moment).strftime("%b %d, %Y")
    except (TypeError, ValueError):
        return moment


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _order(kind: str, order_id: str, title: str, body: str, **data) -> Notice:
    return Notice(kind=kind, title=title, body=body, link=f"/orders/{order_id}", data={"order_id": order_id, **data})


def welcome(event) -> Notice:
    return Notice(
        kind=Kind.WELCOME,
        title=f"Welcome to the marketplace, {event.username}!",
        body="Browse gigs to hire a freelancer, or become a seller and offer your own services.",
        link="/",
    )


def order_placed(event) -> Notice:
    return _order(
        Kind.ORDER_PLACED,
        event.order_id,
        "Your order was placed",
        f"{event.seller_username} has started on your order ({money(event.price)}). "
        f"Delivery is due {day(event.delivery_due_at)}.",
        gig_id=event.gig_id,
        price=money(event.price),
        seller_username=event.seller_username,
        delivery_due=day(event.delivery_due_at),
    )


def order_received(event) -> Notice:
    return _order(
        Kind.ORDER_RECEIVED,
        event.order_id,
        f"New order from {event.buyer_username}",
        f"You have a new order worth {money(event.price)}. Deliver it by {day(event.delivery_due_at)}.",
        gig_id=event.gig_id,
    )


def order_delivered(event) -> Notice:
    return _order(
        Kind.ORDER_DELIVERED,
        event.order_id,
        f"{event.seller_username} delivered your order",
        "Review the delivery and approve it to complete the order.",
    )


def order_completed(event) -> Notice:
    return _order(
        Kind.ORDER_COMPLETED,
        event.order_id,
        "Your order is complete",
        f"The buyer approved your delivery. {money(event.seller_earnings)} was added to your earnings.",
        gig_id=event.gig_id,
    )


def order_cancelled_for_buyer(event) -> Notice:
    return _order(
        Kind.ORDER_CANCELLED,
        event.order_id,
        "Your order was cancelled",
        f"{money(event.refunded_amount)} has been refunded to you.",
    )


def order_cancelled_for_seller(event) -> Notice:
    return _order(
        Kind.ORDER_CANCELLED,
        event.order_id,
        "An order was cancelled",
        "The order was cancelled and the buyer was refunded.",
    )


def extension_requested(event) -> Notice:
    reason = f" Reason: {event.reason}" if event.reason else ""
    return _order(
        Kind.EXTENSION_REQUESTED,
        event.order_id,
        "Your seller asked for more time",
        f"The seller asked to extend the delivery by {plural(event.days, 'day')}.{reason} "
        "Approve or reject the request.",
        days=event.days,
    )


def extension_decided(event) -> Notice:
    if event.approved:
        title, body = "Your extension was approved", f"The new delivery date is {day(event.delivery_due_at)}."
    else:
        title, body = "Your extension was declined", f"The delivery date stays {day(event.delivery_due_at)}."
    return _order(Kind.EXTENSION_DECIDED, event.order_id, title, body, approved=event.approved)


def revision_requested(event) -> Notice:
    left = "no more revisions" if event.revisions_left == 0 else plural(event.revisions_left, "more revision")
    return _order(
        Kind.REVISION_REQUESTED,
        event.order_id,
        f"{event.buyer_username} asked for a revision",
        f"{event.message} Deliver again by {day(event.delivery_due_at)}; the order includes {left} after this one.",
        revisions_left=event.revisions_left,
    )


def order_late_for_buyer(event) -> Notice:
    return _order(
        Kind.ORDER_LATE,
        event.order_id,
        "Your order is late",
        f"{event.seller_username} has not delivered by {day(event.delivery_due_at)}. "
        "You may wait, or cancel the order for a full refund.",
    )


def order_late_for_seller(event) -> Notice:
    return _order(
        Kind.ORDER_LATE,
        event.order_id,
        "Your order is late",
        f"The delivery for {event.buyer_username} was due {day(event.delivery_due_at)}. "
        "Deliver as soon as you can: the buyer may now cancel for a full refund.",
    )


def review_received(event) -> Notice:
    return _order(
        Kind.REVIEW_RECEIVED,
        event.order_id,
        f"{event.reviewer_username} left you a {event.rating}-star review",
        "See what they wrote about working with you.",
        review_id=event.review_id,
        rating=event.rating,
    )


def chat_message(event) -> Notice:
    # An offer is its own kind: a user may want its e-mail without one for every message.
    title = (
        f"New offer from {event.sender_username}" if event.has_offer else f"New message from {event.sender_username}"
    )
    return Notice(
        kind=Kind.OFFER_RECEIVED if event.has_offer else Kind.CHAT_MESSAGE,
        title=title,
        body=event.preview,
        link=f"/inbox/{event.conversation_id}",
        data={"conversation_id": event.conversation_id, "message_id": event.message_id, "sender_id": event.sender_id},
    )
