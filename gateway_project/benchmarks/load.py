"""A crowd at a person's pace through the gateway: per-route latency, errors, and CPU per request per process.

Run with the system up (``python3 manage_all.py bench load``), or from gateway_project:
``../.venv/bin/python -m benchmarks.load [--users 40] [--duration 60] [--ramp 10,20,40,80]``.

Each simulated user signs up from an address of its own (the gateway trusts ``X-Forwarded-For`` from
127.0.0.1, as from its balancer, and limits credential routes per address), then walks the session mix
(search, a gig page, its own profile, the inbox, a chat message, the conversation list, its orders, a
gig's reviews) with a pause of 0.4-0.8 s between pages, for a fixed time. CPU is read from /proc for every
process the project started and for the stores, before and after, so the table shows where the cost is.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

from benchmarks.cpu import cpu_by_process
from benchmarks.stats import percentile

GATEWAY = "http://127.0.0.1:8000"
PASSWORD = "Load-Lantern-93x"
WORDS = ["logo", "wordpress", "voiceover", "translation", "illustration", "podcast", "resume", "animation"]
# RFC 2544 benchmarking network: never a real client; the run's nonce keeps two runs in one minute apart.
_addresses = (f"198.18.{n // 250}.{1 + n % 250}" for n in itertools.count(random.randrange(0, 60000, 500)))


@dataclass
class Sample:
    route: str
    status: int
    ms: float


@dataclass
class User:
    session: aiohttp.ClientSession
    username: str = field(default_factory=lambda: f"load_{uuid.uuid4().hex[:10]}")

    def _headers(self, method: str) -> dict:
        if method == "GET":
            return {}
        for cookie in self.session.cookie_jar:
            if cookie.key == "csrf_token":
                return {"X-CSRF-Token": cookie.value}
        return {}

    async def call(self, method: str, path: str, json=None) -> tuple[int, dict | None, float]:
        started = time.perf_counter()
        async with self.session.request(method, GATEWAY + path, json=json, headers=self._headers(method)) as response:
            body = await response.read()
            elapsed = (time.perf_counter() - started) * 1000
            data = None
            if response.content_type == "application/json" and body:
                data = await response.json()
            return response.status, data, elapsed


def new_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True),  # cookies from an IP-address host (127.0.0.1)
        headers={"X-Forwarded-For": next(_addresses)},
        timeout=aiohttp.ClientTimeout(total=30),
        connector=aiohttp.TCPConnector(limit=4),
    )


async def signed_up() -> User:
    user = User(new_session())
    status, data, _ = await user.call(
        "POST",
        "/api/v1/auth/signup",
        {
            "username": user.username,
            "email": f"{user.username}@example.com",
            "password": PASSWORD,
            "country": "Portugal",
        },
    )
    if status != 201:
        raise SystemExit(f"signup failed: {status} {data}")
    return user


async def until(call, ok, timeout: float = 20.0):
    """Setup only (never in the measured loop): wait for an event-driven effect the next step needs."""
    deadline = time.monotonic() + timeout
    while True:
        result = await call()
        if ok(result) or time.monotonic() > deadline:
            return result
        await asyncio.sleep(0.2)


async def seller_with_gigs(index: int, gigs: int) -> tuple[User, list[str]]:
    seller = await signed_up()
    await until(lambda: seller.call("GET", "/api/v1/buyers/me"), lambda r: r[0] == 200)
    status, data, _ = await seller.call(
        "POST",
        "/api/v1/sellers",
        {
            "full_name": f"Load Seller {index}",
            "description": "A seller made by the load benchmark, with real gigs.",
            "oneliner": "Fast and careful",
            "skills": ["design"],
            "languages": [{"language": "English", "level": "fluent"}],
            "response_time": 2,
        },
    )
    if status != 201:
        raise SystemExit(f"become seller failed: {status} {data}")
    ids = []
    for n in range(gigs):
        word = WORDS[(index + n) % len(WORDS)]
        payload = {
            "title": f"I will make a professional {word} for you",
            "category": "graphics-design",
            "description": f"A careful {word}, made by hand, with revisions until it is right for your brand.",
            "basic_title": "Basic",
            "basic_description": "One concept",
            "sub_categories": [word],
            "tags": [word, "load"],
            "price": 20 + n,
            "expected_delivery_days": 3,
        }
        status, data, _ = await until(
            lambda payload=payload: seller.call("POST", "/api/v1/gigs", payload), lambda r: r[0] != 403
        )
        if status != 201:
            raise SystemExit(f"create gig failed: {status} {data}")
        ids.append(data["id"])
    return seller, ids


def session_mix(user: User, sellers: list[User], gig_ids: list[str]) -> list[tuple[str, str, str, dict | None]]:
    gig = random.choice(gig_ids)
    seller = random.choice(sellers)
    return [
        ("search", "GET", f"/api/v1/gigs/search?q={random.choice(WORDS)}", None),
        ("gig", "GET", f"/api/v1/gigs/{gig}", None),
        ("buyers/me", "GET", "/api/v1/buyers/me", None),
        ("notifications", "GET", "/api/v1/notifications", None),
        (
            "chat send",
            "POST",
            "/api/v1/chat/messages",
            {"receiver_username": seller.username, "body": "Hello, is this available?"},
        ),
        ("conversations", "GET", "/api/v1/chat/conversations", None),
        ("orders", "GET", "/api/v1/orders/buyer/me", None),
        ("reviews", "GET", f"/api/v1/reviews/gig/{gig}", None),
    ]


async def browse(user: User, sellers: list[User], gig_ids: list[str], deadline: float, samples: list[Sample]) -> None:
    await asyncio.sleep(random.uniform(0, 0.8))  # people do not all click on the same tick
    while time.monotonic() < deadline:
        for route, method, path, body in session_mix(user, sellers, gig_ids):
            if time.monotonic() >= deadline:
                return
            try:
                status, _, ms = await user.call(method, path, body)
            except (TimeoutError, aiohttp.ClientError):
                status, ms = 0, 30_000.0
            samples.append(Sample(route, status, ms))
            await asyncio.sleep(random.uniform(0.4, 0.8))


@dataclass
class Run:
    users: int
    seconds: float
    samples: list[Sample]
    cpu: dict[str, float]

    @property
    def p99(self) -> float:
        return percentile([s.ms for s in self.samples], 99)

    @property
    def errors(self) -> int:
        return sum(1 for s in self.samples if not 200 <= s.status < 400)


async def run_crowd(count: int, duration: float, sellers: list[User], gig_ids: list[str]) -> Run:
    # Setup, not measured: a few signups at a time (each is a password hash at auth), so a crowd of
    # 80 does not queue past the gateway's read timeout on a small or busy machine.
    gate = asyncio.Semaphore(4)

    async def one_signup() -> User:
        async with gate:
            return await signed_up()

    users = await asyncio.gather(*(one_signup() for _ in range(count)))
    await asyncio.gather(*(until(lambda u=u: u.call("GET", "/api/v1/buyers/me"), lambda r: r[0] == 200) for u in users))
    samples: list[Sample] = []
    before = cpu_by_process()
    started = time.monotonic()
    await asyncio.gather(*(browse(u, sellers, gig_ids, started + duration, samples) for u in users))
    elapsed = time.monotonic() - started
    after = cpu_by_process()
    for user in users:
        await user.session.close()
    cpu = {name: after[name] - before.get(name, 0.0) for name in after}
    return Run(count, elapsed, samples, cpu)


def print_run(run: Run) -> None:
    print(f"\n{run.users} users, {run.seconds:.0f} s at a person's pace")
    print(f"{'route':<16}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}")
    routes = sorted({s.route for s in run.samples})
    for route in routes:
        times = [s.ms for s in run.samples if s.route == route]
        errors = sum(1 for s in run.samples if s.route == route and not 200 <= s.status < 400)
        print(f"{route:<16}{len(times):>7}{errors:>8}{percentile(times, 50):>9.0f}{percentile(times, 99):>9.0f}")
    total = len(run.samples)
    statuses = sorted({s.status for s in run.samples if not 200 <= s.status < 400})
    print(f"{'all':<16}{total:>7}{run.errors:>8}{percentile([s.ms for s in run.samples], 50):>9.0f}{run.p99:>9.0f}")
    print(
        f"requests/s {total / run.seconds:.1f}, error rate {run.errors / max(total, 1):.2%}"
        + (f" (statuses {statuses})" if statuses else "")
    )
    system = {name: seconds for name, seconds in run.cpu.items() if name != "load generator"}
    cpu_total = sum(system.values())
    print(
        f"\nCPU per request by process (ms), {cpu_total / max(total, 1) * 1000:.1f} ms in all "
        f"(the load generator's own {run.cpu.get('load generator', 0) / max(total, 1) * 1000:.2f} ms not counted; "
        "the stores are the machine's, so anything else using them counts too):"
    )
    for name, seconds in sorted(system.items(), key=lambda item: -item[1]):
        if seconds > 0.005 * cpu_total:
            print(f"  {name:<26}{seconds / max(total, 1) * 1000:>7.2f}  ({seconds / cpu_total:.0%})")


async def main_async(args) -> None:
    sellers_and_gigs = await asyncio.gather(*(seller_with_gigs(i, args.gigs_per_seller) for i in range(args.sellers)))
    sellers = [seller for seller, _ in sellers_and_gigs]
    gig_ids = [gig for _, gigs in sellers_and_gigs for gig in gigs]
    await asyncio.gather(
        *(until(lambda g=g: sellers[0].call("GET", f"/api/v1/gigs/{g}"), lambda r: r[0] == 200) for g in gig_ids)
    )
    if args.ramp:
        best = 0
        for count in args.ramp:
            run = await run_crowd(count, args.ramp_duration, sellers, gig_ids)
            print(
                f"ramp: {count} users -> p99 {run.p99:.0f} ms, errors {run.errors}, "
                f"{len(run.samples) / run.seconds:.0f} req/s"
            )
            if run.p99 < 500 and run.errors == 0:
                best = count
            else:
                break
        print(
            f"largest crowd with p99 under 500 ms and no errors: {best} users"
            + (" (the ramp's top)" if best == args.ramp[-1] else "")
        )
    if args.users:
        print_run(await run_crowd(args.users, args.duration, sellers, gig_ids))
    for seller in sellers:
        await seller.session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=40, help="the crowd measured in detail (0: ramp only)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of browsing for that crowd")
    parser.add_argument(
        "--ramp",
        type=lambda text: [int(n) for n in text.split(",") if n],
        default=[],
        help="crowd sizes tried in turn, e.g. 10,20,40,80: reports the largest with p99 < 500 ms",
    )
    parser.add_argument("--ramp-duration", type=float, default=15.0)
    parser.add_argument("--sellers", type=int, default=4)
    parser.add_argument("--gigs-per-seller", type=int, default=3)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
