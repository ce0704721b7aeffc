"""The CPU each process spends while the benchmark's samples run, from /proc (Linux only).

The event path is timed on a machine whose two cores it shares with every
other consumer of the event, their stores and the broker: when the
notification worker's handlers take longer than the same handlers
in-process, this says who had the cores. Shared stores (PostgreSQL,
RabbitMQ, Redis, the MongoDB stand-in) also serve other work on the
machine; PostgreSQL backends are told apart by database.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_WORKER = re.compile(r"\bworker\b.*\s-n\s+([\w.-]+)@")
_PROJECT = re.compile(r"/(\w+)_project\b")


def available() -> bool:
    return Path("/proc/self/stat").exists()


def label(cmdline: str, pid: int, me: int, databases: set[str]) -> str:
    if pid == me:
        return "this benchmark (publishing, polling)"
    if cmdline.startswith("postgres: "):
        parts = cmdline.split()
        if len(parts) >= 4 and parts[2] not in ("checkpointer", "background", "walwriter", "autovacuum", "logical"):
            database = parts[3]
            return f"PostgreSQL, {database} database" if database in databases else "PostgreSQL, other databases"
        return "PostgreSQL, background"
    if "beam.smp" in cmdline:
        return "RabbitMQ"
    if cmdline.startswith("redis-server"):
        return "Redis"
    if "secantus" in cmdline or "mongod" in cmdline:
        return "the MongoDB stand-in"
    if "celery" in cmdline:
        if "bench-roundtrip" in cmdline:
            return "the baseline's worker"
        if " flower" in cmdline:
            return "Flower (task events)"
        worker = _WORKER.search(cmdline)
        if worker:
            return f"{worker.group(1)} worker"
    if "gunicorn" in cmdline or "uvicorn" in cmdline or "proxy.serve" in cmdline:
        project = _PROJECT.search(cmdline)
        return "web servers" if project else "other processes"
    return "other processes"


def snapshot() -> dict[int, tuple[str, float]]:
    """pid -> (command line, CPU seconds so far) of every process we may read."""
    seen = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
        seen[int(entry.name)] = (cmdline or stat[stat.index("(") + 1 : stat.rindex(")")], seconds)
    return seen


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICK, sum(values) / TICK


class CpuWindow:
    def __init__(self, databases: set[str]):
        self.databases = databases
        self.before = self.after = None

    def start(self) -> None:
        self.before = (snapshot(), machine_busy())

    def stop(self) -> None:
        self.after = (snapshot(), machine_busy())

    def per_label(self) -> dict[str, float]:
        (start, _), (end, _) = self.before, self.after
        me, spent = os.getpid(), defaultdict(float)
        for pid, (cmdline, seconds) in end.items():
            began = start.get(pid)
            used = seconds - (began[1] if began and began[0] == cmdline else 0.0)
            if used > 0:
                spent[label(cmdline, pid, me, self.databases)] += used
        return dict(spent)

    def print(self, samples: int, width: int = 56) -> None:
        """CPU per event sample (each event sample is timed beside one baseline sample)."""
        if self.before is None or self.after is None or samples < 1:
            return
        spent = self.per_label()
        busy = self.after[1][0] - self.before[1][0]
        total = self.after[1][1] - self.before[1][1]
        print(
            f"\nCPU per sample pair (one event + one baseline), from /proc over the timed samples; the machine was "
            f"{100 * busy / total:.0f}% busy on {os.cpu_count()} cores (other work included):"
        )
        for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
            if seconds / samples >= 0.0001:
                print(f"  {name:<{width}} {1000 * seconds / samples:7.2f} ms")


class MongoRequests:
    """Requests the MongoDB stand-in served while the samples ran (serverStatus), per sample.

    users and gig keep their events' processed marks and data there, so each
    order.created costs them round trips to it; the stand-in serves every
    checkout on the machine, so this counts other work too when there is any.
    """

    def __init__(self, url: str):
        self.url, self.before, self.after = url, None, None

    def _status(self) -> dict | None:
        try:
            import pymongo

            with pymongo.MongoClient(self.url, serverSelectionTimeoutMS=1000) as client:
                status = client.admin.command("serverStatus")
            return {"requests": status["network"]["numRequests"], **status["opcounters"]}
        except Exception:
            return None

    def start(self) -> None:
        self.before = self._status()

    def stop(self) -> None:
        self.after = self._status()

    def print(self, samples: int) -> None:
        if not self.before or not self.after or samples < 1:
            return
        delta = {name: (self.after[name] - self.before.get(name, 0)) / samples for name in self.after}
        kinds = ", ".join(
            f"{name} {value:.1f}" for name, value in delta.items() if name != "requests" and value >= 0.05
        )
        print(
            f"\nMongoDB stand-in: {delta['requests']:.1f} requests per sample pair ({kinds}); "
            "of the event's consumers users and gig use it; other work on the machine adds to these"
        )
