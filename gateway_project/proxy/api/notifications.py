"""Notifications (notification_project): copies of notifications/schemas.py and channel_schemas.py.

Live: WebSocket /ws/notifications/ pushes `{"type": "notification", "notification": NotificationOut}`.
Web Push: the same notification (id, kind, title, body, link, data), encrypted for the browser
(RFC 8291, aes128gcm) and signed with the VAPID key of /notifications/push/public-key (RFC 8292).
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from proxy.api.common import SIGNED_IN, errors
from proxy.django_adapter import relay

router = Router(tags=["notifications"])

Kind = Literal[
    "welcome", "order_placed", "order_received", "order_delivered", "order_completed", "order_cancelled",
    "extension_requested", "extension_decided", "review_received", "chat_message", "offer_received",
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


class KindChannelsOut(Schema):
    email: bool
    sms: bool
    push: bool
    locked: bool = Field(description="A security notice (verification, reset, password changed, sign-in code): cannot be changed.")


class ReachableOut(Schema):
    email: bool
    sms: bool
    push: bool


class PreferencesOut(Schema):
    kinds: dict[str, KindChannelsOut] = Field(description="Every kind the service sends (a notification's `kind`, and the account e-mails).")
    reachable: ReachableOut = Field(description="Channels that can reach you now: an e-mail known, a verified phone, a subscribed browser.")


class KindChannelsIn(Schema):
    model_config = ConfigDict(extra="forbid")
    email: bool | None = None
    sms: bool | None = Field(None, description="Sent only to a verified phone.")
    push: bool | None = Field(None, description="Sent only to subscribed browsers.")
    locked: bool | None = Field(None, description="Read-only: echoing it back is harmless.")


class PreferencesIn(Schema):
    model_config = ConfigDict(extra="forbid")
    kinds: dict[str, KindChannelsIn] = Field(max_length=100, description="Only the kinds and channels named change.")


class PublicKeyOut(Schema):
    public_key: str = Field(description="The VAPID applicationServerKey: an uncompressed P-256 point, base64url.")


class SubscriptionKeysIn(Schema):
    p256dh: str = Field(min_length=80, max_length=100, pattern=r"^[A-Za-z0-9_-]+={0,2}$")
    auth: str = Field(min_length=16, max_length=30, pattern=r"^[A-Za-z0-9_-]+={0,2}$")


class PushSubscriptionIn(Schema):
    endpoint: str = Field(min_length=10, max_length=1000, description="https on a browser push service (local: also http on 127.0.0.0/8).")
    expirationTime: int | None = Field(None, ge=0)
    keys: SubscriptionKeysIn


class PushSubscriptionOut(Schema):
    id: str
    endpoint: str
    expirationTime: int | None = None
    created_at: datetime


@router.get("/preferences", response={200: PreferencesOut, **errors(401)}, summary="Every kind of notice and the channels it goes by for you", description=SIGNED_IN)
async def preferences_read(request):
    return await relay(request)


@router.put(
    "/preferences", response={200: PreferencesOut, **errors(401, 422, write=True)},
    summary="Change only the kinds and channels named", description=SIGNED_IN + " 422 names a locked or unknown kind.",
)
async def preferences_write(request, payload: PreferencesIn):
    return await relay(request)


@router.get("/push/public-key", response={200: PublicKeyOut, **errors()}, summary="The VAPID key a browser subscribes with (pushManager.subscribe)")
async def push_public_key(request):
    return await relay(request)


@router.post(
    "/push-subscriptions", response={201: PushSubscriptionOut, **errors(400, 401, 422, write=True)},
    summary="Save this browser's PushSubscription (toJSON())", description=SIGNED_IN + " 400 names an endpoint that is not an allowed push service.",
)
async def push_subscription_create(request, payload: PushSubscriptionIn):
    return await relay(request)


@router.delete("/push-subscriptions/{subscription_id}", response={204: None, **errors(401, 404, write=True)}, summary="Stop pushing to that browser", description=SIGNED_IN)
async def push_subscription_delete(request, subscription_id: str):
    return await relay(request)
