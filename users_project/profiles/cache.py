"""Read-through Redis cache of profile views (the seller cards and buyers/me), made stale whenever a profile changes.

A profile is cached once, under its own id (seller) or account id (buyer);
usernames and account ids map to that key through small lookup entries that
never go stale (neither ever moves to another profile). So a change only has
to bump one generation (shared.cache), after the MongoDB transaction commits:
a reader that loaded the old version while the write was in flight stores it
under the old generation, which no later read accepts (a plain delete would
let it put the old version back). The TTL bounds how stale a profile can get
if Redis missed a bump. Keys are ``profiles:v2:``: the entries carry their
generation, so they must not meet an older checkout's plain entries in a shared Redis.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from shared import cache as versioned
from shared import mongo


def _timeout() -> int:
    return settings.USERS_PROFILE_CACHE_SECONDS


def seller_key(seller_id: str) -> str:
    return f"profiles:v2:seller:{seller_id}"


def buyer_key(user_id: str) -> str:
    return f"profiles:v2:buyer:{user_id}"


def lookup_key(kind: str, value: str) -> str:
    """``kind`` is e.g. ``seller-user`` or ``buyer-username``; the value points at a cached profile."""
    return f"profiles:v2:lookup:{kind}:{value}"


def read_through(key: str, load: Callable[[], object | None]):
    """The cached value, or ``load()`` cached for next time (a miss, None, is never cached).

    A profile entry is its own generation; a lookup entry never goes stale and has none.
    """
    generations = [] if key.startswith("profiles:v2:lookup:") else [key]
    return versioned.read_through(key, generations, load, _timeout())


def drop_after_commit(*keys: str) -> None:
    mongo.on_commit(lambda: versioned.bump(*keys))


def drop_seller(seller_id: str) -> None:
    drop_after_commit(seller_key(seller_id))


def drop_buyer(user_id: str) -> None:
    drop_after_commit(buyer_key(user_id))
