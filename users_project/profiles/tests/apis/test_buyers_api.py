from http import HTTPStatus

import pytest

from profiles.tests.factories import BuyerFactory

pytestmark = pytest.mark.django_db


def test_buyer_me_answers_the_profile_made_from_the_account_event(api, deliver, buyer_event):
    deliver(
        buyer_event(
            user_id="7",
            username="Bob",
            email="bob@example.com",
            country="Kenya",
            profile_picture="https://x.test/b.png",
        )
    )

    response = api.as_user(user_id="7", username="Bob").get("/api/v1/buyers/me")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["user_id"] == "7"
    assert body["username"] == "Bob"
    assert body["email"] == "bob@example.com"
    assert body["country"] == "Kenya"
    assert body["profile_picture"] == "https://x.test/b.png"
    assert body["is_seller"] is False
    assert body["purchased_gigs"] == []
    assert body["id"] and body["created_at"]


def test_buyer_me_before_the_account_event_is_a_clear_404(api):
    response = api.as_user(user_id="99").get("/api/v1/buyers/me")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "buyer_profile_not_found"


def test_buyer_me_needs_a_signed_in_user(api):
    response = api.get("/api/v1/buyers/me")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "not_authenticated"


def test_buyer_me_rejects_an_expired_token(api):
    from shared.testing.tokens import user_token

    token = user_token("7", "bob", lifetime=-60)

    response = api.get("/api/v1/buyers/me", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_buyer_me_is_refused_without_a_gateway_token(client):
    response = client.get("/api/v1/buyers/me")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"


def test_buyer_by_username_shows_the_public_profile_only(api):
    BuyerFactory(user_id="8", username="Carol", email="carol@example.com", purchased_gigs=["g1"])

    response = api.as_user(user_id="7", username="bob").get("/api/v1/buyers/carol")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["username"] == "Carol"
    assert body["user_id"] == "8"
    assert "email" not in body
    assert "purchased_gigs" not in body


def test_buyer_by_unknown_username_is_404(api):
    response = api.as_user().get("/api/v1/buyers/nobody")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "buyer_not_found"


def test_buyer_by_username_needs_a_signed_in_user(api):
    BuyerFactory(username="carol")

    response = api.get("/api/v1/buyers/carol")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
