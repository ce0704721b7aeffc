"""Creating accounts, signing in, deactivating."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.pictures import picture_forget, picture_store
from accounts.selectors import user_get_by_login
from accounts.services.attempts import signin_failure_record, signin_failures_clear, signin_lockout_check
from accounts.services.sessions import sessions_revoke_all
from accounts.services.verification import email_verification_request
from shared.errors import Conflict, Forbidden, NotAuthenticated, ValidationFailed
from shared.events import publish
from shared.events.contracts import UserCreated


class InvalidCredentials(NotAuthenticated):
    code = "invalid_credentials"
    detail = "Invalid credentials."


def password_check_strength(*, password: str, user: User, field: str = "password") -> None:
    """Django's validators (length, common, numeric, similar to username/e-mail) as a 400."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationFailed(
            "The password is too weak.", "weak_password", fields={field: list(exc.messages)}
        ) from exc


def _duplicates(*, username: str, email: str) -> dict[str, list[str]]:
    fields = {}
    if User.objects.filter(username__iexact=username).exists():
        fields["username"] = ["This username is taken."]
    if User.objects.filter(email__iexact=email).exists():
        fields["email"] = ["An account already uses this e-mail."]
    return fields


def user_signup(*, username: str, email: str, password: str, country: str, profile_picture=None) -> User:
    """Create the account and, in the same transaction, its created/verification events."""
    user = User(username=username, email=User.objects.normalize_email(email), country=country)
    password_check_strength(password=password, user=user)
    duplicates = _duplicates(username=username, email=user.email)
    if duplicates:
        raise Conflict("This username or e-mail is already registered.", "duplicate", fields=duplicates)
    user.set_password(password)
    if profile_picture is not None:
        user.profile_picture.name = picture_store(upload=profile_picture)
    try:
        with transaction.atomic():
            user.save()
            publish(
                UserCreated(
                    user_id=str(user.pk),
                    username=user.username,
                    email=user.email,
                    country=user.country,
                    profile_picture=user.profile_picture_url,
                )
            )
            email_verification_request(user=user)
    except IntegrityError as exc:
        # Lost a race with a concurrent signup for the same name: same answer as the check above.
        fields = _duplicates(username=username, email=user.email) or {"username": ["This username is taken."]}
        picture_forget(user.profile_picture.name)
        raise Conflict("This username or e-mail is already registered.", "duplicate", fields=fields) from exc
    return user


def user_signin(*, login: str, password: str, client_ip: str) -> User:
    """The user behind a login and password, or one generic error; repeated failures lock out."""
    signin_lockout_check(login=login, client_ip=client_ip)
    user = user_get_by_login(login=login)
    if user is None:
        # Hash anyway so a missing account takes as long as a wrong password.
        User().set_password(password)
    if user is None or not user.check_password(password):
        signin_failure_record(login=login, client_ip=client_ip)
        raise InvalidCredentials()
    signin_failures_clear(login=login, client_ip=client_ip)
    if not user.is_active:
        # Told only to someone who knows the password: no enumeration.
        raise Forbidden("This account is disabled.", "account_disabled")
    return user


def user_deactivate(*, user: User) -> User:
    """A deactivated user can neither sign in nor refresh: every session ends now."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        sessions_revoke_all(user=user, reason="deactivated")
    return user


def user_activate(*, user: User) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
