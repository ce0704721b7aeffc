"""Request-line and header sizes the gateway refuses itself (414/431 JSON), below every service's own limits.

gunicorn refuses a request line over 4094 bytes, a header line over 8190 and
more than 100 headers, with an HTML page; the gateway adds a few headers of
its own. So it refuses anything that would not fit there first, in the JSON
error shape. httptools itself has no limit: proxy/server.py caps what a
connection may buffer before the application is even called.
"""

from __future__ import annotations

MAX_TARGET = 4000  # path + "?" + query, as forwarded
MAX_HEADER = 8000  # one header's name + value
MAX_HEADERS = 90
MAX_HEADERS_TOTAL = 32 * 1024


def request_size_problem(scope) -> tuple[int, str, str] | None:
    """(status, detail, code) when the request line or headers are too large, else None."""
    target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string") or b"")
    if target > MAX_TARGET:
        return 414, f"The request path and query are longer than {MAX_TARGET} bytes.", "uri_too_long"
    headers = scope.get("headers") or ()
    if len(headers) > MAX_HEADERS:
        return 431, f"The request has more than {MAX_HEADERS} headers.", "headers_too_large"
    total = 0
    for name, value in headers:
        size = len(name) + len(value)
        if size > MAX_HEADER:
            return 431, f"The {name.decode('latin-1')} header is longer than {MAX_HEADER} bytes.", "headers_too_large"
        total += size
    if total > MAX_HEADERS_TOTAL:
        return 431, f"The request headers are larger than {MAX_HEADERS_TOTAL} bytes in all.", "headers_too_large"
    return None
