from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from accounts.models import OneTimeToken, User
from accounts.tests.conftest import bearer

VERIFY, RESEND = "/api/v1/auth/verify-email", "/api/v1/auth/resend-verification"
pytestmark = pytest.mark.django_db


@pytest.fixture
def new_account(api, outbox) -> dict:
    """Signed up through the API: the answer plus the raw token from the e-mail event."""
    body = api.post(
        "/api/v1/auth/signup",
        {"username": "carol", "email": "carol@example.com", "password": "Marmalade-Fox-71", "country": "Chile"},
    ).json()
    body["mailed_token"] = outbox("auth.email.verification_requested")[-1]["token"]
    return body


def test_the_mailed_token_verifies_the_email(api, new_account):
    response = api.post(VERIFY, {"token": new_account["mailed_token"]})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["user"]["email_verified"] is True
    user = User.objects.get(username="carol")
    assert user.email_verified and user.email_verified_at is not None


def test_a_token_works_once(api, new_account):
    api.post(VERIFY, {"token": new_account["mailed_token"]})

    again = api.post(VERIFY, {"token": new_account["mailed_token"]})

    assert again.status_code == HTTPStatus.BAD_REQUEST
    assert again.json()["code"] == "token_used"
    assert list(again.json()["fields"]) == ["token"]


def test_an_expired_token_is_refused(api, new_account):
    OneTimeToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = api.post(VERIFY, {"token": new_account["mailed_token"]})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "token_expired"
    assert User.objects.get(username="carol").email_verified is False


@pytest.mark.parametrize(
    ("data", "code"), [({"token": "made-up"}, "token_invalid"), ({}, "invalid"), ({"token": ""}, "invalid")]
)
def test_a_wrong_or_missing_token_is_a_400(api, new_account, data, code):
    response = api.post(VERIFY, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == code
    assert list(response.json()["fields"]) == ["token"]


def test_a_password_reset_token_does_not_verify_an_email(api, new_account, outbox):
    api.post("/api/v1/auth/forgot-password", {"email": "carol@example.com"})
    reset_token = outbox("auth.password.reset_requested")[-1]["token"]

    assert api.post(VERIFY, {"token": reset_token}).json()["code"] == "token_invalid"


def test_resend_mails_a_new_token_and_retires_the_old_one(api, new_account, outbox):
    response = api.post(RESEND, **bearer(new_account["tokens"]))

    assert response.status_code == HTTPStatus.OK
    tokens = [event["token"] for event in outbox("auth.email.verification_requested")]
    assert len(tokens) == 2 and tokens[0] != tokens[1]
    assert api.post(VERIFY, {"token": tokens[0]}).json()["code"] == "token_used"
    assert api.post(VERIFY, {"token": tokens[1]}).status_code == HTTPStatus.OK


def test_resend_waits_between_two_emails(api, new_account, outbox):
    api.post(RESEND, **bearer(new_account["tokens"]))

    again = api.post(RESEND, **bearer(new_account["tokens"]))

    assert again.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(again["Retry-After"]) > 0
    assert len(outbox("auth.email.verification_requested")) == 2


def test_resend_for_a_verified_email_is_a_409(api, new_account, outbox):
    api.post(VERIFY, {"token": new_account["mailed_token"]})

    response = api.post(RESEND, **bearer(new_account["tokens"]))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "already_verified"


def test_resend_needs_a_signed_in_user(api, new_account):
    response = api.post(RESEND)

    assert response.status_code == HTTPStatus.UNAUTHORIZED


@pytest.mark.parametrize("url", [VERIFY, RESEND])
def test_verification_routes_refuse_requests_without_a_gateway_token(client, new_account, url):
    response = client.post(url, {"token": new_account["mailed_token"]}, content_type="application/json")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"
