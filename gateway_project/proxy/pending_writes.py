"""The gateway side of read-your-writes (docs/decisions/0006-read-your-writes.md).

A service's answer names the events its write committed (``X-Events-Published``).
The gateway strips that header, keeps the events for the signed-in user in a
Redis sorted set ``gw:ryw:<user id>`` (member ``name=id``, score = when it
stops being pending, ``CONSISTENCY_PENDING_SECONDS`` later), and sets a small
hint cookie for as long. On that user's later requests it sends the user's
pending events (at most ``MAX_EVENTS``) in ``X-Events-Pending`` to whichever
service the request goes to; that service keeps those its own handlers consume
and waits until it has applied them. The gateway cannot know who consumes what
without importing the services, so it does not try: a consumer is declared in
its own project only.

Why per user in Redis and not the ids in a cookie: two writes in flight at
once would each answer a cookie and the browser keeps only the last, losing
the other's ids; a sorted set takes both. Why the hint cookie: a request
without it (everyone who has not written in the last seconds, i.e. almost
all traffic) costs no Redis round trip at all. Losing the cookie costs only
the client that dropped it; forging it only makes one's own requests look up
one's own (verified) user key.
"""

from __future__ import annotations

import asyncio
import logging
import time

from redis.exceptions import RedisError

from proxy.cookies import pending_cookie
from proxy.gateway import Gateway
from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse
from shared.consistency.wire import MAX_EVENTS, PENDING_HEADER, format_events, parse_events

logger = logging.getLogger("gateway.consistency")

HINT_COOKIE = "pending_writes"
PUBLISHED = b"x-events-published"
_ERRORS = (RedisError, OSError, asyncio.TimeoutError)
_last_warning = 0.0


def user_key(user_id: str) -> str:
    return f"gw:ryw:{user_id}"


def _warn(exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        logger.warning(
            "read-your-writes: Redis unreachable (%s); requests go on without pending events", exc.__class__.__name__
        )


async def pending_header(gateway: Gateway, request: GatewayRequest) -> tuple[str, str] | None:
    """``X-Events-Pending`` for this request, or None (no Redis round trip unless the user wrote lately)."""
    if request.user is None or HINT_COOKIE not in request.cookies:
        return None
    try:
        members = await gateway.limiter.client().zrangebyscore(user_key(request.user.id), time.time(), "+inf")
    except _ERRORS as exc:
        _warn(exc)
        return None
    pairs = parse_events(",".join(member.decode() for member in members))  # the service keeps what it consumes
    return (PENDING_HEADER, format_events(pairs)) if pairs else None


def take_published(response: GatewayResponse) -> list[tuple[str, str]]:
    """Move the service's ``X-Events-Published`` from the answer's headers onto the response object."""
    kept, found = [], []
    for key, value in response.headers:
        if key == PUBLISHED:
            found += parse_events(value.decode("latin-1"))
        else:
            kept.append((key, value))
    if found:
        response.headers = kept
        response.published_events = found
    return found


async def remember(gateway: Gateway, user_id: str | None, pairs) -> list[tuple[bytes, bytes]]:
    """Keep the events as pending for the user; answers the hint cookie to set (none when nothing was kept)."""
    if not pairs or not user_id:
        return []
    ttl = gateway.config.pending_writes_seconds
    now = time.time()
    key = user_key(user_id)
    try:
        pipe = gateway.limiter.client().pipeline(transaction=False)
        pipe.zadd(key, {f"{name}={event_id}": now + ttl for name, event_id in pairs})
        pipe.zremrangebyscore(key, "-inf", now)
        pipe.zremrangebyrank(key, 0, -MAX_EVENTS - 1)  # a busy writer keeps its newest events only
        pipe.expire(key, ttl + 1)
        await pipe.execute()
    except _ERRORS as exc:
        _warn(exc)
        return []
    return [pending_cookie(gateway.config, HINT_COOKIE, ttl)]


async def after_forward(gateway: Gateway, request: GatewayRequest, response: GatewayResponse) -> None:
    pairs = take_published(response)
    if pairs and request.user is not None:
        response.headers.extend(await remember(gateway, request.user.id, pairs))
