from decimal import Decimal
from http import HTTPStatus

import pytest

from chats.documents import Conversation, Message
from chats.tests.factories import offer_data

URL = "/api/v1/chat/messages"


def test_a_first_message_by_username_starts_a_conversation(as_alice, bob, published_events):
    response = as_alice.post(
        URL, {"receiver_username": "bob", "body": "  Hi Bob, about your logo gig  ", "gig_id": "gig-9"}
    )

    assert response.status_code == HTTPStatus.CREATED
    message = response.json()
    assert message["body"] == "Hi Bob, about your logo gig"
    assert (message["sender_id"], message["sender_username"]) == ("1", "alice")
    assert (message["receiver_id"], message["receiver_username"]) == ("2", "bob")
    assert message["gig_id"] == "gig-9"
    assert message["offer"] is None and message["read_at"] is None
    conversation = Conversation.objects.get(pk=message["conversation_id"])
    assert sorted(conversation.participant_ids) == ["1", "2"]
    assert conversation.gig_id == "gig-9"
    assert conversation.unread_counts == {"1": 0, "2": 1}


def test_the_receiver_username_ignores_case(as_alice, bob, published_events):
    response = as_alice.post(URL, {"receiver_username": "BOB", "body": "Hi"})

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["receiver_id"] == "2"


def test_messages_between_the_same_pair_share_one_conversation(as_alice, as_bob, published_events):
    first = as_alice.post(URL, {"receiver_username": "bob", "body": "Hi"}).json()
    reply = as_bob.post(URL, {"receiver_username": "alice", "body": "Hello"}).json()
    by_id = as_alice.post(URL, {"conversation_id": first["conversation_id"], "body": "Shall we start?"}).json()

    assert first["conversation_id"] == reply["conversation_id"] == by_id["conversation_id"]
    assert by_id["receiver_id"] == "2"
    assert Conversation.objects.count() == 1
    assert Conversation.objects.get().unread_counts == {"1": 1, "2": 2}


def test_sending_publishes_chat_message_sent_with_the_message(as_alice, bob, published_events):
    message = as_alice.post(URL, {"receiver_username": "bob", "body": "x" * 300}).json()

    assert [e["name"] for e in published_events] == ["chat.message.sent"]
    assert published_events[0]["payload"] == {
        "message_id": message["id"],
        "conversation_id": message["conversation_id"],
        "sender_id": "1",
        "sender_username": "alice",
        "receiver_id": "2",
        "receiver_username": "bob",
        "preview": "x" * 120,
        "has_offer": False,
    }


def test_a_message_can_carry_an_offer(as_bob, alice, published_events):
    response = as_bob.post(URL, {"receiver_username": "alice", "body": "My offer", "offer": offer_data(price=40.5)})

    assert response.status_code == HTTPStatus.CREATED
    offer = response.json()["offer"]
    assert offer["price"] == 40.5 and b'"price": 40.50' in response.content
    assert (offer["gig_id"], offer["delivery_in_days"], offer["status"]) == ("gig-1", 3, "pending")
    assert Message.objects.get().offer.price == Decimal("40.50")
    assert published_events[0]["payload"]["has_offer"] is True


def test_an_offer_without_its_own_gig_id_takes_the_messages(as_bob, alice, published_events):
    offer = offer_data()
    del offer["gig_id"]

    response = as_bob.post(URL, {"receiver_username": "alice", "body": "Offer", "gig_id": "gig-7", "offer": offer})

    assert response.json()["offer"]["gig_id"] == "gig-7"


def test_an_offer_with_no_gig_at_all_is_refused(as_bob, alice, published_events):
    offer = offer_data()
    del offer["gig_id"]

    response = as_bob.post(URL, {"receiver_username": "alice", "body": "Offer", "offer": offer})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["fields"] == {"offer.gig_id": ["An offer is for a gig: send its gig_id."]}
    assert Message.objects.count() == 0 and published_events == []


def test_an_unknown_receiver_is_not_found(as_alice, published_events):
    response = as_alice.post(URL, {"receiver_username": "nobody", "body": "Hi"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "receiver_not_found"
    assert Conversation.objects.count() == 0 and published_events == []


def test_a_user_learned_from_their_token_can_be_messaged(api, as_alice, published_events):
    # Dave never came through auth.user.created here, but he used chat once.
    api.as_user(user_id="4", username="dave").get("/api/v1/chat/conversations")

    response = as_alice.post(URL, {"receiver_username": "dave", "body": "Hi Dave"})

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["receiver_id"] == "4"


@pytest.mark.parametrize("name", ["alice", "Alice"])
def test_messaging_yourself_is_refused(as_alice, name, published_events):
    response = as_alice.post(URL, {"receiver_username": name, "body": "Hi me"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "cannot_message_yourself"
    assert response.json()["fields"] == {"receiver_username": ["That is you."]}


def test_both_receiver_and_conversation_are_refused(as_alice, bob, published_events):
    conversation_id = as_alice.post(URL, {"receiver_username": "bob", "body": "Hi"}).json()["conversation_id"]

    response = as_alice.post(URL, {"receiver_username": "bob", "conversation_id": conversation_id, "body": "Hi"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "ambiguous_receiver"
    assert "receiver_username" in response.json()["fields"]


@pytest.mark.parametrize("target", [{}, {"receiver_username": "  "}, {"conversation_id": ""}])
def test_a_message_without_a_receiver_is_refused(as_alice, target, published_events):
    response = as_alice.post(URL, {"body": "Hi", **target})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "receiver_required"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   \n "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": None}, "body"),
        ({"body": 12}, "body"),
        ({"receiver_username": ["bob"]}, "receiver_username"),
        ({"gig_id": "g" * 65}, "gig_id"),
        ({"offer": "cheap"}, "offer.price"),
        ({"offer": offer_data(price=4.99)}, "offer.price"),
        ({"offer": offer_data(price="12.345")}, "offer.price"),
        ({"offer": offer_data(price="lots")}, "offer.price"),
        ({"offer": offer_data(price=None)}, "offer.price"),
        ({"offer": offer_data(description=" ")}, "offer.description"),
        ({"offer": offer_data(description="d" * 1001)}, "offer.description"),
        ({"offer": offer_data(delivery_in_days=0)}, "offer.delivery_in_days"),
        ({"offer": offer_data(delivery_in_days=91)}, "offer.delivery_in_days"),
        ({"offer": offer_data(delivery_in_days="3")}, "offer.delivery_in_days"),
    ],
)
def test_each_bad_field_is_named(as_alice, bob, changes, field, published_events):
    response = as_alice.post(URL, {"receiver_username": "bob", "body": "Hi", **changes})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"], body
    assert Message.objects.count() == 0 and published_events == []


def test_a_body_of_exactly_5000_characters_is_accepted(as_alice, bob, published_events):
    response = as_alice.post(URL, {"receiver_username": "bob", "body": "x" * 5000})

    assert response.status_code == HTTPStatus.CREATED


def test_malformed_json_is_a_clear_error(as_alice, bob, published_events):
    response = as_alice.post(URL, "{not json", content_type="application/json")

    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert "code" in response.json()


def test_an_unknown_conversation_is_not_found(as_alice, published_events):
    for conversation_id in ("0123456789abcdef01234567", "not-an-id"):
        response = as_alice.post(URL, {"conversation_id": conversation_id, "body": "Hi"})

        assert response.status_code == HTTPStatus.NOT_FOUND
        assert response.json()["code"] == "conversation_not_found"


def test_only_participants_may_write_in_a_conversation(as_alice, as_carol, bob, published_events):
    conversation_id = as_alice.post(URL, {"receiver_username": "bob", "body": "Hi"}).json()["conversation_id"]

    response = as_carol.post(URL, {"conversation_id": conversation_id, "body": "Let me in"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_a_participant"
    assert Message.objects.count() == 1


def test_sending_needs_a_signed_in_user(api, bob, published_events):
    response = api.post(URL, {"receiver_username": "bob", "body": "Hi"})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"


def test_an_expired_or_forged_token_is_refused(api, client, bob, published_events):
    from shared.testing.tokens import gateway_token, user_token

    for token in (user_token("1", "alice", lifetime=-60), user_token("1", "alice", token_type="refresh"), "garbage"):
        response = client.post(
            URL,
            {"receiver_username": "bob", "body": "Hi"},
            content_type="application/json",
            HTTP_X_GATEWAY_TOKEN=gateway_token("chat"),
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

        assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_a_request_without_the_gateway_token_is_refused(client, published_events):
    from shared.testing.tokens import user_token

    response = client.post(
        URL,
        {"receiver_username": "bob", "body": "Hi"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {user_token('1', 'alice')}",
    )

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"
