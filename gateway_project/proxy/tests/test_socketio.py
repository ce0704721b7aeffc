"""Socket.IO at /socket.io/, tested with the real npm socket.io-client (Node)."""

import asyncio
import json
import shutil
import subprocess

import pytest

from proxy.tests.fixtures import PROJECT, sign_in


@pytest.fixture(scope="session")
def node_client():
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip(reason="Socket.IO tests need Node.js and npm on the machine")
    if not (PROJECT / "node_modules" / "socket.io-client").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=PROJECT, check=True, capture_output=True)
    return PROJECT / "proxy" / "tests" / "socketio_client.mjs"


async def run_client(
    node_client,
    url: str,
    cookie: str,
    transports: str = "polling,websocket",
    auth: dict | None = None,
    query: dict | None = None,
) -> dict:
    process = await asyncio.create_subprocess_exec(
        "node",
        str(node_client),
        url,
        cookie,
        transports,
        json.dumps(auth or {}),
        json.dumps(query or {}),
        cwd=PROJECT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert stdout, stderr.decode()
    return json.loads(stdout.decode().strip().splitlines()[-1])


def cookie_header(session) -> str:
    return "; ".join(f"{c.key}={c.value}" for c in session.cookie_jar if c.key == "access_token")


@pytest.mark.parametrize("transports", ["polling,websocket", "websocket"])
async def test_the_npm_client_gets_service_events_and_sends_chat_messages(gateway, node_client, transports):
    async with gateway.session() as session:
        await sign_in(session, "judy")
        result = await run_client(node_client, gateway.url, cookie_header(session), transports)

    assert result["connected"] is True, result
    assert sorted(hello["service"] for hello in result["seen"]) == ["chat", "notification"]
    assert all(hello["user"] == "judy" for hello in result["seen"])
    assert result["echo"]["data"] == {"receiver_username": "judy", "body": "hi over socket.io", "type": "chat.message"}


async def test_the_npm_client_without_a_session_is_refused(gateway, node_client):
    result = await run_client(node_client, gateway.url, "access_token=forged")

    assert result["connected"] is False
    assert (result["error"], result["data"]) == ("token_invalid", {"code": "token_invalid"}), result


@pytest.mark.parametrize("via", ["auth", "query"])
async def test_the_ids_seen_last_reach_each_service_as_last_id(gateway, node_client, via):
    seen_last = {"last_message_id": "6750a1b2c3d4e5f601234567", "last_notification_id": "42"}
    async with gateway.session() as session:
        await sign_in(session, "judy")
        result = await run_client(node_client, gateway.url, cookie_header(session), "websocket", **{via: seen_last})

    queries = {hello["service"]: hello.get("query") for hello in result["seen"]}
    assert queries == {"chat": "last_id=6750a1b2c3d4e5f601234567", "notification": "last_id=42"}, result


async def test_a_client_that_saw_nothing_yet_asks_no_resync(gateway, node_client):
    async with gateway.session() as session:
        await sign_in(session, "judy")
        result = await run_client(node_client, gateway.url, cookie_header(session), "websocket")

    assert [hello.get("query") for hello in result["seen"]] == [None, None], result
