"""Shapes every service shares, and the error answers each operation documents.

The gateway may not import a service, so every request and answer shape in
proxy/api/ is a copy of the service's own schema (names, types, bounds);
proxy/tests/test_docs_match_services.py holds the field table that guards them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints, WithJsonSchema


class ErrorOut(Schema):
    detail: str
    code: str
    fields: dict[str, list[str]] | None = Field(None, description="Only for validation errors: messages per field.")
    request_id: str | None = Field(None, description="On the gateway's own 5xx answers, to quote to support.")
    retry_after: int | None = Field(None, description="On 429: seconds to wait (also in the Retry-After header).")
    limit: int | None = Field(None, description="On 413: the largest body accepted, in bytes.")


class DetailOut(Schema):
    detail: str
    code: str | None = None


class Strict(Schema):
    # The services refuse unknown fields (a typo the client should hear about); the docs say so too.
    model_config = ConfigDict(extra="forbid")


# The gateway itself can answer these to any operation: rate limit, and an upstream that failed,
# is down or timed out.
GATEWAY_STATUSES = (429, 502, 503, 504)
# ...and these to a write: the CSRF double-submit or origin check (cookie sessions), and the body limit.
WRITE_STATUSES = (403, 413)


def errors(*statuses: int, write: bool = False) -> dict:
    """Error responses an operation can give: the service's, then the gateway's own."""
    extra = WRITE_STATUSES if write else ()
    return dict.fromkeys(sorted({*statuses, *extra, *GATEWAY_STATUSES}), ErrorOut)


def text(min_length: int, max_length: int):
    """A string the service strips and bounds (shorter or longer answers 422 naming the field)."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length or None, max_length=max_length)]


def money(*, ge: int | None = None, le: int | None = None, description: str = "US dollars, two decimals."):
    """Decimal money, documented as the JSON number the services send and accept (never a string)."""
    bounds: dict[str, Any] = {key: value for key, value in (("minimum", ge), ("maximum", le)) if value is not None}
    return Annotated[
        Decimal,
        Field(ge=ge, le=le, decimal_places=2),
        WithJsonSchema({"type": "number", **bounds, "description": description}),
    ]


Money = money()


def body_docs(*, json: type[Schema] | None = None, multipart: dict | None = None, required: bool = True) -> dict:
    """A documented request body that Ninja does not parse, for routes the service reads as JSON or multipart.

    The relay forwards the raw body; letting Ninja read a multipart upload first
    would consume the stream the relay needs, and auth answers its own 400s.
    """
    content: dict[str, dict] = {}
    if json is not None:
        schema = json.model_json_schema()
        if "$defs" in schema:
            raise ValueError(f"{json.__name__} nests models: give it a Ninja body parameter instead")
        content["application/json"] = {"schema": schema}
    if multipart is not None:
        content["multipart/form-data"] = {"schema": multipart}
    return {"requestBody": {"content": content, "required": required}}


SIGNED_IN = "Signed in (access cookie). Unsafe methods need the `X-CSRF-Token` header."


def file_docs(*, content_type: str, description: str, conditional: bool = False) -> dict:
    """A route answering a file's bytes (not JSON): the 200's content, and 304 where validators apply."""
    responses: dict[str, dict] = {
        "200": {"description": description, "content": {content_type: {"schema": {"type": "string", "format": "binary"}}}},
    }
    if conditional:
        responses["304"] = {"description": "Not modified: the client's copy (If-None-Match / If-Modified-Since) is current."}
    return {"responses": responses}


DOWNLOAD = ("Streamed as `Content-Disposition: attachment` with the type read from the file's bytes at upload "
            "and `X-Content-Type-Options: nosniff`; never cached by shared caches.")
IMAGE = ("Public. `ETag`, `Last-Modified` and `Cache-Control: public, max-age=31536000, immutable` (a new upload "
         "gets a new URL); a conditional request answers 304. `size=thumb` (at most 200 px) or `size=card` "
         "(at most 640x480) for the sizes made at upload; metadata (EXIF, GPS) is stripped from every size.")
