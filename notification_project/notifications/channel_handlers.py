"""Consumers of the phone and two-step sign-in events (imported by ``handlers``).

The codes travel on their own events, consumed only here (docs/decisions/0005):
they are sent through the channels like any other send, and erased from the
delivery row once sent.
"""

from __future__ import annotations

from notifications.channels.dispatch import direct_delivery_plan
from notifications.channels.kinds import PHONE_VERIFICATION, SIGNIN_CODE
from notifications.channels.phones import phone_forget, phone_remember
from shared.events import consumes
from shared.events.contracts import PhoneRemoved, PhoneVerificationRequested, PhoneVerified, SigninCodeRequested


@consumes(PhoneVerified)
def remember_verified_phone(event: PhoneVerified, meta) -> None:
    phone_remember(user_id=event.user_id, phone=event.phone)


@consumes(PhoneRemoved)
def forget_phone(event: PhoneRemoved, meta) -> None:
    phone_forget(user_id=event.user_id)


@consumes(PhoneVerificationRequested)
def text_phone_verification_code(event: PhoneVerificationRequested, meta) -> None:
    # The one SMS to a number not yet verified: the code is how the user proves it is theirs.
    body = f"Your Marketplace verification code is {event.code}. It expires in 10 minutes."
    direct_delivery_plan(
        channel="sms",
        kind=PHONE_VERIFICATION,
        user_id=event.user_id,
        target=event.phone,
        content={"body": body},
        event_id=meta.event_id,
    )


@consumes(SigninCodeRequested)
def send_signin_code(event: SigninCodeRequested, meta) -> None:
    if event.channel == "sms":
        content = {"body": f"Your Marketplace sign-in code is {event.code}. Never share it."}
        target = event.phone
    else:
        content = {"template": "signin_code", "context": {"username": event.username, "code": event.code}}
        target = event.email
    direct_delivery_plan(
        channel=event.channel,
        kind=SIGNIN_CODE,
        user_id=event.user_id,
        target=target,
        content=content,
        event_id=meta.event_id,
    )
