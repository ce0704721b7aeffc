"""``/health`` (liveness) and ``/health/ready`` (each store this service uses).

``/health/ready`` also says what an operator should look at without making the
service unready: whether each store acknowledges only durable writes, and how
many messages wait in the service's dead-letter queue.
"""

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
        except Exception as exc:
            results[f"sql:{alias}"] = f"down: {exc.__class__.__name__}"
    return results


def _check_mongo() -> dict:
    if not getattr(settings, "MONGODB_URL", None):
        return {}
    try:
        from shared.mongo import client

        client().admin.command("ping")
        return {"mongodb": "ok"}
    except Exception as exc:
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


def _dead_letters() -> dict:
    """``{"<service>.events.dead": count}``; a service without event queues has none."""
    from shared.events.consumers import consumed_names
    from shared.events.topology import dead_letter_queue_name

    service = settings.SERVICE_NAME
    if not consumed_names():
        return {}
    queue = dead_letter_queue_name(service)
    try:
        from shared.events.bus import celery_app
        from shared.events.deadletters import count_dead_letters

        celery_app()
        return {queue: count_dead_letters(service)}
    except Exception as exc:
        return {queue: f"unknown: {exc.__class__.__name__}"}


def _durability() -> dict:
    from shared.durability import report

    try:
        return report()
    except Exception as exc:
        return {"all": f"unknown: {exc.__class__.__name__}"}


def health(request):
    return JsonResponse({"status": "ok", "service": settings.SERVICE_NAME})


def health_ready(request):
    checks = readiness()
    ready = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if ready else "degraded", "service": settings.SERVICE_NAME, "checks": checks}
    if checks.get("rabbitmq") == "ok":
        body["dead_letters"] = _dead_letters()
    if ready:
        body["durability"] = _durability()
    return JsonResponse(body, status=200 if ready else 503)


urlpatterns = [path("health", health), path("health/ready", health_ready)]
