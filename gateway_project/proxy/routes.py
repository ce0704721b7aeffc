"""Which service owns a public path, and what the path means to every policy: decided once per request.

Services serve the same paths as the gateway, so the path is forwarded
unchanged. ``route_for`` is the one place a path is interpreted; routing,
rate limits, the credential-route Origin check, CSRF, the session routes
and forwarding all read the ``Route`` it returns (see proxy/canonical.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from proxy.canonical import CanonicalPath

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

AUTH = "/api/v1/auth/"
# Routes where a guess costs a password or an inbox: the tight per-address bucket, and a same-origin Origin.
CREDENTIAL_ROUTES = frozenset(
    AUTH + name
    for name in (
        "signin",
        "signup",
        "forgot-password",
        "reset-password",
        "verify-email",
        "signin/verify",
        "phone/verify",
    )  # 6-digit codes: guessable without the tight bucket
)
# Auth answers {"user", "tokens"} here; the gateway turns the tokens into cookies (proxy/sessions.py).
TOKEN_ROUTES = frozenset(AUTH + name for name in ("signup", "signin", "signin/verify", "refresh", "change-password"))
SIGNOUT, SIGNOUT_ALL, CSRF, REFRESH = AUTH + "signout", AUTH + "signout-all", AUTH + "csrf", AUTH + "refresh"
SESSION_ROUTES = TOKEN_ROUTES | {SIGNOUT, SIGNOUT_ALL, CSRF}


@dataclass(frozen=True)
class Route:
    path: str  # canonical, decoded
    raw: str  # what is forwarded (decodes to ``path``)
    service: str | None  # None: the gateway answers itself
    name: str  # the path without its trailing slash: what route tables are matched against
    is_api: bool
    credential: bool  # a login form of the API or of an admin: POSTs are limited tightly and need a same origin
    session: str | None  # the session route the gateway handles itself, if any


def _first_segment(rest: str) -> str:
    end = rest.find("/")
    return rest if end < 0 else rest[:end]


def service_for_path(path: str, services) -> str | None:
    """The upstream service for a path, or None when the gateway itself answers."""
    if path.startswith(API_PREFIX):
        segment = _first_segment(path[len(API_PREFIX) :])
        # "/api/v1/gigs" and "/api/v1/gigs/..." belong to gig; "/api/v1/gigsfoo" belongs to nobody.
        return API_SEGMENTS.get(segment)
    root = _first_segment(path[1:])
    if root in PER_SERVICE_ROOTS:
        service = _first_segment(path[len(root) + 2 :])
        if service in services:
            return service
    return None


def is_admin_login(name: str) -> bool:
    """``/admin/<service>/login`` (Django admin's login form), with or without its trailing slash."""
    parts = name.split("/")
    return len(parts) == 4 and parts[1] == "admin" and parts[3] == "login"


def route_for(canonical: CanonicalPath, services) -> Route:
    path = canonical.path
    name = path.rstrip("/") or "/"
    service = service_for_path(path, services)
    return Route(
        path=path,
        raw=canonical.raw,
        service=service,
        name=name,
        is_api=path.startswith(API_PREFIX),
        credential=name in CREDENTIAL_ROUTES or (service is not None and is_admin_login(name)),
        session=name if service == "auth" and name in SESSION_ROUTES else None,
    )


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIX)
