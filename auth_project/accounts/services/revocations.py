"""Telling the gateway (and anyone verifying access tokens) that sessions ended: shared.revocation in Redis.

Written after the database commits, so a rolled-back signout revokes nothing;
the caller's answer leaves only after the write, so by the time a client
hears "signed out" every gateway process has been told (ADR 0009).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache

import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shared import revocation

logger = logging.getLogger("accounts.revocations")


@cache
def _client() -> redis.Redis:
    return redis.Redis.from_url(settings.REVOCATION_REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def retention() -> int:
    """How long an entry matters: as long as an access token issued just before it may live."""
    jwt = settings.SIMPLE_JWT
    return int(jwt["ACCESS_TOKEN_LIFETIME"].total_seconds()) + int(jwt["LEEWAY"]) + 60


def _write(*, user_id: str, session_ids: list[str], not_before: int | None) -> None:
    try:
        revocation.write(
            _client(), user_id=user_id, session_ids=session_ids, not_before=not_before, retention=retention()
        )
    except redis.RedisError:
        # The database already says the session ended (refresh is refused); the access token
        # then lives on until it expires. Loud, because that is the gap this list closes.
        logger.exception("Could not record revoked sessions %s of user %s in Redis", session_ids, user_id)


def revoke_sessions(*, user_id, session_ids: Iterable[str], whole_user: bool = False) -> None:
    """After commit: these sessions' access tokens (and, if ``whole_user``, every older one) stop working."""
    session_ids = [str(sid) for sid in session_ids]
    # Whole seconds, as in the tokens' iat: a token minted in this second after the revocation
    # stays valid; one minted in it before is caught by its session id.
    not_before = int(timezone.now().timestamp()) if whole_user else None
    transaction.on_commit(lambda: _write(user_id=str(user_id), session_ids=session_ids, not_before=not_before))
