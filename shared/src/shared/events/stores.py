"""Where events wait to be published (the outbox) and which ones a consumer has handled.

Two stores behind one interface: the Django ORM (SQL services) and MongoDB
(MongoEngine services), chosen by ``settings.EVENTS_STORE``. Each writes in
the caller's own transaction, which is what makes publishing atomic.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Callable

from django.conf import settings

logger = logging.getLogger("shared.events")


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

    def run_handlers(self, event_id: str, steps: list[tuple[str, Callable[[], None]]], *, together: bool = True) -> int:
        """Each handler with its processed mark; ``together``: all in one transaction (one commit),
        each in its own savepoint, else a transaction each.

        A failing handler's savepoint is rolled back (and its on_commit callbacks
        dropped) while the others commit, and its error is raised once they have.
        """
        from contextlib import nullcontext

        from django.db import IntegrityError, transaction

        from shared.events.django_app.models import ProcessedEvent

        if not steps:
            return 0
        ran, failure = 0, None
        with transaction.atomic() if together else nullcontext():
            done = set(ProcessedEvent.objects.filter(event_id=event_id).values_list("handler", flat=True))
            for name, run in steps:
                if name in done:
                    logger.info("event %s already handled by %s", event_id, name)
                    continue
                try:
                    with transaction.atomic():
                        ProcessedEvent.objects.create(event_id=event_id, handler=name)
                        run()
                    ran += 1
                except IntegrityError as exc:
                    if not ProcessedEvent.objects.filter(event_id=event_id, handler=name).exists():
                        failure = failure or exc
                except Exception as exc:  # noqa: BLE001 - raised below, after the others commit
                    logger.warning("handler %s failed on event %s: %r", name, event_id, exc)
                    failure = failure or exc
        if failure is not None:
            raise failure
        return ran


class MongoStore:
    def _documents(self):
        from shared.events import mongo_documents

        return mongo_documents

    def add(self, envelope: dict) -> None:
        from shared import mongo

        documents = self._documents()
        mongo.save(documents.OutboxEvent(event_id=envelope["event_id"], name=envelope["name"], envelope=envelope))

    def insert_request(self, envelope: dict):
        """The outbox insert as a pymongo request, for a caller's own ``bulkWrite`` (bus.publish_request)."""
        from pymongo import InsertOne

        event = self._documents().OutboxEvent(event_id=envelope["event_id"], name=envelope["name"], envelope=envelope)
        event.validate()
        return InsertOne(event.to_mongo(), namespace=event._get_collection().full_name)

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

    def run_handlers(self, event_id: str, steps: list[tuple[str, Callable[[], None]]], *, together: bool = True) -> int:
        """Each handler in its own MongoDB transaction with its processed mark (no savepoints there)."""
        ran, failure = 0, None
        for name, run in steps:
            try:
                if self._handle_once(event_id, name, run):
                    ran += 1
                else:
                    logger.info("event %s already handled by %s", event_id, name)
            except Exception as exc:  # noqa: BLE001 - raised below, after the others ran
                logger.warning("handler %s failed on event %s: %r", name, event_id, exc)
                failure = failure or exc
        if failure is not None:
            raise failure
        return ran

    def _handle_once(self, event_id: str, handler_name: str, run: Callable[[], None]) -> bool:
        from pymongo.errors import DuplicateKeyError

        from shared import mongo

        documents = self._documents()
        key = f"{handler_name}:{event_id}"
        try:
            with mongo.atomic():
                mongo.save(documents.ProcessedEvent(key=key), validate=False, force_insert=True)
                run()
        except DuplicateKeyError:
            if documents.ProcessedEvent.objects(key=key).first():
                return False
            raise
        return True


@cache
def get_store():
    kind = getattr(settings, "EVENTS_STORE", "django")
    return {"django": DjangoStore, "mongo": MongoStore}[kind]()
