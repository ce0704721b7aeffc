"""Sending a message (with an optional offer): saved, announced and pushed together."""
from __future__ import annotations

import time
from dataclasses import dataclass

from bson import ObjectId

from chats import presenters, realtime, selectors
from chats.documents import Attachment, Conversation, Message, Offer, Participant, now, pair_key
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
    receiver = _directory_lookup(receiver_username)
    if receiver is None:
        raise NotFound(f"No user named {receiver_username!r} is known to chat.", code="receiver_not_found")
    if receiver.user_id == sender.id:
        raise ValidationFailed("You cannot message yourself.", code="cannot_message_yourself", fields={"receiver_username": ["That is you."]})
    return receiver


# username -> (receiver, valid until): a username moves to another id only when an account goes,
# so a minute of memory saves a directory read on most messages.
_receivers: dict[str, tuple[_Receiver, float]] = {}
RECEIVER_MEMORY_SECONDS = 60.0


def _directory_lookup(username: str) -> _Receiver | None:
    key = username.strip().lower()
    remembered = _receivers.get(key)
    if remembered and remembered[1] > time.monotonic():
        return remembered[0]
    user = selectors.user_get_by_username(username=key)
    if user is None:
        return None
    if len(_receivers) > 50_000:
        _receivers.clear()
    receiver = _Receiver(user.user_id, user.username)
    _receivers[key] = (receiver, time.monotonic() + RECEIVER_MEMORY_SECONDS)
    return receiver


def forget_receivers() -> None:
    _receivers.clear()


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
    attachment: Attachment | None = None,
) -> Message:
    """Save the message, move its conversation, publish ``chat.message.sent``; push it once committed."""
    _check_one_target(receiver_username, conversation_id)
    user_remember(user_id=sender.id, username=sender.username)
    receiver = _receiver_for(sender, receiver_username, conversation_id)
    offer_document = _offer_from(offer, gig_id)
    return atomically(lambda: _write(sender, receiver, body, gig_id, offer_document, attachment))


def _write(sender: TokenUser, receiver: _Receiver, body: str, gig_id: str | None, offer: Offer | None,
           attachment: Attachment | None = None) -> Message:
    sent_at = now()
    message = Message(
        id=ObjectId(), sender_id=sender.id, sender_username=sender.username, receiver_id=receiver.user_id,
        receiver_username=receiver.username, body=body, gig_id=gig_id, offer=offer, attachment=attachment,
        created_at=sent_at,
    )
    changes = {"last_message_id": message.pk, "last_message_at": sent_at}
    if gig_id:
        changes["gig_id"] = gig_id
    # Find and move the pair's conversation in one round trip; the hot path of every message.
    existing = Conversation._get_collection().find_one_and_update(
        {"pair_key": pair_key(sender.id, receiver.user_id)},
        {"$set": changes, "$inc": {f"unread_counts.{receiver.user_id}": 1}},
        projection={"_id": 1},
        session=mongo.current_session(),
    )
    conversation_id = existing["_id"] if existing else _create_conversation(sender, receiver, message).pk
    message.conversation_id = conversation_id
    mongo.save(message, force_insert=True)
    # Registered before publish so the sockets get the message before the broker's confirm is awaited.
    frame = {"type": "chat.message", "message": presenters.message_data(message)}
    mongo.on_commit(lambda: realtime.push(user_ids=[sender.id, receiver.user_id], kind="chat.message", frame=frame))
    publish(
        ChatMessageSent(
            message_id=str(message.pk), conversation_id=str(conversation_id), sender_id=sender.id,
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
