"""Socket.IO at the npm client's defaults against the real gateway command with two workers (issue #10).

Before: the polling session lived in the worker that answered the handshake,
and 5 of 6 connections failed with "xhr post error" (400 Invalid session)
when a later request reached the other worker. proxy/socketio_routing.py
relays each request to its session's owner.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from proxy.tests.fixtures import PROJECT, free_port, sign_in, upstream_urls, wait_for_port
from proxy.tests.test_socketio import cookie_header, node_client, run_client  # noqa: F401 - node_client is a fixture

CONNECTIONS = 20


@pytest.fixture
def two_worker_gateway(upstreams):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "GATEWAY_RATE_LIMIT_ENABLED": "false",
        "SECURE_COOKIES": "false",
    }
    env.update({f"{service.upper()}_URLS": ",".join(urls) for service, urls in upstream_urls(upstreams).items()})
    command = [
        "../.venv/bin/python",
        "-m",
        "proxy.serve",
        "config.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "2",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=PROJECT, env=env)
    try:
        wait_for_port(port, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


async def test_twenty_default_clients_in_a_row_all_connect_through_two_workers(two_worker_gateway, node_client):  # noqa: F811
    import aiohttp

    async with aiohttp.ClientSession(base_url=two_worker_gateway, cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        await sign_in(session, "judy")
        cookie = cookie_header(session)
    results = [await run_client(node_client, two_worker_gateway, cookie, "default") for _ in range(CONNECTIONS)]

    failures = [result for result in results if not result.get("connected") or "echo" not in result]
    assert not failures, failures
    assert all(sorted(hello["service"] for hello in result["seen"]) == ["chat", "notification"] for result in results)
