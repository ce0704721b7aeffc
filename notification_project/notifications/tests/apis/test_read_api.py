from http import HTTPStatus

import pytest

from notifications.models import Notification
from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def read_url(notification_id) -> str:
    return f"/api/v1/notifications/{notification_id}/read"


def test_the_owner_marks_a_notification_read(api):
    notification = NotificationFactory(user_id="7")

    response = api.as_user(user_id="7").post(read_url(notification.id))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == str(notification.id)
    assert response.json()["read"] is True
    notification.refresh_from_db()
    assert notification.read and notification.read_at is not None


def test_reading_twice_is_harmless_and_keeps_the_first_read_time(api):
    notification = NotificationFactory(user_id="7")
    api.as_user(user_id="7").post(read_url(notification.id))
    notification.refresh_from_db()
    first_read_at = notification.read_at

    response = api.as_user(user_id="7").post(read_url(notification.id))

    assert response.status_code == HTTPStatus.OK
    notification.refresh_from_db()
    assert notification.read_at == first_read_at


def test_someone_elses_notification_is_not_found_and_stays_unread(api):
    notification = NotificationFactory(user_id="8")

    response = api.as_user(user_id="7").post(read_url(notification.id))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "notification_not_found"
    notification.refresh_from_db()
    assert notification.read is False


@pytest.mark.parametrize("bad_id", ["999999", "abc", "-1", "1.5"])
def test_an_unknown_or_malformed_id_is_not_found(api, bad_id):
    response = api.as_user(user_id="7").post(read_url(bad_id))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "notification_not_found"


def test_reading_needs_a_signed_in_user(api):
    notification = NotificationFactory(user_id="7")

    response = api.post(read_url(notification.id))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    notification.refresh_from_db()
    assert notification.read is False


def test_read_all_marks_only_my_unread_notifications(api):
    mine = [NotificationFactory(user_id="7") for _ in range(3)]
    NotificationFactory(user_id="7", read=True)
    theirs = NotificationFactory(user_id="8")

    response = api.as_user(user_id="7").post("/api/v1/notifications/read-all")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"updated": 3, "unread": 0}
    assert not Notification.objects.filter(id__in=[n.id for n in mine], read=False).exists()
    theirs.refresh_from_db()
    assert theirs.read is False


def test_read_all_on_an_empty_inbox(api):
    response = api.as_user(user_id="7").post("/api/v1/notifications/read-all")

    assert response.json() == {"updated": 0, "unread": 0}


def test_read_all_needs_a_signed_in_user(api):
    NotificationFactory(user_id="7")

    response = api.post("/api/v1/notifications/read-all")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert Notification.objects.filter(read=False).count() == 1


def test_read_rejects_get(api):
    notification = NotificationFactory(user_id="7")

    response = api.as_user(user_id="7").get(read_url(notification.id))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
