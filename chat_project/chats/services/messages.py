"""Sending a message (with an optional offer): saved, announced and pushed together."""
from __future__ import annotations

from dataclasses import dataclass

from bson import ObjectId

from chats import presenters, realtime, selectors
from chats.documents import Conversation, Message, Offer, Participant, now, pair_key
from chats.services.users import user_remember
from chats.transactions import atomically
from shared import mongo
from shared.errors import NotFound, ValidationFailed
from shared.events import publish
from shared.events.contracts import ChatMessageSent
from shared.tokens import TokenUser

PREVIEW_LENGTH = 120


@dataclass(frozen=True)
class _Receiver:
    user_id: str
    username: str


def _check_one_target(receiver_username: str | None, conversation_id: str | None) -> None:
    if receiver_username and conversation_id:
        raise ValidationFailed(
            "Send receiver_username or conversation_id, not both.",
            code="ambiguous_receiver",
            fields={"receiver_username": ["Send receiver_username or conversation_id, not both."]},
        )
    if not receiver_username and not conversation_id:
        raise ValidationFailed(
            "Say who the message is for.",
            code="receiver_required",
            fields={"receiver_username": ["Send receiver_username or conversation_id."]},
        )


def _receiver_for(sender: TokenUser, receiver_username: str | None, conversation_id: str | None) -> _Receiver:
    if conversation_id:
        conversation = selectors.conversation_get_for_participant(conversation_id=conversation_id, user_id=sender.id)
        other = conversation.other_participant(sender.id)
        return _Receiver(other.user_id, other.username)
    if receiver_username.strip().lower() == sender.username.lower():
        raise ValidationFailed("You cannot message yourself.", code="cannot_message_yourself", fields={"receiver_username": ["That is you."]})
    user = selectors.user_get_by_username(username=receiver_username)
    if user is None:
        raise NotFound(f"No user named {receiver_username!r} is known to chat.", code="receiver_not_found")
    if user.user_id == sender.id:
        raise ValidationFailed("You cannot message yourself.", code="cannot_message_yourself", fields={"receiver_username": ["That is you."]})
    return _Receiver(user.user_id, user.username)


def _offer_from(offer: dict | None, gig_id: str | None) -> Offer | None:
    if offer is None:
        return None
    offer_gig = offer.get("gig_id") or gig_id
    if not offer_gig:
        raise ValidationFailed(code="offer_gig_required", fields={"offer.gig_id": ["An offer is for a gig: send its gig_id."]})
    return Offer(
        gig_id=offer_gig,
        price=offer["price"],
        description=offer["description"],
        delivery_in_days=offer["delivery_in_days"],
    )


def message_send(
    *,
    sender: TokenUser,
    body: str,
    receiver_username: str | None = None,
    conversation_id: str | None = None,
    gig_id: str | None = None,
    offer: dict | None = None,
) -> Message:
    """Save the message, move its conversation, publish ``chat.message.sent``; push it once committed."""
    _check_one_target(receiver_username, conversation_id)
    user_remember(user_id=sender.id, username=sender.username)
    receiver = _receiver_for(sender, receiver_username, conversation_id)
    offer_document = _offer_from(offer, gig_id)
    return atomically(lambda: _write(sender, receiver, body, gig_id, offer_document))


def _write(sender: TokenUser, receiver: _Receiver, body: str, gig_id: str | None, offer: Offer | None) -> Message:
    sent_at = now()
    message = Message(
        id=ObjectId(), sender_id=sender.id, sender_username=sender.username, receiver_id=receiver.user_id,
        receiver_username=receiver.username, body=body, gig_id=gig_id, offer=offer, created_at=sent_at,
    )
    conversation = Conversation.objects(pair_key=pair_key(sender.id, receiver.user_id)).first()
    if conversation is None:
        conversation = _create_conversation(sender, receiver, message)
    else:
        changes = {"last_message_id": message.pk, "last_message_at": sent_at}
        if gig_id:
            changes["gig_id"] = gig_id
        mongo.update_one(Conversation, {"_id": conversation.pk}, {"$set": changes, "$inc": {f"unread_counts.{receiver.user_id}": 1}})
    message.conversation_id = conversation.pk
    mongo.save(message, force_insert=True)
    # Registered before publish so the sockets get the message before the broker's confirm is awaited.
    frame = {"type": "chat.message", "message": presenters.message_data(message)}
    mongo.on_commit(lambda: realtime.push(user_ids=[sender.id, receiver.user_id], kind="chat.message", frame=frame))
    publish(
        ChatMessageSent(
            message_id=str(message.pk), conversation_id=str(conversation.pk), sender_id=sender.id,
            sender_username=sender.username, receiver_id=receiver.user_id, receiver_username=receiver.username,
            preview=body[:PREVIEW_LENGTH], has_offer=offer is not None,
        )
    )
    return message


def _create_conversation(sender: TokenUser, receiver: _Receiver, message: Message) -> Conversation:
    conversation = Conversation(
        pair_key=pair_key(sender.id, receiver.user_id),
        participant_ids=[sender.id, receiver.user_id],
        participants=[Participant(user_id=sender.id, username=sender.username), Participant(user_id=receiver.user_id, username=receiver.username)],
        gig_id=message.gig_id,
        unread_counts={sender.id: 0, receiver.user_id: 1},
        last_message_id=message.pk,
        last_message_at=message.created_at,
        created_at=message.created_at,
    )
    # A concurrent first message between the same pair loses on the unique pair key and runs again.
    return mongo.save(conversation, force_insert=True)
