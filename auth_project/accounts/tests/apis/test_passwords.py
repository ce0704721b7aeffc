from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from accounts.models import OneTimeToken
from accounts.tests.conftest import bearer
from accounts.tests.factories import UserFactory

FORGOT, RESET, CHANGE = "/api/v1/auth/forgot-password", "/api/v1/auth/reset-password", "/api/v1/auth/change-password"
SIGNIN, REFRESH = "/api/v1/auth/signin", "/api/v1/auth/refresh"
NEW = "Lighthouse-Drift-58"
pytestmark = pytest.mark.django_db


@pytest.fixture
def reset_token(api, user, outbox) -> str:
    api.post(FORGOT, {"email": "alice@example.com"})
    return outbox("auth.password.reset_requested")[-1]["token"]


def reset(api, token, password=NEW, confirm=None):
    return api.post(RESET, {"token": token, "password": password, "confirm_password": confirm or password})


def can_sign_in(api, password) -> bool:
    return api.post(SIGNIN, {"username": "alice", "password": password}).status_code == HTTPStatus.OK


# --- forgot-password ---------------------------------------------------------


def test_forgot_password_mails_a_reset_token(api, user, outbox):
    response = api.post(FORGOT, {"email": "ALICE@example.com"})

    assert response.status_code == HTTPStatus.OK
    [event] = outbox("auth.password.reset_requested")
    assert event["user_id"] == str(user.pk) and event["email"] == "alice@example.com" and event["token"]
    token = OneTimeToken.objects.get(purpose="reset_password")
    assert timedelta(minutes=59) < token.expires_at - timezone.now() <= timedelta(hours=1)


def test_forgot_password_answers_the_same_for_an_unknown_email(api, user, outbox):
    known = api.post(FORGOT, {"email": "alice@example.com"})
    unknown = api.post(FORGOT, {"email": "nobody@example.com"})

    assert unknown.status_code == known.status_code == HTTPStatus.OK
    assert unknown.json() == known.json()
    assert len(outbox("auth.password.reset_requested")) == 1


def test_forgot_password_mails_nothing_for_a_deactivated_account(api, outbox):
    UserFactory(username="gone", email="gone@example.com", is_active=False)

    assert api.post(FORGOT, {"email": "gone@example.com"}).status_code == HTTPStatus.OK
    assert outbox("auth.password.reset_requested") == []


def test_forgot_password_sends_at_most_one_mail_per_cooldown(api, user, outbox):
    api.post(FORGOT, {"email": "alice@example.com"})

    again = api.post(FORGOT, {"email": "alice@example.com"})

    assert again.status_code == HTTPStatus.OK
    assert len(outbox("auth.password.reset_requested")) == 1


@pytest.mark.parametrize("data", [{}, {"email": ""}, {"email": "not-an-email"}])
def test_forgot_password_needs_a_well_formed_email(api, data):
    response = api.post(FORGOT, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["fields"]) == ["email"]


# --- reset-password ----------------------------------------------------------


def test_reset_sets_the_new_password_and_ends_every_session(api, user, password, signed_in, reset_token, outbox):
    response = reset(api, reset_token)

    assert response.status_code == HTTPStatus.OK
    assert can_sign_in(api, NEW) and not can_sign_in(api, password)
    old_session = api.post(REFRESH, {"refresh": signed_in["tokens"]["refresh"]})
    assert old_session.status_code == HTTPStatus.UNAUTHORIZED
    assert outbox("auth.password.changed") == [
        {"user_id": str(user.pk), "username": "alice", "email": "alice@example.com"}
    ]


def test_a_reset_token_works_once(api, user, reset_token):
    reset(api, reset_token)

    again = reset(api, reset_token, password="Another-Pass-7781")

    assert again.status_code == HTTPStatus.BAD_REQUEST
    assert again.json()["code"] == "token_used"
    assert can_sign_in(api, NEW)


def test_an_expired_reset_token_is_refused(api, user, password, reset_token):
    OneTimeToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = reset(api, reset_token)

    assert response.json()["code"] == "token_expired"
    assert can_sign_in(api, password)


def test_a_newer_reset_request_retires_the_older_link(api, user, reset_token, outbox, settings):
    settings.AUTH_EMAIL_COOLDOWN = 0
    from django.core.cache import cache

    cache.delete_pattern("cooldown:*")
    api.post(FORGOT, {"email": "alice@example.com"})

    assert reset(api, reset_token).json()["code"] == "token_used"
    assert reset(api, outbox("auth.password.reset_requested")[-1]["token"]).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"token": "", "password": NEW, "confirm_password": NEW}, "token"),
        ({"token": "made-up", "password": NEW, "confirm_password": NEW}, "token"),
        ({"confirm_password": NEW}, "password"),
        ({"password": NEW}, "confirm_password"),
        ({"password": NEW, "confirm_password": NEW + "x"}, "confirm_password"),
        ({"password": "12345678", "confirm_password": "12345678"}, "password"),
        ({"password": "alice123", "confirm_password": "alice123"}, "password"),
    ],
)
def test_reset_bad_input_is_a_400_naming_the_field(api, user, password, reset_token, data, field):
    response = api.post(RESET, {"token": reset_token, **data})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["fields"]
    assert can_sign_in(api, password)


def test_reset_without_a_token_is_a_400(api, user):
    response = api.post(RESET, {"password": NEW, "confirm_password": NEW})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["fields"]) == ["token"]


def test_a_weak_password_does_not_spend_the_token(api, user, reset_token):
    reset(api, reset_token, password="12345678")

    assert reset(api, reset_token).status_code == HTTPStatus.OK


# --- change-password ---------------------------------------------------------


def change(api, tokens, current, new=NEW):
    return api.post(CHANGE, {"current_password": current, "new_password": new}, **bearer(tokens))


def test_change_password_checks_the_current_one_and_starts_a_fresh_session(api, user, password, signed_in, outbox):
    other_device = api.post(SIGNIN, {"username": "alice", "password": password}).json()["tokens"]

    response = change(api, signed_in["tokens"], password)

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["user"]["id"] == str(user.pk) and set(body["tokens"]) >= {"access", "refresh"}
    assert can_sign_in(api, NEW) and not can_sign_in(api, password)
    for old in (signed_in["tokens"], other_device):
        assert api.post(REFRESH, {"refresh": old["refresh"]}).status_code == HTTPStatus.UNAUTHORIZED
    assert api.post(REFRESH, {"refresh": body["tokens"]["refresh"]}).status_code == HTTPStatus.OK
    assert len(outbox("auth.password.changed")) == 1


def test_a_wrong_current_password_changes_nothing(api, user, password, signed_in, outbox):
    response = change(api, signed_in["tokens"], "not-my-password")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "wrong_password"
    assert list(response.json()["fields"]) == ["current_password"]
    assert can_sign_in(api, password)
    assert outbox("auth.password.changed") == []


def test_guessing_the_current_password_is_locked_out(api, user, password, signed_in):
    for _ in range(5):
        change(api, signed_in["tokens"], "guess")

    response = change(api, signed_in["tokens"], password)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Retry-After" in response


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"new_password": NEW}, "current_password"),
        ({"current_password": "Correct-Horse-42"}, "new_password"),
        ({"current_password": "Correct-Horse-42", "new_password": "Correct-Horse-42"}, "new_password"),
        ({"current_password": "Correct-Horse-42", "new_password": "short"}, "new_password"),
        ({"current_password": "Correct-Horse-42", "new_password": "alice1234"}, "new_password"),
    ],
)
def test_change_password_bad_input_is_a_400_naming_the_field(api, user, password, signed_in, data, field):
    response = api.post(CHANGE, data, **bearer(signed_in["tokens"]))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["fields"]) == [field]
    assert can_sign_in(api, password)


def test_change_password_needs_a_signed_in_user(api, user, password):
    response = api.post(CHANGE, {"current_password": password, "new_password": NEW})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert can_sign_in(api, password)


@pytest.mark.parametrize("url", [FORGOT, RESET, CHANGE])
def test_password_routes_refuse_requests_without_a_gateway_token(client, user, url):
    response = client.post(url, {"email": "alice@example.com"}, content_type="application/json")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"
