"""Deciding a custom offer: the receiver accepts or cancels it, the sender may withdraw it.

An offer expires ``expires_in_days`` after it is made (the seller's choice,
7 by default): accepting it later answers 409 ``offer_expired``, and order
refuses to take payment for it (the expiry travels in chat.offer.accepted).

API.md gives ``/cancel`` to the offer's receiver only. A seller who made a
mistake in an offer also needs a way out before it is accepted, so the sender
gets ``/withdraw`` (see chat_project/README.md); both end as ``cancelled``
and publish ``chat.offer.cancelled``. A decided offer never changes again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo.errors import DuplicateKeyError

from chats import presenters, realtime, selectors
from chats.documents import OFFER_ACCEPTED, OFFER_CANCELLED, OFFER_PENDING, Message, now, offer_expired
from shared import mongo
from shared.errors import Conflict, Forbidden
from shared.events import publish
from shared.events.contracts import ChatOfferAccepted, ChatOfferCancelled
from shared.tokens import TokenUser

DEFAULT_EXPIRY_DAYS = 7


def offer_expiry(days: int | None) -> datetime:
    return now() + timedelta(days=days or DEFAULT_EXPIRY_DAYS)


def _not_pending(message: Message) -> Conflict:
    return Conflict(f"This offer is already {message.offer.status}.", code="offer_not_pending")


def _decide(*, message: Message, user: TokenUser, status: str, event) -> Message:
    if message.offer.status != OFFER_PENDING:
        raise _not_pending(message)
    decided_at = now()

    @mongo.atomic(retry_on=DuplicateKeyError)
    def write() -> None:
        # The status condition makes two racing decisions produce one winner.
        result = mongo.update_one(
            Message,
            {"_id": message.pk, "offer.status": OFFER_PENDING},
            {"$set": {"offer.status": status, "offer.decided_by": user.id, "offer.decided_at": decided_at}},
        )
        if result.modified_count != 1:
            raise _not_pending(Message.objects.get(pk=message.pk))
        message.offer.status, message.offer.decided_by, message.offer.decided_at = status, user.id, decided_at
        frame = {"type": "chat.offer", "message": presenters.message_data(message)}
        mongo.on_commit(
            lambda: realtime.push(user_ids=[message.sender_id, message.receiver_id], kind="chat.offer", frame=frame)
        )
        publish(event)

    write()
    return message


def _receiver_only(message: Message, user: TokenUser) -> None:
    if user.id != message.receiver_id:
        raise Forbidden("Only the receiver of this offer may accept or cancel it.", code="not_offer_receiver")


def _cancelled_event(message: Message) -> ChatOfferCancelled:
    return ChatOfferCancelled(
        message_id=str(message.pk),
        conversation_id=str(message.conversation_id),
        seller_id=message.sender_id,
        buyer_id=message.receiver_id,
    )


def offer_accept(*, user: TokenUser, message_id: str) -> Message:
    message = selectors.offer_message_get(message_id=message_id)
    _receiver_only(message, user)
    offer = message.offer
    if offer.status == OFFER_PENDING and offer_expired(offer):
        raise Conflict("This offer has expired; ask the seller for a new one.", code="offer_expired")
    event = ChatOfferAccepted(
        message_id=str(message.pk),
        conversation_id=str(message.conversation_id),
        gig_id=offer.gig_id,
        seller_id=message.sender_id,
        seller_username=message.sender_username,
        buyer_id=message.receiver_id,
        buyer_username=message.receiver_username,
        price=str(presenters.offer_data(offer)["price"]),
        delivery_in_days=offer.delivery_in_days,
        description=offer.description,
        expires_at=offer.expires_at.isoformat() if offer.expires_at else "",
    )
    return _decide(message=message, user=user, status=OFFER_ACCEPTED, event=event)


def offer_cancel(*, user: TokenUser, message_id: str) -> Message:
    """The receiver declines the offer."""
    message = selectors.offer_message_get(message_id=message_id)
    _receiver_only(message, user)
    return _decide(message=message, user=user, status=OFFER_CANCELLED, event=_cancelled_event(message))


def offer_withdraw(*, user: TokenUser, message_id: str) -> Message:
    """The sender takes back an offer nobody has decided yet."""
    message = selectors.offer_message_get(message_id=message_id)
    if user.id != message.sender_id:
        raise Forbidden("Only the sender of this offer may withdraw it.", code="not_offer_sender")
    return _decide(message=message, user=user, status=OFFER_CANCELLED, event=_cancelled_event(message))
