"""What one chat process learned that never changes, kept for the others in Redis.

A pair's conversation id and a user's directory entry are learned by each process on its first
message and remembered in its memory (services/messages.py, services/users.py). Learned by one
process, they are put here too, so every other process (and a restarted one) reads them from Redis
instead of from MongoDB: a fraction of a millisecond instead of a store round trip, which on the
stand-in under load was a sixth of a message's time. Redis is an aid, never a source: when it does
not answer, the process reads the store as before.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

PREFIX = "memory:"
LIFETIME = 7 * 24 * 3600  # the facts never change; the lifetime only bounds what Redis keeps


def recall(key: str) -> str | None:
    try:
        return cache.get(PREFIX + key)
    except Exception:
        logger.warning("shared memory unavailable; reading the store", exc_info=True)
        return None


def remember(key: str, value: str) -> None:
    try:
        cache.set(PREFIX + key, value, LIFETIME)
    except Exception:
        logger.warning("shared memory unavailable; %s kept in this process only", key, exc_info=True)


def forget(key: str | None = None) -> None:
    """One fact (a remembered conversation the database lost), or all of them (tests empty the database)."""
    try:
        if key is None:
            cache.delete_pattern(PREFIX + "*")  # type: ignore[attr-defined]  # django-redis's, not BaseCache's
        else:
            cache.delete(PREFIX + key)
    except Exception:
        logger.warning("shared memory unavailable; could not forget %s", key or "everything", exc_info=True)
