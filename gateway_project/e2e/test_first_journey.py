"""The first journey, end to end: signup through the gateway to a buyer profile and an e-mail.

Every step crosses real processes: gateway -> auth (MariaDB) -> outbox ->
RabbitMQ -> users worker (MongoDB) and notification worker (SMTP sink).
"""

from __future__ import annotations

from http import HTTPStatus

import httpx
from conftest import GATEWAY, poll

from shared.devtools.mailbox import body_text, wait_for_message
from shared.testing.tokens import gateway_token


def _set_cookie_headers(response: httpx.Response) -> list[str]:
    return response.headers.get_list("set-cookie")


def test_signup_sets_httponly_cookies_and_me_answers_the_user(gateway, new_account):
    response = gateway.post("/api/v1/auth/signup", json=new_account)

    assert response.status_code == HTTPStatus.CREATED, response.text
    assert response.json()["user"]["username"] == new_account["username"]
    assert "tokens" not in response.json()
    token_cookies = [c for c in _set_cookie_headers(response) if c.lower().startswith(("access", "refresh"))]
    assert len(token_cookies) == 2
    assert all("httponly" in cookie.lower() for cookie in token_cookies)

    me = gateway.get("/api/v1/auth/me")

    assert me.status_code == HTTPStatus.OK
    assert me.json()["user"]["email"] == new_account["email"]
    assert "password" not in me.text


def test_me_without_cookies_is_401(gateway):
    response = gateway.get("/api/v1/auth/me")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert "code" in response.json()


def test_buyer_profile_arrives_through_rabbitmq(gateway, new_account):
    assert gateway.post("/api/v1/auth/signup", json=new_account).status_code == HTTPStatus.CREATED

    buyer = poll(lambda: gateway.get("/api/v1/buyers/me"), lambda r: r.status_code == HTTPStatus.OK)

    assert buyer.status_code == HTTPStatus.OK, buyer.text
    assert buyer.json()["username"] == new_account["username"]
    assert buyer.json()["email"] == new_account["email"]


def test_verification_email_lands_in_the_smtp_sink(gateway, new_account):
    assert gateway.post("/api/v1/auth/signup", json=new_account).status_code == HTTPStatus.CREATED

    message = wait_for_message(new_account["email"], timeout=30)

    assert "token=" in body_text(message)


def test_signin_after_signout(gateway, new_account):
    gateway.post("/api/v1/auth/signup", json=new_account)
    signout = gateway.post("/api/v1/auth/signout", headers=_csrf(gateway))
    assert signout.status_code in (HTTPStatus.OK, HTTPStatus.NO_CONTENT)
    assert gateway.get("/api/v1/auth/me").status_code == HTTPStatus.UNAUTHORIZED

    signin = gateway.post(
        "/api/v1/auth/signin", json={"username": new_account["username"], "password": new_account["password"]}
    )

    assert signin.status_code == HTTPStatus.OK, signin.text
    assert gateway.get("/api/v1/auth/me").json()["user"]["username"] == new_account["username"]


def _csrf(client):
    from conftest import csrf_headers

    return csrf_headers(client)


def test_a_service_port_without_a_gateway_token_refuses(gateway):
    for port, path in ((8001, "/api/v1/auth/me"), (8002, "/api/v1/buyers/me")):
        direct = httpx.get(f"http://127.0.0.1:{port}{path}")
        assert direct.status_code == HTTPStatus.UNAUTHORIZED
        assert direct.json()["code"] == "gateway_token_missing"


def test_a_gateway_token_for_another_service_is_refused_by_users():
    forged = httpx.get("http://127.0.0.1:8002/api/v1/buyers/me", headers={"X-Gateway-Token": gateway_token("auth")})

    assert forged.status_code == HTTPStatus.FORBIDDEN


def test_the_gateway_reports_ready():
    assert httpx.get(f"{GATEWAY}/health").status_code == HTTPStatus.OK
