from chats.documents import ChatUser
from chats.selectors import user_get_by_username
from shared.events.contracts import UserCreated


def user_created(envelope_of, user_id="5", username="Erin"):
    return envelope_of(UserCreated(user_id=user_id, username=username, email=f"{username}@example.com", country="PT"))


def test_a_new_account_joins_the_directory(deliver, envelope_of):
    assert deliver(user_created(envelope_of)) == 1

    user = user_get_by_username(username="erin")
    assert (user.user_id, user.username) == ("5", "Erin")


def test_a_replayed_event_changes_nothing(deliver, envelope_of):
    envelope = user_created(envelope_of)

    deliver(envelope)
    assert deliver(envelope) == 0
    assert ChatUser.objects.count() == 1


def test_a_username_freed_by_another_account_moves_to_the_new_one(deliver, envelope_of):
    deliver(user_created(envelope_of, user_id="5", username="erin"))
    deliver(user_created(envelope_of, user_id="6", username="ERIN"))

    assert [(u.user_id, u.username) for u in ChatUser.objects] == [("6", "ERIN")]


def test_the_new_user_can_be_messaged_at_once(deliver, envelope_of, api, published_events):
    deliver(user_created(envelope_of))

    response = api.as_user(user_id="1", username="alice").post(
        "/api/v1/chat/messages", {"receiver_username": "erin", "body": "Welcome!"}
    )

    assert response.status_code == 201
    assert response.json()["receiver_id"] == "5"


def test_chat_is_bound_to_the_events_it_handles():
    from shared.events.consumers import HANDLERS, consumed_names
    from shared.testing.broker import routed_event_names

    assert set(HANDLERS) <= routed_event_names("chat", consumed_names())  # a handled event not bound never arrives
