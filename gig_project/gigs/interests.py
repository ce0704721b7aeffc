"""What each signed-in user showed interest in recently: the categories they searched, viewed and bought.

Kept per user in Redis (the reference design kept only the last category):
a short list, most recent first, each category once. Recording is a hint,
never a reason to fail the request that carries it.
"""

from __future__ import annotations

import logging
from functools import cache

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

KEPT = 5  # categories remembered per user


@cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.GIG_INTERESTS_REDIS_URL, decode_responses=True)


def _key(user_id: str) -> str:
    return f"{settings.GIG_INTERESTS_PREFIX}:{user_id}"


def interest_record(*, user_id: str, category: str | None) -> None:
    """Move ``category`` to the front of the user's recent categories."""
    if not user_id or not category:
        return
    key = _key(str(user_id))
    try:
        with _redis().pipeline(transaction=True) as pipe:
            pipe.lrem(key, 0, category)
            pipe.lpush(key, category)
            pipe.ltrim(key, 0, KEPT - 1)
            pipe.expire(key, settings.GIG_INTERESTS_TTL_SECONDS)
            pipe.execute()
    except redis.RedisError:
        logger.warning("could not remember category %s for user %s", category, user_id)


def interest_categories(*, user_id: str) -> list[str]:
    try:
        return _redis().lrange(_key(str(user_id)), 0, KEPT - 1)
    except redis.RedisError:
        logger.warning("recent categories of user %s unavailable; recommending top gigs", user_id)
        return []
