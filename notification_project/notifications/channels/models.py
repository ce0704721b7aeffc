"""What the channels need to remember: each send, each browser's push subscription, each user's
choices and verified phone. Imported by ``notifications.models`` so Django sees them."""

from __future__ import annotations

import uuid

from django.db import models


class Channel(models.TextChoices):
    EMAIL = "email"
    SMS = "sms"
    PUSH = "push"


class Delivery(models.Model):
    """One send on one channel: the record that makes a redelivered event send nothing twice.

    ``key`` names the send (event, recipient, kind, channel, and for push the
    subscription); it is unique, so planning the same send again finds this row
    instead of making a second. A failed row past its retries is the channel's
    dead letter: staff see it in the admin and can send it again.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        RETRYING = "retrying"
        SENT = "sent"
        FAILED = "failed"
        GONE = "gone", "gone (subscription removed)"

    key = models.CharField(max_length=255, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    kind = models.CharField(max_length=40, db_index=True)
    user_id = models.CharField(max_length=64, db_index=True)
    notification = models.ForeignKey(
        "notifications.Notification", null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    target = models.CharField(max_length=500, help_text="The address, phone number or push subscription id.")
    content = models.JSONField(default=dict, blank=True, help_text="What to send; emptied once a secret was sent.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    event_id = models.CharField(max_length=32, blank=True, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.channel} {self.kind} to {self.target}: {self.status}"


def new_subscription_id() -> str:
    return uuid.uuid4().hex


class PushSubscription(models.Model):
    """A browser's PushSubscription (W3C Push API): where to POST and the keys to encrypt for."""

    id = models.CharField(primary_key=True, max_length=32, default=new_subscription_id, editable=False)
    user_id = models.CharField(max_length=64, db_index=True)
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    expiration_time = models.BigIntegerField(
        null=True, blank=True, help_text="Milliseconds since the epoch, as browsers give it."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"push subscription {self.id} of user {self.user_id}"


class NotificationPreferences(models.Model):
    """Only what a user changed: ``{"<kind>": {"<channel>": bool}}``; everything else is the default."""

    user_id = models.CharField(max_length=64, primary_key=True)
    choices = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "notification preferences"

    def __str__(self) -> str:
        return f"preferences of user {self.user_id}"


class VerifiedPhone(models.Model):
    """A phone number auth told us the user proved (auth.phone.verified); SMS go only here."""

    user_id = models.CharField(max_length=64, primary_key=True)
    phone = models.CharField(max_length=20)
    verified_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.phone}"
