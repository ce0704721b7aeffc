"""``@consumes(Event)``: a small handler per event, run once per event id."""
from __future__ import annotations

import logging
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
    """Run every local handler of this event that has not run yet; returns how many ran."""
    payload, meta = parse_envelope(envelope)
    ran = 0
    for handler in HANDLERS.get(meta.name, []):
        if get_store().handle_once(meta.event_id, handler_name(handler), lambda h=handler: h(payload, meta)):
            ran += 1
        else:
            logger.info("event %s already handled by %s", meta.event_id, handler_name(handler))
    return ran
