from decimal import Decimal
from http import HTTPStatus

import pytest

from orders.documents import Checkout
from orders.payments.sandbox import SandboxPaymentIntent
from orders.services import gig_snapshot_delete
from orders.tests.conftest import INTENTS
from orders.tests.factories import make_gig, make_offer, occurred_now


def test_a_buyer_gets_a_priced_intent_from_the_server_side_price(as_buyer, gig):
    response = as_buyer.post(INTENTS, {"gig_id": gig.gig_id, "quantity": 2})

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    # $20.00 x 2 = $40.00; fee 5.5% of 40 + $2 = $4.20.
    assert b'"subtotal": 40.00' in response.content
    assert (body["price"], body["quantity"], body["service_fee"], body["total"]) == (20.0, 2, 4.2, 44.2)
    assert body["payment_intent_id"].startswith("pi_sandbox_")
    assert body["client_secret"].startswith(body["payment_intent_id"] + "_secret_")
    checkout = Checkout.objects.get(payment_intent_id=body["payment_intent_id"])
    assert checkout.total == Decimal("44.20") and checkout.buyer.user_id == "1" and checkout.status == "open"
    intent = SandboxPaymentIntent.objects.get(intent_id=body["payment_intent_id"])
    assert intent.amount == Decimal("44.20") and intent.status == "succeeded"
    assert intent.metadata == {"buyer_id": "1", "gig_id": gig.gig_id, "offer_id": "", "quantity": "2"}


def test_a_client_sent_price_is_refused_not_trusted(as_buyer, gig):
    response = as_buyer.post(INTENTS, {"gig_id": gig.gig_id, "quantity": 1, "price": 1})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "price" in response.json()["fields"]
    assert Checkout.objects.count() == 0


def test_quantity_defaults_to_one(as_buyer, gig):
    response = as_buyer.post(INTENTS, {"gig_id": gig.gig_id})

    assert response.json()["quantity"] == 1
    assert response.json()["total"] == 23.1


@pytest.mark.parametrize("quantity", [0, 11, -1, "many", 2.5])
def test_quantity_must_be_1_to_10(as_buyer, gig, quantity):
    response = as_buyer.post(INTENTS, {"gig_id": gig.gig_id, "quantity": quantity})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.json()["code"] == "invalid"
    assert "quantity" in response.json()["fields"]


@pytest.mark.parametrize("body", [{}, {"gig_id": ""}, {"gig_id": "   "}])
def test_a_gig_or_an_offer_is_required(as_buyer, body):
    response = as_buyer.post(INTENTS, body)

    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert "gig_id" in response.json()["fields"]


def test_a_gig_and_an_offer_together_are_refused(as_buyer, gig):
    response = as_buyer.post(INTENTS, {"gig_id": gig.gig_id, "offer_message_id": "msg-1"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert set(response.json()["fields"]) == {"gig_id", "offer_message_id"}


def test_an_unknown_gig_is_404(as_buyer):
    response = as_buyer.post(INTENTS, {"gig_id": "nope"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "gig_not_found"


def test_a_deleted_gig_is_404(as_buyer, gig):
    gig_snapshot_delete(
        gig_id=gig.gig_id, seller_id=gig.seller_id, seller_user_id=gig.seller_user_id, occurred_at=occurred_now()
    )

    assert as_buyer.post(INTENTS, {"gig_id": gig.gig_id}).status_code == HTTPStatus.NOT_FOUND


def test_a_paused_gig_is_409(as_buyer):
    paused = make_gig(active=False)

    response = as_buyer.post(INTENTS, {"gig_id": paused.gig_id})

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "gig_unavailable"


def test_a_seller_cannot_buy_their_own_gig(as_seller, gig):
    response = as_seller.post(INTENTS, {"gig_id": gig.gig_id})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "own_gig"


def test_signed_out_users_get_401(api, gig):
    response = api.post(INTENTS, {"gig_id": gig.gig_id})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"


def test_a_forged_token_gets_401(api, gig):
    response = api.post(INTENTS, {"gig_id": gig.gig_id}, HTTP_AUTHORIZATION="Bearer forged")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_an_accepted_offer_is_priced_at_the_offer_price(as_buyer, gig):
    offer = make_offer(gig, price="150.00")

    response = as_buyer.post(INTENTS, {"offer_message_id": offer.message_id})

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    # 5.5% of 150 = 8.25, + 2 = 10.25.
    assert (body["gig_id"], body["offer_message_id"], body["price"], body["service_fee"], body["total"]) == (
        gig.gig_id,
        offer.message_id,
        150.0,
        10.25,
        160.25,
    )


def test_asking_twice_for_one_offer_answers_the_same_intent(as_buyer, gig):
    offer = make_offer(gig)

    first = as_buyer.post(INTENTS, {"offer_message_id": offer.message_id}).json()
    second = as_buyer.post(INTENTS, {"offer_message_id": offer.message_id}).json()

    assert first["payment_intent_id"] == second["payment_intent_id"]
    assert Checkout.objects.count() == 1


def test_someone_elses_offer_is_403(as_stranger, gig):
    offer = make_offer(gig)

    response = as_stranger.post(INTENTS, {"offer_message_id": offer.message_id})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "offer_not_yours"


def test_an_offer_is_ordered_with_quantity_one(as_buyer, gig):
    offer = make_offer(gig)

    response = as_buyer.post(INTENTS, {"offer_message_id": offer.message_id, "quantity": 2})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "quantity" in response.json()["fields"]


def test_an_unknown_offer_is_404(as_buyer):
    response = as_buyer.post(INTENTS, {"offer_message_id": "msg-unknown"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "offer_not_found"


def test_an_offer_on_a_paused_gig_can_still_be_paid(as_buyer):
    paused = make_gig(active=False)
    offer = make_offer(paused)

    assert as_buyer.post(INTENTS, {"offer_message_id": offer.message_id}).status_code == HTTPStatus.CREATED


def test_an_offer_whose_sender_does_not_own_the_gig_is_409(as_buyer, gig):
    offer = make_offer(gig, seller_user_id="99")

    response = as_buyer.post(INTENTS, {"offer_message_id": offer.message_id})

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "gig_unavailable"


def test_an_expired_offer_cannot_be_paid(as_buyer, gig):
    from datetime import datetime, timedelta, timezone

    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    future = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    expired, valid = make_offer(gig, expires_at=past), make_offer(gig, expires_at=future)

    refused = as_buyer.post(INTENTS, {"offer_message_id": expired.message_id})
    accepted = as_buyer.post(INTENTS, {"offer_message_id": valid.message_id})

    assert refused.status_code == HTTPStatus.CONFLICT and refused.json()["code"] == "offer_expired"
    assert accepted.status_code == HTTPStatus.CREATED
    assert Checkout.objects.count() == 1
