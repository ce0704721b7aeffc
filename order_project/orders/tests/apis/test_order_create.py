from datetime import datetime, timedelta, timezone
from decimal import Decimal
from http import HTTPStatus

import pytest

from orders.documents import Checkout, Offer, Order
from orders.payments.sandbox import SandboxPaymentIntent, SandboxRefund
from orders.services import gig_snapshot_delete, gig_snapshot_record, offer_record_cancelled
from orders.tests.conftest import ORDERS
from orders.tests.factories import make_offer, occurred_now


def _order_body(intent, gig_id, **extra):
    return {"payment_intent_id": intent["payment_intent_id"], "gig_id": gig_id, **extra}


def test_a_paid_intent_becomes_an_order_and_order_created_is_published(as_buyer, gig, pay, published_events):
    intent = pay(gig.gig_id, quantity=2)

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id, requirements="  A fox, in orange.  "))

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body["status"] == "in_progress"
    assert (body["seller_id"], body["seller_user_id"], body["seller_username"]) == ("seller-bob", "7", "bob")
    assert (body["buyer_id"], body["buyer_username"]) == ("1", "alice")
    assert body["gig"] == {"id": gig.gig_id, "title": gig.title, "cover_image": gig.cover_image}
    assert (body["quantity"], body["price"], body["subtotal"], body["service_fee"], body["total"]) == (
        2,
        20,
        40,
        4.2,
        44.2,
    )
    assert body["requirements"] == "A fox, in orange."
    due = datetime.fromisoformat(body["delivery_due_at"])
    assert abs(due - (datetime.now(timezone.utc) + timedelta(days=3))) < timedelta(minutes=1)
    assert [entry["kind"] for entry in body["timeline"]] == ["placed"]
    assert Checkout.objects.get(payment_intent_id=intent["payment_intent_id"]).order_id == body["id"]
    assert [event["name"] for event in published_events] == ["order.created"]
    assert published_events[0]["payload"] == {
        "order_id": body["id"],
        "gig_id": gig.gig_id,
        "seller_id": "seller-bob",
        "buyer_id": "1",
        "seller_user_id": "7",
        "buyer_username": "alice",
        "seller_username": "bob",
        "price": "40.00",
        "delivery_due_at": Order.objects.get(id=body["id"]).delivery_due_at.isoformat(),
    }


def test_the_quoted_price_holds_even_if_the_gig_price_changed_after_payment(as_buyer, gig, pay):
    intent = pay(gig.gig_id)
    gig_snapshot_record(
        gig_id=gig.gig_id,
        seller_id=gig.seller_id,
        seller_user_id="7",
        seller_username="bob",
        title=gig.title,
        price="99.00",
        expected_delivery_days=3,
        cover_image="",
        active=True,
        occurred_at=occurred_now(),
    )

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.json()["total"] == 23.1


def test_an_intent_is_used_once(as_buyer, gig, pay):
    intent = pay(gig.gig_id)
    as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "payment_already_used"
    assert Order.objects.count() == 1


def test_an_unknown_intent_is_404(as_buyer, gig):
    response = as_buyer.post(ORDERS, {"payment_intent_id": "pi_made_up", "gig_id": gig.gig_id})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "payment_intent_not_found"


def test_someone_elses_payment_is_403(as_stranger, gig, pay, published_events):
    intent = pay(gig.gig_id)

    response = as_stranger.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "payment_not_yours"
    assert Order.objects.count() == 0 and published_events == []


def test_a_payment_for_another_gig_is_refused(as_buyer, gig, pay):
    intent = pay(gig.gig_id)

    response = as_buyer.post(ORDERS, _order_body(intent, "another-gig"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "payment_gig_mismatch"
    assert "gig_id" in response.json()["fields"]


@pytest.mark.parametrize("status", ["pending", "canceled"])
def test_an_unfinished_payment_is_402(as_buyer, gig, pay, status):
    intent = pay(gig.gig_id)
    SandboxPaymentIntent.objects(intent_id=intent["payment_intent_id"]).update_one(set__status=status)

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.PAYMENT_REQUIRED
    assert response.json()["code"] == "payment_not_completed"
    assert Order.objects.count() == 0


def test_a_payment_the_provider_does_not_know_is_402(as_buyer, gig, pay):
    intent = pay(gig.gig_id)
    SandboxPaymentIntent.objects(intent_id=intent["payment_intent_id"]).delete()

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.PAYMENT_REQUIRED
    assert response.json()["code"] == "payment_not_found"


def test_a_payment_of_the_wrong_amount_is_402(as_buyer, gig, pay):
    intent = pay(gig.gig_id)
    SandboxPaymentIntent.objects(intent_id=intent["payment_intent_id"]).update_one(set__amount=Decimal("1.00"))

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.PAYMENT_REQUIRED
    assert response.json()["code"] == "payment_amount_mismatch"


def test_a_payment_the_provider_says_belongs_to_another_buyer_is_403(as_buyer, gig, pay):
    intent = pay(gig.gig_id)
    SandboxPaymentIntent.objects(intent_id=intent["payment_intent_id"]).update_one(set__metadata__buyer_id="3")

    assert as_buyer.post(ORDERS, _order_body(intent, gig.gig_id)).status_code == HTTPStatus.FORBIDDEN


def test_a_gig_paused_after_payment_refunds_the_buyer_and_answers_409(as_buyer, gig, pay, published_events):
    intent = pay(gig.gig_id)
    gig_snapshot_record(
        gig_id=gig.gig_id,
        seller_id=gig.seller_id,
        seller_user_id="7",
        seller_username="bob",
        title=gig.title,
        price="20.00",
        expected_delivery_days=3,
        cover_image="",
        active=False,
        occurred_at=occurred_now(),
    )

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "gig_unavailable"
    assert SandboxRefund.objects.get(intent_id=intent["payment_intent_id"]).amount == Decimal("23.10")
    assert Checkout.objects.get(payment_intent_id=intent["payment_intent_id"]).status == "refunded"
    assert Order.objects.count() == 0 and published_events == []
    again = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))
    assert again.json()["code"] == "payment_refunded"


def test_a_gig_deleted_after_payment_refunds_too(as_buyer, gig, pay):
    intent = pay(gig.gig_id)
    gig_snapshot_delete(gig_id=gig.gig_id, seller_id=gig.seller_id, seller_user_id="7", occurred_at=occurred_now())

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.CONFLICT
    assert SandboxRefund.objects.count() == 1


def test_an_offer_is_ordered_once_at_its_price(as_buyer, gig, pay, published_events):
    offer = make_offer(gig, price="150.00", delivery_in_days=5)
    intent = pay(offer_message_id=offer.message_id)

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert (body["offer_id"], body["price"], body["total"]) == (offer.message_id, 150, 160.25)
    due = datetime.fromisoformat(body["delivery_due_at"])
    assert abs(due - (datetime.now(timezone.utc) + timedelta(days=5))) < timedelta(minutes=1)
    assert Offer.objects.get(message_id=offer.message_id).order_id == body["id"]
    assert published_events[-1]["payload"]["price"] == "150.00"
    second = as_buyer.post("/api/v1/orders/payment-intents", {"offer_message_id": offer.message_id})
    assert second.status_code == HTTPStatus.CONFLICT
    assert second.json()["code"] == "offer_already_ordered"


def test_an_offer_cancelled_after_payment_refunds_the_buyer(as_buyer, gig, pay):
    offer = make_offer(gig)
    intent = pay(offer_message_id=offer.message_id)
    offer_record_cancelled(message_id=offer.message_id, seller_user_id="7", buyer_id="1", occurred_at=occurred_now())

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "offer_unavailable"
    assert SandboxRefund.objects.count() == 1


def test_an_offer_that_expired_after_the_payment_intent_refunds_the_buyer(as_buyer, gig, pay):
    offer = make_offer(gig)
    intent = pay(offer_message_id=offer.message_id)
    Offer.objects(message_id=offer.message_id).update_one(
        set__expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)
    )

    response = as_buyer.post(ORDERS, _order_body(intent, gig.gig_id))
    again = as_buyer.post("/api/v1/orders/payment-intents", {"offer_message_id": offer.message_id})

    assert response.status_code == HTTPStatus.CONFLICT and response.json()["code"] == "offer_expired"
    assert SandboxRefund.objects.count() == 1
    assert again.status_code == HTTPStatus.CONFLICT and again.json()["code"] == "offer_expired"


@pytest.mark.parametrize(
    "field, value",
    [
        ("payment_intent_id", ""),
        ("payment_intent_id", None),
        ("gig_id", ""),
        ("gig_id", 5),
        ("requirements", "x" * 5001),
        ("requirements", 12),
    ],
)
def test_each_bad_field_is_named(as_buyer, gig, pay, field, value):
    intent = pay(gig.gig_id)
    body = {**_order_body(intent, gig.gig_id), field: value}

    response = as_buyer.post(ORDERS, body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]
    assert Order.objects.count() == 0


def test_missing_fields_are_named(as_buyer):
    response = as_buyer.post(ORDERS, {})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert {"payment_intent_id", "gig_id"} <= set(response.json()["fields"])


def test_a_body_that_is_not_json_is_refused_cleanly(as_buyer):
    response = as_buyer.post(ORDERS, "{not json", content_type="application/json")

    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert "detail" in response.json()


def test_signed_out_users_get_401(api, gig, pay):
    intent = pay(gig.gig_id)

    assert api.post(ORDERS, _order_body(intent, gig.gig_id)).status_code == HTTPStatus.UNAUTHORIZED
