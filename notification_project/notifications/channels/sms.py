"""SMS: a provider interface, the Twilio adapter, and the local sink (one JSON file per message).

``NOTIFICATION_SMS_PROVIDER`` chooses: ``twilio`` (TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN, TWILIO_FROM) or ``sink`` (``<run dir>/sms/``, the default
locally, as the SMTP sink is for e-mail).
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings

from notifications.channels.base import PermanentFailure
from notifications.models import Delivery


class SmsProvider(Protocol):
    def send(self, *, to: str, body: str, kind: str) -> str:
        """Hand one message to the provider; answers its id."""


class SinkProvider:
    """Writes ``{"to", "body", "kind", "sent_at"}`` as one file, atomically (a reader never sees half)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def send(self, *, to: str, body: str, kind: str) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        sent_at = datetime.now(timezone.utc)
        message_id = f"{sent_at:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
        document = {"to": to, "body": body, "kind": kind, "sent_at": sent_at.isoformat()}
        partial = self.directory / f".{message_id}.tmp"
        partial.write_text(json.dumps(document))
        os.replace(partial, self.directory / f"{message_id}.json")
        return message_id


class TwilioProvider:
    """Twilio's Messages API through the official SDK."""

    def __init__(self, *, account_sid: str, auth_token: str, from_number: str, base_url: str = ""):
        from twilio.rest import Client

        self.client = Client(account_sid, auth_token)
        if base_url:  # a stand-in server that speaks Twilio's REST API (tests)
            self.client.api.base_url = base_url.rstrip("/")
        self.from_number = from_number

    def send(self, *, to: str, body: str, kind: str) -> str:
        from twilio.base.exceptions import TwilioRestException

        try:
            message = self.client.messages.create(to=to, from_=self.from_number, body=body)
        except TwilioRestException as exc:
            if exc.status and 400 <= exc.status < 500 and exc.status != 429:
                raise PermanentFailure(f"Twilio refused the message: {exc.status} {exc.msg}") from exc
            raise
        return message.sid


@cache
def sms_provider() -> SmsProvider:
    if settings.NOTIFICATION_SMS_PROVIDER == "twilio":
        return TwilioProvider(
            account_sid=settings.TWILIO_ACCOUNT_SID,
            auth_token=settings.TWILIO_AUTH_TOKEN,
            from_number=settings.TWILIO_FROM,
            base_url=settings.TWILIO_API_BASE_URL,
        )
    return SinkProvider(settings.NOTIFICATION_SMS_SINK_DIR)


class SmsSender:
    channel = "sms"

    def send(self, delivery: Delivery) -> None:
        sms_provider().send(to=delivery.target, body=delivery.content["body"], kind=delivery.kind)

    def forget(self, delivery: Delivery) -> None:
        pass  # an address or number is auth's to change, not ours
