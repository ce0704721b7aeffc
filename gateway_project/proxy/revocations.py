"""Ended sessions, known to this gateway process without a round trip per request.

Auth records every ended session and user "not before" in one Redis sorted
set and publishes it on a channel (``shared.revocation``). Each gateway
process keeps a copy of the set in memory: it subscribes, then loads the
whole set (so nothing published while it was away is missed), then applies
each message as it arrives, and reloads every few minutes to drop old
members. A request's check is then two dict lookups.

Open sockets register here; a message about their user closes the revoked
ones at once. Push rather than a periodic check: a check every N seconds
would cost a Redis call per socket per interval and still leave N seconds.

If Redis is unreachable the copy stays as last loaded and the subscriber
retries; revocations made meanwhile apply once it is back (ADR 0009).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from shared import revocation
from shared.tokens import TokenUser

logger = logging.getLogger("gateway.revocations")

RELOAD_EVERY = 300.0
RETRY_PAUSE = 1.0
CLOSE_REVOKED = 4401


class Revocations:
    def __init__(self, url: str):
        self.url = url
        self.entries: dict[str, float] = {}
        self.live = False
        self._task: asyncio.Task | None = None
        self._ready: asyncio.Event | None = None
        self._loaded_at = 0.0
        self._sockets: dict[str, dict[int, tuple[TokenUser, asyncio.Event]]] = {}

    def revoked(self, user: TokenUser) -> bool:
        if self._task is None:
            self._start_lazily()  # served without a lifespan startup (some test harnesses)
        return revocation.is_revoked(
            self.entries, user_id=user.id, session_id=user.session_id, issued_at=user.issued_at
        )

    # The subscriber --------------------------------------------------------------------------

    async def start(self, wait: float = 2.0) -> None:
        """Subscribe and load (waiting up to ``wait`` s for the first load); idempotent."""
        self.ensure_started()
        try:
            await asyncio.wait_for(self._ready.wait(), wait)
        except TimeoutError:
            logger.warning("Revocation list not loaded yet (Redis slow or down); retrying in the background.")

    def _start_lazily(self) -> None:
        try:
            self.ensure_started()
        except RuntimeError:
            pass  # no running loop: nothing to subscribe with

    def ensure_started(self) -> None:
        if self._task is None or self._task.done():
            self._ready = asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        while True:
            client = aioredis.Redis.from_url(self.url, socket_connect_timeout=1.0)
            try:
                await self._follow(client)
            except (TimeoutError, RedisError, OSError) as exc:
                if self.live:
                    logger.warning("Lost the revocation channel (%s); reconnecting.", exc.__class__.__name__)
                self.live = False
            except Exception:  # never let a surprise end the subscription for the process's life
                logger.exception("The revocation subscriber failed; restarting it.")
                self.live = False
            finally:
                await client.aclose()
            await asyncio.sleep(RETRY_PAUSE)

    async def _follow(self, client) -> None:
        async with client.pubsub() as pubsub:
            await pubsub.subscribe(revocation.CHANNEL)
            await self._load(client)
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=RELOAD_EVERY / 10)
                if message is not None and message["type"] == "message":
                    user_id = revocation.apply(self.entries, message["data"])
                    if user_id is not None:
                        self._close_revoked(user_id)
                if time.monotonic() - self._loaded_at > RELOAD_EVERY:
                    await self._load(client)

    async def _load(self, client) -> None:
        # Subscribed first, loaded second: a revocation lands in the load, the channel, or both.
        # Messages that arrive meanwhile wait in the subscription and are applied after this.
        self.entries = revocation.parse_members(await client.zrange(revocation.KEY, 0, -1, withscores=True))
        self._loaded_at = time.monotonic()
        self.live = True
        self._ready.set()
        for user_id in list(self._sockets):
            self._close_revoked(user_id)

    # Open sockets ----------------------------------------------------------------------------

    def _close_revoked(self, user_id: str) -> None:
        for user, ended in list(self._sockets.get(user_id, {}).values()):
            if self.revoked(user):
                ended.set()

    async def wait_revoked(self, user: TokenUser) -> None:
        """Returns when this user's session (or every token of theirs) is revoked."""
        ended = asyncio.Event()
        watchers = self._sockets.setdefault(user.id, {})
        watchers[id(ended)] = (user, ended)
        try:
            if self.revoked(user):
                return
            await ended.wait()
        finally:
            watchers.pop(id(ended), None)
            if not watchers:
                self._sockets.pop(user.id, None)


async def close_when_revoked(revocations: Revocations, user: TokenUser, close: Callable[[int, str], Awaitable]) -> None:
    """A socket's companion task: close it with 4401 ``token_revoked`` as soon as its session ends."""
    await revocations.wait_revoked(user)
    await close(CLOSE_REVOKED, "token_revoked")


def socketio_closer(server, sid: str) -> Callable[[int, str], Awaitable]:
    """Socket.IO has no close codes: the client hears ``session.revoked`` with the code, then the disconnect."""

    async def close(code: int, reason: str) -> None:
        await server.emit("session.revoked", {"code": reason, "close_code": code}, to=sid)
        await server.disconnect(sid)

    return close
