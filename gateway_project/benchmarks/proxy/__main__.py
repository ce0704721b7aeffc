"""Requests/s and p50/p99 of one GET through the gateway against the same GET straight to the service.

Run from gateway_project: ``../.venv/bin/python -m benchmarks.proxy [--duration 4] [--rounds 3] [--connections 8]``.
First a synthetic upstream (a one-route Ninja app); then, when the system is up, the signed-in real route
with nginx as the floor (benchmarks/proxy/real_route.py). ``--only synthetic|real`` runs one of them.
Everything runs on 127.0.0.1 in one run, in alternating rounds (PERFORMANCE.md: compare ratios, never absolute timings).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from proxy.tests.fixtures import free_port, wait_for_port

from shared.keys import ensure_dev_keys
from shared.testing.tokens import gateway_token

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PATH = "/api/v1/gigs/benchmark"


def start(command: list[str], env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        command, cwd=PROJECT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for_port(port, timeout=30)
    return process


def wrk(url: str, duration: int, connections: int, headers: dict) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def median_of(results: list[dict]) -> dict:
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=4, help="seconds per round and path")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gateway uvicorn workers")
    parser.add_argument("--only", choices=("synthetic", "real"), help="run one of the two (default: both)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk).")
    if args.only != "real":
        synthetic(args)
    if args.only != "synthetic":
        from benchmarks.proxy import real_route

        if _system_up():
            real_route.main(["--rounds", str(args.rounds), "--connections", str(args.connections)])
        else:
            print("\nthe system is not up (python3 manage_all.py up): the real-route benchmark is left out")


def _system_up() -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"{real_route_users()}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def real_route_users() -> str:
    from benchmarks.proxy.real_route import USERS

    return USERS


def synthetic(args) -> None:
    ensure_dev_keys()
    upstream_port, gateway_port = free_port(), free_port()
    upstream = start(
        [str(BIN / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{upstream_port}", "benchmarks.proxy.upstream:application"],
        {},
        upstream_port,
    )
    gateway_env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "GIG_URLS": f"http://127.0.0.1:{upstream_port}",
        "GATEWAY_RATE_LIMIT_ANONYMOUS": "100000000/60",  # measured with the Redis check on, never tripping
        "DEBUG": "false",
    }
    gateway = start(
        [
            str(BIN / "python"),
            "-m",
            "proxy.serve",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(gateway_port),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--workers",
            str(args.workers),
            "--no-access-log",
        ],
        gateway_env,
        gateway_port,
    )
    try:
        direct_url, proxied_url = f"http://127.0.0.1:{upstream_port}{PATH}", f"http://127.0.0.1:{gateway_port}{PATH}"
        token = {"X-Gateway-Token": gateway_token("gig", lifetime=600)}
        wrk(proxied_url, 2, args.connections, {})  # warm up both (connection pools, caches)
        wrk(direct_url, 2, args.connections, token)
        # Alternating rounds, medians: other load on a shared machine hits both paths alike.
        directs, proxieds = [], []
        for _ in range(args.rounds):
            directs.append(wrk(direct_url, args.duration, args.connections, token))
            proxieds.append(wrk(proxied_url, args.duration, args.connections, {}))
        direct, proxied = median_of(directs), median_of(proxieds)
    finally:
        for process in (gateway, upstream):
            process.terminate()
            process.wait(timeout=10)
    print(f"{'path':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for name, result in (("direct to service", direct), ("through the gateway", proxied)):
        print(f"{name:<22}{result['rps']:>10.0f}{result['p50']:>10.2f}{result['p99']:>10.2f}{result['errors']:>9}")
    print(f"ratio gateway/direct requests/s: {proxied['rps'] / direct['rps']:.2f} (target >= 0.5)")
    print(f"gateway p99/p50: {proxied['p99'] / proxied['p50']:.2f} (target < 3)")


if __name__ == "__main__":
    main()
