"""The outbox and processed-event records of a MongoEngine service."""

from __future__ import annotations

from datetime import datetime, timezone

import mongoengine as me


def _now():
    return datetime.now(timezone.utc)


class OutboxEvent(me.Document):
    event_id = me.StringField(required=True, unique=True)
    name = me.StringField(required=True)
    envelope = me.DictField(required=True)
    created_at = me.DateTimeField(default=_now)
    published_at = me.DateTimeField(null=True, default=None)
    attempts = me.IntField(default=0)
    last_error = me.StringField(default="")

    meta = {"collection": "events_outbox", "indexes": [("published_at", "created_at")]}


class ProcessedEvent(me.Document):
    key = me.StringField(primary_key=True)  # "<handler>:<event_id>"
    processed_at = me.DateTimeField(default=_now)

    meta = {"collection": "events_processed"}
