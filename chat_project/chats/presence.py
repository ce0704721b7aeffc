"""Who is online in chat, in Redis, so every chat process agrees and a crashed one cannot lie for long.

Each open socket is one member of the sorted set ``<prefix>:conn:<user_id>``,
scored by the moment it stops counting (now + ``CHAT_PRESENCE_TTL_SECONDS``);
its consumer renews it every third of that. A user is online while any member
of their set is still in the future, so
- several tabs: online until the last one closes (each is its own member);
- several chat processes: they all read and write the same sets;
- a process killed without closing its sockets: its members simply run out.
The connect and disconnect steps run as one MULTI/EXEC each, so of two tabs
opening (or closing) at once exactly one sees the transition and announces it.
``<prefix>:seen`` keeps when each user was last seen (connect, heartbeat, close).

A transition is pushed as ``{"type": "presence", "username", "online"}`` to
everyone the user has a conversation with (their most recent ones).
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timezone
from functools import cache

import redis
from asgiref.sync import sync_to_async
from django.conf import settings

from chats import realtime
from chats.documents import Conversation

logger = logging.getLogger(__name__)

PARTNERS_ANNOUNCED = 200


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.CHAT_PRESENCE_REDIS_URL)


def _connections_key(user_id: str) -> str:
    return f"{settings.CHAT_PRESENCE_PREFIX}:conn:{user_id}"


def _seen_key() -> str:
    return f"{settings.CHAT_PRESENCE_PREFIX}:seen"


def _ttl() -> float:
    return float(settings.CHAT_PRESENCE_TTL_SECONDS)


def _mark(pipe, user_id: str, connection: str, moment: float) -> None:
    pipe.zremrangebyscore(_connections_key(user_id), "-inf", moment)
    pipe.zadd(_connections_key(user_id), {connection: moment + _ttl()})
    pipe.expire(_connections_key(user_id), int(_ttl() * 2) + 1)
    pipe.hset(_seen_key(), user_id, str(moment))


def presence_connect(*, user_id: str, connection: str) -> bool:
    """Count one more open socket; True when the user was offline until now."""
    moment = time.time()
    with _redis().pipeline(transaction=True) as pipe:
        _mark(pipe, user_id, connection, moment)
        pipe.zcard(_connections_key(user_id))
        return pipe.execute()[-1] == 1


def presence_heartbeat(*, user_id: str, connection: str) -> None:
    with _redis().pipeline(transaction=True) as pipe:
        _mark(pipe, user_id, connection, time.time())
        pipe.execute()


def presence_disconnect(*, user_id: str, connection: str) -> bool:
    """Count one socket less; True when it was the user's last one."""
    moment = time.time()
    key = _connections_key(user_id)
    with _redis().pipeline(transaction=True) as pipe:
        pipe.zrem(key, connection)
        pipe.zremrangebyscore(key, "-inf", moment)
        pipe.zcard(key)
        pipe.hset(_seen_key(), user_id, str(moment))
        removed, _expired, left, _seen = pipe.execute()
    return removed == 1 and left == 0


def presence_of(*, user_ids: list[str]) -> dict[str, dict]:
    """``{user_id: {"online": bool, "last_seen_at": datetime | None}}`` in one round trip."""
    if not user_ids:
        return {}
    moment = time.time()
    try:
        with _redis().pipeline(transaction=False) as pipe:
            for user_id in user_ids:
                pipe.zcount(_connections_key(user_id), f"({moment}", "+inf")
            pipe.hmget(_seen_key(), user_ids)
            *counts, seen = pipe.execute()
    except redis.RedisError:
        logger.exception("presence: Redis unavailable; conversations listed as offline")
        return {}
    return {
        user_id: {
            "online": count > 0,
            "last_seen_at": datetime.fromtimestamp(float(at), tz=timezone.utc) if at else None,
        }
        for user_id, count, at in zip(user_ids, counts, seen)
    }


def presence_partners(*, user_id: str) -> list[str]:
    """The people ``user_id`` has conversations with, most recent first."""
    rows = Conversation.objects(participant_ids=user_id).order_by("-last_message_at").limit(PARTNERS_ANNOUNCED)
    return [other for row in rows.only("participant_ids") for other in row.participant_ids if other != user_id]


async def presence_announce(*, user_id: str, username: str, online: bool) -> None:
    partners = await sync_to_async(presence_partners, thread_sensitive=False)(user_id=user_id)
    frame = {"type": "presence", "username": username, "online": online}
    await realtime.push_async(user_ids=partners, kind="chat.presence", frame=frame)


class SocketPresence:
    """One socket's part in its user's presence: counted from connect to close, renewed meanwhile."""

    def __init__(self, *, user, connection: str) -> None:
        self.user, self.connection = user, connection
        self._heartbeat: asyncio.Task | None = None

    async def start(self) -> None:
        try:
            came_online = await sync_to_async(presence_connect, thread_sensitive=False)(
                user_id=self.user.id, connection=self.connection
            )
            if came_online:
                await presence_announce(user_id=self.user.id, username=self.user.username, online=True)
        except Exception:
            logger.exception("presence: could not mark %s online", self.user.id)
        self._heartbeat = asyncio.ensure_future(self._renew())

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(_ttl() / 3)
            try:
                await sync_to_async(presence_heartbeat, thread_sensitive=False)(
                    user_id=self.user.id, connection=self.connection
                )
            except Exception:
                logger.warning("presence: heartbeat of %s failed", self.user.id)

    async def stop(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            self._heartbeat = None
        try:
            went_offline = await sync_to_async(presence_disconnect, thread_sensitive=False)(
                user_id=self.user.id, connection=self.connection
            )
            if went_offline:
                await presence_announce(user_id=self.user.id, username=self.user.username, online=False)
        except Exception:
            logger.exception("presence: could not mark %s offline", self.user.id)
