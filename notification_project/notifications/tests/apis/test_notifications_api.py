from http import HTTPStatus

import pytest

from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications"


def test_lists_only_my_notifications_newest_first_with_counts(api):
    first = NotificationFactory(user_id="7", title="first")
    second = NotificationFactory(user_id="7", title="second", read=True)
    third = NotificationFactory(user_id="7", title="third")
    NotificationFactory(user_id="8", title="someone else's")

    response = api.as_user(user_id="7", username="bob").get(URL)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert [item["id"] for item in body["items"]] == [str(third.id), str(second.id), str(first.id)]
    assert body["total"] == 3
    assert body["unread"] == 2
    assert (body["page"], body["size"]) == (1, 20)


def test_an_item_has_every_field_and_a_string_id(api):
    notification = NotificationFactory(
        user_id="7", title="New order", body="Worth $5.00", link="/orders/o9", data={"order_id": "o9"}
    )

    item = api.as_user(user_id="7").get(URL).json()["items"][0]

    assert item["id"] == str(notification.id)
    assert item["kind"] == "order_received"
    assert (item["title"], item["body"], item["link"]) == ("New order", "Worth $5.00", "/orders/o9")
    assert item["data"] == {"order_id": "o9"}
    assert item["read"] is False
    assert item["created_at"].startswith(str(notification.created_at.year))


def test_pages_with_page_and_size(api):
    created = [NotificationFactory(user_id="7") for _ in range(5)]
    newest_first = [str(n.id) for n in reversed(created)]

    page_two = api.as_user(user_id="7").get(URL, {"page": 2, "size": 2}).json()
    page_four = api.as_user(user_id="7").get(URL, {"page": 4, "size": 2}).json()

    assert [item["id"] for item in page_two["items"]] == newest_first[2:4]
    assert page_two["total"] == 5
    assert page_four["items"] == []


def test_unread_only_filters_the_list_but_not_the_unread_count(api):
    NotificationFactory(user_id="7", read=True)
    unread = NotificationFactory(user_id="7")

    body = api.as_user(user_id="7").get(URL, {"unread_only": "true"}).json()

    assert [item["id"] for item in body["items"]] == [str(unread.id)]
    assert (body["total"], body["unread"]) == (1, 1)


def test_an_empty_inbox(api):
    body = api.as_user(user_id="7").get(URL).json()

    assert body["items"] == [] and body["total"] == 0 and body["unread"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
        ({"size": 0}, "size"),
        ({"size": 101}, "size"),
        ({"unread_only": "maybe"}, "unread_only"),
    ],
)
def test_bad_paging_is_rejected_naming_the_field(api, query, field):
    response = api.as_user(user_id="7").get(URL, query)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"]


def test_listing_needs_a_signed_in_user(api):
    response = api.get(URL)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"


def test_listing_rejects_an_expired_token(api):
    response = api.get(URL, HTTP_AUTHORIZATION="Bearer " + _expired_token())

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_listing_needs_the_gateway(client):
    from shared.testing.tokens import user_token

    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {user_token('7')}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"


def _expired_token() -> str:
    from shared.testing.tokens import user_token

    return user_token("7", lifetime=-60)
