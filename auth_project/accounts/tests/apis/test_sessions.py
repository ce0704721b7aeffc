from datetime import timedelta
from http import HTTPStatus

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from accounts.models import SessionFamily
from accounts.services.accounts import user_deactivate
from accounts.tokens import SessionRefreshToken
from shared.tokens import USER_TOKEN_AUDIENCE, USER_TOKEN_ISSUER, verify_user_token

REFRESH, SIGNOUT = "/api/v1/auth/refresh", "/api/v1/auth/signout"
pytestmark = pytest.mark.django_db


def refresh(api, token):
    return api.post(REFRESH, {"refresh": token})


def foreign_key_token(claims: dict) -> str:
    """A token with every right claim, signed by a key that is not ours."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return jwt.encode(claims, pem, algorithm="RS256")


def test_refresh_rotates_both_tokens_and_spends_the_old_one(api, user, signed_in):
    old = signed_in["tokens"]

    response = refresh(api, old["refresh"])

    assert response.status_code == HTTPStatus.OK
    new = response.json()["tokens"]
    assert new["refresh"] != old["refresh"] and new["access"] != old["access"]
    assert response.json()["user"]["id"] == str(user.pk)
    old_jti = jwt.decode(old["refresh"], options={"verify_signature": False})["jti"]
    assert BlacklistedToken.objects.filter(token__jti=old_jti).exists()
    assert refresh(api, new["refresh"]).status_code == HTTPStatus.OK


def test_the_new_access_token_describes_the_user_as_stored_now(api, user, signed_in):
    user.email_verified = True
    user.save()

    tokens = refresh(api, signed_in["tokens"]["refresh"]).json()["tokens"]

    assert verify_user_token(tokens["access"]).email_verified is True


def test_a_reused_refresh_token_is_rejected_and_ends_the_whole_family(api, signed_in):
    first = signed_in["tokens"]["refresh"]
    second = refresh(api, first).json()["tokens"]["refresh"]
    third = refresh(api, second).json()["tokens"]["refresh"]

    reused = refresh(api, first)

    assert reused.status_code == HTTPStatus.UNAUTHORIZED
    assert reused.json()["code"] == "token_reused"
    # The thief and the owner both hold a descendant: none of them works any more.
    descendant = refresh(api, third)
    assert descendant.status_code == HTTPStatus.UNAUTHORIZED
    assert descendant.json()["code"] == "token_revoked"
    assert SessionFamily.objects.get().revoked_reason == "reuse"
    assert BlacklistedToken.objects.count() == OutstandingToken.objects.count()


def test_reuse_in_one_session_leaves_the_other_sessions_alone(api, user, password, signed_in):
    other = api.post("/api/v1/auth/signin", {"username": "alice", "password": password}).json()["tokens"]
    refresh(api, signed_in["tokens"]["refresh"])

    refresh(api, signed_in["tokens"]["refresh"])

    assert refresh(api, other["refresh"]).status_code == HTTPStatus.OK


def test_an_expired_refresh_token_is_rejected(api, user):
    family = SessionFamily.objects.create(user=user)
    token = SessionRefreshToken.for_session(user, family.id)
    token.set_exp(from_time=token.current_time - timedelta(days=8))

    response = refresh(api, str(token))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "token_expired"


@pytest.mark.parametrize("kind", ["garbage", "access", "foreign_key", "no_family"])
def test_a_token_that_is_not_our_refresh_token_is_rejected(api, user, signed_in, kind):
    claims = jwt.decode(signed_in["tokens"]["refresh"], options={"verify_signature": False})
    without_family = SessionRefreshToken(signed_in["tokens"]["refresh"])
    del without_family.payload["fam"]
    token = {
        "garbage": "not.a.token",
        "access": signed_in["tokens"]["access"],
        "foreign_key": foreign_key_token({**claims, "iss": USER_TOKEN_ISSUER, "aud": USER_TOKEN_AUDIENCE}),
        "no_family": str(without_family),
    }[kind]

    response = refresh(api, token)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "token_invalid"


def test_a_token_forged_for_another_user_is_rejected(api, user, signed_in):
    # The reference service re-signed a token for any username it was given.
    claims = jwt.decode(signed_in["tokens"]["refresh"], options={"verify_signature": False})
    forged = foreign_key_token({**claims, "user_id": "999", "username": "mallory"})

    assert refresh(api, forged).status_code == HTTPStatus.UNAUTHORIZED


def test_a_deactivated_user_cannot_refresh(api, user, signed_in):
    user_deactivate(user=user)

    response = refresh(api, signed_in["tokens"]["refresh"])

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "token_revoked"


def test_a_user_switched_off_without_the_service_cannot_refresh_either(api, user, signed_in):
    user.is_active = False
    user.save()

    response = refresh(api, signed_in["tokens"]["refresh"])

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "account_disabled"


@pytest.mark.parametrize("url", [REFRESH, SIGNOUT])
@pytest.mark.parametrize("data", [{}, {"refresh": ""}, {"token": "x"}])
def test_the_refresh_field_is_required(api, url, data):
    response = api.post(url, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["fields"]) == ["refresh"]


def test_signout_ends_the_session(api, signed_in):
    token = signed_in["tokens"]["refresh"]

    response = api.post(SIGNOUT, {"refresh": token})

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"detail": "Signed out."}
    after = refresh(api, token)
    assert after.status_code == HTTPStatus.UNAUTHORIZED
    assert after.json()["code"] == "token_revoked"


def test_signout_ends_the_tokens_rotated_from_the_signed_out_one(api, signed_in):
    rotated = refresh(api, signed_in["tokens"]["refresh"]).json()["tokens"]["refresh"]

    api.post(SIGNOUT, {"refresh": rotated})

    assert refresh(api, rotated).status_code == HTTPStatus.UNAUTHORIZED


def test_signout_with_a_bad_token_is_a_401(api):
    response = api.post(SIGNOUT, {"refresh": "not.a.token"})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "token_invalid"


@pytest.mark.parametrize("url", [REFRESH, SIGNOUT])
def test_token_routes_refuse_requests_without_a_gateway_token(client, signed_in, url):
    response = client.post(url, {"refresh": signed_in["tokens"]["refresh"]}, content_type="application/json")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"
