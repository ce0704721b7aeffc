"""One pooled aiohttp session per process and event loop (keep-alive to every upstream)."""

from __future__ import annotations

import asyncio

import aiohttp

_sessions: dict[int, tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = {}


def http_session(
    *, pool_size: int = 200, connect_timeout: float = 2.0, read_timeout: float = 15.0
) -> aiohttp.ClientSession:
    loop = asyncio.get_running_loop()
    entry = _sessions.get(id(loop))
    if entry is not None and entry[0] is loop and not entry[1].closed:
        return entry[1]
    # keep-alive shorter than uvicorn's 5 s, so we never reuse a connection the service is closing
    connector = aiohttp.TCPConnector(
        limit=pool_size, limit_per_host=pool_size, keepalive_timeout=4, ttl_dns_cache=60, happy_eyeballs_delay=None
    )
    session = aiohttp.ClientSession(
        connector=connector,
        # sock_read bounds each wait for bytes, so a stuck upstream cannot hold a request forever.
        timeout=aiohttp.ClientTimeout(
            total=None, connect=connect_timeout, sock_connect=connect_timeout, sock_read=read_timeout
        ),
        # Bodies pass through as the service encoded them; the client decompresses.
        auto_decompress=False,
        cookie_jar=aiohttp.DummyCookieJar(),  # never remember one user's cookies for another
        skip_auto_headers=("User-Agent",),
    )
    _sessions[id(loop)] = (loop, session)
    return session


async def close_sessions() -> None:
    loop = asyncio.get_running_loop()
    entry = _sessions.pop(id(loop), None)
    if entry is not None and not entry[1].closed:
        await entry[1].close()
