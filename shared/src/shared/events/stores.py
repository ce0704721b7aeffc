"""Where events wait to be published (the outbox) and which ones a consumer has handled.

Two stores behind one interface: the Django ORM (SQL services) and MongoDB
(MongoEngine services), chosen by ``settings.EVENTS_STORE``. Each writes in
the caller's own transaction, which is what makes publishing atomic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import cache

from django.conf import settings

logger = logging.getLogger("shared.events")

Step = tuple[str, Callable[[], None]]  # a handler's name and its call


class DjangoStore:
    def add(self, envelope: dict) -> None:
        from shared.events.django_app.models import OutboxEvent

        OutboxEvent.objects.create(event_id=envelope["event_id"], name=envelope["name"], envelope=envelope)

    def on_commit(self, callback: Callable[[], None]) -> None:
        from django.db import transaction

        transaction.on_commit(callback)

    def pending(self, limit: int, older_than: float) -> list[dict]:
        from shared.events.django_app.models import OutboxEvent

        cutoff = datetime.now(timezone.utc) - timedelta(seconds=older_than)
        rows = OutboxEvent.objects.filter(published_at__isnull=True, created_at__lte=cutoff).order_by("id")[:limit]
        return [row.envelope for row in rows]

    def mark_published(self, event_id: str) -> None:
        self.mark_published_many([event_id])

    def mark_published_many(self, event_ids: list[str]) -> None:
        from shared.events.django_app.models import OutboxEvent

        OutboxEvent.objects.filter(event_id__in=event_ids, published_at__isnull=True).update(
            published_at=datetime.now(timezone.utc)
        )

    def record_failure(self, event_id: str, error: str) -> None:
        from django.db.models import F

        from shared.events.django_app.models import OutboxEvent

        OutboxEvent.objects.filter(event_id=event_id).update(attempts=F("attempts") + 1, last_error=error[:500])

    def run_handlers(self, event_id: str, steps: list[tuple[str, Callable[[], None]]], *, together: bool = True) -> int:
        """Each handler with its processed mark; ``together``: all in one transaction (one commit),
        else a transaction each.

        Together, the first try is one transaction with no savepoints: the new
        marks claimed in one statement (PostgreSQL; elsewhere a read and an
        INSERT), the handlers, the commit (instead of 2 + 3 statements per handler). Should
        anything in it fail, all of it is rolled back (its on_commit callbacks
        dropped) and the others run again each in its own savepoint, as below:
        the handler that failed is not run again (it would fail as it did; its
        error is raised for the retry once the others have committed), and a
        savepoint that fails now is rolled back while the rest commit. So a
        database-only handler may run twice when a sibling fails, the first
        run undone; what commits is the same either way.
        """
        from contextlib import nullcontext

        from django.db import IntegrityError, transaction

        from shared.events.django_app.models import ProcessedEvent

        if not steps:
            return 0
        failed: dict[str, Exception] = {}
        if together:
            ran = self._run_all_or_nothing(event_id, steps, failed)
            if ran is not None:
                return ran
        ran, failure = 0, None
        with transaction.atomic() if together else nullcontext():
            done = set(ProcessedEvent.objects.filter(event_id=event_id).values_list("handler", flat=True))
            for name, run in steps:
                if name in done:
                    logger.info("event %s already handled by %s", event_id, name)
                    continue
                if name in failed:
                    logger.warning("handler %s failed on event %s: %r", name, event_id, failed[name])
                    failure = failure or failed[name]
                    continue
                try:
                    with transaction.atomic():
                        ProcessedEvent.objects.create(event_id=event_id, handler=name)
                        run()
                    ran += 1
                except IntegrityError as exc:
                    if not ProcessedEvent.objects.filter(event_id=event_id, handler=name).exists():
                        failure = failure or exc
                except Exception as exc:
                    logger.warning("handler %s failed on event %s: %r", name, event_id, exc)
                    failure = failure or exc
        if failure is not None:
            raise failure
        return ran

    def _run_all_or_nothing(
        self, event_id: str, steps: list[tuple[str, Callable[[], None]]], failed: dict[str, Exception]
    ) -> int | None:
        """Every handler not yet marked, and their marks, in one transaction; None when any of it failed
        (then nothing of it committed), with the handler that raised, if one did, in ``failed``."""
        from django.db import transaction

        try:
            with transaction.atomic():
                todo = self._claim(event_id, steps)
                for name in {name for name, _ in steps} - {name for name, _ in todo}:
                    logger.info("event %s already handled by %s", event_id, name)
                for name, run in todo:
                    try:
                        run()
                    except Exception as exc:
                        failed[name] = exc
                        raise
        except Exception as exc:
            logger.info("event %s: handlers together failed (%r); running each in its own savepoint", event_id, exc)
            return None
        return len(todo)

    def _claim(self, event_id: str, steps: list[Step]) -> list[Step]:
        """Mark the handlers not yet marked, in the caller's transaction; the steps whose marks are new.

        PostgreSQL: one INSERT ... ON CONFLICT DO NOTHING RETURNING (a mark another delivery holds
        uncommitted makes it wait for that one's outcome). Elsewhere: read the marks, insert the
        missing ones (a mark committed in between fails the INSERT, and the caller's slow path
        sorts it out).
        """
        from django.db import connection

        from shared.events.django_app.models import ProcessedEvent

        names = [name for name, _ in steps]
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(ProcessedEvent._meta.db_table)
            rows = ", ".join(["(%s, %s, %s)"] * len(names))
            now = datetime.now(timezone.utc)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (event_id, handler, processed_at) VALUES {rows}"
                    " ON CONFLICT (event_id, handler) DO NOTHING RETURNING handler",
                    [value for name in names for value in (event_id, name, now)],
                )
                claimed = {row[0] for row in cursor.fetchall()}
            todo = []
            for name, run in steps:
                if name in claimed:
                    claimed.discard(name)  # a handler listed twice runs once, as its one mark says
                    todo.append((name, run))
            return todo
        done = set(ProcessedEvent.objects.filter(event_id=event_id).values_list("handler", flat=True))
        todo = [(name, run) for name, run in steps if name not in done]
        if todo:
            ProcessedEvent.objects.bulk_create([ProcessedEvent(event_id=event_id, handler=name) for name, _ in todo])
        return todo


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
        self.mark_published_many([event_id])

    def mark_published_many(self, event_ids: list[str]) -> None:
        # By the unique event_id alone: with ``published_at=None`` beside it the MongoDB stand-in's planner
        # scanned the whole outbox (COLLSCAN, 28 ms a mark under load, 45% of its time in the load bench);
        # a second mark of the same event (the relay's and the request's) only moves the time.
        self._documents().OutboxEvent.objects(event_id__in=event_ids).update(
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
            except Exception as exc:
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
