from __future__ import annotations

import re
from datetime import datetime

from django.conf import settings
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from notifications.channels.kinds import CHANNELS, KINDS


class KindChannelsOut(Schema):
    email: bool
    sms: bool
    push: bool
    locked: bool


class ReachableOut(Schema):
    email: bool
    sms: bool
    push: bool


class PreferencesOut(Schema):
    kinds: dict[str, KindChannelsOut]
    reachable: ReachableOut = Field(
        description="Channels that can reach you now: an e-mail known, a verified phone, a subscribed browser."
    )


class KindChannelsIn(Schema):
    """Only the channels named change; ``locked`` is read-only (echoing it back is harmless)."""

    model_config = ConfigDict(extra="forbid")
    email: bool | None = None
    sms: bool | None = None
    push: bool | None = None
    locked: bool | None = None


def _kinds_rule() -> dict:
    """preferences._refusals: the kinds that exist, and a locked kind's channels only as they are (422 naming it)."""

    def locked(defaults: dict) -> dict:
        channels = {channel: {"enum": [defaults[channel], None]} for channel in CHANNELS}
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": {**channels, "locked": {"type": ["boolean", "null"]}},
        }

    return {
        "propertyNames": {"enum": sorted(KINDS)},
        "properties": {
            kind: locked(kind_defaults.as_dict()) for kind, kind_defaults in KINDS.items() if kind_defaults.locked
        },
    }


class PreferencesIn(Schema):
    model_config = ConfigDict(extra="forbid")
    kinds: dict[str, KindChannelsIn] = Field(max_length=100, json_schema_extra=_kinds_rule())


class PublicKeyOut(Schema):
    public_key: str = Field(description="The VAPID applicationServerKey: an uncompressed P-256 point, base64url.")


# subscriptions._check: p256dh decodes to 65 bytes beginning 0x04 (87 base64url characters, the first "B"), auth to 16
# bytes (22 characters); push.endpoint_problem: https on a known push service, no credentials.
P256DH_RULE = r"^B[A-Za-z0-9_-]{86}={0,2}$"
AUTH_SECRET_RULE = r"^[A-Za-z0-9_-]{22}={0,2}$"


def _host_rule(allowed: str) -> str:
    if allowed.startswith("*."):
        return r"[a-z0-9-]+(\.[a-z0-9-]+)*" + re.escape(allowed[1:].lower())
    return re.escape(allowed.lower())


def endpoint_rule() -> str:
    """The endpoints push.endpoint_problem takes, as the document states them (settings' hosts, default port)."""
    hosts = "|".join(_host_rule(host) for host in settings.NOTIFICATION_PUSH_ALLOWED_HOSTS)
    return rf"^https://({hosts})([/?#][^\s\x00-\x1f\x7f]*)?$"


class SubscriptionKeysIn(Schema):
    # Parsed loosely (a 422 for what is not base64url at all), checked exactly in the service (400 naming the key);
    # the document states the exact rule.
    p256dh: str = Field(
        min_length=80,
        max_length=100,
        pattern=r"^[A-Za-z0-9_-]+={0,2}$",
        json_schema_extra={"pattern": P256DH_RULE, "minLength": 87, "maxLength": 89},
    )
    auth: str = Field(
        min_length=16,
        max_length=30,
        pattern=r"^[A-Za-z0-9_-]+={0,2}$",
        json_schema_extra={"pattern": AUTH_SECRET_RULE, "minLength": 22, "maxLength": 24},
    )


class PushSubscriptionIn(Schema):
    endpoint: str = Field(
        min_length=10,
        max_length=1000,
        json_schema_extra={"pattern": endpoint_rule()},
        description="https on a known push service (NOTIFICATION_PUSH_ALLOWED_HOSTS); a deployment with "
        "NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP also takes http(s) on 127.0.0.0/8.",
    )
    expirationTime: int | None = Field(None, ge=0)
    keys: SubscriptionKeysIn

    @field_validator("endpoint")
    @classmethod
    def _no_spaces(cls, value: str) -> str:
        if any(char.isspace() for char in value):
            raise ValueError("Not a URL.")
        return value


class PushSubscriptionOut(Schema):
    id: str
    endpoint: str
    expirationTime: int | None = Field(None, alias="expiration_time")
    created_at: datetime
