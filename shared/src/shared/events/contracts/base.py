"""The machinery of event contracts: registration, the envelope, parsing."""
from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import ClassVar

from shared.requestid import current_request_id

REGISTRY: dict[str, type] = {}


def event(name: str, version: int = 1):
    """Register a payload class under its event name."""

    def register(cls):
        cls = dataclass(frozen=True, kw_only=True)(cls)
        cls.name, cls.version = name, version
        if name in REGISTRY:
            raise ValueError(f"event {name} declared twice")
        REGISTRY[name] = cls
        return cls

    return register


@dataclass(frozen=True)
class EventMeta:
    event_id: str
    name: str
    version: int
    occurred_at: str
    request_id: str


def make_envelope(payload) -> dict:
    """The wire form: id, name, version, time, request id and the payload as a dict."""
    return {
        "event_id": uuid.uuid4().hex,
        "name": payload.name,
        "version": payload.version,
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "request_id": current_request_id(),
        "payload": dataclasses.asdict(payload),
    }


def parse_envelope(envelope: dict):
    """The typed payload and its metadata; unknown fields from newer producers are ignored."""
    cls = REGISTRY[envelope["name"]]
    known = {field.name for field in dataclasses.fields(cls)}
    payload = cls(**{key: value for key, value in envelope["payload"].items() if key in known})
    meta = EventMeta(
        event_id=envelope["event_id"],
        name=envelope["name"],
        version=envelope["version"],
        occurred_at=envelope["occurred_at"],
        request_id=envelope.get("request_id", "-"),
    )
    return payload, meta


class _Contract:
    name: ClassVar[str]
    version: ClassVar[int]
