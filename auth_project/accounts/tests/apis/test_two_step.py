from http import HTTPStatus

import pytest

from accounts.models import KnownDevice
from accounts.tests.factories import PASSWORD, bearer_for

pytestmark = pytest.mark.django_db
TWO_STEP, SIGNIN, VERIFY = "/api/v1/auth/two-step", "/api/v1/auth/signin", "/api/v1/auth/signin/verify"


@pytest.fixture(autouse=True)
def no_cooldowns():
    from django.core.cache import cache

    cache.clear()


def turn_on(api, user, channel="email"):
    response = api.put(TWO_STEP, {"enabled": True, "channel": channel, "password": PASSWORD}, **bearer_for(user))
    assert response.status_code == HTTPStatus.OK, response.content
    return response


def signin(api, **extra):
    return api.post(SIGNIN, {"username": "alice", "password": PASSWORD}, **extra)


def sent_code(outbox) -> dict:
    return outbox("auth.signin.code_requested")[-1]


def test_with_two_step_a_new_browser_gets_a_challenge_and_no_tokens(api, user, outbox):
    assert turn_on(api, user).json() == {"two_step": {"enabled": True, "channel": "email"}}

    response = signin(api)

    assert response.status_code == HTTPStatus.ACCEPTED
    body = response.json()
    assert set(body) == {"two_step_required", "challenge_id", "channel"}
    assert (body["two_step_required"], body["channel"]) == (True, "email")
    event = sent_code(outbox)
    assert (event["channel"], event["email"], event["phone"]) == ("email", "alice@example.com", "")


def test_the_code_completes_the_signin_and_remembers_the_browser(api, user, outbox):
    turn_on(api, user)
    challenge = signin(api).json()

    response = api.post(VERIFY, {"challenge_id": challenge["challenge_id"], "code": sent_code(outbox)["code"]})

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["user"]["username"] == "alice" and body["tokens"]["access"]
    assert len(body["device"]["token"]) >= 40 and body["device"]["max_age"] == 365 * 24 * 3600
    assert KnownDevice.objects.filter(user=user).count() == 1

    api._client.cookies["device_token"] = body["device"]["token"]  # as the gateway passes the cookie on
    again = signin(api)

    assert again.status_code == HTTPStatus.OK and again.json()["tokens"]["access"]
    assert len(outbox("auth.signin.code_requested")) == 1


def test_another_users_device_token_does_not_skip_the_check(api, user, outbox):
    from accounts.tests.factories import UserFactory

    UserFactory(username="bob")
    turn_on(api, user)
    api._client.cookies["device_token"] = "made-up"

    assert signin(api).status_code == HTTPStatus.ACCEPTED


def test_a_code_by_sms_needs_a_verified_phone(api, user):
    response = api.put(TWO_STEP, {"enabled": True, "channel": "sms", "password": PASSWORD}, **bearer_for(user))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "channel" in response.json()["fields"]


def test_a_code_by_sms_goes_to_the_verified_phone(api, user, outbox):
    from django.utils import timezone

    from accounts.models import PhoneNumber

    PhoneNumber.objects.create(user=user, phone="+4791234567", verified_at=timezone.now())
    turn_on(api, user, channel="sms")

    body = signin(api).json()

    assert body["channel"] == "sms"
    assert (sent_code(outbox)["channel"], sent_code(outbox)["phone"]) == ("sms", "+4791234567")
    assert api.delete("/api/v1/auth/phone", **bearer_for(user)).status_code == HTTPStatus.CONFLICT  # still in use


def test_wrong_codes_are_counted_and_the_challenge_dies_after_five(api, user, outbox):
    turn_on(api, user)
    challenge_id = signin(api).json()["challenge_id"]
    code = sent_code(outbox)["code"]
    wrong = "000000" if code != "000000" else "111111"

    for _ in range(5):
        assert api.post(VERIFY, {"challenge_id": challenge_id, "code": wrong}).status_code == HTTPStatus.BAD_REQUEST
    response = api.post(VERIFY, {"challenge_id": challenge_id, "code": code})

    assert response.json()["code"] == "code_attempts_exhausted"


def test_a_challenge_works_once(api, user, outbox):
    turn_on(api, user)
    challenge_id = signin(api).json()["challenge_id"]
    code = sent_code(outbox)["code"]
    api.post(VERIFY, {"challenge_id": challenge_id, "code": code})

    response = api.post(VERIFY, {"challenge_id": challenge_id, "code": code})

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_a_wrong_password_still_fails_before_any_code(api, user, outbox):
    turn_on(api, user)

    response = api.post(SIGNIN, {"username": "alice", "password": "wrong"})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert outbox("auth.signin.code_requested") == []


def test_turning_two_step_off(api, user):
    turn_on(api, user)

    response = api.put(TWO_STEP, {"enabled": False, "channel": "email", "password": PASSWORD}, **bearer_for(user))

    assert response.json() == {"two_step": {"enabled": False, "channel": "email"}}
    assert signin(api).status_code == HTTPStatus.OK
    assert api.get("/api/v1/auth/me", **bearer_for(user)).json()["user"]["two_step"] == {
        "enabled": False,
        "channel": "email",
    }


@pytest.mark.parametrize(
    "body, field",
    [
        ({"enabled": True, "channel": "email", "password": "wrong"}, "password"),
        ({"enabled": True, "channel": "fax", "password": PASSWORD}, "channel"),
        ({"enabled": "perhaps", "channel": "email", "password": PASSWORD}, "enabled"),
        ({"channel": "email", "password": PASSWORD}, "enabled"),
        ({"enabled": True, "channel": "email"}, "password"),
    ],
)
def test_bad_two_step_settings_are_refused_naming_the_field(api, user, body, field):
    response = api.put(TWO_STEP, body, **bearer_for(user))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["fields"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"challenge_id": "0" * 32, "code": "123456"}, "challenge_id"),
        ({"challenge_id": "not-hex", "code": "123456"}, "challenge_id"),
        ({"challenge_id": "0" * 32, "code": "12"}, "code"),
        ({"code": "123456"}, "challenge_id"),
    ],
)
def test_bad_verifications_are_refused_naming_the_field(api, user, body, field):
    response = api.post(VERIFY, body)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["fields"]


def test_two_step_settings_need_a_signed_in_user(api, user):
    response = api.put(TWO_STEP, {"enabled": True, "channel": "email", "password": PASSWORD})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
