"""Forgot, reset and change password."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import OneTimeToken, User
from accounts.selectors import user_get_by_email
from accounts.services.accounts import password_check_strength
from accounts.services.attempts import cooldown_start, counter_check, counter_increment
from accounts.services.one_time_tokens import one_time_token_consume, one_time_token_issue
from accounts.services.sessions import ClientInfo, TokenPair, session_start, sessions_revoke_all
from shared.errors import ValidationFailed
from shared.events import publish
from shared.events.contracts import PasswordChanged, PasswordResetRequested


def password_reset_request(*, email: str) -> None:
    """Mail a reset link if an active account uses this e-mail; the caller answers 200 either way."""
    user = user_get_by_email(email=email)
    if user is None or not user.is_active:
        return
    # Silently one mail per cooldown: an attacker cannot flood someone's inbox.
    if not cooldown_start(key=f"reset:{user.pk}"):
        return
    with transaction.atomic():
        raw = one_time_token_issue(
            user=user, purpose=OneTimeToken.Purpose.RESET_PASSWORD, lifetime=settings.AUTH_PASSWORD_RESET_TTL
        )
        publish(PasswordResetRequested(user_id=str(user.pk), username=user.username, email=user.email, token=raw))


def _password_set(*, user: User, password: str, reason: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    sessions_revoke_all(user=user, reason=reason)
    publish(PasswordChanged(user_id=str(user.pk), username=user.username, email=user.email))


def password_reset(*, token: str, password: str) -> User:
    """Spend a reset token: new password, every session ended."""
    with transaction.atomic():
        user = one_time_token_consume(raw=token, purpose=OneTimeToken.Purpose.RESET_PASSWORD)
        password_check_strength(password=password, user=user)
        if not user.email_verified:
            # Following the mailed link proves the address as well as a verification link does.
            user.email_verified, user.email_verified_at = True, timezone.now()
            user.save(update_fields=["email_verified", "email_verified_at"])
        _password_set(user=user, password=password, reason="password_reset")
    return user


def password_change(
    *, user: User, current_password: str, new_password: str, client: ClientInfo = ClientInfo()
) -> TokenPair:
    """Check the current password, set the new one, end other sessions, start a fresh one."""
    key = f"change-fail:{user.pk}"
    detail = "Too many wrong passwords. Try again later."
    counter_check(key=key, limit=settings.AUTH_SIGNIN_MAX_FAILURES, detail=detail)
    if not user.check_password(current_password):
        counter_increment(key=key, window=settings.AUTH_SIGNIN_LOCKOUT_WINDOW)
        message = "The current password is not correct."
        raise ValidationFailed(message, "wrong_password", fields={"current_password": [message]})
    if current_password == new_password:
        message = "Choose a password different from the current one."
        raise ValidationFailed(message, "password_unchanged", fields={"new_password": [message]})
    password_check_strength(password=new_password, user=user, field="new_password")
    with transaction.atomic():
        _password_set(user=user, password=new_password, reason="password_changed")
        return session_start(user=user, client=client)
