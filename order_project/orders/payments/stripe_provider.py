"""Stripe as the payment provider: PaymentIntents, Refunds and Transfers (Connect).

Selected when STRIPE_SECRET_KEY is set. Amounts cross the wire in integer
cents; every money-moving call carries an idempotency key so a retry never
charges, refunds or pays twice.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import stripe

from orders.payments.base import CANCELED, PENDING, SUCCEEDED, Intent, MoneyMoved, PaymentError

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_exact())


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


def _status(stripe_status: str) -> str:
    if stripe_status == "succeeded":
        return SUCCEEDED
    if stripe_status == "canceled":
        return CANCELED
    return PENDING  # requires_payment_method / confirmation / action / capture, processing


def _payout_account(seller_user_id: str) -> str | None:
    from orders.documents import PayoutAccount

    account = PayoutAccount.objects(seller_user_id=seller_user_id).first()
    return account.provider_account_id if account else None


class StripeProvider:
    name = "stripe"

    def __init__(
        self, *, api_key: str = "", client=None, destination_for: Callable[[str], str | None] = _payout_account
    ):
        self._client = client if client is not None else stripe.StripeClient(api_key)
        self._destination_for = destination_for

    def _as_intent(self, intent) -> Intent:
        return Intent(
            id=intent.id,
            client_secret=intent.client_secret or "",
            status=_status(intent.status),
            amount=from_cents(intent.amount),
            currency=intent.currency,
            metadata=dict(intent.metadata or {}),
        )

    def create_intent(self, *, amount: Decimal, currency: str, metadata: dict, idempotency_key: str) -> Intent:
        params = {
            "amount": to_cents(amount),
            "currency": currency,
            "metadata": metadata,
            "automatic_payment_methods": {"enabled": True},
        }
        try:
            intent = self._client.v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key})
        except stripe.StripeError as exc:
            raise PaymentError(f"stripe refused the payment intent: {exc.user_message or exc}") from exc
        return self._as_intent(intent)

    def retrieve_intent(self, *, intent_id: str) -> Intent | None:
        try:
            intent = self._client.v1.payment_intents.retrieve(intent_id)
        except stripe.InvalidRequestError as exc:
            if exc.code == "resource_missing":
                return None
            raise PaymentError(f"stripe could not read intent {intent_id}: {exc}") from exc
        except stripe.StripeError as exc:
            raise PaymentError(f"stripe could not read intent {intent_id}: {exc}") from exc
        return self._as_intent(intent)

    def refund(self, *, intent_id: str, amount: Decimal, idempotency_key: str) -> MoneyMoved:
        params = {"payment_intent": intent_id, "amount": to_cents(amount), "reason": "requested_by_customer"}
        try:
            refund = self._client.v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
        except stripe.StripeError as exc:
            raise PaymentError(f"stripe refused the refund of {intent_id}: {exc}") from exc
        return MoneyMoved(id=refund.id, amount=from_cents(refund.amount))

    def transfer_to_seller(
        self, *, amount: Decimal, currency: str, seller_user_id: str, transfer_group: str, idempotency_key: str
    ) -> MoneyMoved:
        destination = self._destination_for(seller_user_id)
        if not destination:
            raise PaymentError(f"seller {seller_user_id} has no payout account at stripe yet")
        params = {
            "amount": to_cents(amount),
            "currency": currency,
            "destination": destination,
            "transfer_group": transfer_group,
            "metadata": {"seller_user_id": seller_user_id},
        }
        try:
            transfer = self._client.v1.transfers.create(params=params, options={"idempotency_key": idempotency_key})
        except stripe.StripeError as exc:
            raise PaymentError(f"stripe refused the transfer to seller {seller_user_id}: {exc}") from exc
        return MoneyMoved(id=transfer.id, amount=from_cents(transfer.amount))
