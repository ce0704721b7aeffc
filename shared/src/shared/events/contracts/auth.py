"""Accounts: the events this domain publishes."""

from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("auth.user.created", version=1)
class UserCreated(_Contract):
    user_id: str
    username: str
    email: str
    country: str
    profile_picture: str = ""


@event("auth.email.verification_requested", version=1)
class EmailVerificationRequested(_Contract):
    user_id: str
    username: str
    email: str
    token: str


@event("auth.password.reset_requested", version=1)
class PasswordResetRequested(_Contract):
    user_id: str
    username: str
    email: str
    token: str


@event("auth.password.changed", version=1)
class PasswordChanged(_Contract):
    user_id: str
    username: str
    email: str


@event("auth.phone.verification_requested", version=1)
class PhoneVerificationRequested(_Contract):
    """Carries the raw code for the SMS, so only notification consumes it (like the verification e-mail)."""

    user_id: str
    username: str
    phone: str
    code: str


@event("auth.phone.verified", version=1)
class PhoneVerified(_Contract):
    user_id: str
    phone: str


@event("auth.phone.removed", version=1)
class PhoneRemoved(_Contract):
    user_id: str


@event("auth.signin.code_requested", version=1)
class SigninCodeRequested(_Contract):
    """A two-step sign-in code, sent by ``channel`` ("email" or "sms") to the address or verified phone given."""

    user_id: str
    username: str
    channel: str
    email: str
    phone: str
    code: str
