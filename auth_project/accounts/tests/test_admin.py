from http import HTTPStatus

import pytest

from accounts.models import User
from accounts.tests.factories import UserFactory

CHANGELIST = "/admin/auth/accounts/user/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(api, client):
    client.force_login(UserFactory(username="staffer", is_staff=True, is_superuser=True))
    return api


def test_staff_search_users_and_see_their_verification_state(staff):
    UserFactory(username="verified_vera", email_verified=True)
    UserFactory(username="pending_pete")

    response = staff.get(CHANGELIST, {"q": "vera"})

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "verified_vera" in page and "pending_pete" not in page
    assert "email_verified" in page  # the column
    assert staff.get(CHANGELIST, {"email_verified__exact": "0"}).content.decode().count("pending_pete") >= 1


def test_staff_deactivate_a_user_who_then_cannot_sign_in_or_refresh(staff, api, password):
    target = UserFactory(username="target")
    tokens = api.post("/api/v1/auth/signin", {"username": "target", "password": password}).json()["tokens"]

    response = staff.post_multipart(CHANGELIST, {"action": "deactivate", "_selected_action": [target.pk]})

    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.get(pk=target.pk).is_active is False
    assert api.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}).status_code == HTTPStatus.UNAUTHORIZED
    signin = api.post("/api/v1/auth/signin", {"username": "target", "password": password})
    assert signin.status_code == HTTPStatus.FORBIDDEN


def test_unticking_active_in_the_form_also_ends_sessions(staff, api, password):
    target = UserFactory(username="target")
    tokens = api.post("/api/v1/auth/signin", {"username": "target", "password": password}).json()["tokens"]
    form = {
        "username": "target",
        "email": target.email,
        "country": "Germany",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
        "is_active": "",
    }

    response = staff.post_multipart(f"{CHANGELIST}{target.pk}/change/", form)

    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    assert api.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}).status_code == HTTPStatus.UNAUTHORIZED


def test_a_signed_in_member_who_is_not_staff_is_sent_to_the_login_page(api, client):
    client.force_login(UserFactory(username="member"))

    response = api.get(CHANGELIST)

    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/auth/login/" in response["Location"]


def test_the_admin_refuses_requests_without_a_gateway_token(client):
    client.force_login(UserFactory(username="staffer", is_staff=True, is_superuser=True))

    assert client.get(CHANGELIST).status_code == HTTPStatus.UNAUTHORIZED
