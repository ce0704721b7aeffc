"""Accounts: the events this domain publishes."""
from __future__ import annotations

from shared.events.contracts.base import _Contract, event


@event("auth.user.created")
class UserCreated(_Contract):
    user_id: str
    username: str
    email: str
    country: str
    profile_picture: str = ""


@event("auth.email.verification_requested")
class EmailVerificationRequested(_Contract):
    user_id: str
    username: str
    email: str
    token: str


@event("auth.password.reset_requested")
class PasswordResetRequested(_Contract):
    user_id: str
    username: str
    email: str
    token: str


@event("auth.password.changed")
class PasswordChanged(_Contract):
    user_id: str
    username: str
    email: str
