"""The machinery of event contracts: registration, the envelope, validation, parsing.

An event is checked when it is published against what every consumer's store
takes (PostgreSQL refuses NUL, MariaDB columns have sizes, nobody wants
control characters in a notification): a bad value fails the request that
brought it, as a 422 naming the field, and never becomes a poison message
that consumers retry and park (docs/decisions/0010-durability.md).
"""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import ClassVar

from shared.errors import Rejected
from shared.requestid import current_request_id

REGISTRY: dict[tuple[str, int], type] = {}  # (name, version) -> the payload class

# C0 controls but tab, newline and carriage return; DEL and the C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_TEXT = 10_000  # characters of any one string
MAX_PAYLOAD_BYTES = 64 * 1024  # the whole payload as JSON
# What the consumers' columns hold (CharField(64) ids, 150-character usernames).
SUFFIX_LIMITS = (("_id", 64), ("username", 150))


class InvalidEvent(Rejected):
    """A payload no consumer could store: the request that made it is refused (422 at the edge)."""

    code = "invalid"


class UnknownEvent(ValueError):
    """An envelope this consumer cannot read (unknown name or version, broken shape): never retried."""


def event(name: str, version: int):
    """Register a payload class under its event name and version: ``@event("gig.created", version=1)``.

    A new version is a new class beside the old one (``GigCreatedV2``, same name,
    ``version=2``); a consumer accepts both while producers move over
    (``@consumes(GigCreated, GigCreatedV2)``), then the old one goes.
    """

    def register(cls):
        cls = dataclass(frozen=True, kw_only=True)(cls)
        cls.name, cls.version = name, version
        if not isinstance(version, int) or version < 1:
            raise ValueError(f"event {name}: version must be a positive int, not {version!r}")
        if (name, version) in REGISTRY:
            raise ValueError(f"event {name} v{version} declared twice")
        REGISTRY[(name, version)] = cls
        return cls

    return register


def versions_of(name: str) -> list[int]:
    """The versions of an event this code knows, oldest first."""
    return sorted(version for known, version in REGISTRY if known == name)


@dataclass(frozen=True)
class EventMeta:
    event_id: str
    name: str
    version: int
    occurred_at: str
    request_id: str


def _limit(field_name: str, contract) -> int:
    declared = getattr(contract, "limits", {}).get(field_name)
    if declared:
        return declared
    return next((size for suffix, size in SUFFIX_LIMITS if field_name.endswith(suffix)), MAX_TEXT)


def _problems(value, path: str, limit: int):
    if isinstance(value, str):
        if CONTROL.search(value):
            yield path, "Control characters (such as NUL) are not allowed."
        if len(value) > limit:
            yield path, f"Ensure this value has at most {limit} characters."
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _problems(str(key), f"{path}.{key}", MAX_TEXT)
            yield from _problems(item, f"{path}.{key}", MAX_TEXT)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _problems(item, f"{path}.{index}", limit)


def validate_payload(payload) -> dict:
    """The payload as a dict, or InvalidEvent naming each field a consumer's store would refuse."""
    data = dataclasses.asdict(payload)
    fields: dict[str, list[str]] = {}
    for name, value in data.items():
        for path, message in _problems(value, name, _limit(name, payload)):
            fields.setdefault(path, []).append(message)
    if fields:
        raise InvalidEvent("Some fields hold values that cannot be stored.", fields=fields)
    size = len(json.dumps(data, default=str).encode("utf-8"))
    if size > MAX_PAYLOAD_BYTES:
        raise InvalidEvent(f"The request is too large to be shared ({size} bytes, at most {MAX_PAYLOAD_BYTES}).")
    return data


def make_envelope(payload) -> dict:
    """The wire form: id, name, version, time, request id and the payload as a dict (validated)."""
    data = validate_payload(payload)
    return {
        "event_id": uuid.uuid4().hex,
        "name": payload.name,
        "version": payload.version,
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "request_id": current_request_id(),
        "payload": data,
    }


def parse_envelope(envelope: dict):
    """The typed payload and its metadata; unknown fields from newer producers are ignored.

    Raises UnknownEvent for what no retry can fix: an unknown name or a
    version this code does not declare, a missing field, a payload that is not an object.
    """
    try:
        return _parse(envelope)
    except UnknownEvent:
        raise
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise UnknownEvent(f"broken envelope: {exc!r}") from exc


def _parse(envelope: dict):
    name, version = envelope["name"], envelope["version"]
    cls = REGISTRY.get((name, version)) if isinstance(version, int) else None
    if cls is None:
        known = versions_of(name)
        if not known:
            raise UnknownEvent(f"unknown event {name!r}")
        raise UnknownEvent(f"unknown version {version!r} of {name} (this consumer reads versions {known})")
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
