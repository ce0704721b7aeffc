"""Search latency over 10,000 gigs (MongoDB backend) against a find by id on the same data.

    cd gig_project && ../.venv/bin/python -m benchmarks.search [--gigs 10000] [--requests 400]

Seeds a separate database (``gig_bench``), starts this service on a free port
against it, and times GET /api/v1/gigs/search (a mix of real queries and
filters) against GET /api/v1/gigs/{id}, interleaved so machine noise hits
both alike: directly with a valid gateway token, then through a private
gateway (gateway_project) routed to the same instance. PERFORMANCE.md asks
search p99 <= 5x find-by-id p99 through the gateway. Also prints the
in-process cost (search backend vs a MongoEngine get) for orientation.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parents[1]
REPO = PROJECT.parent
BIN = Path(sys.executable).parent
BENCH_DB = "mongodb://127.0.0.1:27017/gig_bench"
QUERIES = [
    {"q": "logo"},
    {"q": "logo design"},
    {"q": "wordpress website"},
    {"q": "seo"},
    {"q": "video editing"},
    {"q": "spanish translation"},
    {"q": "python django api"},
    {"q": "voice over"},
    {"q": "business plan"},
    {"q": "chatgpt chatbot"},
    {"q": "excel data entry", "max_price": "50"},
    {"q": "website", "category": "programming-tech"},
    {"q": "illustration", "max_delivery_days": "3"},
    {"q": "podcast", "min_price": "10", "max_price": "100"},
    {"q": "photo retouching", "page": "2"},
    {"category": "data"},
    {},
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"a server on :{port} exited early ({process.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"no server on :{port} after {timeout}s")


def start(cwd: Path, port: int, env: dict) -> subprocess.Popen:
    command = [
        str(BIN / "uvicorn"),
        "config.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env})
    wait_until_up(port, process)
    return process


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def timed_get(connection, path: str, headers: dict) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return elapsed


def measure(port: int, headers_for, ids: list[str], requests: int) -> dict[str, list[float]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    rng = random.Random(7)
    times = {"search": [], "find": []}
    for number in range(requests + 30):  # the first 30 warm up connections and caches
        query = urlencode(rng.choice(QUERIES))
        search = timed_get(connection, f"/api/v1/gigs/search?{query}", headers_for())
        find = timed_get(connection, f"/api/v1/gigs/{rng.choice(ids)}", headers_for())
        if number >= 30:
            times["search"].append(search)
            times["find"].append(find)
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    search, find = times["search"], times["find"]
    p50s, p99s, p50f, p99f = (
        percentile(search, 0.5),
        percentile(search, 0.99),
        percentile(find, 0.5),
        percentile(find, 0.99),
    )
    print(f"\n{title}  ({len(search)} requests each)")
    print(f"  {'':<16}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"  {'search':<16}{p50s:>10.2f}{p99s:>10.2f}")
    print(f"  {'find by id':<16}{p50f:>10.2f}{p99f:>10.2f}")
    print(f"  ratio search/find: p50 {p50s / p50f:.2f}x, p99 {p99s / p99f:.2f}x  (target: p99 <= 5x)")


def in_process(ids: list[str]) -> None:
    from gigs.documents import Gig
    from gigs.search import SearchQuery, get_backend

    backend, rng = get_backend(), random.Random(3)
    backend.search(SearchQuery())  # the first search loads the index
    search, find = [], []
    for _ in range(300):
        params = rng.choice(QUERIES)
        query = SearchQuery(q=params.get("q", ""), category=params.get("category"))
        started = time.perf_counter()
        backend.search(query)
        search.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        Gig.objects.get(id=rng.choice(ids))
        find.append((time.perf_counter() - started) * 1000)
    report("in process: search backend vs MongoEngine get (no HTTP)", {"search": search, "find": find})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gigs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    os.environ["GIG_MONGODB_URL"] = BENCH_DB
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["GIG_SEARCH_BACKEND"] = "mongo"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from gigs.documents import Gig

    from benchmarks.catalogue import seed
    from shared import mongo
    from shared.keys import ensure_dev_keys
    from shared.testing.tokens import gateway_token

    ensure_dev_keys()
    if Gig.objects.count() != args.gigs:
        started = time.monotonic()
        seed(sellers=max(1, args.gigs // 50), gigs=args.gigs)
        print(f"seeded {args.gigs} gigs into gig_bench in {time.monotonic() - started:.0f}s")
    ids = [str(gig["_id"]) for gig in mongo.collection(Gig).find({}, {"_id": 1})]
    in_process(ids)

    service_env = {
        "GIG_MONGODB_URL": BENCH_DB,
        "GIG_SEARCH_BACKEND": "mongo",
        "ELASTICSEARCH_URL": "",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    service_port = free_port()
    processes = [start(PROJECT, service_port, service_env)]
    try:
        token = {"value": gateway_token("gig", lifetime=50), "at": time.monotonic()}

        def signed():
            if time.monotonic() - token["at"] > 30:  # gateway tokens live under a minute
                token.update(value=gateway_token("gig", lifetime=50), at=time.monotonic())
            return {"X-Gateway-Token": token["value"]}

        report("direct to the gig service (with a gateway token)", measure(service_port, signed, ids, args.requests))
        gateway_folder = REPO / "gateway_project"
        if not (gateway_folder / "config" / "asgi.py").exists():
            print("\nthrough the gateway: skipped, gateway_project/config/asgi.py is missing")
            return
        gateway_port = free_port()
        processes.append(
            start(
                gateway_folder,
                gateway_port,
                {
                    "DJANGO_SETTINGS_MODULE": "config.settings.local",
                    "GIG_URLS": f"http://127.0.0.1:{service_port}",
                    "GATEWAY_RATE_LIMIT_ANONYMOUS": "100000000/60",
                    "LOG_LEVEL": "WARNING",
                },
            )
        )
        report("through a gateway routed to the same instance", measure(gateway_port, dict, ids, args.requests))
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
