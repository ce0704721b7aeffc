"""Read-through Redis cache of profile views, dropped whenever a profile changes.

A profile is cached once, under its own id (seller) or account id (buyer);
usernames and account ids map to that key through small lookup entries that
never go stale (neither ever moves to another profile). So a change only has
to drop one key, and it drops it after the MongoDB transaction commits, so a
reader can never re-cache the old version from a write still in flight. The
TTL bounds how stale a profile can get if Redis missed a delete.
"""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from shared import mongo


def _timeout() -> int:
    return settings.USERS_PROFILE_CACHE_SECONDS


def seller_key(seller_id: str) -> str:
    return f"profiles:seller:{seller_id}"


def buyer_key(user_id: str) -> str:
    return f"profiles:buyer:{user_id}"


def lookup_key(kind: str, value: str) -> str:
    """``kind`` is e.g. ``seller-user`` or ``buyer-username``; the value points at a cached profile."""
    return f"profiles:lookup:{kind}:{value}"


def read_through(key: str, load: Callable[[], object | None]):
    """The cached value, or ``load()`` cached for next time (a miss, None, is never cached)."""
    value = cache.get(key)
    if value is None:
        value = load()
        if value is not None:
            cache.set(key, value, _timeout())
    return value


def drop_after_commit(*keys: str) -> None:
    mongo.on_commit(lambda: cache.delete_many(list(keys)))


def drop_seller(seller_id: str) -> None:
    drop_after_commit(seller_key(seller_id))


def drop_buyer(user_id: str) -> None:
    drop_after_commit(buyer_key(user_id))
