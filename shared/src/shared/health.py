"""``/health`` (liveness) and ``/health/ready`` (each store this service uses)."""
from __future__ import annotations

import logging
import socket
from urllib.parse import urlparse

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.urls import path

logger = logging.getLogger(__name__)


def _check_sql() -> dict:
    results = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
            results[f"sql:{alias}"] = "ok"
        except Exception as exc:  # noqa: BLE001 - a probe reports, it does not raise
            results[f"sql:{alias}"] = f"down: {exc.__class__.__name__}"
    return results


def _check_mongo() -> dict:
    if not getattr(settings, "MONGODB_URL", None):
        return {}
    try:
        from shared.mongo import client

        client().admin.command("ping")
        return {"mongodb": "ok"}
    except Exception as exc:  # noqa: BLE001
        return {"mongodb": f"down: {exc.__class__.__name__}"}


def _check_tcp(name: str, url: str | None) -> dict:
    if not url:
        return {}
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 0), timeout=1):
            return {name: "ok"}
    except OSError as exc:
        return {name: f"down: {exc.__class__.__name__}"}


def readiness() -> dict:
    checks = {}
    checks.update(_check_sql())
    checks.update(_check_mongo())
    checks.update(_check_tcp("redis", getattr(settings, "REDIS_URL", None)))
    checks.update(_check_tcp("rabbitmq", getattr(settings, "CELERY_BROKER_URL", None)))
    return checks


def health(request):
    return JsonResponse({"status": "ok", "service": settings.SERVICE_NAME})


def health_ready(request):
    checks = readiness()
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "degraded", "service": settings.SERVICE_NAME, "checks": checks},
        status=200 if ready else 503,
    )


urlpatterns = [path("health", health), path("health/ready", health_ready)]
