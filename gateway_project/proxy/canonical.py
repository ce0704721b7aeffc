"""One canonical path per request, decided once at the front door.

uvicorn fills ``scope["path"]`` with the percent-decoded path and
``scope["raw_path"]`` with the bytes of the request line; a service decodes
the path again and its URL library may drop dot segments, fold ``//`` or
read ``\\`` as ``/``. If the gateway decided on one spelling while the
service acted on another, a policy keyed by path (credential limits, the
session routes that turn tokens into cookies) would be skipped:
``/api/v1/auth/%2e/signin`` was routed as "some auth path" and answered by
the service as ``/signin``. So a path is accepted only when it is already
canonical, i.e. when every reader decodes it to the same string:

- it starts with ``/`` and holds only RFC 3986 path characters (unreserved,
  sub-delims, ``:``, ``@``, ``/``) and percent escapes;
- no escape encodes a character that needs none (``%2e``, ``%41``), a
  separator (``%2f`` ``/``, ``%5c`` ``\\``), ``%`` itself (double encoding)
  or a control character; what the escapes decode to is valid UTF-8;
- decoded, it has no ``\\``, no empty segment inside (``//``), no ``.`` or
  ``..`` segment and no control character.

Anything else is refused with a JSON 400 before routing. A canonical raw path
decodes to exactly one value, which routing and every policy use; the raw
bytes, which any service decodes to that same value, are what is forwarded.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote_from_bytes, unquote_to_bytes

UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
PATH_BYTES = UNRESERVED | frozenset(b"!$&'()*+,;=:@/%")
HEX = frozenset(b"0123456789abcdefABCDEF")
# Escapes that would make two spellings of one path: needless, separators, "%" (double encoding), controls.
FORBIDDEN_ESCAPES = UNRESERVED | frozenset(b"/\\%") | frozenset(range(0x20)) | {0x7F}
# A query is never routed on; it is forwarded as sent, with any byte a request line may not carry escaped.
QUERY_SAFE = "!$&'()*+,;=:@/?%-._~[]"


class PathRefused(ValueError):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class CanonicalPath:
    path: str  # decoded: what routing and every policy look at
    raw: str  # the client's own bytes (ASCII), decoding to ``path``: what the service gets


def _check_escapes(raw: bytes) -> None:
    index = raw.find(b"%")
    while index >= 0:
        pair = raw[index + 1 : index + 3]
        if len(pair) != 2 or not (pair[0] in HEX and pair[1] in HEX):
            raise PathRefused("The path has a malformed percent escape.")
        if int(pair, 16) in FORBIDDEN_ESCAPES:
            raise PathRefused("The path percent-encodes a character that must be sent as is (or never).")
        index = raw.find(b"%", index + 3)


def canonical_path(raw: bytes) -> CanonicalPath:
    """The request's one path, or PathRefused when the raw path is not already canonical."""
    if not raw.startswith(b"/"):
        raise PathRefused("The path must start with /.")
    if any(byte not in PATH_BYTES for byte in raw):
        raise PathRefused("The path holds a character that must be percent-encoded.")
    if b"%" in raw:
        _check_escapes(raw)
        try:
            path = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise PathRefused("The path's escapes are not UTF-8.") from None
        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
            raise PathRefused("The path holds a control character.")
        if "\\" in path:
            raise PathRefused("The path holds a backslash.")
    else:
        path = raw.decode("ascii")
    if "//" in path:
        raise PathRefused("The path has an empty segment (//).")
    if any(segment in (".", "..") for segment in path.split("/")):
        raise PathRefused("The path has a . or .. segment.")
    return CanonicalPath(path=path, raw=raw.decode("ascii"))


def raw_path_of(scope) -> bytes:
    """The path bytes as the client sent them (servers without raw_path: re-encode the decoded path)."""
    raw = scope.get("raw_path")
    if raw:
        return raw.split(b"?", 1)[0]
    return quote_from_bytes(scope.get("path", "").encode("utf-8"), safe="/!$&'()*+,;=:@-._~").encode("ascii")


def forwardable_query(query: bytes) -> str:
    return quote_from_bytes(query, safe=QUERY_SAFE) if query else ""
