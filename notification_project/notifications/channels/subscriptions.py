"""Browsers' push subscriptions: checked before we ever call them, owned by one user."""

from __future__ import annotations

import base64
import binascii

from django.db import transaction

from notifications.channels.push import endpoint_problem
from notifications.models import PushSubscription
from shared.errors import NotFound, ValidationFailed


def _decoded_length(value: str) -> int:
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return -1


def _check(*, endpoint: str, p256dh: str, auth: str) -> None:
    fields = {}
    problem = endpoint_problem(endpoint)
    if problem:
        fields["endpoint"] = [problem]
    if _decoded_length(p256dh) != 65 or not p256dh.startswith("B"):
        fields["keys.p256dh"] = ["Must be an uncompressed P-256 public key (65 bytes, base64url)."]
    if _decoded_length(auth) != 16:
        fields["keys.auth"] = ["Must be the 16-byte authentication secret, base64url."]
    if fields:
        raise ValidationFailed("This push subscription cannot be used.", "invalid_subscription", fields=fields)


def push_subscription_save(
    *, user_id: str, endpoint: str, p256dh: str, auth: str, expiration_time: int | None
) -> PushSubscription:
    """Save a browser's subscription.

    The same endpoint again (keys renewed, or another user on that browser) replaces it.
    """
    _check(endpoint=endpoint, p256dh=p256dh, auth=auth)
    with transaction.atomic():
        subscription, _ = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={
                "user_id": str(user_id),
                "p256dh": p256dh.rstrip("="),
                "auth": auth.rstrip("="),
                "expiration_time": expiration_time,
            },
        )
    return subscription


def push_subscription_delete(*, user_id: str, subscription_id: str) -> None:
    """Someone else's subscription answers 404, like one that does not exist."""
    deleted, _ = PushSubscription.objects.filter(id=subscription_id, user_id=str(user_id)).delete()
    if not deleted:
        raise NotFound("No such push subscription.", "subscription_not_found")
