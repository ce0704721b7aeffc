"""Uploaded files in and out: limits, type sniffing, safe names, streamed answers.

A file's type is read from its first bytes, never from the client's
Content-Type or extension. Anything a browser could run as a page (HTML, SVG,
XML, scripts) is refused, and so is a file whose head carries such markup
behind another type's signature (a polyglot). What is kept is served as an
attachment with ``nosniff``, so even a missed polyglot is never rendered.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.http import FileResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.text import get_valid_filename

from shared.errors import ValidationFailed
from shared.storage import StoredObject, stored_open

SNIFF_BYTES = 2048  # browsers sniff the first 512 bytes; read more to catch markup a little later
CHUNK_BYTES = 64 * 1024
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\x89PNG", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"%PDF-", 0, "application/pdf"),
    (b"PK\x03\x04", 0, "application/zip"),
    (b"\x1f\x8b", 0, "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", 0, "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", 0, "application/vnd.rar"),
    (b"ID3", 0, "audio/mpeg"),
    (b"OggS", 0, "audio/ogg"),
    (b"ftyp", 4, "video/mp4"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/msword"),
)
# Markup a browser would run or render as a document, wherever it sits in the head of the file.
ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|xml|\?xml|\?php)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FileLimits:
    max_bytes: int
    field: str


def _riff_type(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    return None


def sniff_content_type(head: bytes) -> str | None:
    """The content type the bytes show, ``None`` for active content that must be refused."""
    if ACTIVE_MARKUP.search(head.replace(b"\x00", b"")):
        return None
    riff = _riff_type(head)
    if riff:
        return riff
    for signature, offset, content_type in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return content_type
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut in the middle of a multi-byte character at the end is still text.
        if exc.start < len(head) - 3:
            return "application/octet-stream"
    return "text/plain"


def upload_check(upload, *, limits: FileLimits) -> str:
    """Size and type checks for one upload; answers its sniffed content type or raises ValidationFailed."""
    name = getattr(upload, "name", "") or "file"
    if upload.size == 0:
        raise ValidationFailed(fields={limits.field: [f"{name}: the file is empty."]})
    if upload.size > limits.max_bytes:
        raise ValidationFailed(fields={limits.field: [f"{name}: larger than {_megabytes(limits.max_bytes)}."]})
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationFailed(fields={limits.field: [f"{name}: web pages, SVG and scripts cannot be uploaded."]})
    return content_type


def _megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} MB"
    return f"{size // 1024} KB" if size >= 1024 else f"{size} bytes"


def safe_filename(name: str) -> str:
    """The client's name without folders or odd characters (shown, never used as a path alone)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    try:
        return get_valid_filename(base)[:100]
    except Exception:
        return "file"


def stored_name(folder: str, filename: str) -> str:
    """A fresh storage path in ``folder``: a random part first, so names neither collide nor guess."""
    return f"{folder}/{uuid.uuid4().hex[:16]}_{safe_filename(filename)}"


class StreamedFileResponse(FileResponse):
    """A FileResponse read in chunks under WSGI and ASGI alike, never whole.

    Django consumes a streaming response with ``iter()`` under WSGI and
    ``aiter()`` under ASGI, and collects the kind it was not given into a list
    first: the whole file in memory. This one answers both: a plain loop over
    ``read()`` for WSGI, the same reads off the event loop for ASGI. It never
    offers the file to ``wsgi.file_wrapper``: an S3 body is no OS file.
    """

    def _set_streaming_content(self, value):
        if not hasattr(value, "read"):
            return super()._set_streaming_content(value)
        self._source = value
        self._resource_closers.append(value.close)
        self.set_headers(value)
        StreamingHttpResponse._set_streaming_content(self, iter(lambda: value.read(CHUNK_BYTES), b""))
        self.file_to_stream = None

    async def __aiter__(self):
        read = sync_to_async(self._source.read, thread_sensitive=False)
        while chunk := await read(CHUNK_BYTES):
            yield chunk


def _file_headers(response, stored: StoredObject, *, content_type: str) -> None:
    response["Content-Type"] = content_type
    response["Content-Length"] = str(stored.size)
    response["X-Content-Type-Options"] = "nosniff"
    if stored.modified is not None:
        response["Last-Modified"] = http_date(stored.modified.timestamp())


def download_response(storage, name: str, *, filename: str, content_type: str) -> StreamedFileResponse:
    """A private file as a download: attachment, its stored type, nosniff, never cached by shared caches."""
    stored = stored_open(storage, name)
    response = StreamedFileResponse(stored.stream, as_attachment=True, filename=filename)
    _file_headers(response, stored, content_type=content_type or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response


def etag_for(name: str) -> str:
    """Stored names never change content (every upload gets a fresh name), so the name is the version."""
    return quote_etag(hashlib.sha256(name.encode()).hexdigest()[:32])


PUBLIC_CACHE = "public, max-age=31536000, immutable"


def public_file_response(request, storage, name: str, *, content_type: str):
    """A public file with validators: 304 for a matching If-None-Match or If-Modified-Since, else the bytes."""
    etag = etag_for(name)
    if_none_match = request.headers.get("If-None-Match", "")
    early = not_modified_by_etag(request, name)
    if early is not None:
        return early
    stored = stored_open(storage, name)
    last_modified = stored.modified.timestamp() if stored.modified else None
    if not if_none_match and last_modified is not None:
        answer = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
        if answer is not None and answer.status_code == 304:
            stored.close()
            return _not_modified(etag, last_modified)
    response = StreamedFileResponse(stored.stream)
    _file_headers(response, stored, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = PUBLIC_CACHE
    return response


def not_modified_by_etag(request, name: str) -> HttpResponseNotModified | None:
    """304 when the client holds this name's ETag: no storage call at all (a name never changes content)."""
    etag = etag_for(name)
    if_none_match = request.headers.get("If-None-Match", "")
    if etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*":
        return _not_modified(etag, None)
    return None


def _not_modified(etag: str, last_modified: float | None) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = PUBLIC_CACHE
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response
