"""Counting failures in Redis (Django's cache) to lock out guessing."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from accounts.errors import TooManyAttempts


def _login_key(login: str) -> str:
    # Hashed so raw logins (e-mails) never sit in Redis keys.
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:40]


def _signin_limits(*, login: str, client_ip: str) -> list[tuple[str, int]]:
    key = _login_key(login)
    return [
        (f"signin-fail:{key}:{client_ip}", settings.AUTH_SIGNIN_MAX_FAILURES),
        (f"signin-fail:{key}", settings.AUTH_SIGNIN_MAX_FAILURES_PER_ACCOUNT),
    ]


def counter_check(*, key: str, limit: int, detail: str) -> None:
    if cache.get(key, 0) >= limit:
        raise TooManyAttempts(wait=cache.ttl(key) or 1, detail=detail)


def counter_increment(*, key: str, window: int) -> int:
    # The window starts at the first failure (add is a no-op when the key exists).
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


SIGNIN_LOCKED = "Too many failed sign-ins. Try again later."


def signin_lockout_check(*, login: str, client_ip: str) -> None:
    for key, limit in _signin_limits(login=login, client_ip=client_ip):
        counter_check(key=key, limit=limit, detail=SIGNIN_LOCKED)


def signin_failure_record(*, login: str, client_ip: str) -> None:
    for key, _limit in _signin_limits(login=login, client_ip=client_ip):
        counter_increment(key=key, window=settings.AUTH_SIGNIN_LOCKOUT_WINDOW)


def signin_failures_clear(*, login: str, client_ip: str) -> None:
    cache.delete_many([key for key, _limit in _signin_limits(login=login, client_ip=client_ip)])


def cooldown_start(*, key: str) -> bool:
    """True when no e-mail of this kind went out within the cooldown; starts a new one."""
    return cache.add(f"cooldown:{key}", 1, timeout=settings.AUTH_EMAIL_COOLDOWN)


def cooldown_remaining(*, key: str) -> int:
    return cache.ttl(f"cooldown:{key}") or 0
