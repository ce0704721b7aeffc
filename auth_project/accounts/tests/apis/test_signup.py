import hashlib
import io
from http import HTTPStatus

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from accounts.models import OneTimeToken, User
from accounts.tests.factories import UserFactory
from shared.tokens import verify_user_token

URL = "/api/v1/auth/signup"
pytestmark = pytest.mark.django_db


def signup_data(**changes) -> dict:
    data = {"username": "bob_smith", "email": "Bob@Example.com", "password": "Tangerine-Sky-93", "country": "Portugal"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def png(size=(8, 8), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, fmt)
    return buffer.getvalue()


def test_signup_creates_the_account_and_answers_the_user_and_tokens(api):
    response = api.post(URL, signup_data())

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    user = User.objects.get(username="bob_smith")
    assert body["user"] == {
        "id": str(user.pk),
        "username": "bob_smith",
        "email": "Bob@example.com",  # the domain is normalised, the local part kept
        "country": "Portugal",
        "profile_picture": "",
        "email_verified": False,
        "phone": "",
        "phone_verified": False,
        "two_step": {"enabled": False, "channel": "email"},
        "created_at": user.date_joined.isoformat(),
    }
    assert user.check_password("Tangerine-Sky-93")
    assert "password" not in response.content.decode()
    assert set(body["tokens"]) == {"access", "refresh", "access_expires_in", "refresh_expires_in"}


def test_the_access_token_verifies_where_every_other_service_checks_it(api):
    tokens = api.post(URL, signup_data()).json()["tokens"]

    token_user = verify_user_token(tokens["access"])

    assert token_user.username == "bob_smith"
    assert token_user.email == "Bob@example.com"
    assert token_user.email_verified is False
    assert token_user.id == str(User.objects.get().pk)


def test_signup_publishes_user_created_and_the_verification_request_with_the_data(api, outbox):
    api.post(URL, signup_data())
    user = User.objects.get()

    assert outbox("auth.user.created") == [
        {
            "user_id": str(user.pk),
            "username": "bob_smith",
            "email": "Bob@example.com",
            "country": "Portugal",
            "profile_picture": "",
        }
    ]
    [requested] = outbox("auth.email.verification_requested")
    assert requested["user_id"] == str(user.pk) and requested["email"] == "Bob@example.com"
    stored = OneTimeToken.objects.get(user=user, purpose="verify_email")
    # Only the hash is kept: the raw token exists in the e-mail event alone.
    assert stored.token_hash == hashlib.sha256(requested["token"].encode()).hexdigest()
    assert requested["token"] not in stored.token_hash


def test_events_go_to_the_broker_only_after_the_transaction_commits(
    api, published_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        api.post(URL, signup_data())
        assert published_events == []

    for callback in callbacks:
        callback()
    assert [envelope["name"] for envelope in published_events] == [
        "auth.user.created",
        "auth.email.verification_requested",
    ]


def test_signup_accepts_multipart_with_a_profile_picture(api, outbox):
    picture = SimpleUploadedFile("me.png", png(), content_type="image/png")

    response = api.post_multipart(URL, {**signup_data(), "profile_picture": picture})

    assert response.status_code == HTTPStatus.CREATED, response.content
    url = response.json()["user"]["profile_picture"]
    assert url.startswith("/api/v1/auth/pictures/") and url.endswith(".png")
    assert "me.png" not in url
    assert default_storage.exists(User.objects.get().profile_picture.name)
    assert outbox("auth.user.created")[0]["profile_picture"] == url


def test_the_uploaded_picture_is_served_back(api):
    picture = SimpleUploadedFile("me.jpg", png(fmt="JPEG"), content_type="image/jpeg")
    url = api.post_multipart(URL, {**signup_data(), "profile_picture": picture}).json()["user"]["profile_picture"]

    response = api.get(url)

    assert response.status_code == HTTPStatus.OK
    assert b"".join(response)[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": None}, "username"),
        ({"username": "ab"}, "username"),
        ({"username": "a" * 31}, "username"),
        ({"username": "bob smith"}, "username"),
        ({"username": "bob.smith"}, "username"),
        ({"username": "bøb"}, "username"),
        ({"email": None}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "bob@"}, "email"),
        ({"password": None}, "password"),
        ({"password": "short1!"}, "password"),
        ({"password": "password123"}, "password"),
        ({"password": "83749201938"}, "password"),
        ({"password": "bob_smith1"}, "password"),
        ({"country": None}, "country"),
        ({"country": ""}, "country"),
        ({"country": "1234"}, "country"),
        ({"country": "x" * 65}, "country"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, changes, field, outbox):
    response = api.post(URL, signup_data(**changes))

    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    body = response.json()
    assert list(body["fields"]) == [field]
    assert body["detail"] and body["code"]
    assert not User.objects.exists()
    assert outbox("auth.user.created") == []


def test_a_file_that_is_not_an_image_is_refused(api):
    fake = SimpleUploadedFile("me.png", b"#!/bin/sh\necho hi\n", content_type="image/png")

    response = api.post_multipart(URL, {**signup_data(), "profile_picture": fake})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["fields"]) == ["profile_picture"]


def test_an_image_in_a_format_we_do_not_serve_is_refused(api):
    bmp = SimpleUploadedFile("me.bmp", png(fmt="BMP"), content_type="image/bmp")

    response = api.post_multipart(URL, {**signup_data(), "profile_picture": bmp})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "profile_picture" in response.json()["fields"]


def test_a_picture_over_the_size_limit_is_refused(api, settings):
    settings.AUTH_PROFILE_PICTURE_MAX_BYTES = 100
    picture = SimpleUploadedFile("me.png", png(size=(64, 64)), content_type="image/png")

    response = api.post_multipart(URL, {**signup_data(), "profile_picture": picture})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most" in response.json()["fields"]["profile_picture"][0]


def test_malformed_json_is_a_clear_400(api):
    response = api.post(URL, "{not json", content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize("username", ["bob_smith", "BOB_SMITH", "Bob_Smith"])
def test_a_taken_username_in_any_case_is_a_409(api, username, outbox):
    UserFactory(username="bob_smith", email="first@example.com")

    response = api.post(URL, signup_data(username=username))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["fields"] == {"username": ["This username is taken."]}
    assert User.objects.count() == 1
    assert outbox("auth.user.created") == []


def test_a_taken_email_in_any_case_is_a_409(api):
    UserFactory(username="first", email="bob@example.com")

    response = api.post(URL, signup_data(email="BOB@EXAMPLE.COM"))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["fields"] == {"email": ["An account already uses this e-mail."]}


def test_the_database_itself_refuses_a_case_variant_of_a_username():
    # What protects two concurrent signups that both passed the service's check.
    UserFactory(username="bob_smith")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="BOB_SMITH", email="other@example.com")


def test_signup_without_a_gateway_token_is_rejected(client):
    response = client.post(URL, signup_data(), content_type="application/json")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"
    assert not User.objects.exists()
