"""One canonical path: every spelling of a path gets the same decision at every layer, or a JSON 400.

Issue #10: ``POST /api/v1/auth/%2e/signin`` was routed by its raw form (not a
credential route, not a session route) while the service answered it as
``/signin``: no rate limit, and the tokens came back in the body. Each row
below is sent as written on a raw socket and checked at each layer: the
credential routes' Origin check, CSRF, the credential rate limit, the session
routes (no tokens in any body) and what the service receives.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest

from proxy.canonical import PathRefused, canonical_path
from proxy.tests.rawhttp import raw_request

REFUSED = None
SPELLINGS = [
    # dot segments, plain and escaped (the issue's attacks among them)
    ("/api/v1/auth/%2e/signin", REFUSED),
    ("/api/v1/auth/./signin", REFUSED),
    ("/api/v1/auth/x/../signin", REFUSED),
    ("/api/v1/auth/%2E%2E/auth/signin", REFUSED),
    ("/api/v1/auth/.%2e/auth/signin", REFUSED),
    ("/api/v1/auth/signin/.", REFUSED),
    ("/api/v1/auth/signin/%2e", REFUSED),
    ("/api/v1/gigs/%2e%2e/%2e%2e/%2e%2e/admin/gig/", REFUSED),
    ("/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/health/ready", REFUSED),
    ("/admin/auth/login/%2e", REFUSED),
    ("/admin/auth/login/.", REFUSED),
    # needless escapes of plain characters
    ("/api/v1/auth/sign%69n", REFUSED),
    ("/api/v1/%61uth/signin", REFUSED),
    ("/api/v1/auth/sig%6En", REFUSED),
    # repeated and encoded slashes, backslashes
    ("/api/v1/auth//signin", REFUSED),
    ("//api/v1/auth/signin", REFUSED),
    ("/admin/auth//login/", REFUSED),
    ("/api/v1/auth%2fsignin", REFUSED),
    ("/api/v1/auth/signin%2F", REFUSED),
    ("/api/v1/gigs/..%2f..%2fauth/signin", REFUSED),
    ("/api/v1/auth%5csignin", REFUSED),
    ("/api/v1/auth/%5c..%5csignin", REFUSED),
    # double encoding, controls, broken escapes, bad UTF-8
    ("/api/v1/auth/signin%252e", REFUSED),
    ("/api/v1/auth/%252e/signin", REFUSED),
    ("/api/v1/auth/signin%00", REFUSED),
    ("/api/v1/auth/signin%0a", REFUSED),
    ("/api/v1/auth/signin%7f", REFUSED),
    ("/api/v1/auth/signin%2", REFUSED),
    ("/api/v1/auth/signin%zz", REFUSED),
    ("/api/v1/auth/%ff", REFUSED),
    ("/api/v1/auth/%c3", REFUSED),
    # canonical spellings: each decodes to exactly one path, the one every layer uses
    ("/api/v1/auth/signin", "/api/v1/auth/signin"),
    ("/api/v1/auth/signin/", "/api/v1/auth/signin/"),
    ("/api/v1/auth/signup", "/api/v1/auth/signup"),
    ("/api/v1/auth/forgot-password", "/api/v1/auth/forgot-password"),
    ("/api/v1/auth/SIGNIN", "/api/v1/auth/SIGNIN"),
    ("/api/v1/auth/signin;", "/api/v1/auth/signin;"),
    ("/api/v1/auth/signin%20", "/api/v1/auth/signin "),
    ("/api/v1/auth/signin%3F", "/api/v1/auth/signin?"),
    ("/api/v1/auth/me/", "/api/v1/auth/me/"),
    ("/api/v1/buyers/J%C3%BCrgen", "/api/v1/buyers/Jürgen"),
    ("/api/v1/buyers/j%c3%bcrgen", "/api/v1/buyers/jürgen"),
    ("/api/v1/gigs/category/Graphics%20%26%20Design", "/api/v1/gigs/category/Graphics & Design"),
    ("/api/v1/gigs/search", "/api/v1/gigs/search"),
    ("/admin/auth/login/", "/admin/auth/login/"),
    ("/admin/gig/login", "/admin/gig/login"),
    ("/admin/gig/", "/admin/gig/"),
]
CREDENTIAL = re.compile(
    r"^(/api/v1/auth/(signin|signup|forgot-password|reset-password|verify-email|signin/verify)|/admin/[a-z]+/login)/?$"
)
SIGNIN_BODY = json.dumps({"username": "alice", "password": "correct-horse", "email": "a@example.com"}).encode()
_addresses = (f"10.{n // 250}.{n % 250}.7" for n in itertools.count(1))


def test_the_table_has_thirty_spellings_and_the_oracle_matches_the_parser():
    assert len(SPELLINGS) >= 30
    for raw, expected in SPELLINGS:
        if expected is REFUSED:
            with pytest.raises(PathRefused):
                canonical_path(raw.encode())
        else:
            assert canonical_path(raw.encode()).path == expected, raw


@pytest.fixture
async def strict_gateway(make_gateway):
    """Credential limit 1 a minute per address; each request below comes from its own address."""
    limits = {"credentials": (1, 60), "anonymous": (1000, 60), "user": (1000, 60), "websocket": (1000, 60)}
    async with make_gateway(rate_limits=limits, trust_forwarded_for=True) as gw:
        yield gw


async def post(gw, target: str, **headers) -> object:
    headers = {"Content-Type": "application/json", "X-Forwarded-For": next(_addresses), **headers}
    return await raw_request(gw.url, "POST", target, headers, SIGNIN_BODY)


def assert_no_tokens(response) -> None:
    assert b"tokens" not in response.body and b"refresh" not in response.body.lower(), response.body


@pytest.mark.parametrize(("raw", "canonical"), SPELLINGS, ids=[raw for raw, _ in SPELLINGS])
async def test_every_layer_takes_the_same_decision_for_each_spelling(strict_gateway, raw, canonical):
    gw = strict_gateway
    if canonical is REFUSED:
        for response in (
            await post(gw, raw),
            await post(gw, raw, Cookie="access_token=x"),
            await raw_request(gw.url, "GET", raw),
        ):
            assert response.status == 400, (raw, response.body)
            assert response.json()["code"] == "path_not_canonical"
            assert response.headers["x-content-type-options"] == "nosniff"
        return

    credential = bool(CREDENTIAL.match(canonical))
    is_api = canonical.startswith("/api/v1/")

    # Login CSRF: a foreign Origin is refused on credential routes only.
    foreign = await post(gw, raw, Origin="https://evil.example")
    assert (foreign.status == 403 and foreign.json()["code"] == "origin_not_allowed") is credential, foreign.body

    # CSRF: an API write with a session cookie and no X-CSRF-Token is refused on every API path.
    forged = await post(gw, raw, Cookie="access_token=x")
    assert (forged.status == 403 and forged.json()["code"] == "csrf_failed") is is_api, forged.body

    # Rate limit: a second try from one address is refused on credential routes only.
    address = next(_addresses)
    first = await post(gw, raw, **{"X-Forwarded-For": address})
    second = await post(gw, raw, **{"X-Forwarded-For": address})
    assert (second.status == 429) is credential, (first.status, second.status)

    # Session routes and everything else: the body never carries a token.
    for response in (foreign, forged, first, second):
        assert_no_tokens(response)
    if canonical.rstrip("/") in ("/api/v1/auth/signin", "/api/v1/auth/signup") and first.status < 300:
        assert any(cookie.startswith("access_token=") for cookie in first.cookies)

    # Forwarding: what reached the service decodes to the same path, sent as the client spelled it.
    if first.headers.get("content-type", "").startswith("application/json") and "raw_path" in first.json():
        echoed = first.json()
        assert (echoed["path"], echoed["raw_path"]) == (canonical, raw)


async def test_the_issue_attack_no_longer_skips_the_limit_or_leaks_tokens(strict_gateway):
    answers = [
        await post(strict_gateway, "/api/v1/auth/%2e/signin", **{"X-Forwarded-For": "192.0.2.9"}) for _ in range(12)
    ]

    assert {answer.status for answer in answers} == {400}
    for answer in answers:
        assert_no_tokens(answer)


async def test_admin_login_brute_force_is_limited_under_every_spelling(strict_gateway):
    address = {"X-Forwarded-For": "192.0.2.10"}
    spellings = [
        "/admin/auth/login/",
        "/admin/auth/login",
        "/admin/auth/login/%2e",
        "/admin/auth/login/.",
        "/admin/auth//login/",
    ]
    statuses = [
        (
            await raw_request(
                strict_gateway.url,
                "POST",
                s,
                {**address, "Content-Type": "application/x-www-form-urlencoded"},
                b"username=staff&password=guess",
            )
        ).status
        for s in spellings
    ]

    assert statuses == [302, 429, 400, 400, 400]


async def test_no_path_of_a_service_is_reachable_under_another_prefix(gateway):
    for target in (
        "/api/v1/gigs/%2e%2e/%2e%2e/%2e%2e/admin/gig/",
        "/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/health/ready",
        "/api/v1/gigs/../../../admin/gig/",
        "/static/gig/..%2f..%2fadmin/gig/",
    ):
        response = await raw_request(gateway.url, "GET", target)
        assert response.status == 400, target
        assert response.json()["code"] == "path_not_canonical"


async def test_a_websocket_on_a_non_canonical_path_is_closed(gateway):
    import aiohttp
    from yarl import URL

    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(URL(gateway.url.replace("http", "ws") + "/ws/%63hat/", encoded=True))
