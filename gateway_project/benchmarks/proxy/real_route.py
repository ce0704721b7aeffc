"""A signed-in real route through the gateway, against the same route straight to the service, and against
nginx in front of the same service (the floor of any proxy), in one run, alternating rounds, medians.

Run with the system up (``python3 manage_all.py bench gateway`` runs it after the synthetic one), or from
gateway_project: ``../.venv/bin/python -m benchmarks.proxy.real_route [--duration 5] [--rounds 3]``.

- **direct**: ``GET /api/v1/buyers/me`` at the users service, with the headers the gateway adds
  (its signed ``X-Gateway-Token`` and the user's ``Authorization: Bearer``);
- **gateway**: the same through a gateway process started here with the command ``up`` uses
  (deploy/local/layout.py), the access token in its cookie; its per-user rate limit is raised so the
  load never trips it (the Redis check still runs);
- **nginx**: the same through an nginx started here on a free port (``apt-get install nginx-light``),
  keep-alive to the service, adding the same two headers;
- **Python floors** (benchmarks/proxy/floors.py): a bare ``asyncio.Protocol`` relay and a bare aiohttp
  relay, each in a uvicorn process run as the gateway's is, doing nothing but adding those headers: what
  any relay in Python costs before the gateway's own work.

For each path it also reads from /proc the CPU every request cost: the proxy's processes, the users
service's, and the whole machine's (wrk included); on a saturated machine the ratio is the direct path's
machine CPU per request over the path's, so the last lines say how much a proxy may spend for 0.8.

Everything runs on 127.0.0.1 on this machine: the proxies and the service share its cores, so the
ratio says how much of the machine each proxy takes from the service (PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from proxy.tests.fixtures import free_port, wait_for_port

from benchmarks import cpu
from benchmarks.proxy.__main__ import median_of, wrk

PROJECT = Path(__file__).resolve().parents[2]
ROOT = PROJECT.parent
PATH = "/api/v1/buyers/me"
GATEWAY = os.environ.get("E2E_GATEWAY_URL", "http://127.0.0.1:8000")
USERS = "http://127.0.0.1:8002"

NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    upstream users {{ server 127.0.0.1:8002; keepalive 64; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://users;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host "127.0.0.1:8002";
            proxy_set_header Cookie "";
            proxy_set_header X-Gateway-Token "{gateway_token}";
            proxy_set_header Authorization "Bearer {access}";
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def signed_up_user() -> str:
    """A real account with its buyer profile made (users answers 200): answers its access token."""
    name = f"gwbench_{uuid.uuid4().hex[:10]}"
    with httpx.Client(base_url=GATEWAY, timeout=15) as client:
        address = f"198.18.200.{1 + os.getpid() % 250}"  # RFC 2544 benchmarking network, never a real client
        response = client.post(
            "/api/v1/auth/signup",
            headers={"X-Forwarded-For": address},
            json={
                "username": name,
                "email": f"{name}@example.com",
                "password": "Tr4vel-Lantern-93",
                "country": "Portugal",
            },
        )
        response.raise_for_status()
        token = response.cookies["access_token"]
        deadline = time.monotonic() + 20
        while client.get(PATH, headers={"Cookie": f"access_token={token}"}).status_code != 200:
            if time.monotonic() > deadline:
                sys.exit("the users service never made the buyer profile")
            time.sleep(0.2)
    return token


_ports: dict[int, int] = {}


def _port_of(process: subprocess.Popen) -> int:
    return _ports[process.pid]


def start_gateway(port: int, workers: str) -> subprocess.Popen:
    sys.path.insert(0, str(ROOT))
    from deploy.local.layout import BY_NAME

    command = BY_NAME["gateway"].web_command()
    command[command.index("--port") + 1] = str(port)
    command[command.index("--workers") + 1] = workers
    env = {
        **os.environ,
        "GATEWAY_RATE_LIMIT_USER": "100000000/60",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, timeout=30)
    _ports[process.pid] = port
    return process


def start_nginx(port: int, run: Path, gateway_token: str, access: str) -> subprocess.Popen | None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        print("nginx is not installed (apt-get install -y nginx-light): the nginx floor is left out of this run")
        return None
    conf = run / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(workers=os.cpu_count() or 1, run=run, port=port, gateway_token=gateway_token, access=access)
    )
    process = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(run)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for_port(port, timeout=10)
    return process


def start_floor(app: str, port: int, service_token: str, access: str) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "uvicorn", f"benchmarks.proxy.floors:{app}", "--host", "127.0.0.1", "--port", str(port),
        "--loop", "uvloop", "--http", "httptools", "--workers", "1", "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    env = {**os.environ, "FLOOR_UPSTREAM": USERS.removeprefix("http://"), "FLOOR_GATEWAY_TOKEN": service_token}
    env["FLOOR_ACCESS"] = access
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, timeout=30)
    _ports[process.pid] = port
    return process


def measured(url: str, duration: int, connections: int, headers: dict, proxy: subprocess.Popen | None) -> dict:
    """wrk's figures plus the CPU microseconds per request of the proxy, the users service and the machine."""

    def reading() -> tuple[float, float, float]:
        stats = cpu.snapshot()
        proxy_seconds = cpu.tree_seconds(proxy.pid, stats) if proxy else 0.0
        return proxy_seconds, cpu.cpu_by_process(stats).get("users-web", 0.0), cpu.machine_seconds()

    before = reading()
    result = wrk(url, duration, connections, headers)
    after = reading()
    requests = max(1.0, result["rps"] * duration)
    for key, start, end in zip(("proxy_us", "users_us", "machine_us"), before, after, strict=True):
        result[key] = (end - start) * 1e6 / requests
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds per round and path")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--workers",
        default=os.environ.get("GATEWAY_WORKERS", ""),
        help="gateway workers (default: what up starts); several, e.g. 1,2, are measured side by side",
    )
    args = parser.parse_args(argv)
    from shared.keys import ensure_dev_keys
    from shared.testing.tokens import gateway_token

    ensure_dev_keys()
    access = signed_up_user()
    service_token = gateway_token("users", lifetime=3600)
    gateway_port, nginx_port = free_port(), free_port()
    run = Path(tempfile.mkdtemp(prefix="gateway-bench-nginx-"))
    workers = args.workers or str(_layout_gateway_workers())
    counts = [count.strip() for count in workers.split(",") if count.strip()]
    gateways = {count: start_gateway(free_port() if n else gateway_port, count) for n, count in enumerate(counts)}
    nginx = start_nginx(nginx_port, run, service_token, access)
    floors = {
        "bare Python relay": start_floor("protocol_relay", free_port(), service_token, access),
        "bare aiohttp relay": start_floor("aiohttp_relay", free_port(), service_token, access),
    }
    direct_headers = {"X-Gateway-Token": service_token, "Authorization": f"Bearer {access}"}
    paths: dict[str, tuple[str, dict, subprocess.Popen | None]] = {
        "direct to users": (f"{USERS}{PATH}", direct_headers, None)
    }
    for n, (count, process) in enumerate(gateways.items()):
        name = "through the gateway" if n == 0 else f"gateway, {count} workers"
        paths[name] = (f"http://127.0.0.1:{_port_of(process)}{PATH}", {"Cookie": f"access_token={access}"}, process)
    if nginx is not None:
        paths["through nginx"] = (f"http://127.0.0.1:{nginx_port}{PATH}", {}, nginx)
    for name, process in floors.items():
        paths[name] = (f"http://127.0.0.1:{_port_of(process)}{PATH}", {}, process)
    try:
        for url, headers, _process in paths.values():  # warm up: connection pools, caches, the token cache
            wrk(url, 2, args.connections, headers)
        results: dict[str, list[dict]] = {name: [] for name in paths}
        for _ in range(args.rounds):  # alternating rounds: other load on a shared machine hits every path alike
            for name, (url, headers, process) in paths.items():
                results[name].append(measured(url, args.duration, args.connections, headers, process))
    finally:
        for process in (*gateways.values(), nginx, *floors.values()):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
        shutil.rmtree(run, ignore_errors=True)
    medians = {name: median_of(rounds) for name, rounds in results.items()}
    direct = medians["direct to users"]["rps"]
    print(
        f"\nsigned-in GET {PATH}: wrk -c{args.connections}, {args.rounds} alternating rounds of {args.duration} s, "
        f"medians; gateway workers {counts[0]}, {os.cpu_count()} cores"
    )
    print(
        f"{'path':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}{'vs direct':>11}"
        f"{'CPU us/request: proxy':>24}{'users':>8}{'machine':>9}"
    )
    for name, result in medians.items():
        proxy = f"{result['proxy_us']:.0f}" if paths[name][2] is not None else "-"
        print(
            f"{name:<22}{result['rps']:>10.0f}{result['p50']:>10.2f}{result['p99']:>10.2f}{result['errors']:>9.0f}"
            f"{result['rps'] / direct:>11.2f}{proxy:>24}{result['users_us']:>8.0f}{result['machine_us']:>9.0f}"
        )
    gateway_ratio = medians["through the gateway"]["rps"] / direct
    line = f"ratio gateway/direct requests/s: {gateway_ratio:.2f} (target >= 0.8)"
    if "through nginx" in medians:
        line += f"; nginx/direct {medians['through nginx']['rps'] / direct:.2f} (the floor)"
    print(line)
    base = medians["direct to users"]["machine_us"]
    print(
        f"for 0.8 the machine may spend {base / 0.8:.0f} us per request, {base / 0.8 - base:.0f} more than direct; "
        + ", ".join(f"{name} adds {medians[name]['machine_us'] - base:.0f}" for name in paths if paths[name][2])
    )
    if any(result["errors"] for result in medians.values()):
        print("some answers were not 2xx: the ratios above are not comparable")


def _layout_gateway_workers() -> int:
    sys.path.insert(0, str(ROOT))
    from deploy.local.layout import BY_NAME

    command = BY_NAME["gateway"].web_command()
    return int(command[command.index("--workers") + 1])


if __name__ == "__main__":
    main()
