"""Real processes for the gateway's tests: upstream servers on free ports, and the gateway served by uvicorn."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
import uvicorn

from shared.keys import ensure_dev_keys

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_socket(port: int = 0) -> socket.socket:
    """A socket already bound and listening: a server handed it cannot lose its port to another process."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    return sock


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Nothing listens on port {port} after {timeout}s")


class UpstreamProcess:
    def __init__(self, service: str, port: int | None = None, access_lifetime: int = 300):
        self.service = service
        self.port = port or free_port()
        self.access_lifetime = access_lifetime
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> UpstreamProcess:
        command = [
            PYTHON,
            "-m",
            "proxy.tests.upstream_app",
            "--port",
            str(self.port),
            "--service",
            self.service,
            "--access-lifetime",
            str(self.access_lifetime),
        ]
        with listening_socket(self.port) as sock:  # the child inherits it; the port is never free in between
            command += ["--fd", str(sock.fileno())]
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
                pass_fds=(sock.fileno(),),
            )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def upstreams():
    """One upstream per service (two for users, to see balancing), shared by the whole run."""
    ensure_dev_keys()
    services = ["auth", "users", "gig", "chat", "order", "review", "notification"]
    processes = {name: UpstreamProcess(name) for name in services}
    processes["users_b"] = UpstreamProcess("users")
    for process in processes.values():
        process.start()
    yield processes
    for process in processes.values():
        process.stop()


def upstream_urls(upstreams) -> dict[str, list[str]]:
    urls = {name: [process.url] for name, process in upstreams.items() if name != "users_b"}
    urls["users"] = [upstreams["users"].url, upstreams["users_b"].url]
    return urls


@pytest.fixture
def gateway_config(upstreams):
    """The test gateway's configuration: real upstream processes, generous limits, plain-http cookies."""
    from proxy.config import GatewayConfig

    return replace(
        GatewayConfig.from_settings(),
        upstreams=upstream_urls(upstreams),
        rate_limits={"credentials": (1000, 60), "anonymous": (1000, 60), "user": (1000, 60), "websocket": (1000, 60)},
        secure_cookies=False,
        read_timeout=3.0,
        breaker_cooldown=30.0,
    )


class RunningGateway:
    def __init__(self, url: str, gateway):
        self.url = url
        self.gateway = gateway

    def session(self, **kwargs) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(base_url=self.url, cookie_jar=aiohttp.CookieJar(unsafe=True), **kwargs)


@asynccontextmanager
async def serve_gateway(config):
    """The gateway's real ASGI application under uvicorn, in this test's event loop."""
    from config.asgi import django_application

    from proxy.entry import GatewayApplication
    from proxy.gateway import Gateway
    from proxy.server import CappedHttpToolsProtocol
    from proxy.socketio_app import socketio_application

    gateway = Gateway(config)
    gateway.limiter.prefix = f"gw:test:{time.time_ns()}"  # counters of one test never meet another's
    from proxy import gateway as gateway_module

    previous = gateway_module._gateway
    gateway_module.set_gateway(gateway)
    app = GatewayApplication(
        django_application, socketio_app=socketio_application(lambda: gateway), gateway_factory=lambda: gateway
    )
    sock = listening_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan="on",
            log_level="warning",
            ws="websockets-sansio",
            proxy_headers=False,
            http=CappedHttpToolsProtocol,
        )
    )  # as proxy.serve runs it
    task = asyncio.ensure_future(server.serve(sockets=[sock]))  # bound here: no other process can take the port
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield RunningGateway(f"http://127.0.0.1:{port}", gateway)
    finally:
        server.should_exit = True
        await task
        sock.close()
        gateway_module.set_gateway(previous)


@pytest.fixture
async def gateway(gateway_config):
    async with serve_gateway(gateway_config) as running:
        yield running


@pytest.fixture
def make_gateway(gateway_config):
    """A gateway with some settings changed: ``async with make_gateway(retries=0) as gw``."""

    def build(**overrides):
        return serve_gateway(replace(gateway_config, **overrides))

    return build


async def sign_in(session: aiohttp.ClientSession, username: str = "alice") -> dict:
    response = await session.post("/api/v1/auth/signin", json={"username": username, "password": "correct-horse"})
    assert response.status == 200, await response.text()
    return await response.json()


def csrf_header(session: aiohttp.ClientSession) -> dict:
    for cookie in session.cookie_jar:
        if cookie.key == "csrf_token":
            return {"X-CSRF-Token": cookie.value}
    return {}
