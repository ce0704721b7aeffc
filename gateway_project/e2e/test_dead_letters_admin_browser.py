"""The dead-letter page of every service's admin, in a real browser through the gateway (issue #16).

A message that is not JSON at all is parked in each service's dead-letter queue; a staff member signs
in to that service's admin with Chromium (playwright driving the machine's own browser), finds it in
the list, opens it (its body shown as base64), replays it with the confirmation step (the worker cannot
read it either, so it is parked again) and discards it, again confirmed. A staff member without the
dead-letter permissions is refused the page.
"""

from __future__ import annotations

import base64
import hashlib
import os
import random
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import GATEWAY

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("auth", "users", "gig", "chat", "order", "review", "notification")
BROKER = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set E2E_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements/local.txt)")
    with sync_api.sync_playwright() as playwright:
        # As root Chromium runs only without its sandbox; the pages are our own admin.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def staff(service: str, *, superuser: bool = True) -> tuple[str, str]:
    username, password = f"dl_{uuid.uuid4().hex[:8]}", f"Staff-{uuid.uuid4().hex}"
    if superuser:
        command = ["createsuperuser", "--noinput", "--username", username, "--email", f"{username}@example.com"]
    else:
        code = (
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_user({username!r}, password={password!r}, is_staff=True)"
        )
        command = ["shell", "-c", code]
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT / f"{service}_project",
        env={**os.environ, "DJANGO_SUPERUSER_PASSWORD": password},
        check=True,
        capture_output=True,
        timeout=120,
    )
    return username, password


def park_binary(service: str) -> tuple[str, bytes]:
    """Bytes that are no text, put straight into the service's dead-letter queue; their id is their digest."""
    import kombu

    from shared.events.topology import DEAD_LETTER_EXCHANGE, dead_letter_queue

    body = b"\xff\xfe\x00 not json, not text " + uuid.uuid4().bytes
    with kombu.Connection(BROKER) as connection:
        connection.Producer().publish(
            body,
            exchange=DEAD_LETTER_EXCHANGE,
            routing_key=f"{service}.events.dead",
            declare=[dead_letter_queue(service)],
            content_type="application/octet-stream",
            content_encoding="binary",
            retry=False,
        )
    return hashlib.sha256(body).hexdigest()[:32], body


def signed_in_page(browser, service: str, username: str, password: str):
    # Each page from an address of its own: the gateway limits admin sign-ins per client address.
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": f"198.51.100.{random.randrange(1, 255)}"})
    page = context.new_page()
    page.goto(f"{GATEWAY}/admin/{service}/events/deadletter/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    return context, page


def _act(page, ident: str, button: str, done: str) -> None:
    page.check(f"input[name=ids][value='{ident}']")
    page.click(f"input[type=submit][value='{button}']")
    page.wait_for_load_state()
    assert "Are you sure?" in page.content() and ident in page.content()  # nothing happened yet: asked first
    page.click("#confirm")
    page.wait_for_load_state()
    assert done in page.content(), page.content()[-2000:]


@pytest.mark.parametrize("service", SERVICES)
def test_a_parked_binary_message_is_listed_shown_replayed_and_discarded_in_the_admin(browser, service):
    ident, body = park_binary(service)
    context, page = signed_in_page(browser, service, *staff(service))
    try:
        assert page.url.rstrip("/").endswith(f"/admin/{service}/events/deadletter"), page.url
        listed = page.content()
        assert ident in listed and "(not an event)" in listed

        page.click(f"a:text('{ident}')")
        page.wait_for_load_state()
        assert base64.b64encode(body).decode() in page.content()
        page.go_back()

        _act(page, ident, "Replay selected", "Replayed 1 messages")
        # The worker cannot read it either: it is parked again, by the broker this time.
        for _ in range(60):
            if ident in page.content():
                break
            page.wait_for_timeout(500)
            page.reload()
        assert ident in page.content(), f"{ident} did not come back to {service}.events.dead after its replay"

        _act(page, ident, "Discard selected", "Discarded 1 messages")
        assert ident not in page.content()
    finally:
        context.close()


def test_staff_without_the_dead_letter_permissions_are_refused_the_page(browser):
    context, page = signed_in_page(browser, "review", *staff("review", superuser=False))
    try:
        response = page.goto(f"{GATEWAY}/admin/review/events/deadletter/")
        assert response.status == 403
    finally:
        context.close()
