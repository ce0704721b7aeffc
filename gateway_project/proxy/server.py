"""uvicorn's httptools protocol with a cap on what a request line and headers may buffer.

httptools has no limit of its own: a client may send a 60 MB header and the
worker reads it all before the application is called. This protocol counts
the bytes read before the headers are complete and, past ``MAX_HEAD``,
answers 414 (the request line is the big part) or 431 in the JSON error shape
and closes. Smaller excesses reach the application, where proxy/limits.py
applies the tighter per-line limits. Served by ``python -m proxy.serve``.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from proxy.limits import MAX_TARGET
from proxy.responses import SECURITY_HEADERS

MAX_HEAD = 64 * 1024
STATUS = {414: b"414 URI Too Long", 431: b"431 Request Header Fields Too Large"}


LINGER = 2.0  # seconds to keep reading (and dropping) a refused request, so the client can read the answer
LINGER_BYTES = 16 * 1024 * 1024


class CappedHttpToolsProtocol(HttpToolsProtocol):
    _reading_head = True
    _head_bytes = 0
    _refused = False

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading_head, self._head_bytes = True, 0

    def on_headers_complete(self) -> None:
        self._reading_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        if self._refused:  # lingering: drop the rest of the refused request
            self._head_bytes += len(data)
            if self._head_bytes > LINGER_BYTES:
                self.transport.close()
            return
        super().data_received(data)
        if self._reading_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD:
                self._refuse(414 if len(self.url) > MAX_TARGET else 431)

    def _refuse(self, status: int) -> None:
        if status == 414:
            payload = {
                "detail": f"The request path and query are longer than {MAX_TARGET} bytes.",
                "code": "uri_too_long",
            }
        else:
            payload = {
                "detail": f"The request line and headers are larger than {MAX_HEAD} bytes.",
                "code": "headers_too_large",
            }
        body = json.dumps(payload).encode()
        head = [
            b"HTTP/1.1 " + STATUS[status],
            b"content-type: application/json",
            b"content-length: " + str(len(body)).encode(),
            b"connection: close",
            *(name + b": " + value for name, value in SECURITY_HEADERS),
        ]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        # Closing now, with the client still sending, would reset the connection before it reads the answer.
        self._refused = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER, self.transport.close)
