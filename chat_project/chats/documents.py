"""Conversations, messages with their offers, and the local directory of users."""

from __future__ import annotations

import itertools
import os
from datetime import datetime, timezone

import mongoengine as me
from bson import ObjectId

OFFER_PENDING, OFFER_ACCEPTED, OFFER_CANCELLED = "pending", "accepted", "cancelled"
OFFER_STATUSES = (OFFER_PENDING, OFFER_ACCEPTED, OFFER_CANCELLED)


def now():
    return datetime.now(timezone.utc)


_PROCESS_TAG = os.urandom(2)
_counter = itertools.count(int.from_bytes(os.urandom(3), "big"))


def message_id_at(moment: datetime) -> ObjectId:
    """A message id that sorts by the time it was made, to the microsecond, across processes.

    A plain ObjectId orders only by the second, then by a random value per
    process: two web processes writing in the same second would sort their
    messages by which process they came from. Sockets resync and REST pages
    by ``_id > last seen``, so ids must follow time: seconds (as ObjectId, so
    ``generation_time`` holds), microseconds, a process tag and a counter.
    """
    seconds = int(moment.timestamp())
    micros = moment.microsecond
    count = next(_counter) & 0xFFFFFF
    return ObjectId(seconds.to_bytes(4, "big") + micros.to_bytes(3, "big") + _PROCESS_TAG + count.to_bytes(3, "big"))


def pair_key(first_id: str, second_id: str) -> str:
    """One key per pair of users whatever the order, so a pair has one conversation."""
    low, high = sorted((first_id, second_id))
    return f"{low}:{high}"


class ChatUser(me.Document):
    """Who can be messaged by username: fed by auth.user.created and by tokens (chat never calls auth)."""

    user_id = me.StringField(primary_key=True)
    username = me.StringField(required=True)
    # Auth keeps usernames unique in any case, so lookups ignore case too.
    username_key = me.StringField(required=True, unique=True)
    updated_at = me.DateTimeField(default=now)

    meta = {"collection": "chat_users"}

    def __str__(self):
        return f"{self.username} ({self.user_id})"


class Participant(me.EmbeddedDocument):
    user_id = me.StringField(required=True)
    username = me.StringField(required=True)


class Conversation(me.Document):
    pair_key = me.StringField(required=True, unique=True)
    participant_ids = me.ListField(me.StringField(), required=True)
    participants = me.EmbeddedDocumentListField(Participant, required=True)
    gig_id = me.StringField(null=True, default=None)  # the gig the last message was about
    # user id -> messages that user has not read yet; moved in the same transaction as the messages.
    unread_counts = me.DictField(default=dict)
    last_message_id = me.ObjectIdField(null=True, default=None)
    last_message_at = me.DateTimeField(default=now)
    created_at = me.DateTimeField(default=now)

    # The conversation list's filter and its whole sort (chats.selectors.conversation_list): the index
    # hands the page over in order, no sort in memory. It supersedes (participant_ids, -last_message_at).
    meta = {"collection": "conversations", "indexes": [("participant_ids", "-last_message_at", "-id")]}
    SUPERSEDED_INDEXES = ("participant_ids_1_last_message_at_-1",)

    def __str__(self):
        return " & ".join(p.username for p in self.participants)

    def other_participant(self, user_id: str) -> Participant:
        return next(p for p in self.participants if p.user_id != user_id)


class Offer(me.EmbeddedDocument):
    """A seller's custom offer inside a message; the receiver accepts or cancels it."""

    gig_id = me.StringField(required=True)
    price = me.Decimal128Field(required=True, min_value=5, precision=2)
    description = me.StringField(required=True, max_length=1000)
    delivery_in_days = me.IntField(required=True, min_value=1, max_value=90)
    status = me.StringField(required=True, choices=OFFER_STATUSES, default=OFFER_PENDING)
    # Past this moment it can be neither accepted nor paid; None only on offers made before expiry existed.
    expires_at = me.DateTimeField(null=True, default=None)
    decided_by = me.StringField(null=True, default=None)
    decided_at = me.DateTimeField(null=True, default=None)


def offer_expired(offer: Offer, at: datetime | None = None) -> bool:
    return offer.expires_at is not None and offer.expires_at <= (at or now())


class Attachment(me.EmbeddedDocument):
    """A file sent with a message: stored privately, read by the conversation's two participants only."""

    name = me.StringField(required=True)
    path = me.StringField(required=True)  # the storage name
    size = me.IntField(required=True)
    content_type = me.StringField(required=True)


class Message(me.Document):
    conversation_id = me.ObjectIdField(required=True)
    sender_id = me.StringField(required=True)
    sender_username = me.StringField(required=True)
    receiver_id = me.StringField(required=True)
    receiver_username = me.StringField(required=True)
    body = me.StringField(required=True, min_length=1, max_length=5000)
    gig_id = me.StringField(null=True, default=None)
    offer = me.EmbeddedDocumentField(Offer, null=True, default=None)
    attachment = me.EmbeddedDocumentField(Attachment, null=True, default=None)
    read_at = me.DateTimeField(null=True, default=None)
    created_at = me.DateTimeField(default=now)

    meta = {
        "collection": "messages",
        # _id grows with time, so it orders a conversation and serves as its paging cursor.
        "indexes": [("conversation_id", "-_id"), ("conversation_id", "receiver_id", "read_at")],
    }

    def __str__(self):
        return f"{self.sender_username} -> {self.receiver_username}: {self.body[:40]}"
