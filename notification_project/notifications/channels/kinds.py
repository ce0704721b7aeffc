"""Every kind of notice the service sends, and on which channels it goes by default.

The names are a notification's ``kind``; the account kinds below are never in
the inbox (they carry links and codes) but are sent all the same, and their
channels are locked: nobody can turn off their password-reset e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from notifications.models import Notification

K = Notification.Kind
CHANNELS = ("email", "sms", "push")


@dataclass(frozen=True)
class KindDefaults:
    email: bool = False
    sms: bool = False
    push: bool = False
    locked: bool = False

    def as_dict(self) -> dict:
        return {"email": self.email, "sms": self.sms, "push": self.push, "locked": self.locked}


EMAIL_VERIFICATION = "email_verification"
PASSWORD_RESET = "password_reset"
PASSWORD_CHANGED = "password_changed"
SIGNIN_CODE = "signin_code"
PHONE_VERIFICATION = "phone_verification"

ORDER_EMAIL_PUSH = KindDefaults(email=True, push=True)

KINDS: dict[str, KindDefaults] = {
    K.WELCOME: KindDefaults(),
    K.ORDER_PLACED: ORDER_EMAIL_PUSH,  # the buyer's receipt
    K.ORDER_RECEIVED: KindDefaults(email=True, sms=True, push=True),  # a seller wants to know at once
    K.ORDER_DELIVERED: KindDefaults(email=True, sms=True, push=True),
    K.ORDER_COMPLETED: ORDER_EMAIL_PUSH,
    K.ORDER_CANCELLED: ORDER_EMAIL_PUSH,
    K.EXTENSION_REQUESTED: ORDER_EMAIL_PUSH,
    K.EXTENSION_DECIDED: ORDER_EMAIL_PUSH,
    K.REVIEW_RECEIVED: KindDefaults(email=True, push=True),
    K.CHAT_MESSAGE: KindDefaults(push=True),
    K.OFFER_RECEIVED: KindDefaults(email=True, push=True),
    K.REVISION_REQUESTED: ORDER_EMAIL_PUSH,
    K.ORDER_LATE: ORDER_EMAIL_PUSH,
    EMAIL_VERIFICATION: KindDefaults(email=True, locked=True),
    PASSWORD_RESET: KindDefaults(email=True, locked=True),
    PASSWORD_CHANGED: KindDefaults(email=True, locked=True),
    # Goes by the channel the user chose for two-step sign-in, whatever else is set.
    SIGNIN_CODE: KindDefaults(email=True, sms=True, locked=True),
    PHONE_VERIFICATION: KindDefaults(sms=True, locked=True),
}
