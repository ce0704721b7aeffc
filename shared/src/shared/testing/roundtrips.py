"""Counting the MongoDB commands (round trips) a piece of code costs, with PyMongo's command monitoring.

Like Django's ``assertNumQueries``: tests pin how many round trips a hot route
costs, so a new one fails a test instead of slowing every request. ``install()``
must run before the MongoClient exists: ``shared.django_settings.test_overrides``
does it in every MongoDB service's test settings (and the chat benchmark, in its first lines).
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from pymongo import monitoring

IGNORED = frozenset({"endSessions", "hello", "isMaster", "ismaster", "ping", "saslStart", "saslContinue"})


@dataclass
class Recording:
    commands: list[tuple[str, str, float]] = field(default_factory=list)  # (command, collection, seconds)
    sent: list[dict] = field(default_factory=list)  # the commands themselves, to explain a filter
    elapsed: float = 0.0
    # Names of threads whose commands are not this recording's (a process's background writers).
    excluded_threads: frozenset[str] = frozenset()

    def takes(self) -> bool:
        return threading.current_thread().name not in self.excluded_threads

    @property
    def names(self) -> list[str]:
        return [f"{name} {collection}".strip() for name, collection, _ in self.commands]

    def __len__(self) -> int:
        return len(self.commands)


class _Listener(monitoring.CommandListener):
    def __init__(self):
        self.recordings: list[Recording] = []
        self.lock = threading.Lock()
        self.targets: dict[int, str] = {}  # request id -> the collection the command names

    def started(self, event):
        if self.recordings and event.command_name not in IGNORED:
            value = event.command.get(event.command_name)
            if event.command_name == "bulkWrite":  # writes to several collections: name them all, in order
                value = ",".join(entry["ns"].partition(".")[2] for entry in event.command.get("nsInfo", ()))
            self.targets[event.request_id] = value if isinstance(value, str) else ""
            with self.lock:
                for recording in self.recordings:
                    if recording.takes():
                        recording.sent.append(dict(event.command))

    def succeeded(self, event):
        self._record(event)

    def failed(self, event):
        self._record(event)

    def _record(self, event):
        if event.command_name in IGNORED or not self.recordings:
            return
        target = self.targets.pop(event.request_id, "")
        with self.lock:
            for recording in self.recordings:
                if recording.takes():
                    recording.commands.append((event.command_name, target, event.duration_micros / 1e6))


_listener = _Listener()
_installed = False


def install() -> None:
    global _installed
    if not _installed:
        monitoring.register(_listener)
        _installed = True


@contextmanager
def recorded(*, excluding_threads: frozenset[str] = frozenset()):
    """Every MongoDB command any thread of this process sends inside the block, but those of the threads
    named in ``excluding_threads`` (PyMongo calls the listener in the thread that sends the command)."""
    if not _installed:
        raise RuntimeError("shared.testing.roundtrips.install() must run before the MongoDB client is made")
    recording = Recording(excluded_threads=excluding_threads)
    with _listener.lock:
        _listener.recordings.append(recording)
    started = time.perf_counter()
    try:
        yield recording
    finally:
        recording.elapsed = time.perf_counter() - started
        with _listener.lock:
            _listener.recordings.remove(recording)
