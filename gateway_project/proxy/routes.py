"""Which service owns a public path. Services serve the same paths, so the path is forwarded unchanged."""
from __future__ import annotations

API_PREFIX = "/api/v1/"
API_SEGMENTS = {
    "auth": "auth",
    "buyers": "users",
    "sellers": "users",
    "gigs": "gig",
    "chat": "chat",
    "orders": "order",
    "reviews": "review",
    "notifications": "notification",
}
# Operated by the gateway's own Django app (docs, its static files), never forwarded.
GATEWAY_API_SEGMENTS = frozenset({"docs", "openapi.json"})
PER_SERVICE_ROOTS = ("admin", "static", "media")
WEBSOCKET_SERVICES = {"/ws/chat/": "chat", "/ws/notifications/": "notification"}


def _first_segment(rest: str) -> str:
    end = rest.find("/")
    return rest if end < 0 else rest[:end]


def service_for_path(path: str, services) -> str | None:
    """The upstream service for a path, or None when the gateway itself answers."""
    if path.startswith(API_PREFIX):
        segment = _first_segment(path[len(API_PREFIX):])
        # "/api/v1/gigs" and "/api/v1/gigs/..." belong to gig; "/api/v1/gigsfoo" belongs to nobody.
        return API_SEGMENTS.get(segment)
    root = _first_segment(path[1:])
    if root in PER_SERVICE_ROOTS:
        service = _first_segment(path[len(root) + 2:])
        if service in services:
            return service
    return None


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIX)
