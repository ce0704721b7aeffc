from http import HTTPStatus

import pytest

from chats.tests.factories import known_user, send

URL = "/api/v1/chat/conversations"


@pytest.fixture
def conversations(alice, bob, carol, published_events):
    """Alice talks with Bob, then Carol writes to Alice twice, then Bob replies once."""
    with_bob = send(alice, "bob", "Hi Bob").conversation_id
    with_carol = send(carol, "alice", "Hi Alice").conversation_id
    send(carol, "alice", "Are you there?")
    send(bob, "alice", "Hello Alice", gig_id="gig-3")
    return str(with_bob), str(with_carol)


def test_the_list_is_newest_first_with_the_latest_message_and_unread_count(as_alice, conversations):
    with_bob, with_carol = conversations

    response = as_alice.get(URL)

    assert response.status_code == HTTPStatus.OK
    page = response.json()
    assert (page["total"], page["page"], page["size"]) == (2, 1, 20)
    first, second = page["items"]
    assert first["id"] == with_bob and second["id"] == with_carol
    assert first["other_participant"] == {"user_id": "2", "username": "bob"}
    assert first["latest_message"]["body"] == "Hello Alice"
    assert first["gig_id"] == "gig-3"
    assert (first["unread_count"], second["unread_count"]) == (1, 2)
    assert second["latest_message"]["body"] == "Are you there?"


def test_unread_counts_are_per_caller(as_bob, conversations):
    page = as_bob.get(URL).json()

    assert page["total"] == 1
    assert page["items"][0]["unread_count"] == 1  # Alice's "Hi Bob"; his own reply does not count


def test_the_list_pages(as_alice, conversations):
    first = as_alice.get(URL, {"size": 1}).json()
    second = as_alice.get(URL, {"size": 1, "page": 2}).json()
    beyond = as_alice.get(URL, {"size": 1, "page": 3}).json()

    assert [c["id"] for c in first["items"] + second["items"]] == list(conversations)
    assert (first["total"], beyond["items"]) == (2, [])


@pytest.mark.parametrize(
    ("params", "field"),
    [({"size": 0}, "size"), ({"size": 101}, "size"), ({"page": 0}, "page"), ({"page": "x"}, "page")],
)
def test_bad_paging_is_named(as_alice, params, field):
    response = as_alice.get(URL, params)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_someone_without_conversations_gets_an_empty_list(api):
    response = api.as_user(user_id="9", username="zoe").get(URL)

    assert response.json() == {"items": [], "total": 0, "page": 1, "size": 20}


def test_the_list_needs_a_signed_in_user(api):
    assert api.get(URL).status_code == HTTPStatus.UNAUTHORIZED


def test_reading_marks_only_the_callers_received_messages(as_alice, conversations, published_events):
    _, with_carol = conversations
    send(known_user("1", "alice"), "carol", "Yes, here")

    response = as_alice.post(f"{URL}/{with_carol}/read")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"conversation_id": with_carol, "marked_read": 2, "unread_count": 0}
    messages = as_alice.get(f"{URL}/{with_carol}/messages").json()["items"]
    assert [m["read_at"] is not None for m in messages] == [True, True, False]
    listed = {c["id"]: c["unread_count"] for c in as_alice.get(URL).json()["items"]}
    assert listed[with_carol] == 0
    assert as_alice.post(f"{URL}/{with_carol}/read").json()["marked_read"] == 0


def test_only_participants_may_mark_read(as_carol, conversations):
    with_bob, _ = conversations

    response = as_carol.post(f"{URL}/{with_bob}/read")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_a_participant"


@pytest.mark.parametrize("conversation_id", ["0123456789abcdef01234567", "nope"])
def test_reading_an_unknown_conversation_is_not_found(as_alice, conversation_id):
    response = as_alice.post(f"{URL}/{conversation_id}/read")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "conversation_not_found"


def test_reading_needs_a_signed_in_user(api, conversations):
    assert api.post(f"{URL}/{conversations[0]}/read").status_code == HTTPStatus.UNAUTHORIZED


def test_each_conversation_shows_whether_the_partner_is_online(as_alice, conversations):
    from chats.presence import presence_connect, presence_disconnect

    presence_connect(user_id="2", connection="bob-tab")
    presence_connect(user_id="3", connection="carol-tab")
    presence_disconnect(user_id="3", connection="carol-tab")

    with_bob, with_carol = as_alice.get(URL).json()["items"]

    assert (with_bob["partner_online"], with_carol["partner_online"]) == (True, False)
    assert with_bob["partner_last_seen_at"] and with_carol["partner_last_seen_at"]


def test_a_partner_never_connected_is_offline_and_never_seen(as_alice, conversations):
    items = as_alice.get(URL).json()["items"]

    assert [(item["partner_online"], item["partner_last_seen_at"]) for item in items] == [(False, None), (False, None)]
