"""``@consumes(Event)``: a small handler per event, run once per event id."""
from __future__ import annotations

import logging
from functools import partial
from typing import Callable

from shared.events.contracts import parse_envelope
from shared.events.stores import get_store

logger = logging.getLogger("shared.events")

HANDLERS: dict[str, list[Callable]] = {}


def consumes(event_class):
    """Register ``handler(event, meta)`` for one event contract."""

    def register(handler):
        HANDLERS.setdefault(event_class.name, []).append(handler)
        handler.consumed_event = event_class.name
        return handler

    return register


def handler_name(handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def dispatch(envelope: dict) -> int:
    """Run every local handler of this event that has not run yet; returns how many ran.

    One handler's failure does not hold back the others: those that succeed are
    recorded, the failure is raised afterwards, and the retry runs only what failed.
    """
    payload, meta = parse_envelope(envelope)
    steps = [(handler_name(handler), partial(handler, payload, meta)) for handler in HANDLERS.get(meta.name, [])]
    return get_store().run_handlers(meta.event_id, steps)
