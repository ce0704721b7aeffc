"""Send a request line exactly as written (aiohttp and httpx normalise paths, which is what is under test)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]  # lower-case names; the last value wins (all Set-Cookie lines in ``cookies``)
    cookies: list[str]
    body: bytes

    def json(self):
        return json.loads(self.body)


def _dechunk(body: bytes) -> bytes:
    out, rest = b"", body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2 :]
    return out


async def raw_request(
    base_url: str, method: str, target: str, headers: dict | None = None, body: bytes = b""
) -> RawResponse:
    parts = urlsplit(base_url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    # No drain: the answer is read while the request is still being sent (a server may answer before reading it all).
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
    data = await asyncio.wait_for(reader.read(-1), timeout=10)
    writer.close()
    head, _, payload = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found, cookies = {}, []
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
        if name.strip().lower() == "set-cookie":
            cookies.append(value.strip())
    if found.get("transfer-encoding") == "chunked":
        payload = _dechunk(payload)
    return RawResponse(int(status_line.split()[1]), found, cookies, payload)
