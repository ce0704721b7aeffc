"""The payment provider interface: what order needs from a payment processor, nothing more."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

SUCCEEDED = "succeeded"
PENDING = "pending"  # the buyer has not finished paying (card, 3-D Secure, ...)
CANCELED = "canceled"


class PaymentError(Exception):
    """The provider refused or could not be reached; the message is safe to log."""


@dataclass(frozen=True)
class Intent:
    id: str
    client_secret: str
    status: str  # SUCCEEDED, PENDING or CANCELED
    amount: Decimal
    currency: str
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MoneyMoved:
    """A refund or a transfer the provider accepted."""

    id: str
    amount: Decimal


class PaymentProvider(Protocol):
    name: str

    def create_intent(self, *, amount: Decimal, currency: str, metadata: dict, idempotency_key: str) -> Intent:
        """Ask the buyer for ``amount``; the client completes the payment with ``client_secret``."""

    def retrieve_intent(self, *, intent_id: str) -> Intent | None:
        """The intent as the provider sees it now, or None when it does not exist."""

    def refund(self, *, intent_id: str, amount: Decimal, idempotency_key: str) -> MoneyMoved:
        """Give ``amount`` of a succeeded intent back to the buyer (once per key)."""

    def transfer_to_seller(
        self, *, amount: Decimal, currency: str, seller_user_id: str, transfer_group: str, idempotency_key: str
    ) -> MoneyMoved:
        """Release ``amount`` to the seller's account (once per key)."""
