"""Issue #10 at the gateway: login CSRF, JSON-only bodies, the gateway's own headers, one error shape, size limits."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from proxy.tests.fixtures import sign_in
from proxy.tests.rawhttp import raw_request

SIGNIN = {"username": "alice", "password": "correct-horse"}


# --- login CSRF -------------------------------------------------------------------------------------------


async def test_a_cross_site_form_cannot_sign_a_visitor_in(gateway):
    async with gateway.session() as session:
        form = await session.post("/api/v1/auth/signin", data=SIGNIN, headers={"Origin": "https://evil.example"})

        assert form.status == HTTPStatus.FORBIDDEN
        assert (await form.json())["code"] == "origin_not_allowed"
        assert not [c for c in session.cookie_jar if c.key == "access_token"]


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Referer": "https://evil.example/page"}]
)
@pytest.mark.parametrize(
    "route",
    [
        "/api/v1/auth/signin",
        "/api/v1/auth/signup",
        "/api/v1/auth/forgot-password",
        "/api/v1/auth/reset-password",
        "/api/v1/auth/verify-email",
        "/admin/users/login/",
    ],
)
async def test_credential_routes_refuse_a_foreign_origin_without_cookies(gateway, route, headers):
    async with gateway.session() as session:
        response = await session.post(route, json=SIGNIN, headers=headers, allow_redirects=False)

        assert response.status == HTTPStatus.FORBIDDEN
        assert (await response.json())["code"] == "origin_not_allowed"


async def test_same_origin_and_non_browser_clients_may_sign_in(gateway):
    async with gateway.session() as same_site, gateway.session() as native:
        own = await same_site.post(
            "/api/v1/auth/signin", json=SIGNIN, headers={"Origin": gateway.url, "Referer": gateway.url + "/login"}
        )
        cli = await native.post("/api/v1/auth/signin", json=SIGNIN)  # no Origin, no Referer: curl, a mobile app

        assert (own.status, cli.status) == (HTTPStatus.OK, HTTPStatus.OK)


# --- JSON only --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"username=alice&password=correct-horse"),
        ("text/plain", b'{"username": "alice", "password": "correct-horse"}'),
        ("multipart/form-data; boundary=x", b"--x--"),
        (None, b'{"username": "alice"}'),
    ],
)
async def test_json_routes_refuse_other_bodies_with_415(gateway, content_type, body):
    headers = {"Content-Type": content_type} if content_type else {}
    response = await raw_request(gateway.url, "POST", "/api/v1/auth/signin", headers, body)

    assert response.status == HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    assert response.json()["code"] == "unsupported_media_type"


async def test_documented_uploads_take_multipart_and_bodiless_writes_need_no_type(gateway):
    async with gateway.session() as session:
        upload = await session.post(
            "/api/v1/orders/1/deliver", data=b"--x--", headers={"Content-Type": "multipart/form-data; boundary=x"}
        )
        empty = await session.post("/api/v1/notifications/read-all")
        charset = await session.post(
            "/api/v1/gigs", data=b"{}", headers={"Content-Type": "application/json; charset=utf-8"}
        )

        assert (upload.status, empty.status, charset.status) == (200, 200, 200)


# --- tokens never in a body ---------------------------------------------------------------------------------


async def test_tokens_answered_outside_the_session_routes_are_removed(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/auth/leaky")
        body = await response.json()

        assert response.status == HTTPStatus.OK
        assert body == {"user": {"id": "1", "username": "leaky"}}


# --- the gateway's own answers -------------------------------------------------------------------------------


async def test_every_answer_carries_the_security_headers(make_gateway):
    async with make_gateway(max_json_body=10) as gw, gw.session() as session:
        answers = {
            "csrf": await session.get("/api/v1/auth/csrf"),
            "413": await session.post("/api/v1/gigs", data=b"x" * 100, headers={"Content-Type": "application/json"}),
            "signin": await session.post("/api/v1/auth/signin", json={}),
            "404": await session.get("/api/v1/nothing"),
            "health": await session.get("/health"),
            "proxied": await session.get("/api/v1/gigs/1"),
            "400": await session.get("/api/v1/auth/%2e/me"),
        }
        for name, response in answers.items():
            assert response.headers.get("X-Content-Type-Options") == "nosniff", name
            assert response.headers.get("X-Frame-Options") == "DENY", name
            assert response.headers.get("Referrer-Policy") == "same-origin", name
        for name in ("csrf", "signin"):
            assert answers[name].headers.get("Cache-Control") == "no-store", name


async def test_session_routes_are_never_cached(gateway):
    async with gateway.session() as session:
        await sign_in(session)
        me = await session.get("/api/v1/auth/me")

        assert me.headers["Cache-Control"] == "no-store"


async def test_a_services_html_error_page_becomes_the_json_error_shape(gateway):
    async with gateway.session() as session:
        response = await session.get("/api/v1/gigs/html-error")

        assert response.status == HTTPStatus.BAD_REQUEST
        assert response.content_type == "application/json"
        assert await response.json() == {"detail": "Bad Request.", "code": "bad_request"}


async def test_an_over_long_request_line_is_a_json_414(gateway):
    response = await raw_request(gateway.url, "GET", "/api/v1/gigs/search?q=" + "a" * 5000)

    assert response.status == HTTPStatus.REQUEST_URI_TOO_LONG
    assert response.json()["code"] == "uri_too_long"


@pytest.mark.parametrize(
    "headers",
    [{"X-Big": "b" * 9000}, {f"X-H{n}": "v" for n in range(120)}, {f"X-H{n}": "v" * 7000 for n in range(6)}],
    ids=["one 9 KB header", "120 headers", "42 KB of headers"],
)
async def test_over_long_headers_are_a_json_431(gateway, headers):
    response = await raw_request(gateway.url, "GET", "/api/v1/gigs/search", headers)

    assert response.status == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
    assert response.json()["code"] == "headers_too_large"


@pytest.mark.parametrize(
    ("target", "headers", "status", "code"),
    [
        ("/api/v1/gigs/search?q=" + "a" * 200_000, {}, 414, "uri_too_long"),
        ("/api/v1/gigs/search", {"X-Big": "b" * 2_000_000}, 431, "headers_too_large"),
    ],
    ids=["200 KB request line", "2 MB header"],
)
async def test_a_huge_request_head_is_cut_off_before_it_is_buffered(gateway, target, headers, status, code):
    # httptools alone would read a 60 MB header whole; proxy/server.py stops reading past 64 KiB.
    response = await raw_request(gateway.url, "GET", target, headers)

    assert response.status == status
    assert response.json()["code"] == code
    assert response.headers["x-content-type-options"] == "nosniff"
