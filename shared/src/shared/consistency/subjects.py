"""Pending events by subject, for the one chain that crosses users and carries money.

Read-your-writes is per user. But a seller publishes a gig or changes its
price, and a buyer, who sees the new gig and price on its page (served by gig
itself), asks order for a payment intent, which order prices from its own copy
of the gig (``gig.created``/``gig.updated``). That copy must not be behind the
gig's last committed event, or the buyer is told "no such gig" or charged the
old price.

The same holds for a user who has just signed up and is messaged at once by
someone else: chat knows usernames from ``auth.user.created``.

So the events in ``SUBJECTS`` are also kept, on commit, under their subject
(``ryw:subject:gig:<gig id>``, for ``CONSISTENCY_PENDING_SECONDS``), and a
read model's reader calls ``wait_for_subject("gig", gig_id)`` first: it waits,
bounded like any read-your-writes wait, for that gig's in-flight events this
service consumes. A request about any other gig finds nothing pending and
never waits for someone else's events; the cost is one Redis round trip.
"""

from __future__ import annotations

import time

from shared.consistency.marks import _ERRORS, _setting, _warn, applied_events, client
from shared.consistency.wire import consumed_by, parse_events

SUBJECTS: dict[str, tuple[str, str]] = {
    "gig.created": ("gig", "gig_id"),
    "gig.updated": ("gig", "gig_id"),
    "gig.deleted": ("gig", "gig_id"),
    # Someone messages a user who has just signed up: chat's directory learns them from this event.
    "auth.user.created": ("username", "username"),
}


def subject_key(kind: str, key: str) -> str:
    return f"ryw:subject:{kind}:{key.strip().lower()}"  # usernames are matched without case


def note_subject(envelope: dict) -> None:
    """On commit of an event that has a subject: keep it pending under that subject. Never raises."""
    subject = SUBJECTS.get(envelope["name"])
    if subject is None:
        return
    kind, field = subject
    ttl = int(_setting("CONSISTENCY_PENDING_SECONDS", 30))
    now = time.time()
    key = subject_key(kind, str(envelope["payload"].get(field, "")))
    try:
        pipe = client().pipeline(transaction=False)
        pipe.zadd(key, {f"{envelope['name']}={envelope['event_id']}": now + ttl})
        pipe.zremrangebyscore(key, "-inf", now)
        pipe.expire(key, ttl + 1)
        pipe.execute()
    except _ERRORS as exc:
        _warn("cannot keep an event under its subject", exc)


def wait_for_subject(kind: str, key: str, timeout: float | None = None) -> set[str]:
    """Wait until this service has applied the subject's in-flight events it consumes; returns those still missing."""
    service = _setting("SERVICE_NAME", "")
    try:
        members = client().zrangebyscore(subject_key(kind, key), time.time(), "+inf")
    except _ERRORS as exc:
        _warn("cannot read a subject's pending events", exc)
        return set()
    pairs = consumed_by(service, parse_events(",".join(member.decode() for member in members)))
    if not pairs:
        return set()
    bound = float(_setting("CONSISTENCY_WAIT_SECONDS", 2.0)) if timeout is None else timeout
    return applied_events(service).wait([event_id for _name, event_id in pairs], bound)
