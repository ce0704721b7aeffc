"""The verified phone numbers auth tells us about (auth.phone.verified / auth.phone.removed)."""

from __future__ import annotations

from notifications.models import VerifiedPhone


def phone_remember(*, user_id: str, phone: str) -> VerifiedPhone:
    phone_row, _ = VerifiedPhone.objects.update_or_create(user_id=str(user_id), defaults={"phone": phone})
    return phone_row


def phone_forget(*, user_id: str) -> None:
    VerifiedPhone.objects.filter(user_id=str(user_id)).delete()
