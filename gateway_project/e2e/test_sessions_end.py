"""Sessions that end at once (issue 10, ADR 0009), through the gateway against the running system.

After signout, change-password, reset-password, deactivation, signout-all and
DELETE /sessions/{id}, the old access cookie is refused on the very next
request (it would otherwise live on until its ``exp``, up to 15 minutes), and a
socket opened with it is closed with 4401 ``token_revoked``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from conftest import GATEWAY, PASSWORD, poll
from market import WS_GATEWAY, Account
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from shared.devtools.mailbox import body_text, messages_to

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "Quiet-Harbour-5150"
SOCKET_TIMEOUT = 10


@pytest.fixture
def account():
    account = Account().signup()
    yield account
    account.close()


def access_cookie(account: Account) -> str:
    return account.client.cookies.get("access_token")


def open_socket(access: str):
    return connect(f"{WS_GATEWAY}/ws/chat/", additional_headers={"Cookie": f"access_token={access}"}, open_timeout=10)


def me_with(access: str) -> httpx.Response:
    with httpx.Client(base_url=GATEWAY, timeout=15, cookies={"access_token": access}) as client:
        return client.get("/api/v1/auth/me")


def close_code(socket) -> tuple[int, str]:
    """Frames until the gateway closes the socket; then its code and reason."""
    try:
        while True:
            socket.recv(timeout=SOCKET_TIMEOUT)
    except ConnectionClosed as closed:
        return closed.rcvd.code, closed.rcvd.reason
    except TimeoutError:
        return 0, "still open"


def assert_ended(access: str, socket) -> None:
    refused = me_with(access)
    assert refused.status_code == HTTPStatus.UNAUTHORIZED, refused.text
    assert close_code(socket) == (4401, "token_revoked")


def second_session(account: Account, user_agent: str = "E2E-Phone/1.0") -> Account:
    other = Account()
    other.client.headers["User-Agent"] = user_agent
    other.username, other.email, other.user_id = account.username, account.email, account.user_id
    signin = other.client.post("/api/v1/auth/signin", json={"username": account.username, "password": PASSWORD})
    assert signin.status_code == HTTPStatus.OK, signin.text
    return other


def test_signout_ends_the_access_token_and_its_socket(account):
    access = access_cookie(account)
    assert me_with(access).status_code == HTTPStatus.OK
    with open_socket(access) as socket:
        assert account.post("/api/v1/auth/signout").status_code == HTTPStatus.OK

        assert_ended(access, socket)


def test_change_password_ends_the_old_token_and_keeps_the_new_session(account):
    access = access_cookie(account)
    with open_socket(access) as socket:
        changed = account.post(
            "/api/v1/auth/change-password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        )
        assert changed.status_code == HTTPStatus.OK, changed.text

        assert_ended(access, socket)
    assert account.get("/api/v1/auth/me").status_code == HTTPStatus.OK  # the fresh cookies work


def test_reset_password_ends_the_old_token(account):
    access = access_cookie(account)
    with open_socket(access) as socket:
        anonymous = Account()
        assert (
            anonymous.post("/api/v1/auth/forgot-password", json={"email": account.email}).status_code == HTTPStatus.OK
        )
        token = reset_token(account.email)
        reset = anonymous.post(
            "/api/v1/auth/reset-password",
            json={"token": token, "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
        )
        anonymous.close()
        assert reset.status_code == HTTPStatus.OK, reset.text

        assert_ended(access, socket)


def reset_token(address: str) -> str:
    """The token of the reset link mailed to this address (the verification mail came first)."""

    def resets():
        return [body_text(m) for m in messages_to(address) if "reset_password" in body_text(m)]

    found = poll(resets, bool, timeout=30)
    assert found, f"no reset e-mail to {address}"
    return unquote(re.search(r"token=([^\s&\"'<>]+)", found[-1]).group(1))


def staff_client() -> httpx.Client:
    """A staff member of auth, signed in to auth's admin through the gateway as a browser would."""
    username, password = f"staff_{uuid.uuid4().hex[:8]}", f"Staff-{uuid.uuid4().hex}"
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            username,
            "--email",
            f"{username}@example.com",
        ],
        cwd=ROOT / "auth_project",
        env={**os.environ, "DJANGO_SUPERUSER_PASSWORD": password},
        check=True,
        capture_output=True,
    )
    client = httpx.Client(base_url=GATEWAY, timeout=15, headers={"Origin": GATEWAY, "X-Forwarded-For": "192.0.2.10"})
    login = client.get("/admin/auth/login/")
    client.post(
        "/admin/auth/login/?next=/admin/auth/",
        headers={"Referer": f"{GATEWAY}/admin/auth/login/"},
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": _form_token(login.text),
            "next": "/admin/auth/",
        },
    )
    return client


def _form_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_deactivation_by_staff_ends_the_users_tokens(account):
    access = access_cookie(account)
    staff = staff_client()
    with open_socket(access) as socket:
        changelist = staff.get("/admin/auth/accounts/user/")
        assert changelist.status_code == HTTPStatus.OK, "staff sign-in failed"
        done = staff.post(
            "/admin/auth/accounts/user/",
            headers={"Referer": f"{GATEWAY}/admin/auth/accounts/user/"},
            data={
                "action": "deactivate",
                "_selected_action": account.user_id,
                "index": "0",
                "csrfmiddlewaretoken": _form_token(changelist.text),
            },
        )
        assert done.status_code in (HTTPStatus.OK, HTTPStatus.FOUND), done.text

        assert_ended(access, socket)
    staff.close()


def test_signout_all_ends_every_session(account):
    other = second_session(account)
    mine, theirs = access_cookie(account), access_cookie(other)
    with open_socket(theirs) as socket:
        response = account.post("/api/v1/auth/signout-all")
        assert response.status_code == HTTPStatus.OK, response.text
        assert response.json()["ended"] == 2

        assert_ended(theirs, socket)
    assert me_with(mine).status_code == HTTPStatus.UNAUTHORIZED
    assert account.client.cookies.get("access_token") is None  # cleared like signout
    other.close()


def test_deleting_a_session_ends_it_and_only_it(account):
    other = second_session(account)
    theirs = access_cookie(other)
    listed = account.get("/api/v1/auth/sessions").json()
    assert listed["total"] == 2
    their_id = next(item["id"] for item in listed["items"] if not item["current"])
    with open_socket(theirs) as socket:
        assert account.delete(f"/api/v1/auth/sessions/{their_id}").status_code == HTTPStatus.OK

        assert_ended(theirs, socket)
    assert account.get("/api/v1/auth/me").status_code == HTTPStatus.OK
    assert account.delete(f"/api/v1/auth/sessions/{their_id}").status_code == HTTPStatus.NOT_FOUND
    other.close()


def test_someone_elses_session_cannot_be_ended(account):
    mallory = Account().signup()
    alice_id = account.get("/api/v1/auth/sessions").json()["items"][0]["id"]

    assert mallory.delete(f"/api/v1/auth/sessions/{alice_id}").status_code == HTTPStatus.NOT_FOUND
    assert account.get("/api/v1/auth/me").status_code == HTTPStatus.OK
    mallory.close()


def test_the_sessions_list_shows_the_device_and_address(account):
    other = second_session(account, user_agent="E2E-Phone/1.0")
    assert other.post("/api/v1/auth/refresh").status_code == HTTPStatus.OK

    items = account.get("/api/v1/auth/sessions").json()["items"]

    phone = next(item for item in items if item["device"] == "E2E-Phone/1.0")
    assert phone["current"] is False and phone["address"] == other.client.headers["X-Forwarded-For"]
    assert phone["last_used_at"] > phone["created_at"]
    assert [item["current"] for item in items].count(True) == 1
    other.close()
