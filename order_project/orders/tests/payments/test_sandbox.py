from decimal import Decimal

import pytest

from orders.payments.base import SUCCEEDED, PaymentError
from orders.payments.sandbox import SandboxPaymentIntent, SandboxPayout, SandboxProvider, SandboxRefund


@pytest.fixture
def provider():
    return SandboxProvider()


@pytest.fixture
def intent(provider):
    return provider.create_intent(
        amount=Decimal("23.10"), currency="usd", metadata={"buyer_id": "1"}, idempotency_key="k1"
    )


def test_an_intent_is_stored_and_confirmed_at_once(provider, intent):
    assert intent.status == SUCCEEDED and intent.amount == Decimal("23.10")
    assert provider.retrieve_intent(intent_id=intent.id) == intent
    assert SandboxPaymentIntent.objects.get(intent_id=intent.id).metadata == {"buyer_id": "1"}


def test_the_same_idempotency_key_answers_the_same_intent(provider, intent):
    again = provider.create_intent(amount=Decimal("23.10"), currency="usd", metadata={}, idempotency_key="k1")

    assert again.id == intent.id and SandboxPaymentIntent.objects.count() == 1


def test_an_unknown_intent_is_none(provider):
    assert provider.retrieve_intent(intent_id="pi_unknown") is None


def test_refunds_never_exceed_what_was_paid(provider, intent):
    provider.refund(intent_id=intent.id, amount=Decimal("20.00"), idempotency_key="r1")

    with pytest.raises(PaymentError):
        provider.refund(intent_id=intent.id, amount=Decimal("3.11"), idempotency_key="r2")
    provider.refund(intent_id=intent.id, amount=Decimal("3.10"), idempotency_key="r3")
    assert SandboxPaymentIntent.objects.get(intent_id=intent.id).amount_refunded == Decimal("23.10")


def test_a_repeated_refund_key_refunds_once(provider, intent):
    first = provider.refund(intent_id=intent.id, amount=Decimal("23.10"), idempotency_key="r1")
    second = provider.refund(intent_id=intent.id, amount=Decimal("23.10"), idempotency_key="r1")

    assert first == second and SandboxRefund.objects.count() == 1


def test_an_unpaid_intent_cannot_be_refunded(provider, intent):
    SandboxPaymentIntent.objects(intent_id=intent.id).update_one(set__status="pending")

    with pytest.raises(PaymentError):
        provider.refund(intent_id=intent.id, amount=Decimal("1.00"), idempotency_key="r1")


def test_payouts_are_recorded_once_per_key(provider):
    first = provider.transfer_to_seller(
        amount=Decimal("20.00"), currency="usd", seller_user_id="7", transfer_group="order-1", idempotency_key="p1"
    )
    second = provider.transfer_to_seller(
        amount=Decimal("20.00"), currency="usd", seller_user_id="7", transfer_group="order-1", idempotency_key="p1"
    )

    assert first == second
    payout = SandboxPayout.objects.get()
    assert (payout.seller_user_id, payout.amount, payout.currency) == ("7", Decimal("20.00"), "usd")
