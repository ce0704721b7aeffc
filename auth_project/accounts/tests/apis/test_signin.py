from datetime import timedelta
from http import HTTPStatus

import jwt
import pytest

from accounts.tests.factories import UserFactory
from shared.keys import read_key
from shared.tokens import USER_TOKEN_AUDIENCE, USER_TOKEN_ISSUER, verify_user_token

URL = "/api/v1/auth/signin"
pytestmark = pytest.mark.django_db
INVALID = {"detail": "Invalid credentials.", "code": "invalid_credentials"}


def claims_of(token: str) -> dict:
    return jwt.decode(token, read_key("jwt_public"), algorithms=["RS256"], audience=USER_TOKEN_AUDIENCE)


def signin(api, login, password, ip="203.0.113.7"):
    return api.post(URL, {"username": login, "password": password}, HTTP_X_FORWARDED_FOR=ip)


@pytest.mark.parametrize("login", ["alice", "ALICE", "alice@example.com", "Alice@Example.COM"])
def test_signin_by_username_or_email_in_any_case(api, user, password, login):
    response = signin(api, login, password)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["user"]["id"] == str(user.pk)
    assert verify_user_token(body["tokens"]["access"]).username == "alice"


def test_the_token_pair_has_the_configured_lifetimes(api, user, password):
    tokens = signin(api, "alice", password).json()["tokens"]

    assert tokens["access_expires_in"] == 15 * 60
    assert tokens["refresh_expires_in"] == 7 * 24 * 3600
    access = claims_of(tokens["access"])
    refresh = claims_of(tokens["refresh"])
    assert set(access) == {
        "user_id",
        "username",
        "email",
        "email_verified",
        "token_type",
        "iss",
        "aud",
        "iat",
        "exp",
        "jti",
        "sid",
    }
    assert access["exp"] - access["iat"] == 15 * 60
    assert refresh["exp"] - refresh["iat"] == 7 * 24 * 3600
    assert (access["token_type"], refresh["token_type"]) == ("access", "refresh")
    assert access["user_id"] == str(user.pk) and isinstance(access["user_id"], str)
    assert access["iss"] == USER_TOKEN_ISSUER and access["aud"] == USER_TOKEN_AUDIENCE
    assert "fam" in refresh and "fam" not in access
    assert access["sid"] == refresh["fam"]  # the session, so the gateway can refuse it once it ends
    assert jwt.get_unverified_header(tokens["access"])["alg"] == "RS256"


def test_lifetimes_come_from_the_settings(api, user, password, settings):
    settings.SIMPLE_JWT = {**settings.SIMPLE_JWT, "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5)}

    tokens = signin(api, "alice", password).json()["tokens"]

    assert tokens["access_expires_in"] == 300
    assert claims_of(tokens["access"])["exp"] - claims_of(tokens["access"])["iat"] == 300


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(api, user):
    wrong_password = signin(api, "alice", "not-her-password")
    unknown = signin(api, "nobody", "whatever-password")

    assert wrong_password.status_code == unknown.status_code == HTTPStatus.UNAUTHORIZED
    assert wrong_password.json() == unknown.json() == INVALID


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"password": "x"}, "username"),
        ({"username": "alice"}, "password"),
        ({"username": "", "password": "x"}, "username"),
    ],
)
def test_missing_fields_are_a_400(api, data, field):
    response = api.post(URL, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["fields"]


def test_after_five_failures_the_account_is_locked_for_that_client(api, user, password):
    for _ in range(5):
        assert signin(api, "alice", "wrong-password").status_code == HTTPStatus.UNAUTHORIZED

    locked = signin(api, "alice", password)

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert locked.json()["code"] == "too_many_attempts"
    assert 0 < int(locked["Retry-After"]) <= 15 * 60
    # Another client is still let in: one attacker cannot lock the owner out alone.
    assert signin(api, "alice", password, ip="198.51.100.9").status_code == HTTPStatus.OK


def test_the_lockout_also_holds_for_the_email_spelling_and_unknown_accounts(api, user):
    for _ in range(5):
        signin(api, "ghost@example.com", "wrong-password")

    assert signin(api, "GHOST@example.com", "anything").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_failures_from_many_clients_lock_the_account(api, user, password, settings):
    settings.AUTH_SIGNIN_MAX_FAILURES_PER_ACCOUNT = 3
    for number in range(3):
        signin(api, "alice", "wrong-password", ip=f"192.0.2.{number}")

    assert signin(api, "alice", password, ip="192.0.2.200").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_a_successful_signin_resets_the_count(api, user, password):
    for _ in range(4):
        signin(api, "alice", "wrong-password")
    assert signin(api, "alice", password).status_code == HTTPStatus.OK

    for _ in range(4):
        assert signin(api, "alice", "wrong-password").status_code == HTTPStatus.UNAUTHORIZED
    assert signin(api, "alice", password).status_code == HTTPStatus.OK


def test_the_client_address_is_the_last_forwarded_hop(api, user, password):
    # A client cannot dodge the lockout by sending its own X-Forwarded-For entries.
    for number in range(5):
        signin(api, "alice", "wrong-password", ip=f"10.0.0.{number}, 203.0.113.7")

    assert signin(api, "alice", password, ip="10.9.9.9, 203.0.113.7").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_a_deactivated_account_cannot_sign_in(api, password):
    UserFactory(username="gone", is_active=False)

    right = signin(api, "gone", password)
    wrong = signin(api, "gone", "wrong-password")

    assert right.status_code == HTTPStatus.FORBIDDEN
    assert right.json()["code"] == "account_disabled"
    assert wrong.json() == INVALID  # no hint to someone who does not know the password


def test_a_stale_access_token_does_not_get_in_the_way(api, user, password):
    response = api.post(
        URL, {"username": "alice", "password": password}, HTTP_AUTHORIZATION="Bearer expired.or.garbage"
    )

    assert response.status_code == HTTPStatus.OK


def test_signin_without_a_gateway_token_is_rejected(client, user, password):
    response = client.post(URL, {"username": "alice", "password": password}, content_type="application/json")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
