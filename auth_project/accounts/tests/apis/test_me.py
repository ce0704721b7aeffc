from http import HTTPStatus

import pytest

from accounts.services.accounts import user_deactivate
from accounts.tests.conftest import bearer
from accounts.tests.factories import UserFactory
from shared.testing.tokens import user_token

URL = "/api/v1/auth/me"
pytestmark = pytest.mark.django_db


def test_me_answers_the_signed_in_user(api, user, signed_in):
    response = api.get(URL, **bearer(signed_in["tokens"]))

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"user": signed_in["user"]}
    assert "password" not in response.content.decode()


def test_me_describes_the_token_holder_only(api, user, signed_in):
    other = UserFactory(username="bob")

    response = api.get(URL, **bearer({"access": user_token(str(other.pk), "bob")}))

    assert response.json()["user"]["username"] == "bob"


def test_me_needs_an_access_token(api, user):
    response = api.get(URL)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("token", "code"),
    [
        (user_token("1", "alice", lifetime=-60), "token_expired"),
        (user_token("1", "alice", token_type="refresh"), "token_not_access"),
        (user_token("1", "alice", aud="somebody-else"), "token_invalid"),
        ("garbage", "token_invalid"),
    ],
)
def test_me_rejects_bad_access_tokens(api, user, token, code):
    response = api.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == code


def test_a_refresh_token_is_not_an_access_token(api, signed_in):
    response = api.get(URL, HTTP_AUTHORIZATION=f"Bearer {signed_in['tokens']['refresh']}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_a_deactivated_user_is_refused_even_with_a_live_access_token(api, user, signed_in):
    user_deactivate(user=user)

    response = api.get(URL, **bearer(signed_in["tokens"]))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "account_disabled"


def test_a_token_for_a_deleted_user_is_refused(api):
    response = api.get(URL, **bearer({"access": user_token("987654", "ghost")}))

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_me_without_a_gateway_token_is_rejected(client, signed_in):
    response = client.get(URL, **bearer(signed_in["tokens"]))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"
