"""GET /sessions, DELETE /sessions/{id}, POST /signout-all: happy paths, bad input, permissions."""

from http import HTTPStatus

import pytest
import redis
from django.conf import settings

from accounts.models import SessionFamily
from accounts.tests.conftest import bearer
from accounts.tests.factories import PASSWORD, UserFactory
from shared import revocation
from shared.tokens import verify_user_token

SESSIONS, SIGNOUT_ALL = "/api/v1/auth/sessions", "/api/v1/auth/signout-all"
pytestmark = pytest.mark.django_db


def sign_in(api, username="alice", agent="Firefox/130", address="198.51.100.7") -> dict:
    response = api.post(
        "/api/v1/auth/signin",
        {"username": username, "password": PASSWORD},
        HTTP_USER_AGENT=agent,
        HTTP_X_FORWARDED_FOR=address,
    )
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()["tokens"]


def revoked(access: str) -> bool:
    user = verify_user_token(access)
    check = revocation.RevocationCheck(redis.Redis.from_url(settings.REVOCATION_REDIS_URL))
    return check.revoked(user_id=user.id, session_id=user.session_id, issued_at=user.issued_at)


def test_the_list_shows_each_live_session_with_its_device_and_marks_the_current_one(api, user):
    phone = sign_in(api, agent="Phone/1", address="203.0.113.5")
    laptop = sign_in(api, agent="Laptop/2", address="198.51.100.7")

    response = api.get(SESSIONS, **bearer(laptop))

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["total"] == 2
    by_device = {item["device"]: item for item in body["items"]}
    assert by_device["Laptop/2"]["current"] is True and by_device["Phone/1"]["current"] is False
    assert by_device["Phone/1"]["address"] == "203.0.113.5"
    assert by_device["Phone/1"]["id"] == verify_user_token(phone["access"]).session_id
    assert set(by_device["Phone/1"]) == {"id", "device", "address", "created_at", "last_used_at", "current"}


def test_refresh_records_when_and_from_where_the_session_was_last_used(api, user):
    tokens = sign_in(api, address="203.0.113.5")

    response = api.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}, HTTP_X_FORWARDED_FOR="192.0.2.44")

    assert response.status_code == HTTPStatus.OK
    session = SessionFamily.objects.get()
    assert session.last_used_at is not None and session.address == "192.0.2.44"


def test_ended_sessions_leave_the_list(api, user):
    ended, kept = sign_in(api), sign_in(api)
    api.post("/api/v1/auth/signout", {"refresh": ended["refresh"]})

    items = api.get(SESSIONS, **bearer(kept)).json()["items"]

    assert [item["id"] for item in items] == [verify_user_token(kept["access"]).session_id]


def test_delete_ends_one_session_and_its_access_token_at_once(api, user, django_capture_on_commit_callbacks):
    other, mine = sign_in(api), sign_in(api)
    other_id = verify_user_token(other["access"]).session_id

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"{SESSIONS}/{other_id}", **bearer(mine))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["code"] == "session_ended"
    assert revoked(other["access"]) and not revoked(mine["access"])
    assert api.post("/api/v1/auth/refresh", {"refresh": other["refresh"]}).json()["code"] == "token_revoked"


def test_someone_elses_session_is_not_found_and_stays(api, user):
    UserFactory(username="mallory")
    alices = sign_in(api)
    mallorys = sign_in(api, username="mallory")
    alice_session = verify_user_token(alices["access"]).session_id

    response = api.delete(f"{SESSIONS}/{alice_session}", **bearer(mallorys))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "session_not_found"
    assert SessionFamily.objects.get(pk=alice_session).revoked_at is None


@pytest.mark.parametrize("session_id", ["nope", "0" * 32, "x" * 300, "%00"])
def test_an_unknown_or_malformed_session_id_is_not_found(api, user, session_id):
    tokens = sign_in(api)

    response = api.delete(f"{SESSIONS}/{session_id}", **bearer(tokens))

    assert response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert response.json()["code"] in ("session_not_found", "invalid", "not_found")


def test_signout_all_ends_every_session(api, user, django_capture_on_commit_callbacks):
    first, second = sign_in(api), sign_in(api)

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(SIGNOUT_ALL, **bearer(second))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["ended"] == 2
    assert revoked(first["access"]) and revoked(second["access"])
    assert not SessionFamily.objects.filter(revoked_at__isnull=True).exists()
    assert api.post("/api/v1/auth/refresh", {"refresh": first["refresh"]}).status_code == HTTPStatus.UNAUTHORIZED


@pytest.mark.parametrize(("method", "path"), [("get", SESSIONS), ("delete", f"{SESSIONS}/abc"), ("post", SIGNOUT_ALL)])
def test_the_session_routes_need_a_signed_in_user(api, user, method, path):
    anonymous = getattr(api, method)(path)
    forged = getattr(api, method)(path, HTTP_AUTHORIZATION="Bearer not-a-token")

    assert anonymous.status_code == HTTPStatus.UNAUTHORIZED
    assert forged.status_code == HTTPStatus.UNAUTHORIZED


def test_a_deactivated_user_cannot_list_sessions(api, user):
    tokens = sign_in(api)
    user.is_active = False
    user.save()

    assert api.get(SESSIONS, **bearer(tokens)).status_code == HTTPStatus.UNAUTHORIZED
