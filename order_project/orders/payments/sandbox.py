"""The local payment provider: a real ledger in MongoDB that confirms every intent at once.

It behaves like a provider's test mode with a card that always succeeds:
intents, refunds and payouts are stored and checked (a refund cannot exceed
what was paid, a repeated idempotency key answers the first result), so the
whole order flow runs end to end without a third party.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from decimal import Decimal

import mongoengine as me

from orders.payments.base import SUCCEEDED, Intent, MoneyMoved, PaymentError


def _now():
    return datetime.now(timezone.utc)


class SandboxPaymentIntent(me.Document):
    intent_id = me.StringField(primary_key=True)
    client_secret = me.StringField(required=True)
    status = me.StringField(required=True)
    amount = me.Decimal128Field(required=True, precision=2)
    amount_refunded = me.Decimal128Field(default=Decimal("0.00"), precision=2)
    currency = me.StringField(required=True)
    metadata = me.DictField()
    idempotency_key = me.StringField(required=True, unique=True)
    created_at = me.DateTimeField(default=_now)

    meta = {"collection": "sandbox_payment_intents"}


class SandboxRefund(me.Document):
    refund_id = me.StringField(primary_key=True)
    intent_id = me.StringField(required=True)
    amount = me.Decimal128Field(required=True, precision=2)
    idempotency_key = me.StringField(required=True, unique=True)
    created_at = me.DateTimeField(default=_now)

    meta = {"collection": "sandbox_refunds"}


class SandboxPayout(me.Document):
    payout_id = me.StringField(primary_key=True)
    seller_user_id = me.StringField(required=True)
    amount = me.Decimal128Field(required=True, precision=2)
    currency = me.StringField(required=True)
    transfer_group = me.StringField(default="")
    idempotency_key = me.StringField(required=True, unique=True)
    created_at = me.DateTimeField(default=_now)

    meta = {"collection": "sandbox_payouts"}


def _as_intent(document: SandboxPaymentIntent) -> Intent:
    return Intent(
        id=document.intent_id,
        client_secret=document.client_secret,
        status=document.status,
        amount=document.amount,
        currency=document.currency,
        metadata=dict(document.metadata),
    )


class SandboxProvider:
    name = "sandbox"

    def create_intent(self, *, amount: Decimal, currency: str, metadata: dict, idempotency_key: str) -> Intent:
        existing = SandboxPaymentIntent.objects(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _as_intent(existing)
        intent_id = f"pi_sandbox_{secrets.token_hex(12)}"
        document = SandboxPaymentIntent(
            intent_id=intent_id,
            client_secret=f"{intent_id}_secret_{secrets.token_urlsafe(16)}",
            status=SUCCEEDED,
            amount=amount,
            currency=currency,
            metadata=metadata,
            idempotency_key=idempotency_key,
        )
        document.save(force_insert=True)
        return _as_intent(document)

    def retrieve_intent(self, *, intent_id: str) -> Intent | None:
        document = SandboxPaymentIntent.objects(intent_id=intent_id).first()
        return _as_intent(document) if document else None

    def refund(self, *, intent_id: str, amount: Decimal, idempotency_key: str) -> MoneyMoved:
        existing = SandboxRefund.objects(idempotency_key=idempotency_key).first()
        if existing is not None:
            return MoneyMoved(id=existing.refund_id, amount=existing.amount)
        intent = SandboxPaymentIntent.objects(intent_id=intent_id).first()
        if intent is None or intent.status != SUCCEEDED:
            raise PaymentError(f"intent {intent_id} cannot be refunded: it was not paid")
        # The conditional increment keeps two refunds at once from exceeding what was paid.
        claimed = SandboxPaymentIntent.objects(
            intent_id=intent_id, amount_refunded__lte=intent.amount - amount
        ).update_one(inc__amount_refunded=amount)
        if not claimed:
            raise PaymentError(f"refund of {amount} exceeds what is left of intent {intent_id}")
        refund = SandboxRefund(
            refund_id=f"re_sandbox_{secrets.token_hex(12)}",
            intent_id=intent_id,
            amount=amount,
            idempotency_key=idempotency_key,
        )
        refund.save(force_insert=True)
        return MoneyMoved(id=refund.refund_id, amount=amount)

    def transfer_to_seller(
        self, *, amount: Decimal, currency: str, seller_user_id: str, transfer_group: str, idempotency_key: str
    ) -> MoneyMoved:
        existing = SandboxPayout.objects(idempotency_key=idempotency_key).first()
        if existing is not None:
            return MoneyMoved(id=existing.payout_id, amount=existing.amount)
        payout = SandboxPayout(
            payout_id=f"tr_sandbox_{secrets.token_hex(12)}",
            seller_user_id=seller_user_id,
            amount=amount,
            currency=currency,
            transfer_group=transfer_group,
            idempotency_key=idempotency_key,
        )
        payout.save(force_insert=True)
        return MoneyMoved(id=payout.payout_id, amount=amount)
