"""Read receipts."""

from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from chats import realtime, selectors
from chats.documents import Conversation, Message, now
from shared import mongo
from shared.tokens import TokenUser


def conversation_mark_read(*, user: TokenUser, conversation_id: str) -> int:
    """Mark every message ``user`` received in the conversation read; returns how many changed."""
    conversation = selectors.conversation_get_for_participant(conversation_id=conversation_id, user_id=user.id)
    read_at = now()

    @mongo.atomic(retry_on=DuplicateKeyError)
    def write() -> int:
        result = mongo.collection(Message).update_many(
            {"conversation_id": conversation.pk, "receiver_id": user.id, "read_at": None},
            {"$set": {"read_at": read_at}},
        )
        mongo.update_one(Conversation, {"_id": conversation.pk}, {"$set": {f"unread_counts.{user.id}": 0}})
        if result.modified_count:
            other = conversation.other_participant(user.id)
            frame = {
                "type": "chat.read",
                "conversation_id": str(conversation.pk),
                "reader_id": user.id,
                "read_at": read_at,
            }
            mongo.on_commit(lambda: realtime.push(user_ids=[other.user_id], kind="chat.read", frame=frame))
        return result.modified_count

    return write()
