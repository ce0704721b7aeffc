"""Web Push (W3C Push API): payloads encrypted for the browser (RFC 8291, aes128gcm) and signed
with our VAPID key (RFC 8292), through ``pywebpush``.

The endpoint is a URL this server will POST to, so only the known browser push
services are accepted (``NOTIFICATION_PUSH_ALLOWED_HOSTS``); local work may
also allow http on 127.0.0.0/8 so tests can run a push service of their own.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
from functools import cache
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from django.conf import settings

from notifications.channels.base import PermanentFailure, TargetGone
from notifications.models import Delivery, PushSubscription
from shared.keys import ensure_dev_keys, read_key


@cache
def vapid_private_pem() -> bytes:
    """``VAPID_PRIVATE`` (or ``VAPID_PRIVATE_FILE``) in production: a key that changed would orphan
    every browser's subscription. Locally it is made on first use, like the other local keys."""
    if not (os.environ.get("VAPID_PRIVATE") or os.environ.get("VAPID_PRIVATE_FILE")):
        ensure_dev_keys()
    return read_key("vapid_private").encode()


@cache
def vapid_public_key() -> str:
    """The applicationServerKey browsers subscribe with: the uncompressed P-256 point, base64url, unpadded."""
    key = serialization.load_pem_private_key(vapid_private_pem(), password=None)
    point = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def _host_allowed(host: str) -> bool:
    for allowed in settings.NOTIFICATION_PUSH_ALLOWED_HOSTS:
        allowed = allowed.lower()
        if allowed.startswith("*.") and host.endswith(allowed[1:]) and host != allowed[2:]:
            return True
        if host == allowed:
            return True
    return False


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network("127.0.0.0/8")
    except ValueError:
        return False


def endpoint_problem(endpoint: str) -> str | None:
    """Why this endpoint is refused, or None when we may call it."""
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return "Not a URL."
    if parts.username or parts.password:
        return "The endpoint may not carry credentials."
    if settings.NOTIFICATION_PUSH_ALLOW_LOCAL_HTTP and parts.scheme in ("http", "https") and _loopback(host):
        return None
    if parts.scheme != "https":
        return "The endpoint must be https."
    if not _host_allowed(host):
        return f"{host or 'This host'} is not a known push service."
    return None


def _vapid():
    from py_vapid import Vapid

    return Vapid.from_pem(vapid_private_pem())


class PushSender:
    channel = "push"

    def send(self, delivery: Delivery) -> None:
        from pywebpush import WebPushException, webpush

        subscription = PushSubscription.objects.filter(id=delivery.target).first()
        if subscription is None:
            raise TargetGone("The subscription was removed.")
        info = {"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}}
        try:
            webpush(
                subscription_info=info,
                data=json.dumps(delivery.content["payload"]),
                vapid_private_key=_vapid(),
                vapid_claims={"sub": settings.NOTIFICATION_VAPID_SUBJECT},
                content_encoding="aes128gcm",
                ttl=settings.NOTIFICATION_PUSH_TTL,
                timeout=settings.NOTIFICATION_PUSH_TIMEOUT,
            )
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                raise TargetGone(f"The push service answered {status}; subscription removed.") from exc
            if status is not None and 400 <= status < 500 and status != 429:
                raise PermanentFailure(f"The push service refused the message: {status}") from exc
            raise

    def forget(self, delivery: Delivery) -> None:
        """The browser unsubscribed: never call it again (runs outside the failed send's savepoint)."""
        PushSubscription.objects.filter(id=delivery.target).delete()
