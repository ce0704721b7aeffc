"""Conversations, messages and offers (chat_project): copies of chats/schemas.py.

Live messages: WebSocket /ws/chat/ or Socket.IO (the same MessageOut is pushed);
a partner's presence arrives as `{"type": "presence", "username", "online"}`
(Socket.IO event `presence`).
"""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Query, Router, Schema
from pydantic import Field, StringConstraints

from proxy.api.common import DOWNLOAD, SIGNED_IN, Money, errors, file_docs, money, text
from proxy.django_adapter import relay

router = Router(tags=["chat"])

Identifier = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
Username = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)]
OfferStatus = Literal["pending", "accepted", "cancelled"]


class OfferIn(Schema):
    gig_id: Identifier | None = Field(None, description="Defaults to the message's gig_id.")
    price: money(ge=5, description="US dollars, at least 5, two decimals.")
    description: text(1, 1000)
    delivery_in_days: int = Field(..., ge=1, le=90, strict=True)
    expires_in_days: int = Field(7, ge=1, le=30, strict=True, description="The buyer may accept and pay it this long.")


class MessageIn(Schema):
    receiver_username: Username | None = Field(None, description="Starts or continues the conversation with this user.")
    conversation_id: Identifier | None = Field(None, description="Or write into this conversation.")
    body: text(1, 5000)
    gig_id: Identifier | None = None
    offer: OfferIn | None = None


class OfferOut(Schema):
    gig_id: str
    price: Money
    description: str
    delivery_in_days: int
    status: OfferStatus
    expires_at: datetime | None = Field(None, description="Past it, accepting or paying answers 409 offer_expired.")
    expired: bool
    decided_by: str | None
    decided_at: datetime | None


class AttachmentOut(Schema):
    name: str
    size: int
    content_type: str = Field(description="Read from the file's bytes at upload.")
    url: str = Field(description="/api/v1/chat/messages/{id}/attachment: the conversation's participants only.")


MESSAGE_MULTIPART = {
    "type": "object", "required": ["file"],
    "properties": {
        "receiver_username": {"type": "string"}, "conversation_id": {"type": "string"},
        "body": {"type": "string", "maxLength": 5000, "description": "Optional: the file's name when blank."},
        "gig_id": {"type": "string"},
        "file": {"type": "string", "format": "binary", "description": "Up to 10 MB; web pages, SVG and scripts are refused."},
    },
}


class ChatMessageOut(Schema):
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


class ParticipantOut(Schema):
    user_id: str
    username: str


class ConversationOut(Schema):
    id: str
    participants: list[ParticipantOut]
    other_participant: ParticipantOut
    gig_id: str | None
    latest_message: ChatMessageOut | None
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


class ConversationPageParams(Schema):
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(20, ge=1, le=100)


class MessagePageParams(Schema):
    before: str | None = Field(None, description="A message id: the messages older than it.")
    after: str | None = Field(None, description="A message id: the messages newer than it (not with before).")
    limit: int = Field(50, ge=1, le=100)


class MessagePageOut(Schema):
    items: list[ChatMessageOut]
    total: int
    older_cursor: str | None = Field(None, description="Pass as `before` to load older messages; null at the start.")
    newer_cursor: str | None = Field(None, description="Pass as `after` to load more newer messages; null when caught up.")


class ReadOut(Schema):
    conversation_id: str
    marked_read: int
    unread_count: int


@router.post(
    "/messages", response={201: ChatMessageOut, **errors(400, 401, 404, 422, write=True)}, summary="Send a message (optionally a custom offer)",
    description=SIGNED_IN + " JSON, or multipart form data with a `file` attachment (offers go as JSON).",
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": MESSAGE_MULTIPART}}}},
)
async def message_send(request, payload: MessageIn):
    return await relay(request)


@router.get(
    "/messages/{message_id}/attachment", response={200: None, **errors(401, 404)}, summary="Participants only: download a message's file",
    description=SIGNED_IN + " " + DOWNLOAD + " Anyone else gets 404.",
    openapi_extra=file_docs(content_type="application/octet-stream", description="The file's bytes."),
)
async def message_attachment(request, message_id: str):
    return await relay(request)


@router.get("/conversations", response={200: ConversationPageOut, **errors(401, 422)}, summary="Latest message and unread count per conversation", description=SIGNED_IN)
async def conversations(request, params: Query[ConversationPageParams]):
    return await relay(request)


@router.get("/conversations/{conversation_id}/messages", response={200: MessagePageOut, **errors(400, 401, 403, 404, 422)}, summary="Participants only; oldest first", description=SIGNED_IN)
async def conversation_messages(request, conversation_id: str, params: Query[MessagePageParams]):
    return await relay(request)


@router.post("/conversations/{conversation_id}/read", response={200: ReadOut, **errors(401, 404, write=True)}, summary="Participants only: mark the conversation read", description=SIGNED_IN)
async def conversation_read(request, conversation_id: str):
    return await relay(request)


@router.post("/offers/{message_id}/accept", response={200: ChatMessageOut, **errors(401, 404, 409, write=True)}, summary="Receiver of the offer only", description=SIGNED_IN + " 409 offer_expired past the offer's expires_at.")
async def offer_accept(request, message_id: str):
    return await relay(request)


@router.post("/offers/{message_id}/cancel", response={200: ChatMessageOut, **errors(401, 404, 409, write=True)}, summary="Receiver of the offer only: decline it", description=SIGNED_IN)
async def offer_cancel(request, message_id: str):
    return await relay(request)


@router.post("/offers/{message_id}/withdraw", response={200: ChatMessageOut, **errors(401, 404, 409, write=True)}, summary="Sender of the offer only: take it back before it is accepted", description=SIGNED_IN)
async def offer_withdraw(request, message_id: str):
    return await relay(request)
