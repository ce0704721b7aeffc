"""Applied marks: a consumer tells Redis it has applied an event; a waiting request hears it at once.

After ``dispatch`` has run every handler of an event (their writes and
processed-event records committed), the worker sets
``ryw:applied:<service>:<event id>`` (with a TTL) and publishes the id on
``ryw:applied:<service>``. A web process listens on its service's channel in
one background thread and remembers the ids it hears, so:

- a request whose pending ids this process has already heard of costs nothing;
- a request that must wait registers first, then reads the keys (one MGET):
  a mark made before it registered is read, one made after is heard. It
  wakes the moment the last one is heard; it also reads the keys again at
  growing intervals (50 ms doubling to 400 ms), which covers a message lost
  while the listener reconnects, without a tight loop;
- when Redis cannot be reached no mark can be made either, so nothing waits
  (the answer is as without this mechanism), and the log says so once a minute.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections import OrderedDict

import redis
from asgiref.sync import sync_to_async
from redis.exceptions import RedisError

logger = logging.getLogger("shared.consistency")

FIRST_RECHECK = 0.05
MAX_RECHECK = 0.4
KNOWN_LIMIT = 100_000  # applied ids one process remembers (about 10 MB at worst)
LISTENER_RETRY_PAUSE = 1.0
_ERRORS = (RedisError, OSError)


def _setting(name: str, default):
    from django.conf import settings

    return getattr(settings, name, default)


def redis_url() -> str:
    return _setting("CONSISTENCY_REDIS_URL", None) or _setting("REDIS_URL", "redis://127.0.0.1:6379/0")


def mark_key(service: str, event_id: str) -> str:
    return f"ryw:applied:{service}:{event_id}"


def channel_name(service: str) -> str:
    return f"ryw:applied:{service}"


_clients: dict[tuple[int, str], redis.Redis] = {}
_last_warning = 0.0


def client() -> redis.Redis:
    """One client (a thread-safe pool) per process and URL; a forked worker makes its own."""
    key = (os.getpid(), redis_url())
    if key not in _clients:
        _clients[key] = redis.Redis.from_url(key[1], socket_timeout=0.5, socket_connect_timeout=0.5)
    return _clients[key]


def _warn(what: str, exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        logger.warning("read-your-writes: %s (%s); answering without waiting", what, exc.__class__.__name__)


def mark_applied(event_id: str, service: str | None = None) -> None:
    """Called once this service has applied an event (again on a redelivery: harmless). Never raises."""
    service = service or _setting("SERVICE_NAME", "")
    ttl = int(_setting("CONSISTENCY_MARK_SECONDS", 600))
    try:
        pipe = client().pipeline(transaction=False)
        pipe.set(mark_key(service, event_id), b"1", ex=ttl)
        pipe.publish(channel_name(service), event_id)
        pipe.execute()
    except _ERRORS as exc:
        _warn("cannot mark an applied event", exc)


class _Waiter:
    __slots__ = ("ids", "remaining", "wake")

    def __init__(self, ids, wake):
        self.ids = tuple(ids)
        self.remaining = set(ids)
        self.wake = wake


class AppliedEvents:
    """What one web process knows about the events its service has applied, and who waits for which."""

    def __init__(self, service: str):
        self.service = service
        self._known: OrderedDict[str, None] = OrderedDict()
        self._waiters: dict[str, set[_Waiter]] = {}
        self._lock = threading.Lock()
        self._listener: threading.Thread | None = None
        self._listener_pid = 0

    def unknown(self, ids) -> list[str]:
        with self._lock:
            return [event_id for event_id in ids if event_id not in self._known]

    def heard(self, event_id: str) -> None:
        """Applied: remember it and wake whoever waited only for it and others already seen."""
        with self._lock:
            self._remember(event_id)
            for waiter in self._waiters.pop(event_id, ()):
                waiter.remaining.discard(event_id)
                if not waiter.remaining:
                    waiter.wake()

    def _remember(self, event_id: str) -> None:
        self._known[event_id] = None
        self._known.move_to_end(event_id)
        if len(self._known) > KNOWN_LIMIT:
            self._known.popitem(last=False)

    def register(self, waiter: _Waiter) -> None:
        self._ensure_listening()
        with self._lock:
            for event_id in waiter.remaining:
                self._waiters.setdefault(event_id, set()).add(waiter)

    def unregister(self, waiter: _Waiter) -> None:
        with self._lock:
            for event_id in waiter.ids:
                waiters = self._waiters.get(event_id)
                if waiters is not None:
                    waiters.discard(waiter)
                    if not waiters:
                        del self._waiters[event_id]

    def read_marks(self, waiter: _Waiter) -> None:
        """One MGET of the ids still missing; the marked ones are remembered. Raises when Redis is away."""
        with self._lock:
            ids = list(waiter.remaining)
        if not ids:
            return
        values = client().mget([mark_key(self.service, event_id) for event_id in ids])
        with self._lock:
            for event_id, value in zip(ids, values):
                if value is not None:
                    self._remember(event_id)
                    waiter.remaining.discard(event_id)

    def _ensure_listening(self) -> None:
        if self._listener is not None and self._listener.is_alive() and self._listener_pid == os.getpid():
            return
        with self._lock:
            if self._listener is not None and self._listener.is_alive() and self._listener_pid == os.getpid():
                return
            self._listener_pid = os.getpid()
            self._listener = threading.Thread(target=self._listen, name=f"ryw-listener-{self.service}", daemon=True)
            self._listener.start()

    def _listen(self) -> None:
        while True:
            connection = redis.Redis.from_url(redis_url(), socket_connect_timeout=2, health_check_interval=30)
            try:
                pubsub = connection.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(channel_name(self.service))
                for message in pubsub.listen():
                    if message.get("type") == "message":
                        self.heard(message["data"].decode())
            except _ERRORS as exc:
                _warn("the applied-events listener lost Redis", exc)
                time.sleep(LISTENER_RETRY_PAUSE)  # waiters meanwhile read the marks on their own schedule
            finally:
                connection.close()

    def wait(self, ids, timeout: float) -> set[str]:
        """Block until every id is applied or ``timeout`` passes; returns the ids still missing."""
        missing = self.unknown(ids)
        if not missing or timeout <= 0:
            return set(missing)
        woken = threading.Event()
        waiter = _Waiter(missing, woken.set)
        self.register(waiter)  # before reading the marks: nothing can fall between the two
        deadline, pause = time.monotonic() + timeout, FIRST_RECHECK
        try:
            while True:
                self.read_marks(waiter)
                left = deadline - time.monotonic()
                if not waiter.remaining or left <= 0:
                    return set(waiter.remaining)
                woken.wait(min(pause, left))
                pause = min(pause * 2, MAX_RECHECK)
                if not waiter.remaining:
                    return set()
        except _ERRORS as exc:
            _warn("cannot read applied marks", exc)
            return set(waiter.remaining)
        finally:
            self.unregister(waiter)

    async def wait_async(self, ids, timeout: float) -> set[str]:
        """The same wait without holding a thread: for a middleware that runs on the event loop."""
        missing = self.unknown(ids)
        if not missing or timeout <= 0:
            return set(missing)
        loop, woken = asyncio.get_running_loop(), asyncio.Event()
        waiter = _Waiter(missing, lambda: loop.call_soon_threadsafe(woken.set))
        self.register(waiter)
        deadline, pause = time.monotonic() + timeout, FIRST_RECHECK
        read = sync_to_async(self.read_marks, thread_sensitive=False)
        try:
            while True:
                await read(waiter)
                left = deadline - time.monotonic()
                if not waiter.remaining or left <= 0:
                    return set(waiter.remaining)
                try:
                    await asyncio.wait_for(woken.wait(), min(pause, left))
                except TimeoutError:
                    pass
                pause = min(pause * 2, MAX_RECHECK)
                if not waiter.remaining:
                    return set()
        except _ERRORS as exc:
            _warn("cannot read applied marks", exc)
            return set(waiter.remaining)
        finally:
            self.unregister(waiter)


_registries: dict[str, AppliedEvents] = {}
_registries_lock = threading.Lock()


def applied_events(service: str) -> AppliedEvents:
    with _registries_lock:
        if service not in _registries:
            _registries[service] = AppliedEvents(service)
        return _registries[service]
