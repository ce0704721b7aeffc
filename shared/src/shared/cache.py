"""Read-through caching of public reads in Redis that no write can leave stale.

A cached entry depends on one or more *generations*: Redis keys holding a
token that a write replaces (``bump``) once its transaction has committed.
The entry is stored with the tokens it was loaded under, and served only
while they are still the current ones. A read is one MGET (the generations
and the entry together); a write is one MSET of fresh tokens, and never has
to know which entries depend on what it changed.

Why tokens and not deletes: a reader that loaded the old state just before a
write committed would put it back after the writer's delete and keep it
there for the whole TTL. With tokens that reader stores it under the old
token, which nobody accepts after the bump. Why random tokens and not a
counter: a counter lost to eviction would restart and could meet an old
entry's number again.

The writer bumps after its commit and before it answers (or, in an event
handler, before the event is marked applied, ``shared.consistency``), so a
read that follows a write, its own or a read-your-writes wait, sees the new
state. The TTL only bounds what a lost bump (Redis away at that moment) could
leave behind. When Redis cannot be reached reads go to the store and writes
go on; the log says so once a minute.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache

logger = logging.getLogger("shared.cache")

GENERATION_PREFIX = "gen:"
_last_warning = 0.0


def _warn(what: str, exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        logger.warning("cache: %s (%s); going to the store", what, exc.__class__.__name__)


def generation_key(name: str) -> str:
    return GENERATION_PREFIX + name


def read_through(key: str, generations: Sequence[str], load: Callable[[], Any], timeout: int) -> Any:
    """The entry under ``key`` if it was stored under the current ``generations``, else ``load()`` (cached).

    A ``None`` from ``load`` (nothing there) is answered and never cached.
    """
    gen_keys = [generation_key(name) for name in generations]
    try:
        found = cache.get_many([*gen_keys, key])
    except Exception as exc:  # django-redis raises its client's errors: any of them means "no cache now"
        _warn("read failed", exc)
        return load()
    stamp = tuple(found.get(gen_key) for gen_key in gen_keys)
    entry = found.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
        return entry[1]
    value = load()
    if value is not None:
        try:
            cache.set(key, (stamp, value), timeout)
        except Exception as exc:
            _warn("write failed", exc)
    return value


def bump(*generations: str) -> None:
    """Make every entry that depends on these generations stale. Call it after the write commits."""
    if not generations:
        return
    try:
        cache.set_many({generation_key(name): uuid.uuid4().hex for name in generations}, timeout=None)
    except Exception as exc:
        logger.error(
            "cache: could not bump %s (%s); entries may stay stale up to their TTL",
            ", ".join(generations),
            exc.__class__.__name__,
        )
