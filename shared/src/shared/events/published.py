"""Marking sent events published, in batches: one outbox write for every event a process sent in an interval.

Each write to the MongoDB stand-in costs 3-5 ms of its CPU (the commit, its journal, the oplog), and a
mark per event was the largest share of its time under load. The mark only tells the relay what not to
send again, so it can wait: a process keeps the ids it sent and writes them with one update every
``EVENTS_MARK_INTERVAL`` seconds (0 marks each at once, as the test suites do). An event whose mark is
lost with its process is older than the relay's interval when the relay next sweeps, so it is sent again
and its consumers, which record what they processed, skip it: at least once, as before.
"""

from __future__ import annotations

import atexit
import logging
import threading

logger = logging.getLogger("shared.events")

DEFAULT_INTERVAL = 0.5
MAX_KEPT = 10_000  # a store that refuses marks for long: the relay's sweep covers the rest
THREAD_NAME = "outbox-marks"  # the writer's thread: benchmarks leave its batches out of one message's cost


def mark_interval() -> float:
    from django.conf import settings

    return float(getattr(settings, "EVENTS_MARK_INTERVAL", DEFAULT_INTERVAL))


class PublishedMarks:
    def __init__(self):
        self._ids: list[str] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, event_id: str) -> None:
        from shared.events.stores import get_store

        interval = mark_interval()
        if interval <= 0:
            get_store().mark_published(event_id)
            return
        with self._lock:
            if len(self._ids) < MAX_KEPT:
                self._ids.append(event_id)
            if self._thread is None or not self._thread.is_alive():  # started after a fork, in the process that marks
                self._thread = threading.Thread(target=self._run, args=(interval,), name=THREAD_NAME, daemon=True)
                self._thread.start()

    def flush(self) -> int:
        """Write the kept marks now; returns how many. A failure keeps them for the next flush."""
        from shared.events.stores import get_store

        with self._lock:
            ids, self._ids = self._ids, []
        if not ids:
            return 0
        try:
            get_store().mark_published_many(ids)
        except Exception:
            logger.warning("could not mark %s sent events published; kept for the next flush", len(ids), exc_info=True)
            with self._lock:
                self._ids[:0] = ids[: MAX_KEPT - len(self._ids)]
            return 0
        return len(ids)

    def _run(self, interval: float) -> None:
        while True:
            self._wake.wait(interval)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # never let the thread die: marks would pile up until the relay resent them
                logger.exception("outbox mark flush failed")


marks = PublishedMarks()
atexit.register(marks.flush)
