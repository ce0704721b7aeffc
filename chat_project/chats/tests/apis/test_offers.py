from http import HTTPStatus

import pytest

from chats.documents import Message
from chats.tests.factories import offer_data, send

URL = "/api/v1/chat/offers/{}/{}"


@pytest.fixture
def offer(alice, bob, published_events):
    """Bob (the seller) offers Alice (the buyer) a custom job; the events list starts empty after it."""
    message = send(bob, "alice", "Here is my offer", offer=offer_data(price="120.50", delivery_in_days=5))
    published_events.clear()
    return str(message.pk)


def test_the_receiver_accepts_an_offer(as_alice, offer, published_events):
    response = as_alice.post(URL.format(offer, "accept"))

    assert response.status_code == HTTPStatus.OK
    decided = response.json()["offer"]
    assert (decided["status"], decided["decided_by"]) == ("accepted", "1")
    assert decided["decided_at"] is not None
    assert Message.objects.get(pk=offer).offer.status == "accepted"


def test_accepting_publishes_chat_offer_accepted_for_the_order_service(as_alice, offer, published_events):
    message = as_alice.post(URL.format(offer, "accept")).json()

    assert [e["name"] for e in published_events] == ["chat.offer.accepted"]
    assert published_events[0]["payload"] == {
        "message_id": offer,
        "conversation_id": message["conversation_id"],
        "gig_id": "gig-1",
        "seller_id": "2",
        "seller_username": "bob",
        "buyer_id": "1",
        "buyer_username": "alice",
        "price": "120.50",
        "delivery_in_days": 5,
        "description": "A logo in three styles.",
        "expires_at": Message.objects.get(pk=offer).offer.expires_at.isoformat(),
    }


def test_the_receiver_cancels_an_offer(as_alice, offer, published_events):
    response = as_alice.post(URL.format(offer, "cancel"))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["offer"]["status"] == "cancelled"
    assert [e["name"] for e in published_events] == ["chat.offer.cancelled"]
    payload = published_events[0]["payload"]
    assert (payload["message_id"], payload["seller_id"], payload["buyer_id"]) == (offer, "2", "1")


def test_the_sender_withdraws_a_pending_offer(as_bob, offer, published_events):
    response = as_bob.post(URL.format(offer, "withdraw"))

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["offer"]["status"], response.json()["offer"]["decided_by"]) == ("cancelled", "2")
    assert [e["name"] for e in published_events] == ["chat.offer.cancelled"]


@pytest.mark.parametrize("action", ["accept", "cancel"])
def test_the_sender_may_not_accept_or_cancel_their_own_offer(as_bob, offer, action, published_events):
    response = as_bob.post(URL.format(offer, action))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_offer_receiver"
    assert Message.objects.get(pk=offer).offer.status == "pending" and published_events == []


@pytest.mark.parametrize("action", ["accept", "cancel", "withdraw"])
def test_a_third_user_may_not_decide(as_carol, offer, action, published_events):
    response = as_carol.post(URL.format(offer, action))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert published_events == []


def test_the_receiver_may_not_withdraw(as_alice, offer, published_events):
    response = as_alice.post(URL.format(offer, "withdraw"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_offer_sender"


@pytest.mark.parametrize(
    ("first", "then"),
    [("accept", "accept"), ("accept", "cancel"), ("cancel", "accept"), ("cancel", "cancel")],
)
def test_a_decided_offer_is_a_conflict(as_alice, offer, first, then, published_events):
    as_alice.post(URL.format(offer, first))

    response = as_alice.post(URL.format(offer, then))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "offer_not_pending"
    assert len(published_events) == 1


def test_a_withdrawn_offer_cannot_be_accepted(as_alice, as_bob, offer, published_events):
    as_bob.post(URL.format(offer, "withdraw"))

    response = as_alice.post(URL.format(offer, "accept"))

    assert response.status_code == HTTPStatus.CONFLICT
    assert as_bob.post(URL.format(offer, "withdraw")).status_code == HTTPStatus.CONFLICT


@pytest.mark.parametrize("action", ["accept", "cancel", "withdraw"])
def test_an_unknown_offer_is_not_found(as_alice, action):
    for message_id in ("0123456789abcdef01234567", "nope"):
        response = as_alice.post(URL.format(message_id, action))

        assert response.status_code == HTTPStatus.NOT_FOUND
        assert response.json()["code"] == "offer_not_found"


def test_a_message_without_an_offer_is_not_an_offer(as_alice, alice, bob, published_events):
    plain = send(bob, "alice", "Just chatting")

    response = as_alice.post(URL.format(plain.pk, "accept"))

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("action", ["accept", "cancel", "withdraw"])
def test_deciding_needs_a_signed_in_user(api, offer, action):
    assert api.post(URL.format(offer, action)).status_code == HTTPStatus.UNAUTHORIZED


def test_the_offer_shows_its_status_in_the_conversation(as_alice, offer, published_events):
    as_alice.post(URL.format(offer, "accept"))

    conversation = as_alice.get("/api/v1/chat/conversations").json()["items"][0]

    assert conversation["latest_message"]["offer"]["status"] == "accepted"
    assert conversation["latest_message"]["offer"]["price"] == 120.5


def test_an_offer_expires_after_seven_days_unless_the_seller_says_otherwise(alice, bob):
    from datetime import timedelta

    default = send(bob, "alice", "Offer", offer=offer_data())
    short = send(bob, "alice", "Offer", offer=offer_data(expires_in_days=1))

    assert default.offer.expires_at - default.created_at >= timedelta(days=7) - timedelta(seconds=5)
    assert timedelta(hours=23) < short.offer.expires_at - short.created_at <= timedelta(days=1, seconds=5)


@pytest.mark.parametrize("days", [0, 31, "7", 2.5])
def test_an_expiry_outside_one_to_thirty_days_is_refused_naming_the_field(as_bob, alice, days):
    response = as_bob.post(
        "/api/v1/chat/messages",
        {
            "receiver_username": "alice",
            "body": "Offer",
            "offer": {**offer_data(), "price": "50.00", "expires_in_days": days},
        },
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert any("expires_in_days" in name for name in response.json()["fields"])


def test_an_expired_offer_cannot_be_accepted(as_alice, offer, published_events):
    from datetime import timedelta

    from chats.documents import now

    Message.objects(pk=offer).update_one(set__offer__expires_at=now() - timedelta(seconds=1))

    response = as_alice.post(URL.format(offer, "accept"))

    assert response.status_code == HTTPStatus.CONFLICT and response.json()["code"] == "offer_expired"
    assert Message.objects.get(pk=offer).offer.status == "pending"
    assert published_events == []


def test_the_sender_may_still_withdraw_an_expired_offer(as_bob, offer):
    from datetime import timedelta

    from chats.documents import now

    Message.objects(pk=offer).update_one(set__offer__expires_at=now() - timedelta(seconds=1))

    response = as_bob.post(URL.format(offer, "withdraw"))

    assert response.status_code == HTTPStatus.OK and response.json()["offer"]["status"] == "cancelled"
