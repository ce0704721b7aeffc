from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from accounts.models import PhoneNumber, VerificationCode
from accounts.tests.factories import bearer_for

pytestmark = pytest.mark.django_db
PHONE, VERIFY, ME = "/api/v1/auth/phone", "/api/v1/auth/phone/verify", "/api/v1/auth/me"


@pytest.fixture(autouse=True)
def no_cooldowns(settings):
    from django.core.cache import cache

    cache.clear()


def texted_code(outbox) -> str:
    return outbox("auth.phone.verification_requested")[-1]["code"]


def test_adding_a_phone_texts_a_code_and_verifying_it_proves_the_number(api, user, outbox):
    headers = bearer_for(user)

    response = api.post(PHONE, {"phone": "+47 912 34 567"}, **headers)

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["user"]["phone"], response.json()["user"]["phone_verified"]) == ("+4791234567", False)
    [event] = outbox("auth.phone.verification_requested")
    assert event["phone"] == "+4791234567" and len(event["code"]) == 6 and event["code"].isdigit()
    assert not VerificationCode.objects.filter(code_hash__contains=event["code"]).exists()  # kept as an HMAC only

    response = api.post(VERIFY, {"code": event["code"]}, **headers)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["user"]["phone_verified"] is True
    assert outbox("auth.phone.verified") == [{"user_id": str(user.pk), "phone": "+4791234567"}]
    me = api.get(ME, **headers).json()["user"]
    assert (me["phone"], me["phone_verified"]) == ("+4791234567", True)


def test_a_code_works_once(api, user, outbox):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    code = texted_code(outbox)
    api.post(VERIFY, {"code": code}, **headers)

    response = api.post(VERIFY, {"code": code}, **headers)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "code_invalid"


def test_five_wrong_codes_kill_the_code(api, user, outbox):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    code = texted_code(outbox)
    wrong = "000000" if code != "000000" else "111111"

    answers = [api.post(VERIFY, {"code": wrong}, **headers).json() for _ in range(5)]
    last = api.post(VERIFY, {"code": code}, **headers)

    assert answers[0]["fields"] == {"code": ["Wrong code. 4 attempts left."]}
    assert answers[4]["fields"] == {"code": ["Wrong code. 0 attempts left."]}
    assert (last.status_code, last.json()["code"]) == (HTTPStatus.BAD_REQUEST, "code_attempts_exhausted")
    assert PhoneNumber.objects.get(user=user).verified is False


def test_a_code_expires_after_ten_minutes(api, user, outbox):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    code = VerificationCode.objects.get(user=user)
    assert timedelta(minutes=9) < code.expires_at - timezone.now() <= timedelta(minutes=10)
    VerificationCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = api.post(VERIFY, {"code": texted_code(outbox)}, **headers)

    assert response.json()["code"] == "code_expired"


def test_a_new_code_replaces_the_old_one(api, user, outbox):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    first = texted_code(outbox)
    from django.core.cache import cache

    cache.clear()  # past the resend cooldown
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    second = texted_code(outbox)

    if first != second:
        assert api.post(VERIFY, {"code": first}, **headers).status_code == HTTPStatus.BAD_REQUEST
    assert api.post(VERIFY, {"code": second}, **headers).status_code == HTTPStatus.OK


def test_asking_again_at_once_is_throttled(api, user):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)

    response = api.post(PHONE, {"phone": "+4791234567"}, **headers)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_removing_the_phone_tells_notification(api, user, outbox):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    api.post(VERIFY, {"code": texted_code(outbox)}, **headers)

    response = api.delete(PHONE, **headers)

    assert response.status_code == HTTPStatus.OK
    assert (response.json()["user"]["phone"], response.json()["user"]["phone_verified"]) == ("", False)
    assert outbox("auth.phone.removed") == [{"user_id": str(user.pk)}]


def test_changing_a_verified_number_stops_sms_to_the_old_one(api, user, outbox):
    headers = bearer_for(user)
    api.post(PHONE, {"phone": "+4791234567"}, **headers)
    api.post(VERIFY, {"code": texted_code(outbox)}, **headers)
    from django.core.cache import cache

    cache.clear()
    api.post(PHONE, {"phone": "+4792345678"}, **headers)

    assert outbox("auth.phone.removed") == [{"user_id": str(user.pk)}]
    assert PhoneNumber.objects.get(user=user).verified is False


@pytest.mark.parametrize("phone", ["", "91234567", "+47", "+999 1234", "+4791234567890123", "call me"])
def test_bad_numbers_are_refused_naming_phone(api, user, phone):
    response = api.post(PHONE, {"phone": phone}, **bearer_for(user))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "phone" in response.json()["fields"]


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", None])
def test_bad_codes_are_refused_naming_code(api, user, code):
    response = api.post(VERIFY, {"code": code} if code is not None else {}, **bearer_for(user))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "code" in response.json()["fields"]


def test_verifying_without_a_pending_code(api, user):
    response = api.post(VERIFY, {"code": "123456"}, **bearer_for(user))

    assert (response.status_code, response.json()["code"]) == (HTTPStatus.BAD_REQUEST, "code_invalid")


def test_someone_elses_code_does_not_verify_my_number(api, user, outbox):
    from accounts.tests.factories import UserFactory

    other = UserFactory(username="bob")
    api.post(PHONE, {"phone": "+4791234567"}, **bearer_for(user))

    response = api.post(VERIFY, {"code": texted_code(outbox)}, **bearer_for(other))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert PhoneNumber.objects.get(user=user).verified is False


def test_phone_routes_need_a_signed_in_user(api, user):
    assert api.post(PHONE, {"phone": "+4791234567"}).status_code == HTTPStatus.UNAUTHORIZED
    assert api.post(VERIFY, {"code": "123456"}).status_code == HTTPStatus.UNAUTHORIZED
    assert api.delete(PHONE).status_code == HTTPStatus.UNAUTHORIZED
