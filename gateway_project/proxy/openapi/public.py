"""The public document: the services' merged documents, plus what only the gateway knows.

The gateway adds its description, its own route (``GET /api/v1/auth/csrf``), the cookie
session and CSRF security scheme in place of the services' bearer token, the statuses it
can answer to any operation itself, and how the session routes look from outside: auth
answers tokens, the client gets ``{"user"}`` and cookies (proxy/sessions.py).
"""

from __future__ import annotations

import copy

from proxy.openapi.merge import REF, merge, prune
from proxy.routes import API_SEGMENTS, REFRESH, SIGNOUT, TOKEN_ROUTES
from shared.openapi import TEXT_PATTERN

TITLE, VERSION = "Marketplace public API", "1"
DESCRIPTION = """The marketplace's public API, served only by the gateway.

Sessions live in cookies: `access_token` (HttpOnly, short-lived), `refresh_token`
(HttpOnly, sent only to `/api/v1/auth/`) and `csrf_token` (readable). Every
POST/PUT/PATCH/DELETE sent with the session cookies must echo `csrf_token` in the
`X-CSRF-Token` header. `X-Request-ID` is accepted or generated and always returned.
Errors answer `{"detail", "code", "fields"}`; 429 carries `Retry-After`.
Text: no string or field name may hold a C0 control other than tab, newline and
carriage return, or DEL (the `pattern` on each string), or a lone surrogate (a
`\\ud800`-style JSON escape, which no pattern dialect of UTF-8 validators can name);
the error names the field.
Bodies are JSON (multipart only where an operation documents it; else 415). Sign-in
forms (signin, signup, password reset, e-mail verification) refuse a foreign `Origin`
(403 `origin_not_allowed`). A path that is not canonical (dot segments, `//`, `%2e`,
`%2f`, double encoding) answers 400 `path_not_canonical`.
Sockets: `/ws/chat/`, `/ws/notifications/`, and Socket.IO at `/socket.io/`.
Resync: reconnect with `?last_id=<id of the last message (or notification) seen>`
(Socket.IO: `auth: {last_message_id, last_notification_id}`, or the same names in
the query) to get what was missed, oldest first and once, then a `chat.resync` /
`notification.resync` frame `{"count", "more"}` (`more`: page the rest over REST),
then live frames. A malformed id answers an error frame `invalid_last_id`."""

# The services the public API is made of: the owners of its path segments (proxy/routes.py).
SERVICES = tuple(sorted(set(API_SEGMENTS.values())))
SERVICE_SCHEME = "BearerAuth"  # how services document the access token the gateway passes them
SECURITY_SCHEMES = {
    "accessCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "access_token",
        "description": "The session: set by signup, signin, signin/verify, refresh and change-password.",
    },
    "csrfHeader": {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRF-Token",
        "description": "Echo of the `csrf_token` cookie, on every unsafe method sent with the session cookies.",
    },
}
ERROR_OUT = {
    "title": "ErrorOut",
    "type": "object",
    "required": ["detail", "code"],
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "fields": {
            "anyOf": [
                {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                {"type": "null"},
            ],
            "description": "Only for validation errors: messages per field.",
        },
        "request_id": {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "description": "On the gateway's own 5xx answers, to quote to support.",
        },
        "retry_after": {
            "anyOf": [{"type": "integer"}, {"type": "null"}],
            "description": "On 429: seconds to wait (also in the Retry-After header).",
        },
        "limit": {
            "anyOf": [{"type": "integer"}, {"type": "null"}],
            "description": "On 413: the largest body accepted, in bytes.",
        },
    },
}
CSRF_OUT = {
    "title": "CsrfOut",
    "type": "object",
    "required": ["csrf_token"],
    "properties": {"csrf_token": {"type": "string"}},
}
UNSAFE = frozenset({"post", "put", "patch", "delete"})
# The gateway itself can answer these to any operation: rate limit, and an upstream that failed, is down or timed out.
GATEWAY_STATUSES = {
    "429": "Too many requests",
    "502": "Bad gateway",
    "503": "Service unavailable",
    "504": "Gateway timeout",
}
# ...and these to a write: the CSRF double-submit or origin check (cookie sessions), and the body limit.
WRITE_STATUSES = {"403": "Forbidden (CSRF or origin check)", "413": "Body too large"}
SIGNED_IN = "Signed in (access cookie). Unsafe methods need the `X-CSRF-Token` header."


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": REF + "ErrorOut"}}}}


CSRF_ROUTE = {
    "get": {
        "operationId": "auth_csrf",
        "tags": ["auth"],
        "summary": "(Re)issue the CSRF cookie a SPA echoes in X-CSRF-Token",
        "description": "Answered by the gateway itself.",
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": REF + "CsrfOut"}}}},
            "429": _error("Too many requests"),
        },
    }
}


def _public_security(method: str, operation: dict) -> None:
    """The services' bearer token is, to a client, the access cookie (and the CSRF header on writes)."""
    security = [entry for entry in operation.pop("security", []) if entry]
    if any(SERVICE_SCHEME in entry for entry in security):
        operation["security"] = [{"accessCookie": [], "csrfHeader": []} if method in UNSAFE else {"accessCookie": []}]
        description = operation.get("description") or ""
        operation["description"] = (SIGNED_IN + " " + description).strip()


# proxy/canonical.py: a path segment holds no control character, "/", "\\" or "%" (sent encoded they are refused
# with 400 path_not_canonical). ("." and ".." are refused too; a lookahead saying so is one no generator follows.)
# No surrogate escape, as in shared.openapi.TEXT_PATTERN: a validator that cannot compile it drops the pattern.
PATH_SEGMENT = r"^[^\x00-\x1f\x7f/\\%]+$"


def _path_rule(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter["in"] == "path" and schema.get("type") == "string" and not {"enum", "format"} & set(schema):
            if schema.get("pattern") in (None, TEXT_PATTERN):
                schema["pattern"] = PATH_SEGMENT


def _gateway_statuses(method: str, operation: dict) -> None:
    responses = operation.setdefault("responses", {})
    for status, text in {**GATEWAY_STATUSES, **(WRITE_STATUSES if method in UNSAFE else {})}.items():
        responses.setdefault(status, _error(text))


def _session_route(path: str, method: str, operation: dict) -> None:
    """Auth answers tokens; the gateway sets them as cookies and answers ``{"user"}``; it sends the refresh cookie."""
    name = path.rstrip("/")
    if name in TOKEN_ROUTES and method == "post":
        for status in ("200", "201"):
            if status in operation["responses"]:
                answer = {"schema": {"$ref": REF + "UserEnvelope"}}
                operation["responses"][status]["content"] = {"application/json": answer}
    if name in (SIGNOUT, REFRESH):
        operation.pop("requestBody", None)  # the refresh token comes from its cookie, not the client's body


def build(documents: dict[str, dict]) -> dict:
    """The public document from each service's own (``documents``: service name -> document)."""
    missing = set(SERVICES) - set(documents)
    if missing:
        raise ValueError(f"no document from {sorted(missing)}")
    merged = merge(copy.deepcopy(documents), reserved={"ErrorOut": ERROR_OUT, "CsrfOut": CSRF_OUT})
    paths = merged["paths"]
    paths["/api/v1/auth/csrf"] = CSRF_ROUTE
    for path, operations in paths.items():
        for method, operation in operations.items():
            if path != "/api/v1/auth/csrf":
                _public_security(method, operation)
                _path_rule(operation)
                _session_route(path, method, operation)
                _gateway_statuses(method, operation)
    document: dict = {
        "openapi": "3.1.0",
        "info": {"title": TITLE, "version": VERSION, "description": DESCRIPTION},
        "paths": dict(sorted(paths.items())),
        "components": {**merged["components"], "securitySchemes": SECURITY_SCHEMES},
    }
    prune(document)
    document["components"]["schemas"] = dict(sorted(document["components"]["schemas"].items()))
    return document
