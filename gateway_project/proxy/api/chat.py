"""Conversations, messages and offers (chat_project). Live messages: WebSocket /ws/chat/ or Socket.IO."""
from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from proxy.api.common import SIGNED_IN, errors
from proxy.django_adapter import relay

router = Router(tags=["chat"])


class OfferIn(Schema):
    gig_id: str
    price: Decimal
    description: str
    delivery_in_days: int


class OfferOut(OfferIn):
    accepted: bool = False
    cancelled: bool = False


class MessageIn(Schema):
    receiver_username: str | None = None
    conversation_id: str | None = None
    body: str
    gig_id: str | None = None
    offer: OfferIn | None = None


class MessageOut(Schema):
    id: str
    conversation_id: str
    sender_username: str
    receiver_username: str
    body: str
    gig_id: str | None = None
    offer: OfferOut | None = None
    is_read: bool = False
    created_at: str


class ConversationOut(Schema):
    id: str
    participants: list[str]
    latest_message: MessageOut | None = None
    unread_count: int = 0


class ConversationList(Schema):
    items: list[ConversationOut]
    total: int


class MessageList(Schema):
    items: list[MessageOut]
    total: int
    cursor: str | None = None


@router.post("/messages", response={201: MessageOut, **errors(400, 401, 403, 404, 422)}, description=SIGNED_IN)
async def message_send(request, payload: MessageIn):
    return await relay(request)


@router.get("/conversations", response={200: ConversationList, **errors(401)}, description=SIGNED_IN)
async def conversations(request):
    return await relay(request)


@router.get("/conversations/{conversation_id}/messages", response={200: MessageList, **errors(401, 403, 404)}, summary="Participants only", description=SIGNED_IN)
async def conversation_messages(request, conversation_id: str):
    return await relay(request)


@router.post("/conversations/{conversation_id}/read", response={200: ConversationOut, **errors(401, 403, 404)}, description=SIGNED_IN)
async def conversation_read(request, conversation_id: str):
    return await relay(request)


@router.post("/offers/{message_id}/accept", response={200: MessageOut, **errors(401, 403, 404, 409)}, summary="Receiver of the offer only", description=SIGNED_IN)
async def offer_accept(request, message_id: str):
    return await relay(request)


@router.post("/offers/{message_id}/cancel", response={200: MessageOut, **errors(401, 403, 404, 409)}, summary="Receiver of the offer only", description=SIGNED_IN)
async def offer_cancel(request, message_id: str):
    return await relay(request)
