"""Chat: the events this domain publishes."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("chat.message.sent", version=1)
class ChatMessageSent(_Contract):
    message_id: str
    conversation_id: str
    sender_id: str
    sender_username: str
    receiver_id: str
    receiver_username: str
    preview: str
    has_offer: bool = False


@event("chat.offer.accepted", version=1)
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
    expires_at: str = ""  # ISO 8601 UTC; past it the offer can no longer be paid ("" = never, older producers)


@event("chat.offer.cancelled", version=1)
class ChatOfferCancelled(_Contract):
    message_id: str
    conversation_id: str
    seller_id: str
    buyer_id: str
