"""A chat message to the receiver's socket at the gateway, against a bare Channels group_send round trip.

PERFORMANCE.md: with 500 open conversations, a message POSTed at the gateway
(and one sent on the sender's gateway socket) arrives on the receiver's
gateway socket with p50 <= 2x a bare group_send round trip. The bare round
trip goes from this process through the Redis layer to the chat consumer
holding the receiver's socket and through the gateway's relay to the client,
the same last legs every message takes. The paths are measured in rotating
rounds of one run, as ratios.

Run against the running system (``python3 manage_all.py up``), from chat_project:

    ../.venv/bin/python -m benchmarks.delivery [--gateway http://127.0.0.1:8000]
        [--url http://127.0.0.1:8004] [--conversations 500] [--sockets 100] [--rounds 200]

Where the time goes is printed after the ratios: the POST straight to chat
(no gateway hop) and, in this process, the MongoDB round trips one message
costs, each with its time (PyMongo command monitoring, chats.roundtrips).
It mints a gateway token and user tokens with the local dev keys
(shared.testing.tokens), so it works only where those keys are. Its users are
``bench-*`` ids; reruns reuse the same conversations.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import time
import uuid
from collections import defaultdict

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from chats import roundtrips

roundtrips.install()  # before django.setup() makes the MongoDB client

import aiohttp  # noqa: E402
import django  # noqa: E402

django.setup()

from channels.layers import get_channel_layer  # noqa: E402
from chats.realtime import user_group  # noqa: E402

from shared.testing.tokens import user_token  # noqa: E402
from shared.tokens import GatewayTokenSigner  # noqa: E402

RECEIVER = ("bench-receiver", "bench_receiver")
SENDER = ("bench-sender", "bench_sender")
TARGET = 2.0
signer = GatewayTokenSigner()
CSRF = secrets.token_urlsafe(16)

_user_tokens: dict[tuple[str, str], str] = {}


def token_of(user: tuple[str, str]) -> str:
    # Minted once per user: loading the RSA key to sign takes tens of ms and is no part of delivery.
    if user not in _user_tokens:
        _user_tokens[user] = user_token(*user, lifetime=3600)
    return _user_tokens[user]


def service_headers(user) -> dict:
    """As the gateway calls chat: its own token and the user's bearer token."""
    return {"X-Gateway-Token": signer.token_for("chat"), "Authorization": f"Bearer {token_of(user)}"}


def client_headers(user) -> dict:
    """As a browser calls the gateway: the session cookies and the double-submit CSRF header."""
    return {"Cookie": f"access_token={token_of(user)}; csrf_token={CSRF}", "X-CSRF-Token": CSRF}


async def post_message(http, url: str, headers: dict, receiver_username: str, body: str) -> None:
    async with http.post(f"{url}/api/v1/chat/messages", json={"receiver_username": receiver_username, "body": body},
                         headers=headers) as response:
        if response.status != 201:
            raise SystemExit(f"POST {url} answered {response.status}: {await response.text()}")


async def seed_conversations(http, url: str, count: int) -> None:
    """``count`` conversations in all, straight to chat (setup, not measured): the pair plus peers."""
    for user in (RECEIVER, SENDER):  # chat learns users from their tokens
        async with http.get(f"{url}/api/v1/chat/conversations", headers=service_headers(user)) as response:
            response.raise_for_status()
    peers = [(f"bench-peer-{n}", f"bench_peer_{n}") for n in range(max(0, count - 1))]
    for start in range(0, len(peers), 25):
        await asyncio.gather(*(post_message(http, url, service_headers(peer), RECEIVER[1], "hello")
                               for peer in peers[start:start + 25]))
    await post_message(http, url, service_headers(SENDER), RECEIVER[1], "warming up")


async def open_socket(http, gateway: str, user):
    return await http.ws_connect("ws" + gateway[4:] + "/ws/chat/", headers={"Cookie": client_headers(user)["Cookie"]},
                                 heartbeat=30)


async def until_marker(socket, marker: str) -> None:
    async for frame in socket:
        if frame.type != aiohttp.WSMsgType.TEXT:
            raise SystemExit(f"the socket closed: {frame.type} {socket.close_code}")
        if marker in frame.data:
            return


async def drain(socket) -> None:
    """The sender's socket gets its own copy of every message: read them so they never pile up."""
    async for _frame in socket:
        pass


class Paths:
    def __init__(self, *, http, layer, gateway: str, url: str, receiver, sender):
        self.http, self.layer, self.gateway, self.url = http, layer, gateway, url
        self.receiver, self.sender = receiver, sender

    async def _timed(self, send, marker: str) -> float:
        started = time.perf_counter()
        sending = asyncio.create_task(send())
        await until_marker(self.receiver, marker)
        elapsed = time.perf_counter() - started
        await sending
        return elapsed

    async def rest_at_gateway(self) -> float:
        marker, headers = uuid.uuid4().hex, client_headers(SENDER)
        return await self._timed(lambda: post_message(self.http, self.gateway, headers, RECEIVER[1], f"rest {marker}"),
                                 marker)

    async def socket_at_gateway(self) -> float:
        marker = uuid.uuid4().hex
        frame = {"type": "chat.message", "receiver_username": RECEIVER[1], "body": f"socket {marker}"}
        return await self._timed(lambda: self.sender.send_str(json.dumps(frame)), marker)

    async def bare_group_send(self) -> float:
        marker = uuid.uuid4().hex
        text = json.dumps({"type": "chat.message", "message": {"body": f"bare {marker}"}})
        return await self._timed(lambda: self.layer.group_send(user_group(RECEIVER[0]), {"type": "chat.message", "text": text}),
                                 marker)

    async def rest_straight_to_chat(self) -> float:
        marker, headers = uuid.uuid4().hex, service_headers(SENDER)  # signed before the clock starts, as the gateway's
        return await self._timed(lambda: post_message(self.http, self.url, headers, RECEIVER[1], f"direct {marker}"),
                                 marker)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, values: list[float]) -> float:
    p50 = statistics.median(values)
    print(f"{name:<44} p50 {p50 * 1000:7.2f} ms   p99 {percentile(values, 0.99) * 1000:7.2f} ms   (n={len(values)})")
    return p50


def verdict(name: str, value: float) -> str:
    return f"{name}: {value:.2f}x (target <= {TARGET:g}x: {'met' if value <= TARGET else 'NOT met'})"


def store_round_trips(samples: int) -> None:
    """In this process: the MongoDB commands of one message in a known conversation, what each costs,
    and the push and the publish that follow the commit."""
    from chats import realtime, services

    from shared.events import bus
    from shared.tokens import verify_user_token

    sender = verify_user_token(token_of(SENDER))
    durations: dict[str, list[float]] = defaultdict(list)
    whole, counts = [], []
    push, publish = realtime.push, bus.try_send
    realtime.push = _timed_into(durations, "(socket push, from a thread without a loop here)", push)
    bus.try_send = _timed_into(durations, "(publish to RabbitMQ + its confirm)", publish)
    try:
        for n in range(samples):
            with roundtrips.recorded() as recording:
                services.message_send(sender=sender, receiver_username=RECEIVER[1], body=f"in-process {n}")
            _count(n, recording, counts, whole, durations)
    finally:
        realtime.push, bus.try_send = push, publish
    print(f"\nstore round trips per message (in-process message_send, known conversation, n={len(counts)}): "
          f"{statistics.median(counts):g}; message_send p50 {statistics.median(whole) * 1000:.2f} ms:")
    for name, values in durations.items():
        print(f"  {name:<52} p50 {statistics.median(values) * 1000:6.2f} ms")
    store = sum(statistics.median(v) for k, v in durations.items() if not k.startswith("("))
    print(f"  {'MongoDB in all (sum of the p50s; the last runs after the push)':<52}     {store * 1000:6.2f} ms")


def _timed_into(durations: dict, name: str, function):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            durations[name].append(time.perf_counter() - started)

    return timed


def _count(n: int, recording, counts: list, whole: list, durations: dict) -> None:
    """The first message also learns the receiver and the conversation id: left out."""
    if n == 0:
        for values in durations.values():
            values.clear()
        return
    counts.append(len(recording))
    whole.append(recording.elapsed)
    for name, collection, seconds in recording.commands:
        durations[f"{name} {collection}".strip()].append(seconds)


async def main(args) -> None:
    layer = get_channel_layer()
    timeout = aiohttp.ClientTimeout(total=30)
    # Sockets get their own unlimited pool: in a shared one they would take every slot the POSTs need.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50), timeout=timeout) as http, \
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as ws_http:
        print("load average before the run: " + " ".join(f"{load:.2f}" for load in os.getloadavg()) + f" on {os.cpu_count()} cores")
        print(f"seeding {args.conversations} conversations (straight to chat) ...")
        await seed_conversations(http, args.url, args.conversations)
        others = [await open_socket(ws_http, args.gateway, (f"bench-peer-{n}", f"bench_peer_{n}"))
                  for n in range(min(args.sockets, max(0, args.conversations - 1)))]
        receiver = await open_socket(ws_http, args.gateway, RECEIVER)
        sender = await open_socket(ws_http, args.gateway, SENDER)
        draining = asyncio.create_task(drain(sender))
        paths = Paths(http=http, layer=layer, gateway=args.gateway, url=args.url, receiver=receiver, sender=sender)
        measured = {"POST at the gateway -> receiver's socket": paths.rest_at_gateway,
                    "frame on the sender's socket -> receiver's": paths.socket_at_gateway,
                    "bare group_send -> receiver's socket": paths.bare_group_send,
                    "(POST straight to chat -> receiver's socket)": paths.rest_straight_to_chat}
        print(f"{len(others) + 2} sockets open at the gateway ({args.gateway}); {args.warmup} warm-up and "
              f"{args.rounds} measured rounds of each path, in rotating order")
        results: dict[str, list[float]] = {name: [] for name in measured}
        order = list(measured)
        for n in range(args.warmup + args.rounds):
            for name in order[n % len(order):] + order[:n % len(order)]:  # rotate, so drift hits all alike
                elapsed = await measured[name]()
                if n >= args.warmup:
                    results[name].append(elapsed)
        draining.cancel()
        for socket in (receiver, sender, *others):
            await socket.close()
    p50 = [report(name, values) for name, values in results.items()]
    rest, frame, bare, direct = p50
    print(verdict("\nratio p50 POST/bare", rest / bare))
    print(verdict("ratio p50 socket frame/bare", frame / bare))
    print(f"\nwhere it goes (p50s): the gateway's hop for the POST {(rest - direct) * 1000:.2f} ms; "
          f"chat's request, writes and push beyond a bare group_send {(direct - bare) * 1000:.2f} ms")
    store_round_trips(min(args.rounds, 50) + 1)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8000", help="where clients connect")
    parser.add_argument("--url", default="http://127.0.0.1:8004", help="the chat service itself (seeding, the direct POST)")
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--sockets", type=int, default=100, help="extra open sockets of other conversation peers")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
