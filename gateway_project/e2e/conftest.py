"""Fixtures for the end-to-end suite: real HTTP against the running system."""

from __future__ import annotations

import os
import random
import subprocess
import time
import uuid

import httpx
import pytest

GATEWAY = os.environ.get("E2E_GATEWAY_URL", "http://127.0.0.1:8000")
PASSWORD = "Tr4vel-Lantern-93"


def csrf_headers(client: httpx.Client) -> dict:
    """The double-submit header a browser SPA sends with cookie-authenticated unsafe requests."""
    for cookie in client.cookies.jar:
        if "csrf" in cookie.name.lower():
            return {"X-CSRF-Token": cookie.value}
    return {}


def poll(fetch, until, timeout: float = 30.0, interval: float = 0.3):
    """Call ``fetch`` until ``until(result)`` holds; return the last result."""
    deadline = time.monotonic() + timeout
    result = fetch()
    while not until(result) and time.monotonic() < deadline:
        time.sleep(interval)
        result = fetch()
    return result


@pytest.fixture
def gateway():
    """A client of its own address (the gateway trusts X-Forwarded-For from 127.0.0.1, as from a
    balancer), so the per-address signup limit never carries over from one test or run to the next."""
    address = f"203.0.113.{random.randint(1, 254)}"
    with httpx.Client(base_url=GATEWAY, timeout=15, headers={"X-Forwarded-For": address}) as client:
        yield client


@pytest.fixture
def new_account():
    """Signup data for a user nobody has used yet."""
    suffix = uuid.uuid4().hex[:10]
    return {
        "username": f"e2e_{suffix}",
        "email": f"e2e_{suffix}@example.com",
        "password": PASSWORD,
        "country": "Portugal",
    }


def _signed_up():
    from market import Account  # market builds on this module: imported when a fixture runs

    account = Account().signup()
    yield account
    account.close()


@pytest.fixture(scope="module")
def buyer():
    """A signed-up account that buys, one per test module."""
    yield from _signed_up()


@pytest.fixture(scope="module")
def outsider():
    """Signed in, but neither party of anything the module's tests make."""
    yield from _signed_up()


@pytest.fixture
def market():
    """A fresh seller (``.profile``, one ``.gig``), so the job and rating counters a test checks start at zero."""
    from market import new_seller_with_gig

    seller, profile, gig = new_seller_with_gig()
    seller.profile, seller.gig = profile, gig
    yield seller
    seller.close()


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture
def rabbitmq_outage():
    """Stop RabbitMQ's application for the test's first half; always start it again."""
    state = {"stopped": False}

    def stop():
        rabbitmqctl("stop_app")
        state["stopped"] = True

    def start():
        rabbitmqctl("start_app")
        rabbitmqctl("await_startup")
        state["stopped"] = False

    yield stop, start
    if state["stopped"]:
        start()
