"""E-mail verification: a mailed token proves the address belongs to the user."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.errors import TooManyAttempts
from accounts.models import OneTimeToken, User
from accounts.services.attempts import cooldown_remaining, cooldown_start
from accounts.services.one_time_tokens import one_time_token_consume, one_time_token_issue
from shared.errors import Conflict, NotAuthenticated
from shared.events import publish
from shared.events.contracts import EmailVerificationRequested


def email_verification_request(*, user: User) -> None:
    """Issue a token and publish the event carrying it (call inside the user's transaction)."""
    raw = one_time_token_issue(
        user=user, purpose=OneTimeToken.Purpose.VERIFY_EMAIL, lifetime=settings.AUTH_EMAIL_VERIFICATION_TTL
    )
    publish(EmailVerificationRequested(user_id=str(user.pk), username=user.username, email=user.email, token=raw))


def email_verification_resend(*, user: User) -> None:
    if not user.is_active:
        raise NotAuthenticated("This account is disabled.", "account_disabled")
    if user.email_verified:
        raise Conflict("This e-mail is already verified.", "already_verified")
    key = f"verify:{user.pk}"
    if not cooldown_start(key=key):
        raise TooManyAttempts(wait=cooldown_remaining(key=key), detail="A verification e-mail was just sent.")
    with transaction.atomic():
        email_verification_request(user=user)


def email_verify(*, token: str) -> User:
    with transaction.atomic():
        user = one_time_token_consume(raw=token, purpose=OneTimeToken.Purpose.VERIFY_EMAIL)
        if not user.email_verified:
            user.email_verified, user.email_verified_at = True, timezone.now()
            user.save(update_fields=["email_verified", "email_verified_at"])
    return user
