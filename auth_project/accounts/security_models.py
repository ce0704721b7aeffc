"""Phone numbers, two-step sign-in and the browsers a user has proved (imported by ``models``).

Codes are 6 digits, so a plain hash could be reversed by trying all million:
they are kept as an HMAC keyed by the server's secret instead.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class PhoneNumber(models.Model):
    """The user's phone (E.164); ``verified_at`` is set once they typed the code we texted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="phone_number"
    )
    phone = models.CharField(max_length=16)
    verified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.phone} ({'verified' if self.verified else 'unverified'})"

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


def new_code_id() -> str:
    return uuid.uuid4().hex


class VerificationCode(models.Model):
    """A 6-digit code: expires, allows a few attempts, works once; a newer one replaces it."""

    class Purpose(models.TextChoices):
        PHONE = "phone"
        SIGNIN = "signin"

    id = models.CharField(primary_key=True, max_length=32, default=new_code_id, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verification_codes")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    channel = models.CharField(max_length=8, blank=True, default="", help_text="How a sign-in code was sent.")
    phone = models.CharField(max_length=16, blank=True, default="", help_text="The number a phone code proves.")
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "purpose"], name="accounts_code_user_purpose")]

    def __str__(self) -> str:
        return f"{self.purpose} code for user {self.user_id}"


class TwoStepSetting(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email"
        SMS = "sms"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="two_step"
    )
    enabled = models.BooleanField(default=False)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"two-step {'on' if self.enabled else 'off'} ({self.channel}) for user {self.user_id}"


class KnownDevice(models.Model):
    """A browser that completed a two-step sign-in: it holds the raw token in an HttpOnly cookie."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"known device of user {self.user_id}"
