from http import HTTPStatus

import pytest

from notifications.models import SentEmail
from notifications.tests.factories import ContactFactory, NotificationFactory, OrderPartiesFactory
from shared.testing.tokens import gateway_token

pytestmark = pytest.mark.django_db

ADMIN = "/admin/notification/notifications"


@pytest.fixture
def staff(admin_client):
    """A signed-in superuser whose requests come through the gateway."""

    def get(path, **params):
        return admin_client.get(path, params, HTTP_X_GATEWAY_TOKEN=gateway_token("notification"))

    return get


def test_staff_find_notifications_by_title(staff):
    NotificationFactory(user_id="7", title="New order from bob")
    NotificationFactory(user_id="8", title="Welcome aboard")

    response = staff(f"{ADMIN}/notification/", q="bob")

    assert response.status_code == HTTPStatus.OK
    assert b"New order from bob" in response.content
    assert b"Welcome aboard" not in response.content


def test_staff_find_sent_emails_by_address(staff):
    SentEmail.objects.create(
        to_email="carol@example.com", template="verify_email", subject="Verify your e-mail address"
    )
    SentEmail.objects.create(to_email="dave@example.com", template="reset_password", subject="Reset your password")

    response = staff(f"{ADMIN}/sentemail/", q="carol")

    assert response.status_code == HTTPStatus.OK
    assert b"carol@example.com" in response.content
    assert b"dave@example.com" not in response.content


def test_the_email_log_is_read_only(staff):
    log = SentEmail.objects.create(to_email="carol@example.com", template="verify_email", subject="Verify")

    assert staff(f"{ADMIN}/sentemail/add/").status_code == HTTPStatus.FORBIDDEN
    page = staff(f"{ADMIN}/sentemail/{log.id}/change/")
    assert page.status_code == HTTPStatus.OK
    assert b'name="to_email"' not in page.content


def test_staff_search_contacts_and_order_parties(staff):
    ContactFactory(user_id="7", username="alice", email="alice@example.com")
    OrderPartiesFactory(order_id="order-xyz")

    assert b"alice@example.com" in staff(f"{ADMIN}/contact/", q="alice").content
    assert b"order-xyz" in staff(f"{ADMIN}/orderparties/", q="xyz").content


def test_the_admin_is_for_staff_only(client):
    response = client.get(f"{ADMIN}/notification/", HTTP_X_GATEWAY_TOKEN=gateway_token("notification"))

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/notification/login/" in response["Location"]
