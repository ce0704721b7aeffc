"""Fixed-window rate limits shared through Redis, with a short local tally in front of it.

Each process counts hits locally and adds them to the window's Redis counter
(one EVALSHA) at most every ``sync_interval`` seconds, and on every hit once
a key nears its limit; so the Redis round trip leaves the hot path while a
decision to refuse is always taken against Redis's total. Across processes a
client may get a few extra requests within one interval, never a multiple.

Redis being down must not take the public API down with it: the limiter
then keeps counting in this process alone, retries Redis after a pause, and
says so in the log (once per minute).
"""

from __future__ import annotations

import asyncio
import logging
import time

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger("gateway.ratelimit")

HIT_SCRIPT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""
REDIS_RETRY_PAUSE = 5.0
NEAR_LIMIT = 0.8  # from this share of the limit on, every hit is checked with Redis


class _Window:
    __slots__ = ("slot", "known", "pending", "synced_at")

    def __init__(self, slot: int):
        self.slot, self.known, self.pending, self.synced_at = slot, 0, 0, 0.0


class RateLimiter:
    def __init__(self, url: str, *, enabled: bool = True, prefix: str = "gw:rl", sync_interval: float = 0.05):
        self.url = url
        self.enabled = enabled
        self.prefix = prefix
        self.sync_interval = sync_interval
        self._clients: dict[int, tuple[asyncio.AbstractEventLoop, aioredis.Redis, object]] = {}
        self._windows: dict[tuple[str, str], _Window] = {}
        self._redis_down_until = 0.0
        self._last_warning = 0.0

    def client(self) -> aioredis.Redis:
        return self._entry()[1]

    def _entry(self):
        loop = asyncio.get_running_loop()
        entry = self._clients.get(id(loop))
        if entry is None or entry[0] is not loop:
            client = aioredis.Redis.from_url(self.url, socket_timeout=0.5, socket_connect_timeout=0.5)
            entry = self._clients[id(loop)] = (loop, client, client.register_script(HIT_SCRIPT))
        return entry

    async def hit(self, bucket: str, key: str, limit: int, window: int) -> int | None:
        """Count one request; answer the seconds to wait when over the limit, else None."""
        if not self.enabled:
            return None
        now = time.time()
        slot = int(now // window)
        tally = self._tally(bucket, key, slot)
        tally.pending += 1
        total = tally.known + tally.pending
        if now - tally.synced_at >= self.sync_interval or total >= limit * NEAR_LIMIT:
            total = await self._sync(bucket, key, tally, window, now)
        if total > limit:
            return max(1, int((slot + 1) * window - now + 0.999))
        return None

    def _tally(self, bucket: str, key: str, slot: int) -> _Window:
        tally = self._windows.get((bucket, key))
        if tally is None or tally.slot != slot:
            if len(self._windows) > 50_000:
                self._windows = {k: w for k, w in self._windows.items() if w.slot >= slot}
            tally = self._windows[(bucket, key)] = _Window(slot)
        return tally

    async def _sync(self, bucket: str, key: str, tally: _Window, window: int, now: float) -> int:
        if now < self._redis_down_until:
            return tally.known + tally.pending
        sending, tally.pending = tally.pending, 0
        try:
            count = await self._entry()[2](
                keys=[f"{self.prefix}:{bucket}:{key}:{tally.slot}"], args=[window + 1, sending]
            )
        except (TimeoutError, RedisError, OSError) as exc:
            tally.known += sending  # keep counting here while Redis is away
            self._redis_down_until = now + REDIS_RETRY_PAUSE
            self._warn(exc)
            return tally.known + tally.pending
        tally.known, tally.synced_at = int(count), now
        return tally.known + tally.pending

    def _warn(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning > 60:
            self._last_warning = now
            logger.warning(
                "Rate limiter cannot reach Redis (%s); counting in this process only.", exc.__class__.__name__
            )

    async def ping(self) -> bool:
        try:
            return bool(await self.client().ping())
        except (TimeoutError, RedisError, OSError):
            return False
