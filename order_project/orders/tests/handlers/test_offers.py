from datetime import datetime, timedelta, timezone
from decimal import Decimal

from orders.documents import Offer
from orders.tests.factories import make_gig
from shared.events.contracts import ChatOfferAccepted, ChatOfferCancelled


def _accepted(**overrides):
    data = {
        "message_id": "m1",
        "conversation_id": "c1",
        "gig_id": "g1",
        "seller_id": "7",
        "seller_username": "bob",
        "buyer_id": "1",
        "buyer_username": "alice",
        "price": "150.00",
        "delivery_in_days": 5,
        "description": "Brand kit",
    }
    data.update(overrides)
    return ChatOfferAccepted(**data)


def _cancelled():
    return ChatOfferCancelled(message_id="m1", conversation_id="c1", seller_id="7", buyer_id="1")


def test_an_accepted_offer_is_recorded(deliver, envelope_of):
    assert deliver(envelope_of(_accepted())) == 1

    offer = Offer.objects.get(message_id="m1")
    assert (offer.gig_id, offer.seller_user_id, offer.buyer_id) == ("g1", "7", "1")
    assert (offer.price, offer.delivery_in_days, offer.status, offer.order_id) == (
        Decimal("150.00"),
        5,
        "accepted",
        None,
    )


def test_replaying_the_acceptance_changes_nothing(deliver, envelope_of):
    envelope = envelope_of(_accepted())
    deliver(envelope)
    before = Offer.objects.get(message_id="m1").to_mongo().to_dict()

    assert deliver(envelope) == 0
    assert Offer.objects.get(message_id="m1").to_mongo().to_dict() == before


def test_a_cancelled_offer_cannot_be_paid(deliver, envelope_of, as_buyer):
    deliver(envelope_of(_accepted()))

    deliver(envelope_of(_cancelled()))

    assert Offer.objects.get(message_id="m1").status == "cancelled"
    response = as_buyer.post("/api/v1/orders/payment-intents", {"offer_message_id": "m1"})
    assert response.status_code == 409 and response.json()["code"] == "offer_cancelled"


def test_a_cancellation_delivered_before_the_acceptance_wins(deliver, envelope_of):
    start = datetime.now(timezone.utc)
    deliver({**envelope_of(_cancelled()), "occurred_at": start.isoformat()})

    deliver({**envelope_of(_accepted()), "occurred_at": (start - timedelta(seconds=1)).isoformat()})

    assert Offer.objects.get(message_id="m1").status == "cancelled"


def test_an_offer_already_ordered_stays_ordered_when_cancelled_in_chat(deliver, envelope_of, pay, as_buyer):
    gig = make_gig()
    deliver(envelope_of(_accepted(gig_id=gig.gig_id)))
    intent = pay(offer_message_id="m1")
    order = as_buyer.post(
        "/api/v1/orders", {"payment_intent_id": intent["payment_intent_id"], "gig_id": gig.gig_id}
    ).json()

    deliver(envelope_of(_cancelled()))

    offer = Offer.objects.get(message_id="m1")
    assert (offer.status, offer.order_id) == ("accepted", order["id"])


def test_an_accepted_offer_keeps_when_it_expires(deliver, envelope_of):
    deliver(envelope_of(_accepted(expires_at="2030-01-02T03:04:05+00:00")))

    assert Offer.objects.get(message_id="m1").expires_at == datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
