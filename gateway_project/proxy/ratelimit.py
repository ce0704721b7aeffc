"""Fixed-window rate limits in Redis: one pipelined INCR+EXPIRE per request.

Redis being down must not take the public API down with it: the limiter then
lets requests through and says so in the log (once per minute per process).
"""
from __future__ import annotations

import asyncio
import logging
import time

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger("gateway.ratelimit")


class RateLimiter:
    def __init__(self, url: str, *, enabled: bool = True, prefix: str = "gw:rl"):
        self.url = url
        self.enabled = enabled
        self.prefix = prefix
        self._clients: dict[int, tuple[asyncio.AbstractEventLoop, aioredis.Redis]] = {}
        self._last_warning = 0.0

    def client(self) -> aioredis.Redis:
        loop = asyncio.get_running_loop()
        entry = self._clients.get(id(loop))
        if entry is None or entry[0] is not loop:
            client = aioredis.Redis.from_url(self.url, socket_timeout=0.5, socket_connect_timeout=0.5)
            entry = self._clients[id(loop)] = (loop, client)
        return entry[1]

    async def hit(self, bucket: str, key: str, limit: int, window: int) -> int | None:
        """Count one request; answer the seconds to wait when over the limit, else None."""
        if not self.enabled:
            return None
        now = time.time()
        slot = int(now // window)
        redis_key = f"{self.prefix}:{bucket}:{key}:{slot}"
        try:
            pipe = self.client().pipeline(transaction=False)
            pipe.incr(redis_key)
            pipe.expire(redis_key, window + 1, nx=True)
            count, _ = await pipe.execute()
        except (RedisError, OSError, asyncio.TimeoutError) as exc:
            self._warn(exc)
            return None
        if count > limit:
            return max(1, int((slot + 1) * window - now + 0.999))
        return None

    def _warn(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning > 60:
            self._last_warning = now
            logger.warning("Rate limiter cannot reach Redis (%s); letting requests through.", exc.__class__.__name__)

    async def ping(self) -> bool:
        try:
            return bool(await self.client().ping())
        except (RedisError, OSError, asyncio.TimeoutError):
            return False
