"""The checks every service passes: health, readiness, the gateway-only guard, JSON errors, admin.

A project runs them by star-importing this module into one of its test
modules (pytest collects the imported test functions there).
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

import pytest

from shared.testing.tokens import gateway_token

pytestmark = pytest.mark.django_db


def test_health_answers_without_a_gateway_token(client, settings):
    response = client.get("/health")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "service": settings.SERVICE_NAME}


def test_readiness_reports_every_store_up(client):
    response = client.get("/health/ready")

    assert response.status_code == HTTPStatus.OK
    checks = response.json()["checks"]
    assert checks["sql:default"] == "ok"
    assert set(checks.values()) == {"ok"}


def test_a_request_without_a_gateway_token_is_rejected(client, settings):
    response = client.get(f"/api/v1/{settings.SERVICE_NAME}/anything")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json()["code"] == "gateway_token_missing"


def test_a_gateway_token_for_another_service_is_rejected(client, settings):
    response = client.get(
        f"/api/v1/{settings.SERVICE_NAME}/anything", HTTP_X_GATEWAY_TOKEN=gateway_token(f"not-{settings.SERVICE_NAME}")
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"].startswith("gateway_")


def test_an_unknown_path_is_a_json_404(api):
    response = api.get("/api/v1/no-such-route-anywhere")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "not_found"


def test_the_admin_login_page_is_served_through_a_gateway_token(api, settings):
    response = api.get(f"/admin/{settings.SERVICE_NAME}/login/")

    assert response.status_code == HTTPStatus.OK


def test_every_store_of_the_service_acknowledges_only_durable_writes(client, settings):
    """MongoDB at w:majority with journal (the connection the service opened), SQL with fsync on."""
    body = client.get("/health/ready").json()

    assert set(body["durability"].values()) == {"ok"}
    assert "sql:default" in body["durability"]
    if getattr(settings, "MONGODB_URL", None):
        from shared.mongo import client as mongo_client

        assert mongo_client().write_concern.document == {"w": "majority", "j": True}


def test_the_service_s_queue_is_bound_to_exactly_the_events_its_handlers_consume(settings):
    """Both ways: a handler whose event is not bound never runs; a binding without a handler fills a queue.

    ``migrate`` and the worker's start bind the queue from the handlers the process loads
    (``shared.events.bus.declare_topology``). A copy of the queue on a private exchange, bound to every
    event beforehand, is bound the same way; one message per event name shows which ones reach it.
    """
    from shared.events.consumers import HANDLERS, consumed_names
    from shared.testing.broker import routed_event_names

    consumed = consumed_names()  # what a web process or migrate loads, without the worker's Celery app

    def ours(handler) -> bool:  # not a test's or the kernel's own
        return not handler.__module__.startswith("shared.") and ".tests" not in handler.__module__

    handled = {name for name, handlers in HANDLERS.items() if any(ours(handler) for handler in handlers)}

    assert consumed == handled
    assert routed_event_names(settings.SERVICE_NAME, consumed) == handled


def test_readiness_counts_the_parked_messages(client, settings):
    from shared.events.consumers import consumed_names

    body = client.get("/health/ready").json()

    if consumed_names():
        assert isinstance(body["dead_letters"][f"{settings.SERVICE_NAME}.events.dead"], int)
    else:
        assert body["dead_letters"] == {}


def test_the_dead_letter_page_is_in_the_admin(admin_client, settings):
    admin_client.defaults["HTTP_X_GATEWAY_TOKEN"] = gateway_token(settings.SERVICE_NAME)
    page = f"/admin/{settings.SERVICE_NAME}/events/deadletter/"

    assert page in admin_client.get(f"/admin/{settings.SERVICE_NAME}/").content.decode()
    assert admin_client.get(page).status_code == HTTPStatus.OK


def test_the_committed_openapi_document_is_what_the_service_documents_today(settings):
    """The gateway serves every service's committed ``openapi.json`` merged: a stale one misdocuments the API.

    Run as a process with the service's local settings, as ``python -m shared.openapi --write`` writes it.
    """
    from shared.openapi import run_export

    run = run_export(Path(settings.BASE_DIR), "--check")

    assert run.returncode == 0, run.stderr[-3000:]
