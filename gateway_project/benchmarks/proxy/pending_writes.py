"""What read-your-writes costs a request, measured through the running system (docs/decisions/0006).

Run with the system up, from gateway_project:
``../.venv/bin/python -m benchmarks.proxy.pending_writes [--requests 300] [--rounds 3]``
(e.g. ``/work/tools/system sh -c 'cd gateway_project && ../.venv/bin/python -m benchmarks.proxy.pending_writes'``).

Signed-in ``GET /api/v1/buyers/me`` (users), one request at a time, in four
kinds, alternating rounds, medians (compare within the run, never across):

- ``no hint``: what everyone who did not write lately pays (the baseline);
- ``hint, none pending``: the gateway's Redis lookup finds nothing for users;
- ``3 pending, known``: three ``gig.created`` ids (users consumes them) sent on,
  already applied and heard by the users process: parsed and found in memory;
- ``3 pending, marked``: three fresh applied ids each request, so the users
  process reads their marks from Redis (one MGET);
- ``3 pending, not its``: three ``users.seller.created`` ids (gig consumes them,
  users does not): the gateway sends every service the user's pending events
  and users parses the header and keeps none (issue #15; before, the gateway
  dropped them itself).

Then the wake-up: how long after a consumer marks an event the waiting
request goes on, against a bare Redis PUBLISH -> subscriber on the same Redis.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
import uuid

import django
import httpx
import redis

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from shared.consistency.marks import AppliedEvents, mark_applied, mark_key, redis_url  # noqa: E402

GATEWAY = os.environ.get("E2E_GATEWAY_URL", "http://127.0.0.1:8000")
PATH = "/api/v1/buyers/me"
KINDS = ("no hint", "hint, none pending", "3 pending, known", "3 pending, marked", "3 pending, not its")
USERS_PER_KIND = 4  # the gateway allows 600 requests a minute per user


def _signed_up(client: httpx.Client, n: int) -> tuple[str, str]:
    """A real account (users must know it to answer 200); answers its access token."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    response = client.post(
        "/api/v1/auth/signup",
        headers={"X-Forwarded-For": f"192.0.2.{1 + n % 250}"},
        json={"username": name, "email": f"{name}@example.com", "password": "Tr4vel-Lantern-93", "country": "Portugal"},
    )
    response.raise_for_status()
    client.cookies.clear()  # each request below names its cookies itself
    return response.cookies["access_token"], response.json()["user"]["id"]


def _seed(store: redis.Redis, user_id: str, name: str = "gig.created") -> str:
    """Three applied ids of ``name`` pending for the user, as if their writes had just published them."""
    ids = [uuid.uuid4().hex for _ in range(3)]
    pipe = store.pipeline()
    pipe.delete(f"gw:ryw:{user_id}")
    pipe.zadd(f"gw:ryw:{user_id}", {f"{name}={event_id}": time.time() + 3600 for event_id in ids})
    for event_id in ids:
        pipe.set(mark_key("users", event_id), b"1", ex=600)
    pipe.execute()
    return ",".join(ids)


def measure(args) -> dict[str, list[float]]:
    store = redis.Redis.from_url(redis_url())
    with httpx.Client(base_url=GATEWAY, timeout=15) as client:
        accounts = {
            kind: [_signed_up(client, i * 10 + k) for i in range(USERS_PER_KIND)] for k, kind in enumerate(KINDS)
        }
        for token, _user_id in sum(accounts.values(), []):  # waits for users' profile (auth.user.created)
            warm = client.get(PATH, headers={"Cookie": f"access_token={token}; pending_writes=1"})
            assert warm.status_code == 200, warm.text
        for _token, user_id in accounts["hint, none pending"] + accounts["no hint"]:
            store.delete(f"gw:ryw:{user_id}")
        for _token, user_id in accounts["3 pending, known"]:
            _seed(store, user_id)
        for _token, user_id in accounts["3 pending, not its"]:
            _seed(store, user_id, "users.seller.created")
        samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _ in range(args.rounds):
            for kind in KINDS:
                samples[kind].append(_round(client, store, kind, accounts[kind], args.requests))
    return samples


def _round(client: httpx.Client, store: redis.Redis, kind: str, accounts, requests: int) -> float:
    timings = []
    for i in range(requests):
        token, user_id = accounts[i % len(accounts)]
        cookie = f"access_token={token}" + ("" if kind == "no hint" else "; pending_writes=1")
        if kind == "3 pending, marked":
            _seed(store, user_id)  # not timed: fresh ids the users process has not heard of
        started = time.perf_counter()
        response = client.get(PATH, headers={"Cookie": cookie})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text
    return statistics.median(timings)


def wake_latency(samples: int = 200) -> tuple[float, float]:
    """p50 ms: mark -> the waiting request goes on, and bare PUBLISH -> a subscriber hears it."""
    registry, woken = AppliedEvents("bench"), []
    for _ in range(samples):
        event_id = uuid.uuid4().hex
        done = threading.Event()
        thread = threading.Thread(target=lambda e=event_id, done=done: (registry.wait([e], 10), done.set()))
        thread.start()
        while event_id not in registry._waiters:
            time.sleep(0.0005)
        started = time.perf_counter()
        mark_applied(event_id, service="bench")
        done.wait()
        woken.append((time.perf_counter() - started) * 1000)
        thread.join()
    store = redis.Redis.from_url(redis_url())
    pubsub = store.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe("bench:bare")
    pubsub.get_message(timeout=1)
    bare = []
    for _ in range(samples):
        started = time.perf_counter()
        store.publish("bench:bare", b"x")
        while pubsub.get_message(timeout=1) is None:
            pass
        bare.append((time.perf_counter() - started) * 1000)
    return statistics.median(woken), statistics.median(bare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300, help="requests per kind and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    samples = measure(args)
    base = statistics.median(samples["no hint"])
    print(f"signed-in GET {PATH} through the gateway, one at a time, median of {args.rounds} round medians")
    print(f"{'kind':<22}{'p50 ms':>9}{'extra ms':>10}{'ratio':>8}")
    for kind in KINDS:
        p50 = statistics.median(samples[kind])
        print(f"{kind:<22}{p50:>9.2f}{p50 - base:>10.2f}{p50 / base:>8.2f}")
    woken, bare = wake_latency()
    print(
        f"wake-up after the consumer's mark: p50 {woken:.2f} ms; bare Redis publish -> subscriber: p50 {bare:.2f} ms "
        f"({woken / bare:.1f}x)"
    )


if __name__ == "__main__":
    main()
