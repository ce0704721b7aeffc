"""Shapes every service shares, and the error answers each operation documents."""
from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    code: str
    fields: dict[str, list[str]] | None = None
    request_id: str | None = None
    retry_after: int | None = None


class MessageOut(Schema):
    detail: str
    code: str | None = None


def errors(*statuses: int) -> dict:
    """Error responses an operation can give; 429 and the gateway's 502/503/504 apply to all."""
    return {status: ErrorOut for status in (*statuses, 429, 502, 503, 504)}


SIGNED_IN = "Signed in (access cookie). Unsafe methods need the `X-CSRF-Token` header."
