"""In-app notifications (notification_project): copies of notifications/schemas.py.

Live: WebSocket /ws/notifications/ pushes `{"type": "notification", "notification": NotificationOut}`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from proxy.api.common import SIGNED_IN, errors
from proxy.django_adapter import relay

router = Router(tags=["notifications"])

Kind = Literal[
    "welcome", "order_placed", "order_received", "order_delivered", "order_completed", "order_cancelled",
    "extension_requested", "extension_decided", "review_received", "chat_message",
]


class NotificationOut(Schema):
    id: str
    kind: Kind
    title: str
    body: str
    link: str = Field(description='Where the notice leads in the app; "" for none.')
    data: dict
    read: bool
    created_at: datetime


class NotificationPageParams(Schema):
    page: int = Field(1, ge=1, le=100_000)
    size: int = Field(20, ge=1, le=100)
    unread_only: bool = False


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    total: int
    unread: int = Field(description="Unread notifications in all, whatever the page or filter.")
    page: int
    size: int


class ReadAllOut(Schema):
    updated: int
    unread: int


@router.get("", response={200: NotificationPageOut, **errors(401, 422)}, summary="Newest first, with the unread count", description=SIGNED_IN)
async def notification_list(request, params: Query[NotificationPageParams]):
    return await relay(request)


@router.post("/read-all", response={200: ReadAllOut, **errors(401, write=True)}, summary="Mark all your notifications read", description=SIGNED_IN)
async def notifications_read_all(request):
    return await relay(request)


@router.post("/{notification_id}/read", response={200: NotificationOut, **errors(401, 404, write=True)}, summary="Mark one of your notifications read (404 if not yours)", description=SIGNED_IN)
async def notification_read(request, notification_id: str):
    return await relay(request)
