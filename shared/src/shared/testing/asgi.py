"""Calling an ASGI application in-process, as a server would: the scope of one HTTP request."""

from __future__ import annotations


def http_scope(method: str, path: str, headers: list[tuple[bytes, bytes]], *, server=("127.0.0.1", 8000)) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 40000),
        "server": server,
    }
