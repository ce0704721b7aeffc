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


async def run_client(node_client, url: str, cookie: str, transports: str = "polling,websocket") -> dict:
    process = await asyncio.create_subprocess_exec(
        "node", str(node_client), url, cookie, transports, cwd=PROJECT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
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
