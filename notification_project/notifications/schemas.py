import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from ninja import Field, Schema

from notifications.models import Notification


class NotificationOut(Schema):
    id: str
    kind: str
    title: str
    body: str
    link: str
    data: dict
    read: bool
    created_at: datetime

    @staticmethod
    def resolve_id(obj) -> str:
        return str(obj.id)


class NotificationPageIn(Schema):
    page: int = Field(1, ge=1, le=100_000)
    size: int = Field(20, ge=1, le=100)
    unread_only: bool = False


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    total: int
    unread: int
    page: int
    size: int


class ReadAllOut(Schema):
    updated: int
    unread: int


def notification_as_json(notification: Notification) -> dict:
    """The same JSON the REST API answers (the socket pushes exactly this)."""
    return json.loads(json.dumps(NotificationOut.from_orm(notification).dict(), cls=DjangoJSONEncoder))
