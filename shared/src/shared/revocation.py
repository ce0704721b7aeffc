"""Access tokens that stop working before they expire: ended sessions and a user's "not before".

Auth writes, the gateway (and any service that wants to) reads. One Redis
sorted set holds two kinds of members:

- ``s:<session id>``: the session (refresh-token family, the access token's
  ``sid`` claim) has ended; score = when.
- ``u:<user id>``: every token of the user issued before this second is void
  (deactivation, password change); score = that second.

A member only matters while a token issued before it can still be alive, so
each write prunes members older than ``retention`` (the access-token life
plus leeway): the set holds the last quarter hour's revocations, never more.
Every write is also published on ``CHANNEL`` so a gateway updates its local
copy and closes the revoked sessions' sockets at once (see ADR 0009).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping

KEY = "auth:revoked"
CHANNEL = "auth:revoked"


def session_member(session_id: str) -> str:
    return f"s:{session_id}"


def user_member(user_id: str) -> str:
    return f"u:{user_id}"


def is_revoked(entries: Mapping[str, float], *, user_id: str, session_id: str, issued_at: int) -> bool:
    """Whether a token with these claims is revoked, given the set's members and scores."""
    if session_id and session_member(session_id) in entries:
        return True
    not_before = entries.get(user_member(user_id))
    return not_before is not None and issued_at < not_before


def write(
    client, *, user_id: str, session_ids: Iterable[str] = (), not_before: int | None = None, retention: int
) -> None:
    """Record and announce revocations in one round trip (MULTI: set, prune, publish)."""
    now = time.time()
    session_ids = sorted(str(sid) for sid in session_ids)
    members = {session_member(sid): now for sid in session_ids}
    if not_before is not None:
        members[user_member(user_id)] = not_before
    if not members:
        return
    message = {"user_id": str(user_id), "sessions": session_ids, "not_before": not_before}
    pipe = client.pipeline(transaction=True)
    pipe.zadd(KEY, members)
    pipe.zremrangebyscore(KEY, "-inf", now - retention)
    pipe.publish(CHANNEL, json.dumps(message))
    pipe.execute()


def apply(entries: dict[str, float], message: bytes | str) -> str | None:
    """Fold one published message into a local copy; answers the user it concerns (None if unreadable)."""
    try:
        data = json.loads(message)
        user_id = str(data["user_id"])
        now = time.time()
        for sid in data.get("sessions") or ():
            entries[session_member(str(sid))] = now
        if data.get("not_before") is not None:
            member = user_member(user_id)
            entries[member] = max(float(data["not_before"]), entries.get(member, 0.0))
    except (ValueError, KeyError, TypeError):
        return None
    return user_id


def parse_members(pairs) -> dict[str, float]:
    """``ZRANGE ... WITHSCORES`` (bytes or str members) as a dict."""
    return {(member.decode() if isinstance(member, bytes) else member): float(score) for member, score in pairs}


class RevocationCheck:
    """A synchronous check for services that verify tokens themselves: one ZMSCORE per call."""

    def __init__(self, client):
        self.client = client

    def revoked(self, *, user_id: str, session_id: str, issued_at: int) -> bool:
        members = [session_member(session_id or "-"), user_member(user_id)]
        session_score, user_score = self.client.zmscore(KEY, members)
        return session_score is not None or (user_score is not None and issued_at < user_score)
