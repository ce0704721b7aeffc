"""Every event the services exchange, declared once.

A contract is a frozen dataclass with a versioned name
(``<service>.<subject>.<past action>``); payloads hold ids and primitives
only (money as a decimal string). Producers build the dataclass, consumers
receive it, so the two cannot drift.
"""
from shared.events.contracts.auth import (
    EmailVerificationRequested,
    PasswordChanged,
    PasswordResetRequested,
    PhoneRemoved,
    PhoneVerificationRequested,
    PhoneVerified,
    SigninCodeRequested,
    UserCreated,
)
from shared.events.contracts.base import REGISTRY, EventMeta, event, make_envelope, parse_envelope
from shared.events.contracts.chat import ChatMessageSent, ChatOfferAccepted, ChatOfferCancelled
from shared.events.contracts.gigs import GigCreated, GigDeleted, GigUpdated
from shared.events.contracts.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderCreated,
    OrderDelivered,
    OrderExtensionDecided,
    OrderExtensionRequested,
    OrderLate,
    OrderRevisionRequested,
)
from shared.events.contracts.reviews import ReviewCreated, ReviewHidden, ReviewRestored
from shared.events.contracts.users import SellerCreated, SellerUpdated

__all__ = [
    "REGISTRY",
    "EventMeta",
    "event",
    "make_envelope",
    "parse_envelope",
    "UserCreated",
    "EmailVerificationRequested",
    "PasswordResetRequested",
    "PasswordChanged",
    "PhoneVerificationRequested",
    "PhoneVerified",
    "PhoneRemoved",
    "SigninCodeRequested",
    "SellerCreated",
    "SellerUpdated",
    "GigCreated",
    "GigUpdated",
    "GigDeleted",
    "OrderCreated",
    "OrderDelivered",
    "OrderCompleted",
    "OrderCancelled",
    "OrderExtensionRequested",
    "OrderExtensionDecided",
    "OrderRevisionRequested",
    "OrderLate",
    "ReviewCreated",
    "ReviewHidden",
    "ReviewRestored",
    "ChatMessageSent",
    "ChatOfferAccepted",
    "ChatOfferCancelled",
]
