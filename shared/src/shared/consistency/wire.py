"""The two headers and their one format: ``<event name>=<event id>`` pairs separated by commas."""

from __future__ import annotations

import re

PUBLISHED_HEADER = "X-Events-Published"  # service -> gateway: events this request committed
PENDING_HEADER = "X-Events-Pending"  # gateway -> service: this user's events still possibly in flight
PENDING_META_KEY = "HTTP_X_EVENTS_PENDING"
MAX_EVENTS = 50  # a header never grows without bound, whatever a caller sends

_PAIR = re.compile(r"^([a-z][a-z0-9_.]{0,99})=([0-9a-f]{8,64})$")


def format_events(pairs) -> str:
    return ",".join(f"{name}={event_id}" for name, event_id in pairs)


def parse_events(text: str | None) -> list[tuple[str, str]]:
    """The well-formed pairs of a header value, in order, without repeats; malformed ones are skipped."""
    if not text:
        return []
    pairs: dict[str, str] = {}
    for part in text.split(","):
        match = _PAIR.match(part.strip())
        if match and match.group(2) not in pairs:
            pairs[match.group(2)] = match.group(1)
            if len(pairs) == MAX_EVENTS:
                break
    return [(name, event_id) for event_id, name in pairs.items()]


def consumed_by(service: str, pairs) -> list[tuple[str, str]]:
    """Only the events ``service`` consumes: a service never waits for anything else.

    A process knows the handlers of its own service only (the gateway sends every service all of a
    user's pending events, and each keeps its own), so for any other service the answer is none.
    """
    from django.conf import settings

    from shared.events.consumers import consumed_names  # here: shared.events imports this package

    if service != settings.SERVICE_NAME:
        return []
    names = consumed_names()
    return [(name, event_id) for name, event_id in pairs if name in names]
