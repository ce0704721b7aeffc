"""Reads: the user directory, conversations a user takes part in, their messages."""

from __future__ import annotations

from dataclasses import dataclass

from bson import ObjectId
from bson.errors import InvalidId

from chats.documents import ChatUser, Conversation, Message
from shared.errors import Forbidden, NotFound, ValidationFailed


def _object_id(value: str) -> ObjectId | None:
    try:
        return ObjectId(value)
    except (InvalidId, TypeError):
        return None


def user_get_by_username(*, username: str) -> ChatUser | None:
    return ChatUser.objects(username_key=username.strip().lower()).first()


def conversation_get_for_participant(*, conversation_id: str, user_id: str) -> Conversation:
    """404 for an unknown (or malformed) id, 403 when ``user_id`` is not one of its two people."""
    object_id = _object_id(conversation_id)
    conversation = Conversation.objects(pk=object_id).first() if object_id else None
    if conversation is None:
        raise NotFound("No such conversation.", code="conversation_not_found")
    if user_id not in conversation.participant_ids:
        raise Forbidden("Only the two participants may see or use this conversation.", code="not_a_participant")
    return conversation


def conversations_in_order(*, user_id: str):
    """Most recent activity first; served in that order by the index (participant_ids, -last_message_at, -_id)."""
    return Conversation.objects(participant_ids=user_id).order_by("-last_message_at", "-id")


def conversation_list(*, user_id: str, page: int, size: int) -> tuple[list[tuple[Conversation, Message | None]], int]:
    """The user's conversations, most recent activity first, each with its latest message."""
    conversations = list(conversations_in_order(user_id=user_id).skip((page - 1) * size).limit(size))
    # A first page that is not full holds them all: most people's list, and no count to ask for.
    if page == 1 and len(conversations) < size:
        total = len(conversations)
    else:
        total = Conversation.objects(participant_ids=user_id).count()
    latest_ids = [c.last_message_id for c in conversations if c.last_message_id]
    latest = {m.pk: m for m in Message.objects(pk__in=latest_ids)} if latest_ids else {}
    return [(c, latest.get(c.last_message_id)) for c in conversations], total


@dataclass(frozen=True)
class MessagePage:
    items: list[Message]
    total: int
    older_cursor: str | None  # pass as ``before`` to load older messages
    newer_cursor: str | None  # pass as ``after`` to load newer ones


def _cursor(name: str, value: str | None) -> ObjectId | None:
    if value is None:
        return None
    object_id = _object_id(value)
    if object_id is None:
        raise ValidationFailed(fields={name: ["Not a message id."]}, code="invalid_cursor")
    return object_id


def message_page(*, conversation: Conversation, before: str | None, after: str | None, limit: int) -> MessagePage:
    """A page of messages, oldest first: the latest ones, those before a cursor, or those after it."""
    if before is not None and after is not None:
        raise ValidationFailed(fields={"after": ["Send before or after, not both."]}, code="invalid_cursor")
    before_id, after_id = _cursor("before", before), _cursor("after", after)
    query = Message.objects(conversation_id=conversation.pk)
    if after_id is not None:
        rows = list(query.filter(pk__gt=after_id).order_by("id").limit(limit + 1))
        more, items = len(rows) > limit, rows[:limit]
        newer = str(items[-1].pk) if more else None
        return MessagePage(items=items, total=query.count(), older_cursor=None, newer_cursor=newer)
    older = query.filter(pk__lt=before_id) if before_id is not None else query
    rows = list(older.order_by("-id").limit(limit + 1))
    more, items = len(rows) > limit, rows[:limit][::-1]
    # The latest page with nothing older holds the whole conversation: its length is the total, no count.
    total = len(items) if before_id is None and not more else query.count()
    return MessagePage(items=items, total=total, older_cursor=str(items[0].pk) if more else None, newer_cursor=None)


def offer_message_get(*, message_id: str) -> Message:
    object_id = _object_id(message_id)
    message = Message.objects(pk=object_id).first() if object_id else None
    if message is None or message.offer is None:
        raise NotFound("No such offer.", code="offer_not_found")
    return message


@dataclass(frozen=True)
class Missed:
    items: list[Message]
    more: bool  # more were missed than one resync sends: the client pages the rest over REST


def message_id_parse(value: str, *, field: str = "last_id") -> ObjectId:
    object_id = _object_id(value)
    if object_id is None:
        raise ValidationFailed(fields={field: ["Not a message id."]}, code=f"invalid_{field}")
    return object_id


def messages_missed(*, user_id: str, after: ObjectId, limit: int) -> Missed:
    """The user's messages (sent or received) newer than ``after``, oldest first.

    Two indexed reads: the conversations whose latest message is newer (the
    conversation moves in the same transaction as each message), then those
    conversations' messages past ``after``.
    """
    conversation_ids = list(Conversation.objects(participant_ids=user_id, last_message_id__gt=after).scalar("pk"))
    if not conversation_ids:
        return Missed(items=[], more=False)
    rows = list(Message.objects(conversation_id__in=conversation_ids, pk__gt=after).order_by("id").limit(limit + 1))
    return Missed(items=rows[:limit], more=len(rows) > limit)
