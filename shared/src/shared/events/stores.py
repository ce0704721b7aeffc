"""Where events wait to be published (the outbox) and which ones a consumer has handled.

Two stores behind one interface: the Django ORM (SQL services) and MongoDB
(MongoEngine services), chosen by ``settings.EVENTS_STORE``. Each writes in
the caller's own transaction, which is what makes publishing atomic.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Callable

from django.conf import settings


class DjangoStore:
    def add(self, envelope: dict) -> None:
        from shared.events.django_app.models import OutboxEvent

        OutboxEvent.objects.create(
            event_id=envelope["event_id"], name=envelope["name"], envelope=envelope
        )

    def on_commit(self, callback: Callable[[], None]) -> None:
        from django.db import transaction

        transaction.on_commit(callback)

    def pending(self, limit: int, older_than: float) -> list[dict]:
        from shared.events.django_app.models import OutboxEvent

        cutoff = datetime.now(timezone.utc) - timedelta(seconds=older_than)
        rows = OutboxEvent.objects.filter(published_at__isnull=True, created_at__lte=cutoff).order_by("id")[:limit]
        return [row.envelope for row in rows]

    def mark_published(self, event_id: str) -> None:
        from shared.events.django_app.models import OutboxEvent

        OutboxEvent.objects.filter(event_id=event_id, published_at__isnull=True).update(
            published_at=datetime.now(timezone.utc)
        )

    def record_failure(self, event_id: str, error: str) -> None:
        from django.db.models import F

        from shared.events.django_app.models import OutboxEvent

        OutboxEvent.objects.filter(event_id=event_id).update(attempts=F("attempts") + 1, last_error=error[:500])

    def handle_once(self, event_id: str, handler_name: str, run: Callable[[], None]) -> bool:
        """Run ``run`` unless this handler already processed this event; False when skipped."""
        from django.db import IntegrityError, transaction

        from shared.events.django_app.models import ProcessedEvent

        try:
            with transaction.atomic():
                ProcessedEvent.objects.create(event_id=event_id, handler=handler_name)
                run()
        except IntegrityError:
            if ProcessedEvent.objects.filter(event_id=event_id, handler=handler_name).exists():
                return False
            raise
        return True


class MongoStore:
    def _documents(self):
        from shared.events import mongo_documents

        return mongo_documents

    def add(self, envelope: dict) -> None:
        from shared import mongo

        documents = self._documents()
        mongo.save(documents.OutboxEvent(event_id=envelope["event_id"], name=envelope["name"], envelope=envelope))

    def on_commit(self, callback: Callable[[], None]) -> None:
        from shared import mongo

        mongo.on_commit(callback)

    def pending(self, limit: int, older_than: float) -> list[dict]:
        cutoff = datetime.now(timezone.utc) - timedelta(seconds=older_than)
        rows = (
            self._documents()
            .OutboxEvent.objects(published_at=None, created_at__lte=cutoff)
            .order_by("created_at")
            .limit(limit)
        )
        return [row.envelope for row in rows]

    def mark_published(self, event_id: str) -> None:
        self._documents().OutboxEvent.objects(event_id=event_id, published_at=None).update(
            set__published_at=datetime.now(timezone.utc)
        )

    def record_failure(self, event_id: str, error: str) -> None:
        self._documents().OutboxEvent.objects(event_id=event_id).update(inc__attempts=1, set__last_error=error[:500])

    def handle_once(self, event_id: str, handler_name: str, run: Callable[[], None]) -> bool:
        from pymongo.errors import DuplicateKeyError

        from shared import mongo

        documents = self._documents()
        try:
            with mongo.atomic():
                mongo.save(documents.ProcessedEvent(key=f"{handler_name}:{event_id}"), validate=False, force_insert=True)
                run()
        except DuplicateKeyError:
            if documents.ProcessedEvent.objects(key=f"{handler_name}:{event_id}").first():
                return False
            raise
        return True


@cache
def get_store():
    kind = getattr(settings, "EVENTS_STORE", "django")
    return {"django": DjangoStore, "mongo": MongoStore}[kind]()
