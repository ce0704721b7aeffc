"""CPU seconds used so far by each process of the running system, read from /proc (Linux only).

The project's own processes are found by the pid files ``manage_all.py up`` writes (a web server's workers
are its children, counted with it); the stores by their program names, since the machine starts those.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
STORES = {
    "mariadbd": "mariadb",
    "postgres": "postgresql",
    "redis-server": "redis",
    "beam.smp": "rabbitmq",
    "erl_child_setup": "rabbitmq",
}


def run_dir() -> Path:
    return Path(os.environ.get("MARKETPLACE_RUN_DIR", Path(__file__).resolve().parents[2] / ".run"))


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(program name, parent pid, CPU seconds of the process and its waited-for children)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    # fields[0] is state; utime, stime, cutime, cstime are stat fields 14-17 (1-based), here 11-14.
    return name, int(fields[1]), sum(int(value) for value in fields[11:15]) / TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _project_roots() -> dict[int, str]:
    roots = {}
    for pid_file in (run_dir() / "pids").glob("*.pid"):
        try:
            roots[int(pid_file.read_text().strip())] = pid_file.stem
        except ValueError:
            continue
    return roots


def snapshot() -> dict[int, tuple[str, int, float]]:
    """pid -> (program name, parent pid, CPU seconds so far) of every process, read once."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))):
            stats[int(entry)] = stat
    return stats


def machine_seconds() -> float:
    """CPU seconds the whole machine has been busy so far (every core), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / TICKS


def tree_seconds(root: int, stats: dict[int, tuple[str, int, float]]) -> float:
    """CPU seconds so far of a process and every process under it (a server started by a benchmark)."""
    total, frontier = 0.0, {root}
    while frontier:
        total += sum(stats[pid][2] for pid in frontier if pid in stats)
        frontier = {pid for pid, (_name, parent, _seconds) in stats.items() if parent in frontier}
    return total


def cpu_by_process(stats: dict[int, tuple[str, int, float]] | None = None) -> dict[str, float]:
    """name -> CPU seconds so far, for the project's processes (with their children) and the stores."""
    stats = snapshot() if stats is None else stats
    roots = _project_roots()
    totals: dict[str, float] = defaultdict(float)
    for pid, (name, _parent, seconds) in stats.items():
        owner, ancestor = None, pid
        for _ in range(8):  # walk up to the process `up` started
            if ancestor in roots:
                owner = roots[ancestor]
                break
            ancestor = stats.get(ancestor, ("", 0, 0))[1]
            if ancestor <= 1:
                break
        if owner is None and name in STORES:
            owner = STORES[name]
        if owner is None and "secantus" in _cmdline(pid):
            owner = "mongodb"
        if pid == os.getpid():
            owner = "load generator"
        if owner:
            totals[owner] += seconds
    return dict(totals)
