"""Sending a message (with an optional offer): saved, announced and pushed together."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bson import ObjectId
from pymongo import InsertOne, UpdateOne
from pymongo.errors import DuplicateKeyError

from chats import presenters, realtime, selectors, shared_memory
from chats.documents import Attachment, Conversation, Message, Offer, Participant, message_id_at, now, pair_key
from chats.services.offers import offer_expiry
from chats.services.users import user_remember
from shared import mongo
from shared.consistency.subjects import wait_for_subject
from shared.errors import Forbidden, NotFound, ValidationFailed
from shared.events import publish_request
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
        return _partner_in(conversation_id, sender)
    if receiver_username.strip().lower() == sender.username.lower():
        raise ValidationFailed(
            "You cannot message yourself.",
            code="cannot_message_yourself",
            fields={"receiver_username": ["That is you."]},
        )
    receiver = _directory_lookup(receiver_username)
    if receiver is None:
        raise NotFound(f"No user named {receiver_username!r} is known to chat.", code="receiver_not_found")
    if receiver.user_id == sender.id:
        raise ValidationFailed(
            "You cannot message yourself.",
            code="cannot_message_yourself",
            fields={"receiver_username": ["That is you."]},
        )
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
    if user is None:  # perhaps a signup this service has not applied yet: wait for it (bounded), read again
        wait_for_subject("username", key)
        user = selectors.user_get_by_username(username=key)
    if user is None:
        return None
    if len(_receivers) > 50_000:
        _receivers.clear()
    receiver = _Receiver(user.user_id, user.username)
    _receivers[key] = (receiver, time.monotonic() + RECEIVER_MEMORY_SECONDS)
    return receiver


# conversation id -> its two people: who takes part in a conversation never changes, so a reply by
# conversation_id needs no read once this process has seen the conversation.
_participants: dict[str, tuple[_Receiver, _Receiver]] = {}


def _partner_in(conversation_id: str, sender: TokenUser) -> _Receiver:
    pair = _participants.get(conversation_id)
    if pair is None:
        conversation = selectors.conversation_get_for_participant(conversation_id=conversation_id, user_id=sender.id)
        pair = tuple(_Receiver(p.user_id, p.username) for p in conversation.participants)
        if len(_participants) >= CONVERSATION_MEMORY_LIMIT:
            _participants.clear()
        _participants[conversation_id] = pair
    if sender.id not in (pair[0].user_id, pair[1].user_id):
        raise Forbidden("Only the two participants may see or use this conversation.", code="not_a_participant")
    return pair[1] if pair[0].user_id == sender.id else pair[0]


def forget_receivers() -> None:
    _receivers.clear()
    _conversation_ids.clear()
    _participants.clear()


def _offer_from(offer: dict | None, gig_id: str | None) -> Offer | None:
    if offer is None:
        return None
    offer_gig = offer.get("gig_id") or gig_id
    if not offer_gig:
        raise ValidationFailed(
            code="offer_gig_required", fields={"offer.gig_id": ["An offer is for a gig: send its gig_id."]}
        )
    return Offer(
        gig_id=offer_gig,
        price=offer["price"],
        description=offer["description"],
        delivery_in_days=offer["delivery_in_days"],
        expires_at=offer_expiry(offer.get("expires_in_days")),
    )


class _StaleConversation(Exception):
    """A remembered conversation id the database no longer has (emptied between tests): look the pair up again."""


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

    def write():
        return _write(sender, receiver, body, gig_id, offer_document, attachment)

    # The transaction reads at most the pair's conversation id, which never changes: no read concern
    # (the stand-in refuses one on bulkWrite, the transaction's first command when the id is known).
    try:
        return mongo.atomic(retry_on=DuplicateKeyError, read_concern=None)(write)()
    except _StaleConversation:
        if mongo.current_session() is not None:
            raise  # an outer transaction holds this attempt's writes: its owner runs it again
        return mongo.atomic(retry_on=DuplicateKeyError, read_concern=None)(write)()


def _write(
    sender: TokenUser,
    receiver: _Receiver,
    body: str,
    gig_id: str | None,
    offer: Offer | None,
    attachment: Attachment | None = None,
) -> Message:
    """In a known conversation one bulkWrite (move the conversation, insert the message and its outbox
    event) and the commit: two round trips before the push, which on_commit sends before the publish."""
    sent_at = now()
    message = Message(
        id=message_id_at(sent_at),
        sender_id=sender.id,
        sender_username=sender.username,
        receiver_id=receiver.user_id,
        receiver_username=receiver.username,
        body=body,
        gig_id=gig_id,
        offer=offer,
        attachment=attachment,
        created_at=sent_at,
    )
    key = pair_key(sender.id, receiver.user_id)
    conversation_id = _known_conversation(key) or _find_conversation(key)
    writes = []
    if conversation_id is None:
        conversation_id = _create_conversation(sender, receiver, message).pk
    else:
        writes.append(
            UpdateOne({"_id": conversation_id}, _moved(message, gig_id), namespace=mongo.namespace(Conversation))
        )
    message.conversation_id = conversation_id
    message.validate()
    writes.append(InsertOne(message.to_mongo(), namespace=mongo.namespace(Message)))
    # Registered before the publish, so the sockets get the message before the broker's confirm is
    # awaited, the receiver's first: theirs is the socket waiting for news.
    frame = {"type": "chat.message", "message": presenters.message_data(message)}
    mongo.on_commit(lambda: _remember_conversation(key, conversation_id))  # once it surely exists
    mongo.on_commit(lambda: realtime.push(user_ids=[receiver.user_id, sender.id], kind="chat.message", frame=frame))
    _envelope, outbox = publish_request(
        ChatMessageSent(
            message_id=str(message.pk),
            conversation_id=str(conversation_id),
            sender_id=sender.id,
            sender_username=sender.username,
            receiver_id=receiver.user_id,
            receiver_username=receiver.username,
            preview=body[:PREVIEW_LENGTH],
            has_offer=offer is not None,
        )
    )
    writes.append(outbox)
    result = mongo.bulk_write(writes)
    if isinstance(writes[0], UpdateOne) and result.matched_count == 0:
        _conversation_ids.pop(key, None)  # remembered from a database since emptied (tests)
        shared_memory.forget(f"pair:{key}")
        raise _StaleConversation
    message._clear_changed_fields()
    message._created = False
    return message


# pair key -> conversation id: a pair has one conversation for good (none is ever deleted), so
# after the first message a process moves it by _id. That is one cheap update instead of a
# find-and-modify by pair key, which the MongoDB stand-in answers by scanning every conversation.
_conversation_ids: dict[str, ObjectId] = {}
CONVERSATION_MEMORY_LIMIT = 100_000


def _known_conversation(key: str) -> ObjectId | None:
    """This process's memory, then what the other processes learned (chats/shared_memory.py)."""
    conversation_id = _conversation_ids.get(key)
    if conversation_id is None:
        shared = shared_memory.recall(f"pair:{key}")
        if shared is not None and ObjectId.is_valid(shared):
            conversation_id = ObjectId(shared)
            _keep_locally(key, conversation_id)
    return conversation_id


def _find_conversation(key: str) -> ObjectId | None:
    found = mongo.collection(Conversation).find_one({"pair_key": key}, {"_id": 1})
    return found["_id"] if found else None


def _moved(message: Message, gig_id: str | None) -> dict:
    """The conversation now ends with ``message``, one more unread for its receiver."""
    changes = {"last_message_id": message.pk, "last_message_at": message.created_at}
    if gig_id:
        changes["gig_id"] = gig_id
    return {"$set": changes, "$inc": {f"unread_counts.{message.receiver_id}": 1}}


def _remember_conversation(key: str, conversation_id: ObjectId) -> None:
    if key not in _conversation_ids:
        shared_memory.remember(f"pair:{key}", str(conversation_id))  # once per process and pair
    _keep_locally(key, conversation_id)


def _keep_locally(key: str, conversation_id: ObjectId) -> None:
    if key not in _conversation_ids and len(_conversation_ids) >= CONVERSATION_MEMORY_LIMIT:
        _conversation_ids.clear()
    _conversation_ids[key] = conversation_id


def _create_conversation(sender: TokenUser, receiver: _Receiver, message: Message) -> Conversation:
    conversation = Conversation(
        pair_key=pair_key(sender.id, receiver.user_id),
        participant_ids=[sender.id, receiver.user_id],
        participants=[
            Participant(user_id=sender.id, username=sender.username),
            Participant(user_id=receiver.user_id, username=receiver.username),
        ],
        gig_id=message.gig_id,
        unread_counts={sender.id: 0, receiver.user_id: 1},
        last_message_id=message.pk,
        last_message_at=message.created_at,
        created_at=message.created_at,
    )
    # A concurrent first message between the same pair loses on the unique pair key and runs again.
    return mongo.save(conversation, force_insert=True)
