"""Tokens mailed to users: random, stored hashed, expiring, single use."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from accounts.models import OneTimeToken, User
from shared.errors import ValidationFailed


def _hash(raw: str) -> str:
    # 256 random bits need no slow hash: SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(raw.encode()).hexdigest()


def one_time_token_issue(*, user: User, purpose: str, lifetime: int) -> str:
    """A new raw token; older unused tokens of this purpose stop working (only the latest mail counts)."""
    now = timezone.now()
    OneTimeToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    raw = secrets.token_urlsafe(32)
    OneTimeToken.objects.create(
        user=user, purpose=purpose, token_hash=_hash(raw), expires_at=now + timedelta(seconds=lifetime)
    )
    return raw


def _token_problem(detail: str, code: str) -> ValidationFailed:
    return ValidationFailed(detail, code, fields={"token": [detail]})


def one_time_token_consume(*, raw: str, purpose: str) -> User:
    """Spend a token once; call inside the transaction that does what the token allows."""
    token = OneTimeToken.objects.select_related("user").filter(token_hash=_hash(raw), purpose=purpose).first()
    if token is None:
        raise _token_problem("This link is not valid.", "token_invalid")
    now = timezone.now()
    if token.used_at is not None:
        raise _token_problem("This link was already used or replaced by a newer one.", "token_used")
    if token.expires_at <= now:
        raise _token_problem("This link has expired. Ask for a new one.", "token_expired")
    # The conditional update makes two concurrent uses of one token succeed only once.
    if not OneTimeToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now):
        raise _token_problem("This link was already used or replaced by a newer one.", "token_used")
    return token.user
