"""JSON routes accept only JSON; multipart only where the public API documents an upload.

A cross-site form can post ``application/x-www-form-urlencoded``, ``multipart/form-data``
or ``text/plain`` without a CORS preflight; none of those is JSON, so a JSON API that
refuses them (415) leaves forged forms nothing to parse. The routes that take
uploads are read from the public OpenAPI document, which is built from the services'
own documents (proxy/openapi/), so the two cannot disagree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse, error

JSON = "application/json"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def media_type(request: GatewayRequest) -> str:
    return (request.header(b"content-type") or "").split(";", 1)[0].strip().lower()


def has_body(request: GatewayRequest) -> bool:
    length = request.header(b"content-length")
    return request.header(b"transfer-encoding") is not None or (length is not None and length.strip() not in ("", "0"))


def _pattern(template: str) -> re.Pattern:
    """``/api/v1/gigs/{gig_id}/cover`` -> a pattern for that path, with or without a trailing slash."""
    parts = (
        "[^/]+" if part.startswith("{") and part.endswith("}") else re.escape(part)
        for part in template.rstrip("/").split("/")
    )
    return re.compile("^" + "/".join(parts) + "/?$")


@lru_cache(maxsize=1)
def documented_uploads() -> tuple[tuple[str, re.Pattern, frozenset[str]], ...]:
    """(method, path pattern, non-JSON media types) for each operation whose body may be more than JSON."""
    from proxy.openapi import public_document

    rows = []
    for template, operations in public_document()["paths"].items():
        pattern = _pattern(template)
        for method, operation in operations.items():
            types = frozenset((operation.get("requestBody") or {}).get("content", {})) - {JSON}
            if types:
                rows.append((method.upper(), pattern, types))
    return tuple(rows)


def accepted(method: str, name: str, kind: str) -> bool:
    if kind == JSON or (kind.startswith("application/") and kind.endswith("+json")):
        return True
    return any(method == m and kind in types and pattern.match(name) for m, pattern, types in documented_uploads())


def check_media_type(request: GatewayRequest) -> GatewayResponse | None:
    """415 for an API body that is neither JSON nor a documented upload (empty bodies need no type)."""
    route = request.route
    if request.method not in UNSAFE or not route.is_api or not has_body(request):
        return None
    kind = media_type(request)
    if accepted(request.method, route.path, kind):
        return None
    return error(
        415,
        "Send the body as application/json (multipart/form-data only where an upload is documented).",
        "unsupported_media_type",
        content_type=kind or None,
    )
