"""Issue #10's gateway rows against the running system.

Real auth, real gunicorn/daphne services, two gateway workers."""

from __future__ import annotations

import json
import random
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import GATEWAY, PASSWORD
from market import Account

PROJECT = Path(__file__).resolve().parents[1]
SECURITY = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "same-origin"}


def fresh_client() -> httpx.Client:
    """A client on an address of its own (RFC 2544 range): a credential bucket no other test or run has touched."""
    address = f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}"
    return httpx.Client(base_url=GATEWAY, timeout=15, headers={"X-Forwarded-For": address})


def raw(method: str, target: str, headers: dict | None = None, body: bytes = b"") -> tuple[int, dict, bytes]:
    """A request line sent exactly as written (httpx would normalise the path under test)."""
    parts = urlsplit(GATEWAY)
    lines = [
        f"{method} {target} HTTP/1.1",
        f"Host: {parts.netloc}",
        "Connection: close",
        f"Content-Length: {len(body)}",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    with socket.create_connection((parts.hostname, parts.port), timeout=15) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, payload = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {line.partition(":")[0].strip().lower(): line.partition(":")[2].strip() for line in header_lines}
    if found.get("transfer-encoding") == "chunked":
        size, _, rest = payload.partition(b"\r\n")
        payload = rest[: int(size, 16)]
    return int(status_line.split()[1]), found, payload


def test_a_dot_segment_signin_is_refused_and_never_answers_tokens(gateway, new_account):
    assert gateway.post("/api/v1/auth/signup", json=new_account).status_code == 201
    body = json.dumps({"username": new_account["username"], "password": PASSWORD}).encode()
    headers = {"Content-Type": "application/json", "X-Forwarded-For": gateway.headers["X-Forwarded-For"]}
    answers = [raw("POST", "/api/v1/auth/%2e/signin", headers, body) for _ in range(12)]

    assert {status for status, _, _ in answers} == {400}
    assert all(
        b"tokens" not in payload and json.loads(payload)["code"] == "path_not_canonical" for _, _, payload in answers
    )


def test_the_credential_limit_holds_for_signin():
    with fresh_client() as client:
        statuses = [
            client.post("/api/v1/auth/signin", json={"username": "nobody_here", "password": "wrong"}).status_code
            for _ in range(12)
        ]

    # The gateway allows 10 a minute per address (auth may refuse sooner on its own); the 11th never gets through.
    assert statuses[10:] == [429, 429], statuses


def test_admin_login_brute_force_is_limited_and_its_dot_spelling_refused():
    with fresh_client() as client:
        form = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": client.headers["X-Forwarded-For"],
        }
        dotted = raw("POST", "/admin/auth/login/%2e", form, b"username=admin&password=guess")
        statuses = [
            client.post("/admin/auth/login/", data={"username": "admin", "password": "guess"}).status_code
            for _ in range(12)
        ]

    assert dotted[0] == 400
    assert statuses[-1] == 429, statuses


@pytest.mark.parametrize(
    "target",
    [
        "/api/v1/gigs/%2e%2e/%2e%2e/%2e%2e/admin/gig/",
        "/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/health/ready",
        "/api/v1/orders/../../../health/ready",
        "/api/v1/gigs/..%2f..%2f..%2fadmin/gig/",
    ],
)
def test_no_path_of_a_service_is_reachable_under_an_api_prefix(target):
    status, headers, payload = raw("GET", target)

    assert status == 400 and json.loads(payload)["code"] == "path_not_canonical"
    assert headers["content-type"] == "application/json"


def test_a_cross_site_form_cannot_sign_a_victim_into_the_attackers_account(gateway, new_account):
    assert gateway.post("/api/v1/auth/signup", json=new_account).status_code == 201
    gateway.cookies.clear()
    form = gateway.post(
        "/api/v1/auth/signin",
        data={"username": new_account["username"], "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    same_site_form = gateway.post(
        "/api/v1/auth/signin",
        data={"username": new_account["username"], "password": PASSWORD},
        headers={"Origin": GATEWAY},
    )

    assert form.status_code == 403 and form.json()["code"] == "origin_not_allowed"
    assert same_site_form.status_code == 415 and same_site_form.json()["code"] == "unsupported_media_type"
    assert "access_token" not in gateway.cookies


def test_the_gateways_own_answers_carry_the_security_headers(gateway):
    answers = {
        "csrf": gateway.get("/api/v1/auth/csrf"),
        "413": gateway.post(
            "/api/v1/gigs", content=b"{" + b" " * (2 * 1024 * 1024) + b"}", headers={"Content-Type": "application/json"}
        ),
        "signin": gateway.post("/api/v1/auth/signin", json={"username": "nobody_here", "password": "x"}),
        "health": gateway.get("/health"),
        "proxied": gateway.get("/api/v1/gigs/categories"),
    }
    for name, response in answers.items():
        for header, value in SECURITY.items():
            assert response.headers.get(header) == value, (name, header)
    assert answers["csrf"].headers["cache-control"] == "no-store"
    assert answers["signin"].headers["cache-control"] == "no-store"


def test_an_over_long_request_line_is_a_json_error_not_the_servers_html_page():
    status, headers, payload = raw("GET", "/api/v1/gigs/search?q=" + "a" * 4096)

    assert status == 414
    assert headers["content-type"] == "application/json"
    assert json.loads(payload)["code"] == "uri_too_long"


def test_over_long_headers_are_a_json_431():
    status, headers, payload = raw("GET", "/api/v1/gigs/categories", {"X-Padding": "p" * 9000})

    assert status == 431 and json.loads(payload)["code"] == "headers_too_large"


def test_twenty_npm_clients_at_their_defaults_connect_through_the_gateway_workers():
    if not shutil.which("node") or not (PROJECT / "node_modules" / "socket.io-client").exists():
        pytest.skip(reason="needs Node.js and gateway_project/node_modules (manage_all.py up installs it)")
    account = Account().signup()
    cookie = f"access_token={account.client.cookies.get('access_token')}"
    results = []
    for _ in range(20):
        run = subprocess.run(
            ["node", str(PROJECT / "e2e" / "socketio_connect.mjs"), GATEWAY, cookie],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        results.append(
            json.loads(run.stdout.strip().splitlines()[-1]) if run.stdout.strip() else {"stderr": run.stderr}
        )
    account.close()

    assert all(result.get("connected") for result in results), results
    assert all(result["transport"] == "websocket" for result in results), results
