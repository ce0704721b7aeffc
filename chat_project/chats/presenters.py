"""Documents as the plain data the REST answers and socket frames carry."""

from __future__ import annotations

from decimal import Decimal

from chats.documents import Conversation, Message, Offer, offer_expired

CENTS = Decimal("0.01")


def offer_data(offer: Offer) -> dict:
    return {
        "gig_id": offer.gig_id,
        "price": Decimal(offer.price).quantize(CENTS),
        "description": offer.description,
        "delivery_in_days": offer.delivery_in_days,
        "status": offer.status,
        "expires_at": offer.expires_at,
        "expired": offer.status == "pending" and offer_expired(offer),
        "decided_by": offer.decided_by,
        "decided_at": offer.decided_at,
    }


def attachment_data(message: Message) -> dict | None:
    file = message.attachment
    if file is None:
        return None
    url = f"/api/v1/chat/messages/{message.pk}/attachment"
    return {"name": file.name, "size": file.size, "content_type": file.content_type, "url": url}


def message_data(message: Message) -> dict:
    return {
        "id": str(message.pk),
        "conversation_id": str(message.conversation_id),
        "sender_id": message.sender_id,
        "sender_username": message.sender_username,
        "receiver_id": message.receiver_id,
        "receiver_username": message.receiver_username,
        "body": message.body,
        "gig_id": message.gig_id,
        "offer": offer_data(message.offer) if message.offer else None,
        "attachment": attachment_data(message),
        "read_at": message.read_at,
        "created_at": message.created_at,
    }


def participant_data(participant) -> dict:
    return {"user_id": participant.user_id, "username": participant.username}


def conversation_data(
    conversation: Conversation, *, user_id: str, latest: Message | None, presence: dict | None = None
) -> dict:
    """One conversation as ``user_id`` sees it: who the other person is, whether they are online, what is unread."""
    presence = presence or {}
    return {
        "id": str(conversation.pk),
        "participants": [participant_data(p) for p in conversation.participants],
        "other_participant": participant_data(conversation.other_participant(user_id)),
        "gig_id": conversation.gig_id,
        "latest_message": message_data(latest) if latest else None,
        "unread_count": int(conversation.unread_counts.get(user_id, 0)),
        "partner_online": bool(presence.get("online")),
        "partner_last_seen_at": presence.get("last_seen_at"),
        "last_message_at": conversation.last_message_at,
        "created_at": conversation.created_at,
    }
