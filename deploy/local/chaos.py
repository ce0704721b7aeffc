"""``python3 manage_all.py chaos``: break the running system while writing through the gateway, then count.

Each fault runs while a load of writes goes through the gateway (signups or
orders); a third of the way in, the fault strikes, the broken part is brought
back, the load finishes, and once the system settles every effect of every
accepted write is counted: a table says how many were lost and how many
doubled per fault (docs/decisions/0010-durability.md).

Only processes this run folder started are killed (their pids are in
``.run/pids``); the machine's own servers are restarted with their service
commands (``deploy/local/layout.py`` STORES). Run it alone: it restarts servers
other work on the machine may be using.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deploy.local import processes
from deploy.local.chaos_effects import Load, Stores, missing, new_seller, settle
from deploy.local.layout import BY_NAME, LOGS, PIDS, ROOT, STORES, child_env, python

STORE = {store.name: store for store in STORES}


def say(message: str) -> None:
    print(f"[chaos] {message}", flush=True)


def _run(command: list[str], timeout: float = 120) -> None:
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)


def _start_store(name: str) -> None:
    for command in STORE[name].start:
        _run(command)
    if not processes.wait_for_port(STORE[name].port, 120):
        raise RuntimeError(f"{name} did not come back on port {STORE[name].port}")


# --- the faults: each breaks one thing and brings it back ------------------------------------------


RABBITMQ_PID_FILES = "/var/lib/rabbitmq/mnesia/*.pid"


def _rabbitmq_pid() -> int:
    """The broker VM's pid: from the pid file it writes at start, else asked of rabbitmqctl (which takes seconds,
    so it is asked before the load starts: the kill must land while writes are in flight)."""
    import glob

    for path in glob.glob(RABBITMQ_PID_FILES):
        try:
            pid = int(Path(path).read_text().strip())
            if b"beam" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except (OSError, ValueError):
            continue
    out = subprocess.run(["rabbitmqctl", "-q", "eval", "os:getpid()."], capture_output=True, text=True, timeout=60)
    return int(out.stdout.strip().strip('"'))


def kill_rabbitmq() -> None:
    """kill -9 the broker's VM, then start it as the machine does."""
    os.kill(_rabbitmq_pid(), signal.SIGKILL)
    while processes.port_open(5672):
        time.sleep(0.2)
    _start_store("rabbitmq")
    _run(["rabbitmqctl", "-q", "await_startup"])


def _kill_project_process(name: str, command: list[str], cwd: Path) -> None:
    pid = processes.pid_of(name)
    if pid is None:
        raise RuntimeError(f"{name} is not running from this run folder")
    os.killpg(pid, signal.SIGKILL)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    (PIDS / f"{name}.pid").unlink(missing_ok=True)
    processes.start(name, command, cwd=cwd)


def kill_users_worker() -> None:
    project = BY_NAME["users"]
    _kill_project_process("users-worker", project.worker_command(), project.folder)


def kill_auth_web() -> None:
    project = BY_NAME["auth"]
    _kill_project_process("auth-web", project.web_command(), project.folder)
    processes.wait_for_http(f"http://127.0.0.1:{project.port}/health", 60)
    _wait_until_the_gateway_routes_to_auth()


def _wait_until_the_gateway_routes_to_auth(timeout: float = 90) -> None:
    """Back means reachable through the gateway, which stops sending to an upstream that failed for a while:
    an empty signup answers 4xx from auth once it routes again, 5xx while it does not."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        request = urllib.request.Request(
            "http://127.0.0.1:8000/api/v1/auth/signup",
            data=b"{}",
            method="POST",
            headers={"Content-Type": "application/json", "X-Forwarded-For": "198.19.255.254"},
        )
        try:
            urllib.request.urlopen(request, timeout=5)
            return
        except urllib.error.HTTPError as answer:
            if 400 <= answer.code < 500 and answer.code != 429:
                return
        except OSError:
            pass
        time.sleep(0.5)


MONGODB_PORT = 27017


def _listener(port: int) -> int | None:
    """The pid of the process listening on ``port`` on this machine (``ss``), or None."""
    import re

    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, timeout=10).stdout
    found = re.search(r"pid=(\d+)", out)
    return int(found.group(1)) if found else None


def _standin() -> tuple[int, Path, list[str], str]:
    """The project's MongoDB stand-in: its pid, the pid file that names it, and its command line and folder.

    It is the one this run folder started (``.run/pids/mongodb.pid``) or, on a machine where checkouts share
    one, the secantus process listening on 27017 whose own checkout's pid file names it; never anything else.
    """
    pid, pid_file = processes.pid_of("mongodb"), PIDS / "mongodb.pid"
    if pid is None:
        pid = _listener(MONGODB_PORT)
        if pid is None:
            raise RuntimeError(f"nothing listens on {MONGODB_PORT}: no MongoDB stand-in to kill")
        pid_file = Path(os.readlink(f"/proc/{pid}/cwd")) / ".run" / "pids" / "mongodb.pid"
        named = pid_file.read_text().strip() if pid_file.exists() else ""
        if named != str(pid):
            raise RuntimeError(
                f"pid {pid} on {MONGODB_PORT} is not a stand-in a checkout started ({pid_file}): not killing it"
            )
    command = [part.decode() for part in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if part]
    if "secantus" not in command:
        raise RuntimeError(f"pid {pid} is no secantus stand-in ({' '.join(command)[:120]}): not killing it")
    return pid, pid_file, command, os.readlink(f"/proc/{pid}/cwd")


def kill_mongodb() -> None:
    """kill -9 the stand-in, then start it with the same command line (port, storage path, flags) from the same
    folder, and write its new pid where the old one was, so that the checkout that started it still owns it."""
    pid, pid_file, command, cwd = _standin()
    port = int(command[command.index("--port") + 1]) if "--port" in command else MONGODB_PORT
    say(f"  killing the stand-in {pid}: {' '.join(command)} (in {cwd})")
    os.kill(pid, signal.SIGKILL)
    while processes.port_open(port):
        time.sleep(0.1)
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS / "mongodb.log", "ab") as log:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    pid_file.write_text(str(process.pid))
    if not processes.wait_for_port(port, 60):
        raise RuntimeError(f"the MongoDB stand-in did not come back on {port}: {' '.join(command)}")


def restart_postgresql() -> None:
    _run(["sh", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart -m fast"])
    _start_store("postgresql")


def restart_mariadb() -> None:
    _run(["start-stop-daemon", "--stop", "--retry", "60", "--exec", "/usr/sbin/mariadbd"])
    _start_store("mariadb")


def restart_redis() -> None:
    _run(["redis-cli", "-p", "6379", "shutdown", "nosave"])
    _start_store("redis")


POISON_KINDS = [
    "\xff\xfe not json, not text \x00 {tag}",
    '{{"half": "{tag}',
    '[[{{"event_id": 1, "tag": "{tag}"}}], {{}}, {{}}]',
]
_poison: dict = {}  # this run's poison: the bodies (each made unique) and the id of the broken task message


def publish_poison() -> None:
    """Bodies no consumer can read, routed like a real signup event (every subscriber's queue gets them):
    binary, half a JSON document, JSON without a task, and a task message whose body is no task."""
    import uuid

    tag = uuid.uuid4().hex
    bodies = [kind.format(tag=tag).encode("latin-1") for kind in POISON_KINDS]  # the first is no UTF-8
    _poison.update(bodies=bodies, task_id=f"chaos-broken-{tag}")
    code = (
        "import os, kombu\n"
        "from shared.events.topology import EVENTS_EXCHANGE\n"
        "with kombu.Connection(os.environ.get('CELERY_BROKER_URL', 'amqp://guest:guest@127.0.0.1:5672//')) as conn:\n"
        "    producer = conn.Producer()\n"
        f"    for body in {_poison['bodies']!r}:\n"
        "        producer.publish(body, exchange=EVENTS_EXCHANGE, routing_key='auth.user.created',\n"
        "                         content_type='application/json', content_encoding='utf-8',"
        " declare=[EVENTS_EXCHANGE])\n"
        "    producer.publish(b'{}', exchange=EVENTS_EXCHANGE, routing_key='auth.user.created',\n"
        f"                     headers={{'task': 'events.deliver', 'id': {_poison['task_id']!r}}},\n"
        "                     content_type='application/json', content_encoding='utf-8')\n"
    )
    subprocess.run([python(), "-c", code], check=True, cwd=ROOT, env=child_env(), timeout=60)


def _dead_letters(service: str, *args: str) -> str:
    project = BY_NAME[service]
    out = subprocess.run(
        [python(), "manage.py", "events_dead_letters", *args],
        cwd=project.folder,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out.stdout


@dataclass
class Fault:
    slug: str
    name: str
    load: str  # "signups" or "orders"
    strike: Callable[[], None]
    when: str = "third"  # "third": a third of the writes in; "handled": as soon as events are being applied


FAULTS = [
    Fault("rabbitmq", "RabbitMQ kill -9 during signups", "signups", kill_rabbitmq),
    Fault("rabbitmq-orders", "RabbitMQ kill -9 during orders", "orders", kill_rabbitmq),
    Fault("worker", "users worker SIGKILL", "signups", kill_users_worker),
    Fault("web", "auth web SIGKILL", "signups", kill_auth_web),
    Fault("mongodb", "MongoDB kill -9 right after events are handled", "signups", kill_mongodb, when="handled"),
    Fault("postgresql", "PostgreSQL restart during orders", "orders", restart_postgresql),
    Fault("mariadb", "MariaDB restart during signups", "signups", restart_mariadb),
    Fault("redis", "Redis restart during signups", "signups", restart_redis),
    Fault("poison", "poison published during signups", "signups", publish_poison),
]
BY_SLUG = {fault.slug: fault for fault in FAULTS}
POISONED = ("users", "chat", "notification")  # the subscribers of auth.user.created


@dataclass
class Row:
    fault: str
    accepted: int = 0
    attempted: int = 0
    lost: int = 0
    doubled: int = 0
    seconds: float = 0.0
    note: str = ""


def _wait_for_trigger(fault: Fault, load: Load, stores: Stores, deadline: float) -> None:
    third = max(1, load.total // 3)
    while time.monotonic() < deadline and load.started < load.total:
        if fault.when == "handled":
            if (
                len(load.accepted) >= third
                and sum(stores.buyers([name for _, name in load.accepted]).values()) >= third // 2
            ):
                return  # events are being applied right now: strike between two of them
        elif load.started >= third:
            return
        time.sleep(0.05)


def _poison_ids() -> set[str]:
    """The ids the dead-letter tools give this run's poison: a body's digest, or the task id it carried."""
    import hashlib

    return {hashlib.sha256(body).hexdigest()[:32] for body in _poison["bodies"]} | {_poison["task_id"]}


def _parked_poison(timeout: float = 90) -> tuple[int, str]:
    """Each subscriber must park every poison message once, readable by the operator's command (list, show);
    then the command discards them. Returns (how many are missing or doubled, a note)."""
    import json

    expected, wrong, notes = _poison_ids(), 0, []
    for service in POISONED:
        deadline, found = time.monotonic() + timeout, []
        while time.monotonic() < deadline:
            listed = [
                json.loads(line) for line in _dead_letters(service, "list", "--json").splitlines() if line.strip()
            ]
            found = [item["id"] for item in listed if item["id"] in expected]
            if set(found) == expected:
                break
            time.sleep(2)
        binary = sorted(expected - {_poison["task_id"]})[0]
        shown = _dead_letters(service, "show", binary) if binary in found else ""
        readable = '"body_base64"' in shown or '"body_text"' in shown
        discarded = _dead_letters(service, "discard", *expected).strip()
        missing, doubled = len(expected - set(found)), len(found) - len(set(found))
        wrong += missing + doubled + (0 if readable else 1)
        notes.append(
            f"{service} {len(set(found))}/{len(expected)}{' doubled ' + str(doubled) if doubled else ''}"
            f"{'' if readable else ' (show failed)'}, {discarded}"
        )
    return wrong, f"poison parked: {'; '.join(notes)}"


def run_fault(fault: Fault, size: int, stores: Stores, settle_timeout: float) -> Row:
    started = time.monotonic()
    row = Row(fault.name)
    try:
        load = Load(fault.load, size, new_seller() if fault.load == "orders" else None)
        writer = threading.Thread(target=load.run, name=f"load-{fault.slug}")
        writer.start()
        _wait_for_trigger(fault, load, stores, time.monotonic() + 120)
        struck, started_before = time.monotonic(), load.started
        fault.strike()
        row.note = (
            f"struck after {started_before} writes ({load.started} by the time it was back), "
            f"back in {time.monotonic() - struck:.1f}s"
        )
        writer.join()
        row.accepted, row.attempted = len(load.accepted), load.total
        if not row.accepted:
            raise RuntimeError("the gateway accepted none of the writes (see .run/logs)")
        row.lost, row.doubled = settle(load, stores, settle_timeout)
        if row.lost:
            say(f"  lost: {missing(load, stores)}")
        if fault.slug == "poison":
            wrong, note = _parked_poison()
            row.lost += wrong
            row.note += "; " + note
    except Exception as exc:
        row.lost, row.note = -1, f"could not run: {exc}"
    row.seconds = time.monotonic() - started
    return row


def print_table(rows: list[Row]) -> None:
    header = f"{'fault':<50} {'accepted':>8} {'lost':>5} {'doubled':>7} {'seconds':>7}  note"
    print("\n" + header + "\n" + "-" * len(header))
    for row in rows:
        lost = "?" if row.lost < 0 else str(row.lost)
        print(
            f"{row.fault:<50} {row.accepted:>4}/{row.attempted:<3} {lost:>5} {row.doubled:>7} "
            f"{row.seconds:>7.0f}  {row.note}"
        )


def main(only: list[str] | None, signups: int, orders: int, runs: int, settle_timeout: float) -> int:
    # Only a system this checkout started: the ports may be another checkout's, whose servers are not ours to break.
    if processes.pid_of("gateway-web") is None or not processes.http_ok("http://127.0.0.1:8000/health"):
        say("this checkout's system is not up (no gateway-web in .run/pids): run `python3 manage_all.py up` first")
        return 1
    unknown = sorted(set(only or []) - set(BY_SLUG))
    if unknown:
        say(f"unknown faults {unknown}; known: {', '.join(BY_SLUG)}")
        return 2
    stores, rows = Stores(), []
    for run in range(1, runs + 1):
        for fault in [BY_SLUG[slug] for slug in only] if only else FAULTS:
            say(f"run {run}/{runs}: {fault.name}")
            row = run_fault(fault, signups if fault.load == "signups" else orders, stores, settle_timeout)
            rows.append(row)
            say(f"  accepted {row.accepted}/{row.attempted}, lost {row.lost}, doubled {row.doubled}: {row.note}")
    print_table(rows)
    down = _bring_everything_back()
    if down:
        say(f"NOT back after the run: {', '.join(down)}")
    return 0 if not down and all(row.lost == 0 and row.doubled == 0 for row in rows) else 1


def _bring_everything_back() -> list[str]:
    """Every machine server and the stand-in answer again (a fault that failed half way may have left one down)."""
    down = []
    for store in STORES:
        if not processes.port_open(store.port):
            say(f"{store.name} is down: starting it")
            try:
                _start_store(store.name)
            except RuntimeError:
                down.append(store.name)
    if not processes.port_open(MONGODB_PORT):
        down.append(f"the MongoDB stand-in on {MONGODB_PORT}")
    return down


def cli(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="manage_all.py chaos", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("faults", nargs="*", help=f"which faults (default all): {', '.join(BY_SLUG)}")
    parser.add_argument("--signups", type=int, default=30, help="signups per signup fault")
    parser.add_argument("--orders", type=int, default=10, help="orders per order fault")
    parser.add_argument("--runs", type=int, default=1, help="how many times to run each fault")
    parser.add_argument("--settle", type=float, default=120, help="seconds to wait for the effects of each fault")
    args = parser.parse_args(argv)
    return main(args.faults, args.signups, args.orders, args.runs, args.settle)


if __name__ == "__main__":
    import sys

    sys.exit(cli())
