"""Staff see conversations and messages in the service's Django admin (shared.mongoadmin)."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import User

from chats.tests.factories import offer_data, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = User.objects.create_superuser("staffer", "staff@example.com", "a-long-password-1")
    client.force_login(admin)
    return client


@pytest.fixture
def gateway_headers():
    from shared.testing.tokens import gateway_token

    return {"HTTP_X_GATEWAY_TOKEN": gateway_token("chat")}


@pytest.mark.parametrize(
    ("document", "shown"),
    [("conversation", "bob &amp; alice"), ("message", "Deal for the logo"), ("chatuser", "carol")],
)
def test_the_list_pages_render_for_staff(
    staff_client, gateway_headers, alice, bob, carol, document, shown, published_events
):
    send(bob, "alice", "Deal for the logo", offer=offer_data())

    response = staff_client.get(f"/admin/chat/chats/{document}/", **gateway_headers)

    assert response.status_code == HTTPStatus.OK
    assert shown in response.content.decode()


def test_a_message_detail_page_renders(staff_client, gateway_headers, alice, bob, published_events):
    message = send(bob, "alice", "Deal for the logo", offer=offer_data())

    response = staff_client.get(f"/admin/chat/chats/message/{message.pk}/change/", **gateway_headers)

    assert response.status_code == HTTPStatus.OK
    assert "Deal for the logo" in response.content.decode()


def test_the_admin_index_lists_the_documents(staff_client, gateway_headers):
    content = staff_client.get("/admin/chat/", **gateway_headers).content.decode()

    assert "/admin/chat/chats/conversation/" in content and "/admin/chat/chats/message/" in content


def test_non_staff_are_sent_to_the_login_page(client, gateway_headers):
    User.objects.create_user("someone", "someone@example.com", "a-long-password-1")
    client.login(username="someone", password="a-long-password-1")

    response = client.get("/admin/chat/chats/message/", **gateway_headers)

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/chat/login/" in response["Location"]
