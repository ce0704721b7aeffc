"""Two-step sign-in: from a browser not seen before, the password alone is not enough; a code
sent by e-mail or SMS completes the sign-in, and that browser is remembered (a device cookie)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import KnownDevice, PhoneNumber, TwoStepSetting, User, VerificationCode
from accounts.services.codes import code_consume, code_issue
from shared.errors import ValidationFailed
from shared.events import publish
from shared.events.contracts import SigninCodeRequested

SIGNIN = VerificationCode.Purpose.SIGNIN
SMS = TwoStepSetting.Channel.SMS


@dataclass(frozen=True)
class Challenge:
    id: str
    channel: str

    def as_dict(self) -> dict:
        return {"two_step_required": True, "challenge_id": self.id, "channel": self.channel}


def _device_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _verified_phone(user: User) -> str:
    number = PhoneNumber.objects.filter(user=user, verified_at__isnull=False).first()
    return number.phone if number else ""


def two_step_state(*, user: User) -> dict:
    setting = TwoStepSetting.objects.filter(user=user).first()
    return {
        "enabled": bool(setting and setting.enabled),
        "channel": setting.channel if setting else TwoStepSetting.Channel.EMAIL,
    }


def two_step_set(*, user: User, enabled: bool, channel: str, password: str) -> dict:
    """Turn two-step sign-in on or off; the password is asked again, as for any change of credentials."""
    if not user.check_password(password):
        raise ValidationFailed(
            "The password is not correct.", "wrong_password", fields={"password": ["The password is not correct."]}
        )
    if enabled and channel == SMS and not _verified_phone(user):
        detail = "Verify a phone number first (POST /api/v1/auth/phone)."
        raise ValidationFailed(detail, "phone_not_verified", fields={"channel": [detail]})
    TwoStepSetting.objects.update_or_create(user=user, defaults={"enabled": enabled, "channel": channel})
    return two_step_state(user=user)


def device_known(*, user: User, device_token: str) -> bool:
    if not device_token:
        return False
    return (
        KnownDevice.objects.filter(user=user, token_hash=_device_hash(device_token)).update(last_used_at=timezone.now())
        > 0
    )


def signin_challenge(*, user: User, device_token: str = "") -> Challenge | None:
    """None when the password is enough (two-step off, or a known browser); else a code is sent."""
    setting = TwoStepSetting.objects.filter(user=user, enabled=True).first()
    if setting is None or device_known(user=user, device_token=device_token):
        return None
    phone = _verified_phone(user) if setting.channel == SMS else ""
    channel = SMS if phone else TwoStepSetting.Channel.EMAIL  # a number removed since: e-mail still reaches them
    with transaction.atomic():
        code, raw = code_issue(user=user, purpose=SIGNIN, channel=channel)
        publish(
            SigninCodeRequested(
                user_id=str(user.pk), username=user.username, channel=channel, email=user.email, phone=phone, code=raw
            )
        )
    return Challenge(id=code.id, channel=channel)


def signin_challenge_complete(*, challenge_id: str, code: str) -> tuple[User, str]:
    """The user behind a challenge answered with the right code, and a new device token (raw)."""
    pending = VerificationCode.objects.select_related("user").filter(id=challenge_id, purpose=SIGNIN).first()
    if pending is None:
        detail = "This sign-in is not valid. Sign in again."
        raise ValidationFailed(detail, "challenge_invalid", fields={"challenge_id": [detail]})
    spent = code_consume(code=pending, raw=code)  # outside a transaction: a wrong guess stays counted
    raw = secrets.token_urlsafe(32)
    KnownDevice.objects.create(user=spent.user, token_hash=_device_hash(raw))
    return spent.user, raw
