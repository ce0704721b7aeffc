"""Stripe cannot be reached here: these check the calls the adapter builds, through an injected client."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
import stripe

from orders.documents import PayoutAccount
from orders.payments import get_provider
from orders.payments.base import CANCELED, PENDING, SUCCEEDED, PaymentError
from orders.payments.sandbox import SandboxProvider
from orders.payments.stripe_provider import StripeProvider, from_cents, to_cents


class _Service:
    """Records each call and answers (or raises) what the test set up, like a stripe service object."""

    def __init__(self, answer):
        self.calls, self.answer = [], answer

    def _reply(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    create = retrieve = _reply


def _client(intent=None, refund=None, transfer=None):
    services = SimpleNamespace(payment_intents=_Service(intent), refunds=_Service(refund), transfers=_Service(transfer))
    return SimpleNamespace(v1=services)


def _intent(status="succeeded"):
    return SimpleNamespace(
        id="pi_1", client_secret="pi_1_secret_x", status=status, amount=2310, currency="usd", metadata={"buyer_id": "1"}
    )


def test_money_crosses_the_wire_in_cents():
    assert (to_cents(Decimal("23.10")), to_cents(Decimal("0.01")), from_cents(2310)) == (2310, 1, Decimal("23.10"))


def test_create_intent_sends_cents_currency_metadata_and_the_idempotency_key():
    client = _client(intent=_intent())

    intent = StripeProvider(client=client).create_intent(
        amount=Decimal("23.10"), currency="usd", metadata={"buyer_id": "1"}, idempotency_key="checkout-1"
    )

    [(args, kwargs)] = client.v1.payment_intents.calls
    assert kwargs["params"] == {
        "amount": 2310,
        "currency": "usd",
        "metadata": {"buyer_id": "1"},
        "automatic_payment_methods": {"enabled": True},
    }
    assert kwargs["options"] == {"idempotency_key": "checkout-1"}
    assert (intent.id, intent.client_secret, intent.status, intent.amount) == (
        "pi_1",
        "pi_1_secret_x",
        SUCCEEDED,
        Decimal("23.10"),
    )


@pytest.mark.parametrize(
    "status, expected",
    [("succeeded", SUCCEEDED), ("processing", PENDING), ("requires_action", PENDING), ("canceled", CANCELED)],
)
def test_retrieve_maps_stripe_statuses(status, expected):
    client = _client(intent=_intent(status))

    intent = StripeProvider(client=client).retrieve_intent(intent_id="pi_1")

    assert intent.status == expected
    assert client.v1.payment_intents.calls == [(("pi_1",), {})]


def test_a_missing_intent_is_none_and_other_errors_are_payment_errors():
    missing = stripe.InvalidRequestError("No such payment_intent", "id", code="resource_missing")
    assert StripeProvider(client=_client(intent=missing)).retrieve_intent(intent_id="pi_x") is None
    with pytest.raises(PaymentError):
        StripeProvider(client=_client(intent=stripe.APIConnectionError("down"))).retrieve_intent(intent_id="pi_x")


def test_refund_names_the_intent_and_the_amount_in_cents():
    client = _client(refund=SimpleNamespace(id="re_1", amount=2310))

    moved = StripeProvider(client=client).refund(
        intent_id="pi_1", amount=Decimal("23.10"), idempotency_key="order-9-refund"
    )

    [(args, kwargs)] = client.v1.refunds.calls
    assert kwargs == {
        "params": {"payment_intent": "pi_1", "amount": 2310, "reason": "requested_by_customer"},
        "options": {"idempotency_key": "order-9-refund"},
    }
    assert (moved.id, moved.amount) == ("re_1", Decimal("23.10"))


def test_a_refused_refund_is_a_payment_error():
    client = _client(refund=stripe.CardError("charge disputed", None, "charge_disputed"))

    with pytest.raises(PaymentError):
        StripeProvider(client=client).refund(intent_id="pi_1", amount=Decimal("1.00"), idempotency_key="k")


def test_transfer_goes_to_the_sellers_connected_account():
    PayoutAccount(seller_user_id="7", provider_account_id="acct_123").save()
    client = _client(transfer=SimpleNamespace(id="tr_1", amount=2000))

    moved = StripeProvider(client=client).transfer_to_seller(
        amount=Decimal("20.00"),
        currency="usd",
        seller_user_id="7",
        transfer_group="order-9",
        idempotency_key="order-9-payout",
    )

    [(args, kwargs)] = client.v1.transfers.calls
    assert kwargs["params"] == {
        "amount": 2000,
        "currency": "usd",
        "destination": "acct_123",
        "transfer_group": "order-9",
        "metadata": {"seller_user_id": "7"},
    }
    assert kwargs["options"] == {"idempotency_key": "order-9-payout"}
    assert (moved.id, moved.amount) == ("tr_1", Decimal("20.00"))


def test_a_seller_without_a_payout_account_is_not_paid():
    client = _client(transfer=SimpleNamespace(id="tr_1", amount=2000))

    with pytest.raises(PaymentError):
        StripeProvider(client=client).transfer_to_seller(
            amount=Decimal("20.00"), currency="usd", seller_user_id="7", transfer_group="g", idempotency_key="k"
        )
    assert client.v1.transfers.calls == []


def test_the_settings_choose_the_provider(settings):
    settings.ORDER_PAYMENT_PROVIDER, settings.STRIPE_SECRET_KEY = "auto", ""
    assert isinstance(get_provider(), SandboxProvider)
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    assert isinstance(get_provider(), StripeProvider)
    assert isinstance(get_provider("sandbox"), SandboxProvider)
    settings.ORDER_PAYMENT_PROVIDER = "paypal"
    with pytest.raises(ValueError):
        get_provider()
