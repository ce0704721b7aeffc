"""A phone number the user proves with a texted code; only a proved number gets SMS.

The code travels on ``auth.phone.verification_requested``, consumed only by
notification (docs/decisions/0005); notification learns the proved number
from ``auth.phone.verified`` and forgets it on ``auth.phone.removed``.
"""

from __future__ import annotations

import phonenumbers
from django.db import transaction
from django.utils import timezone

from accounts.errors import TooManyAttempts
from accounts.models import PhoneNumber, TwoStepSetting, User, VerificationCode
from accounts.services.attempts import cooldown_remaining, cooldown_start
from accounts.services.codes import code_consume, code_issue
from shared.errors import Conflict, ValidationFailed
from shared.events import publish
from shared.events.contracts import PhoneRemoved, PhoneVerificationRequested, PhoneVerified

PHONE = VerificationCode.Purpose.PHONE


def phone_normalize(raw: str) -> str:
    """E.164 (``+4791234567``) of a valid number, or a 400 naming ``phone``."""
    problem = "Enter the number in international format, e.g. +4791234567."
    if not raw.strip().startswith("+"):
        raise ValidationFailed(problem, "invalid_phone", fields={"phone": [problem]})
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException as exc:
        raise ValidationFailed(problem, "invalid_phone", fields={"phone": [problem]}) from exc
    if not phonenumbers.is_valid_number(number):
        detail = "This is not a valid phone number."
        raise ValidationFailed(detail, "invalid_phone", fields={"phone": [detail]})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _two_step_by_sms(user: User) -> bool:
    return TwoStepSetting.objects.filter(user=user, enabled=True, channel=TwoStepSetting.Channel.SMS).exists()


def phone_verification_request(*, user: User, phone: str) -> PhoneNumber:
    """Set the user's number (unverified until the code comes back) and text a code to it."""
    phone = phone_normalize(phone)
    current = PhoneNumber.objects.filter(user=user).first()
    if current and current.verified and current.phone != phone and _two_step_by_sms(user):
        raise Conflict(
            "Two-step sign-in sends codes to your current number: switch it to e-mail first.", "two_step_uses_phone"
        )
    key = f"phone:{user.pk}"
    if not cooldown_start(key=key):
        raise TooManyAttempts(
            wait=cooldown_remaining(key=key), detail="A code was just sent. Wait a moment before asking again."
        )
    with transaction.atomic():
        was_verified = bool(current and current.verified and current.phone != phone)
        number, _ = PhoneNumber.objects.update_or_create(
            user=user,
            defaults={
                "phone": phone,
                "verified_at": current.verified_at if current and current.phone == phone else None,
            },
        )
        if was_verified:
            publish(PhoneRemoved(user_id=str(user.pk)))  # SMS stop going to the old number now
        _, raw = code_issue(user=user, purpose=PHONE, phone=phone)
        publish(PhoneVerificationRequested(user_id=str(user.pk), username=user.username, phone=phone, code=raw))
    return number


def phone_verify(*, user: User, code: str) -> PhoneNumber:
    pending = (
        VerificationCode.objects.filter(user=user, purpose=PHONE, used_at__isnull=True).order_by("-created_at").first()
    )
    spent = code_consume(code=pending, raw=code)  # outside a transaction: a wrong guess stays counted
    with transaction.atomic():
        number = PhoneNumber.objects.select_for_update().filter(user=user, phone=spent.phone).first()
        if number is None:
            raise ValidationFailed(
                "This code was for another number. Ask for a new one.",
                "code_invalid",
                fields={"code": ["This code was for another number. Ask for a new one."]},
            )
        number.verified_at = timezone.now()
        number.save(update_fields=["verified_at", "updated_at"])
        publish(PhoneVerified(user_id=str(user.pk), phone=number.phone))
    return number


def phone_remove(*, user: User) -> None:
    if _two_step_by_sms(user):
        raise Conflict("Two-step sign-in sends codes to this number: switch it to e-mail first.", "two_step_uses_phone")
    with transaction.atomic():
        deleted, _ = PhoneNumber.objects.filter(user=user).delete()
        VerificationCode.objects.filter(user=user, purpose=PHONE, used_at__isnull=True).update(used_at=timezone.now())
        if deleted:
            publish(PhoneRemoved(user_id=str(user.pk)))
