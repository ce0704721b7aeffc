"""REST-posted message -> receiver's socket, against a bare Channels group_send round trip.

PERFORMANCE.md: with 500 open conversations, a message POSTed to chat arrives
on the receiver's socket with p50 <= 2x a bare group_send round trip (the
group_send goes from this process through the Redis layer to the same socket).
The two are measured in alternating rounds of one run, as ratios.

Run against the running service (``python3 manage_all.py up``), from chat_project:

    ../.venv/bin/python -m chats.benchmarks.delivery [--url http://127.0.0.1:8004]
        [--conversations 500] [--sockets 100] [--rounds 200]

It mints a gateway token and user tokens with the local dev keys
(shared.testing.tokens), so it works only where those keys are. Its users are
``bench-*`` ids; reruns reuse the same conversations.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import aiohttp  # noqa: E402
import django  # noqa: E402

django.setup()

from channels.layers import get_channel_layer  # noqa: E402

from chats.realtime import user_group  # noqa: E402
from shared.testing.tokens import user_token  # noqa: E402
from shared.tokens import GatewayTokenSigner  # noqa: E402

RECEIVER = ("bench-receiver", "bench_receiver")
SENDER = ("bench-sender", "bench_sender")
signer = GatewayTokenSigner()


_user_tokens: dict[tuple[str, str], str] = {}


def headers_for(user: tuple[str, str]) -> dict:
    # Minted once per user: loading the RSA key to sign takes tens of ms and is no part of delivery.
    if user not in _user_tokens:
        _user_tokens[user] = user_token(*user, lifetime=3600)
    return {"X-Gateway-Token": signer.token_for("chat"), "Authorization": f"Bearer {_user_tokens[user]}"}


async def post_message(http, url: str, user, receiver_username: str, body: str) -> None:
    async with http.post(f"{url}/api/v1/chat/messages", json={"receiver_username": receiver_username, "body": body},
                         headers=headers_for(user)) as response:
        if response.status != 201:
            raise SystemExit(f"POST answered {response.status}: {await response.text()}")


async def seed_conversations(http, url: str, count: int) -> None:
    """``count`` conversations in all: the measured pair plus peers writing to the receiver."""
    for user in (RECEIVER, SENDER):  # chat learns users from their tokens
        async with http.get(f"{url}/api/v1/chat/conversations", headers=headers_for(user)) as response:
            response.raise_for_status()
    peers = [(f"bench-peer-{n}", f"bench_peer_{n}") for n in range(max(0, count - 1))]
    for start in range(0, len(peers), 25):
        await asyncio.gather(*(post_message(http, url, peer, RECEIVER[1], "hello") for peer in peers[start:start + 25]))
    await post_message(http, url, SENDER, RECEIVER[1], "warming up")


async def open_socket(http, url: str, user):
    return await http.ws_connect("ws" + url[4:] + "/ws/chat/", headers=headers_for(user), heartbeat=30)


async def until_marker(socket, marker: str) -> None:
    async for frame in socket:
        if frame.type != aiohttp.WSMsgType.TEXT:
            raise SystemExit(f"the socket closed: {frame.type} {socket.close_code}")
        if marker in frame.data:
            return


async def rest_round(http, url: str, socket) -> float:
    marker = uuid.uuid4().hex
    started = time.perf_counter()
    posting = asyncio.create_task(post_message(http, url, SENDER, RECEIVER[1], f"bench {marker}"))
    await until_marker(socket, marker)
    elapsed = time.perf_counter() - started
    await posting
    return elapsed


async def group_send_round(layer, socket) -> float:
    marker = uuid.uuid4().hex
    frame = json.dumps({"type": "chat.message", "message": {"body": f"bare {marker}"}})
    started = time.perf_counter()
    await layer.group_send(user_group(RECEIVER[0]), {"type": "chat.message", "text": frame})
    await until_marker(socket, marker)
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, values: list[float]) -> float:
    p50 = statistics.median(values)
    print(f"{name:<28} p50 {p50 * 1000:7.2f} ms   p99 {percentile(values, 0.99) * 1000:7.2f} ms   (n={len(values)})")
    return p50


async def main(args) -> None:
    layer = get_channel_layer()
    timeout = aiohttp.ClientTimeout(total=30)
    # Sockets get their own unlimited pool: in a shared one they would take every slot the POSTs need.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50), timeout=timeout) as http, \
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as ws_http:
        print(f"seeding {args.conversations} conversations ...")
        await seed_conversations(http, args.url, args.conversations)
        others = [await open_socket(ws_http, args.url, (f"bench-peer-{n}", f"bench_peer_{n}"))
                  for n in range(min(args.sockets, max(0, args.conversations - 1)))]
        receiver = await open_socket(ws_http, args.url, RECEIVER)
        print(f"{len(others) + 1} sockets open; {args.warmup} warm-up and {args.rounds} measured rounds of each")
        for _ in range(args.warmup):
            await rest_round(http, args.url, receiver)
            await group_send_round(layer, receiver)
        rest, bare = [], []
        for _ in range(args.rounds):  # alternate, so drift on a noisy machine hits both alike
            rest.append(await rest_round(http, args.url, receiver))
            bare.append(await group_send_round(layer, receiver))
        for socket in (receiver, *others):
            await socket.close()
    rest_p50 = report("REST post -> socket", rest)
    bare_p50 = report("bare group_send -> socket", bare)
    ratio = rest_p50 / bare_p50
    print(f"ratio of p50s: {ratio:.2f} (target <= 2.00: {'met' if ratio <= 2 else 'NOT met'})")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8004", help="the chat service (not the gateway)")
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--sockets", type=int, default=100, help="extra open sockets of other conversation peers")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
