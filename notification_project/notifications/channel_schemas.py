from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator


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


class PreferencesIn(Schema):
    model_config = ConfigDict(extra="forbid")
    kinds: dict[str, KindChannelsIn] = Field(max_length=100)


class PublicKeyOut(Schema):
    public_key: str = Field(description="The VAPID applicationServerKey: an uncompressed P-256 point, base64url.")


class SubscriptionKeysIn(Schema):
    # p256dh: a 65-byte point (87 base64url chars); auth: 16 bytes (22 chars). Checked for real in the service.
    p256dh: str = Field(min_length=80, max_length=100, pattern=r"^[A-Za-z0-9_-]+={0,2}$")
    auth: str = Field(min_length=16, max_length=30, pattern=r"^[A-Za-z0-9_-]+={0,2}$")


class PushSubscriptionIn(Schema):
    endpoint: str = Field(min_length=10, max_length=1000)
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
