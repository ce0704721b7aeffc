from http import HTTPStatus

import pytest

from chats.tests.factories import send

URL = "/api/v1/chat/conversations/{}/messages"


@pytest.fixture
def conversation(alice, bob, published_events):
    """Seven messages, alternating, numbered in the order sent."""
    first = send(alice, "bob", "m0")
    for number in range(1, 7):
        sender, receiver = (bob, "alice") if number % 2 else (alice, "bob")
        send(sender, receiver, f"m{number}")
    return str(first.conversation_id)


def bodies(page):
    return [m["body"] for m in page["items"]]


def test_the_latest_messages_come_newest_last(as_alice, conversation):
    response = as_alice.get(URL.format(conversation))

    assert response.status_code == HTTPStatus.OK
    page = response.json()
    assert bodies(page) == [f"m{n}" for n in range(7)]
    assert (page["total"], page["older_cursor"], page["newer_cursor"]) == (7, None, None)
    assert page["items"][1]["sender_username"] == "bob"


def test_older_messages_page_back_with_a_cursor(as_bob, conversation):
    latest = as_bob.get(URL.format(conversation), {"limit": 3}).json()
    older = as_bob.get(URL.format(conversation), {"limit": 3, "before": latest["older_cursor"]}).json()
    oldest = as_bob.get(URL.format(conversation), {"limit": 3, "before": older["older_cursor"]}).json()

    assert (bodies(latest), bodies(older), bodies(oldest)) == (["m4", "m5", "m6"], ["m1", "m2", "m3"], ["m0"])
    assert oldest["older_cursor"] is None
    assert latest["total"] == older["total"] == 7


def test_newer_messages_after_a_cursor_catch_up(as_alice, conversation):
    items = as_alice.get(URL.format(conversation)).json()["items"]

    caught_up = as_alice.get(URL.format(conversation), {"after": items[2]["id"], "limit": 2}).json()
    rest = as_alice.get(URL.format(conversation), {"after": caught_up["newer_cursor"], "limit": 2}).json()
    nothing_newer = as_alice.get(URL.format(conversation), {"after": rest["items"][-1]["id"]}).json()

    assert (bodies(caught_up), bodies(rest)) == (["m3", "m4"], ["m5", "m6"])
    assert rest["newer_cursor"] is None  # caught up
    assert (nothing_newer["items"], nothing_newer["total"]) == ([], 7)


@pytest.mark.parametrize(
    ("params", "field", "status"),
    [
        ({"limit": 0}, "limit", HTTPStatus.UNPROCESSABLE_ENTITY),
        ({"limit": 101}, "limit", HTTPStatus.UNPROCESSABLE_ENTITY),
        ({"before": "zzz"}, "before", HTTPStatus.BAD_REQUEST),
        ({"after": "zzz"}, "after", HTTPStatus.BAD_REQUEST),
        ({"before": "0123456789abcdef01234567", "after": "0123456789abcdef01234567"}, "after", HTTPStatus.BAD_REQUEST),
    ],
)
def test_bad_paging_is_named(as_alice, conversation, params, field, status):
    response = as_alice.get(URL.format(conversation), params)

    assert response.status_code == status
    assert field in response.json()["fields"]


def test_only_participants_may_read_the_messages(as_carol, conversation):
    response = as_carol.get(URL.format(conversation))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_a_participant"


@pytest.mark.parametrize("conversation_id", ["0123456789abcdef01234567", "nope"])
def test_an_unknown_conversation_is_not_found(as_alice, conversation_id):
    response = as_alice.get(URL.format(conversation_id))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_reading_messages_needs_a_signed_in_user(api, conversation):
    assert api.get(URL.format(conversation)).status_code == HTTPStatus.UNAUTHORIZED
