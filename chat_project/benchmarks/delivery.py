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

Where the time goes is printed after the ratios, from paths measured in the
same rounds: the POST and the bare group_send straight to chat, and a frame on
a socket straight to chat (each without one of the gateway's hops), then, in
this process, chat's request through its own ASGI application until the push,
``message_send`` until the push and the MongoDB round trips one message costs,
each with its time (PyMongo command monitoring, shared.testing.roundtrips), and what
follows the push (the publish and its confirm, marking the event published).
Every measurement starts on a settled system: the work a message does after
its push (about as much as before it) must not land on the next one's clock.
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

from shared.testing import roundtrips

roundtrips.install()  # before django.setup() makes the MongoDB client

import aiohttp  # noqa: E402
import django  # noqa: E402

django.setup()

from channels.layers import get_channel_layer  # noqa: E402
from chats.realtime import user_group  # noqa: E402

from shared.testing.asgi import http_scope  # noqa: E402
from shared.testing.tokens import user_token  # noqa: E402
from shared.tokens import GatewayTokenSigner  # noqa: E402

RECEIVER = ("bench-receiver", "bench_receiver")
SENDER = ("bench-sender", "bench_sender")
# Their sockets go straight to chat, each without one of the gateway's relays; users of their own, so no
# message reaches two sockets of one user.
DIRECT_RECEIVER = ("bench-receiver-direct", "bench_receiver_direct")
DIRECT_SENDER = ("bench-sender-direct", "bench_sender_direct")
TARGET = 2.0
signer = GatewayTokenSigner()
CSRF = secrets.token_urlsafe(16)
SETTLE_SECONDS = 0.03  # after each sample: longer than a message's work after its push (publish, confirm, mark)

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
    async with http.post(
        f"{url}/api/v1/chat/messages", json={"receiver_username": receiver_username, "body": body}, headers=headers
    ) as response:
        if response.status != 201:
            raise SystemExit(f"POST {url} answered {response.status}: {await response.text()}")


async def seed_conversations(http, url: str, count: int) -> None:
    """``count`` conversations in all, straight to chat (setup, not measured): the pairs plus peers."""
    for user in (RECEIVER, SENDER, DIRECT_RECEIVER, DIRECT_SENDER):  # chat learns users from their tokens
        async with http.get(f"{url}/api/v1/chat/conversations", headers=service_headers(user)) as response:
            response.raise_for_status()
    peers = [(f"bench-peer-{n}", f"bench_peer_{n}") for n in range(max(0, count - 2))]
    for start in range(0, len(peers), 25):
        await asyncio.gather(
            *(
                post_message(http, url, service_headers(peer), RECEIVER[1], "hello")
                for peer in peers[start : start + 25]
            )
        )
    await post_message(http, url, service_headers(SENDER), RECEIVER[1], "warming up")
    await post_message(http, url, service_headers(DIRECT_SENDER), RECEIVER[1], "warming up")


async def open_socket(http, gateway: str, user):
    return await http.ws_connect(
        "ws" + gateway[4:] + "/ws/chat/", headers={"Cookie": client_headers(user)["Cookie"]}, heartbeat=30
    )


async def open_direct_socket(http, url: str, user):
    """A socket straight to chat, as the gateway opens its upstream one (its token and the bearer token)."""
    return await http.ws_connect("ws" + url[4:] + "/ws/chat/", headers=service_headers(user), heartbeat=30)


class Listener:
    """Reads one socket for good (no frame ever waits in it); a sample waits here for its marker."""

    def __init__(self, socket):
        self.socket = socket
        self.waiting: tuple[str, asyncio.Future] | None = None
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for frame in self.socket:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            if self.waiting and self.waiting[0] in frame.data and not self.waiting[1].done():
                self.waiting[1].set_result(time.perf_counter())
        if self.waiting and not self.waiting[1].done():
            self.waiting[1].set_exception(SystemExit(f"the socket closed: {self.socket.close_code}"))

    def expect(self, marker: str) -> asyncio.Future:
        self.waiting = (marker, asyncio.get_running_loop().create_future())
        return self.waiting[1]

    async def close(self) -> None:
        await self.socket.close()
        self.task.cancel()


class Paths:
    def __init__(self, *, http, layer, gateway: str, url: str, sockets: dict):
        self.http, self.layer, self.gateway, self.url = http, layer, gateway, url
        self.sockets = sockets  # name -> Listener

    async def _timed(self, send, marker: str, receiver: str = "receiver") -> float:
        arrived = self.sockets[receiver].expect(marker)
        started = time.perf_counter()
        sending = asyncio.create_task(send())
        at = await asyncio.wait_for(arrived, 30)
        await sending
        await asyncio.sleep(SETTLE_SECONDS)
        return at - started

    async def rest_at_gateway(self) -> float:
        marker, headers = uuid.uuid4().hex, client_headers(SENDER)
        return await self._timed(
            lambda: post_message(self.http, self.gateway, headers, RECEIVER[1], f"rest {marker}"), marker
        )

    def _frame(self, marker: str, text: str) -> str:
        return json.dumps({"type": "chat.message", "receiver_username": RECEIVER[1], "body": f"{text} {marker}"})

    async def socket_at_gateway(self) -> float:
        marker = uuid.uuid4().hex
        return await self._timed(lambda: self.sockets["sender"].socket.send_str(self._frame(marker, "socket")), marker)

    def _bare(self, user, marker: str):
        text = json.dumps({"type": "chat.message", "message": {"body": f"bare {marker}"}})
        return lambda: self.layer.group_send(user_group(user[0]), {"type": "chat.message", "text": text})

    async def bare_group_send(self) -> float:
        marker = uuid.uuid4().hex
        return await self._timed(self._bare(RECEIVER, marker), marker)

    async def rest_straight_to_chat(self) -> float:
        marker, headers = uuid.uuid4().hex, service_headers(SENDER)  # signed before the clock starts, as the gateway's
        return await self._timed(
            lambda: post_message(self.http, self.url, headers, RECEIVER[1], f"direct {marker}"), marker
        )

    async def socket_straight_to_chat(self) -> float:
        marker = uuid.uuid4().hex
        return await self._timed(
            lambda: self.sockets["direct sender"].socket.send_str(self._frame(marker, "direct")), marker
        )

    async def bare_to_a_chat_socket(self) -> float:
        marker = uuid.uuid4().hex
        return await self._timed(self._bare(DIRECT_RECEIVER, marker), marker, receiver="direct receiver")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, values: list[float]) -> float:
    p50 = statistics.median(values)
    print(f"{name:<50} p50 {p50 * 1000:7.2f} ms   p99 {percentile(values, 0.99) * 1000:7.2f} ms   (n={len(values)})")
    return p50


def verdict(name: str, value: float) -> str:
    return f"{name}: {value:.2f}x (target <= {TARGET:g}x: {'met' if value <= TARGET else 'NOT met'})"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.2f} ms"


class InProcess:
    """Chat's own code in this process, against the same stores: where a message's time goes until its push.

    The push and the publish are wrapped to note when they start and what they take; nothing else changes."""

    def __init__(self):
        from chats import realtime

        from shared.events import bus

        self.realtime, self.bus = realtime, bus
        self.push, self.try_send = realtime.push, bus.try_send
        self.started = self.pushed_at = 0.0
        self.commands_before_push = 0
        self.recording = None
        self.after: dict[str, list[float]] = defaultdict(list)

    def __enter__(self):
        def push(**kwargs):
            self.pushed_at = time.perf_counter()
            self.commands_before_push = len(self.recording) if self.recording is not None else 0
            self.push(**kwargs)
            self.after["the socket push (group_send to both users)"].append(time.perf_counter() - self.pushed_at)

        def try_send(envelope):
            started = time.perf_counter()
            try:
                return self.try_send(envelope)
            finally:
                self.after["publish to RabbitMQ + its confirm, mark published"].append(time.perf_counter() - started)

        self.realtime.push, self.bus.try_send = push, try_send
        return self

    def __exit__(self, *exc):
        self.realtime.push, self.bus.try_send = self.push, self.try_send

    async def asgi_post(self, application, n: int) -> float:
        """POST /api/v1/chat/messages through chat's ASGI application (Django, its middleware, Ninja): to the push."""
        raw = json.dumps({"receiver_username": RECEIVER[1], "body": f"in-process asgi {n}"}).encode()
        headers = [(k.lower().encode(), v.encode()) for k, v in service_headers(SENDER).items()]
        headers += [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
            (b"host", b"127.0.0.1"),
        ]
        scope = http_scope("POST", "/api/v1/chat/messages", headers, server=("127.0.0.1", 8004))
        body_sent, status = asyncio.Event(), []

        async def receive():
            if not body_sent.is_set():
                body_sent.set()
                return {"type": "http.request", "body": raw, "more_body": False}
            await asyncio.sleep(3600)  # Django listens for a disconnect while the view runs
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                status.append(message["status"])

        started = time.perf_counter()
        await application(scope, receive, send)
        if status != [201]:
            raise SystemExit(f"the in-process POST answered {status}")
        return self.pushed_at - started

    async def message_send(self, sender, n: int) -> tuple[float, list]:
        """``message_send`` in a worker thread, as chat's socket consumer calls it: to the push."""
        from asgiref.sync import sync_to_async
        from chats import services

        from shared.events import published

        # The batched outbox marks (one update per process every EVENTS_MARK_INTERVAL) are written by a thread
        # of their own; one that falls in this window is no round trip of this message.
        with roundtrips.recorded(excluding_threads=frozenset({published.THREAD_NAME})) as recording:
            self.recording = recording
            started = time.perf_counter()
            await sync_to_async(services.message_send, thread_sensitive=False)(
                sender=sender, receiver_username=RECEIVER[1], body=f"in-process {n}"
            )
            self.recording = None
        return self.pushed_at - started, recording.commands[: self.commands_before_push], recording


async def in_process(samples: int) -> dict:
    """The in-process legs, alternating the two ways in; the first of each (learning ids) left out."""
    from config.asgi import application

    from shared.tokens import verify_user_token

    sender = verify_user_token(token_of(SENDER))
    asgi, direct, before, counts, store_before = [], [], defaultdict(list), [], []
    with InProcess() as legs:
        for n in range(samples + 1):
            asgi_leg = await legs.asgi_post(application, n)
            direct_leg, commands, recording = await legs.message_send(sender, n)
            if n == 0:
                legs.after.clear()
                continue
            asgi.append(asgi_leg)
            direct.append(direct_leg)
            counts.append((len(recording), len(commands)))
            store_before.append(sum(seconds for _name, _collection, seconds in commands))
            for name, collection, seconds in commands:
                before[f"{name} {collection}".strip()].append(seconds)
            after_names = recording.names[len(commands) :]
        return {
            "asgi": statistics.median(asgi),
            "message_send": statistics.median(direct),
            "store_before": statistics.median(store_before),
            "before": before,
            "counts": counts,
            "after_names": after_names,
            "after": dict(legs.after),
        }


def print_breakdown(p50: dict, inproc: dict) -> None:
    gateway_http = p50["rest"] - p50["direct rest"]
    relay_sender = p50["socket"] - p50["direct socket"]
    relay_receiver = p50["bare"] - p50["direct bare"]
    chat_to_push = p50["direct rest"] - p50["bare"]
    django = inproc["asgi"] - inproc["message_send"]
    python = inproc["message_send"] - inproc["store_before"]
    total = statistics.median(c[0] for c in inproc["counts"])
    before_push = statistics.median(c[1] for c in inproc["counts"])
    print("\nwhere the time goes (p50s; each leg the difference of two paths measured in the same rounds):")
    print(f"  the gateway's HTTP relay of the POST (cookie token, CSRF, rate limit, forward)   {ms(gateway_http)}")
    print(f"  the gateway's socket relay, sender's side (client -> chat's socket)              {ms(relay_sender)}")
    print(f"  the gateway's socket relay, receiver's side (chat's socket -> client)            {ms(relay_receiver)}")
    layer_hop = p50["direct bare"]
    print(f"  one channel layer hop: group_send -> Redis -> chat's consumer -> its socket      {ms(layer_hop)}")
    print(f"  chat from the POST to the push (POST straight to chat less a bare group_send)   {ms(chat_to_push)}")
    print("  (a message crosses the channel layer once: chat pushes to the receiver's group, the consumer holding")
    print("   the socket forwards the encoded frame; the gateway relays that socket's frames to the client)")
    print("in this process, chat's own code on the same stores, until the push:")
    print(f"  POST through chat's ASGI application -> push                                     {ms(inproc['asgi'])}")
    print(f"    Django's request handling (middleware, Ninja, the JSON in and out)             {ms(django)}")
    send = inproc["message_send"]
    print(f"    message_send -> push (in a worker thread, as the socket consumer calls it)     {ms(send)}")
    for name, values in inproc["before"].items():
        print(f"      MongoDB {name:<70}   {ms(statistics.median(values))}")
    print(f"      the rest (checks, documents, the frame, the envelope)                        {ms(python)}")
    print("after the push (not on the receiver's clock):")
    for name, values in inproc["after"].items():
        print(f"  {name:<80} {ms(statistics.median(values))}")
    print(
        f"store round trips per message (known conversation): {total:g}, {before_push:g} before the push; "
        f"after it: {', '.join(inproc['after_names'])}"
    )


async def main(args) -> None:
    layer = get_channel_layer()
    timeout = aiohttp.ClientTimeout(total=30)
    # Sockets get their own unlimited pool: in a shared one they would take every slot the POSTs need.
    async with (
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50), timeout=timeout) as http,
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as ws_http,
    ):
        print(
            "load average before the run: "
            + " ".join(f"{load:.2f}" for load in os.getloadavg())
            + f" on {os.cpu_count()} cores"
        )
        print(f"seeding {args.conversations} conversations (straight to chat) ...")
        await seed_conversations(http, args.url, args.conversations)
        others = [
            Listener(await open_socket(ws_http, args.gateway, (f"bench-peer-{n}", f"bench_peer_{n}")))
            for n in range(min(args.sockets, max(0, args.conversations - 2)))
        ]
        sockets = {
            "receiver": Listener(await open_socket(ws_http, args.gateway, RECEIVER)),
            "sender": Listener(await open_socket(ws_http, args.gateway, SENDER)),
            "direct receiver": Listener(await open_direct_socket(ws_http, args.url, DIRECT_RECEIVER)),
            "direct sender": Listener(await open_direct_socket(ws_http, args.url, DIRECT_SENDER)),
        }
        paths = Paths(http=http, layer=layer, gateway=args.gateway, url=args.url, sockets=sockets)
        measured = {
            "POST at the gateway -> receiver's socket": ("rest", paths.rest_at_gateway),
            "frame on the sender's socket -> receiver's": ("socket", paths.socket_at_gateway),
            "bare group_send -> receiver's socket": ("bare", paths.bare_group_send),
            "(POST straight to chat -> receiver's socket)": ("direct rest", paths.rest_straight_to_chat),
            "(frame on a socket straight to chat -> receiver's)": ("direct socket", paths.socket_straight_to_chat),
            "(bare group_send -> a socket straight to chat)": ("direct bare", paths.bare_to_a_chat_socket),
        }
        print(
            f"{len(others) + 2} sockets open at the gateway ({args.gateway}), 2 straight to chat; "
            f"{args.warmup} warm-up and {args.rounds} measured rounds of each path, in rotating order, "
            f"{SETTLE_SECONDS * 1000:g} ms apart"
        )
        results: dict[str, list[float]] = {name: [] for name in measured}
        order = list(measured)
        for n in range(args.warmup + args.rounds):
            for name in order[n % len(order) :] + order[: n % len(order)]:  # rotate, so drift hits all alike
                elapsed = await measured[name][1]()
                if n >= args.warmup:
                    results[name].append(elapsed)
        for listener in (*sockets.values(), *others):
            await listener.close()
        print("load average after the sockets' rounds: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
        p50 = {measured[name][0]: report(name, values) for name, values in results.items()}
        print(verdict("\nratio p50 POST/bare", p50["rest"] / p50["bare"]))
        print(verdict("ratio p50 socket frame/bare", p50["socket"] / p50["bare"]))
        print_breakdown(p50, await in_process(min(args.rounds, 100)))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8000", help="where clients connect")
    parser.add_argument(
        "--url", default="http://127.0.0.1:8004", help="the chat service itself (seeding, the paths straight to chat)"
    )
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--sockets", type=int, default=100, help="extra open sockets of other conversation peers")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
