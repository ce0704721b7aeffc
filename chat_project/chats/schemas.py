"""Request and answer shapes of the chat routes (the socket validates with the same ones)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints, field_validator
from pydantic.json_schema import JsonDict

from shared.api_ninja import Money, money_schema
from shared.validation import WHOLE_NUMBER

Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
Username = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)]


def _blank_is_none(value):
    return value or None


class OfferIn(Schema):
    gig_id: Identifier | None = Field(None, description="Defaults to the message's gig_id.")
    price: Annotated[Decimal, money_schema(minimum=5, description="US dollars, at least 5.")] = Field(
        ..., ge=5, max_digits=10, decimal_places=2, description="US dollars, at least 5."
    )
    description: Description
    delivery_in_days: Annotated[int, WHOLE_NUMBER] = Field(..., ge=1, le=90, strict=True)
    expires_in_days: Annotated[int, WHOLE_NUMBER] = Field(
        7, ge=1, le=30, strict=True, description="The buyer may accept and pay it this long."
    )

    _blank_gig = field_validator("gig_id")(_blank_is_none)


def _named(field: str) -> JsonDict:
    return {"required": [field], "properties": {field: {"type": "string", "pattern": r"\S"}}}


# message_send takes exactly one of the two (400 receiver_required when neither, ambiguous_receiver when both);
# a blank one counts as absent (``_blank_is_none``).
ONE_RECEIVER: JsonDict = {"oneOf": [_named("receiver_username"), _named("conversation_id")]}


class MessageIn(Schema):
    model_config = ConfigDict(json_schema_extra=ONE_RECEIVER)

    receiver_username: Username | None = None
    conversation_id: Identifier | None = None
    body: Body
    gig_id: Identifier | None = None
    offer: OfferIn | None = None

    _blanks = field_validator("receiver_username", "conversation_id", "gig_id")(_blank_is_none)


class MessageFormIn(Schema):
    """The text fields of a message sent as multipart form data with a file."""

    receiver_username: Username | None = None
    conversation_id: Identifier | None = None
    body: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] = ""
    gig_id: Identifier | None = None

    _blanks = field_validator("receiver_username", "conversation_id", "gig_id")(_blank_is_none)


class SocketMessageIn(MessageIn):
    type: Literal["chat.message"]


class SocketTypingIn(Schema):
    type: Literal["chat.typing"]
    conversation_id: Identifier
    is_typing: bool = True


class OfferOut(Schema):
    gig_id: str
    price: Money
    description: str
    delivery_in_days: int
    status: str
    expires_at: datetime | None
    expired: bool
    decided_by: str | None
    decided_at: datetime | None


class AttachmentOut(Schema):
    name: str
    size: int
    content_type: str
    url: str  # under the gateway; the conversation's participants only


class MessageOut(Schema):
    id: str
    conversation_id: str
    sender_id: str
    sender_username: str
    receiver_id: str
    receiver_username: str
    body: str
    gig_id: str | None
    offer: OfferOut | None
    attachment: AttachmentOut | None
    read_at: datetime | None
    created_at: datetime


class MessagePageOut(Schema):
    items: list[MessageOut]
    total: int
    older_cursor: str | None = Field(None, description="Pass as `before` to load older messages; null at the start.")
    newer_cursor: str | None = Field(
        None, description="Pass as `after` to load more newer messages; null when caught up."
    )


class ParticipantOut(Schema):
    user_id: str
    username: str


class ConversationOut(Schema):
    id: str
    participants: list[ParticipantOut]
    other_participant: ParticipantOut
    gig_id: str | None
    latest_message: MessageOut | None
    unread_count: int
    partner_online: bool = Field(description="The other participant has a chat socket open now.")
    partner_last_seen_at: datetime | None = Field(None, description="When their last socket was seen (null: never).")
    last_message_at: datetime
    created_at: datetime


class ConversationPageOut(Schema):
    items: list[ConversationOut]
    total: int
    page: int
    size: int


class ReadOut(Schema):
    conversation_id: str
    marked_read: int
    unread_count: int


class PageParams(Schema):
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=100)


# A message id (selectors._cursor: a MongoDB ObjectId, else 400 invalid_cursor).
MESSAGE_ID: JsonDict = {"pattern": "^[0-9a-fA-F]{24}$"}


class MessagePageParams(Schema):
    before: str | None = Field(
        None,
        json_schema_extra=MESSAGE_ID,
        description="A message id: answer the messages sent before it. Not with `after` (400 invalid_cursor).",
    )
    after: str | None = Field(
        None,
        json_schema_extra=MESSAGE_ID,
        description="A message id: answer the messages sent after it. Not with `before` (400 invalid_cursor).",
    )
    limit: int = Field(50, ge=1, le=100)
