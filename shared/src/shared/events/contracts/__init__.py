"""Every event the services exchange, declared once, in the module of the domain that publishes it.

A contract is a frozen dataclass with a name (``<service>.<subject>.<past
action>``) and a version (``@event("gig.created", version=1)``); payloads hold
ids and primitives only (money as a decimal string). Producers build the
dataclass, consumers receive it, so the two cannot drift. A contract added to
one of the modules below is exported here without further edits; which
services consume it follows from their ``@consumes`` handlers (each
service binds its own queue to them, ``shared.events.topology``).
"""

from shared.events.contracts.auth import *  # noqa: F403 - every contract of the module, no list to keep
from shared.events.contracts.base import REGISTRY, EventMeta, event, make_envelope, parse_envelope
from shared.events.contracts.chat import *  # noqa: F403
from shared.events.contracts.gigs import *  # noqa: F403
from shared.events.contracts.orders import *  # noqa: F403
from shared.events.contracts.reviews import *  # noqa: F403
from shared.events.contracts.users import *  # noqa: F403

__all__ = [
    "REGISTRY",
    "EventMeta",
    "event",
    "make_envelope",
    "parse_envelope",
    *sorted({cls.__name__ for cls in REGISTRY.values() if cls.__module__.startswith(__name__)}),
]
