"""Short codes a person types: random, HMAC'd, expiring, a few attempts, single use."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from accounts.models import User, VerificationCode
from shared.errors import ValidationFailed


def _digest(code_id: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{code_id}:{code}".encode(), hashlib.sha256).hexdigest()


def code_issue(*, user: User, purpose: str, **fields) -> tuple[VerificationCode, str]:
    """A new code (and its raw digits); the user's older codes of this purpose stop working."""
    now = timezone.now()
    VerificationCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    raw = f"{secrets.randbelow(10**6):06d}"
    code = VerificationCode(
        user=user, purpose=purpose, expires_at=now + timedelta(seconds=settings.AUTH_CODE_TTL), **fields
    )
    code.code_hash = _digest(code.id, raw)
    code.save()
    return code, raw


def _refuse(detail: str, code: str) -> ValidationFailed:
    return ValidationFailed(detail, code, fields={"code": [detail]})


def code_consume(*, code: VerificationCode | None, raw: str) -> VerificationCode:
    """Spend a code once. A wrong guess is counted (committed even though we raise), and after the
    last allowed attempt the code is dead: ask for a new one."""
    if code is None or code.used_at is not None:
        raise _refuse("No code is waiting for you. Ask for a new one.", "code_invalid")
    if code.expires_at <= timezone.now():
        raise _refuse("This code has expired. Ask for a new one.", "code_expired")
    if code.attempts >= settings.AUTH_CODE_MAX_ATTEMPTS:
        raise _refuse("Too many wrong codes. Ask for a new one.", "code_attempts_exhausted")
    if not hmac.compare_digest(code.code_hash, _digest(code.id, raw)):
        VerificationCode.objects.filter(pk=code.pk).update(attempts=F("attempts") + 1)
        left = settings.AUTH_CODE_MAX_ATTEMPTS - code.attempts - 1
        raise _refuse(f"Wrong code. {left} attempt{'s' if left != 1 else ''} left.", "code_wrong")
    # Conditional: two concurrent right answers spend it once.
    if not VerificationCode.objects.filter(pk=code.pk, used_at__isnull=True).update(used_at=timezone.now()):
        raise _refuse("No code is waiting for you. Ask for a new one.", "code_invalid")
    return code
