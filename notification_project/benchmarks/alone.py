"""``--alone``: the event path with the system's other workers and Flower paused, to see what contention costs.

Every consumer of ``order.created`` gets it at the same moment, and on a 2-core machine they share the
cores with the notification worker being timed. Pausing the other workers (SIGSTOP) for the timed samples
measures the notification service's own path, as it runs where each service has cores of its own (the
k8s layout); the paused workers keep their messages in their queues and handle them once resumed
(SIGCONT), so nothing is lost. The processes are the ones ``up`` wrote pid files for
(``.run/pids/*-worker.pid``, ``flower.pid``), with their children.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

KEPT = "notification-worker"


def run_dir() -> Path:
    return Path(os.environ.get("MARKETPLACE_RUN_DIR", Path(__file__).resolve().parents[2] / ".run"))


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(text[text.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    return children


def paused_names(folder: Path | None = None) -> list[str]:
    """The processes ``--alone`` pauses: every worker but notification's, and Flower."""
    pids = (folder or run_dir()) / "pids"
    return sorted(
        path.stem
        for path in pids.glob("*.pid")
        if (path.stem.endswith("-worker") and path.stem != KEPT) or path.stem == "flower"
    )


def _tree(pid: int, children: dict[int, list[int]]) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        found.append(current)
        frontier.extend(children.get(current, ()))
    return found


@contextmanager
def others_paused(enabled: bool) -> Iterator[list[str]]:
    """Pause the other workers and Flower inside the block (nothing when not ``enabled``); always resume them."""
    if not enabled:
        yield []
        return
    children, stopped, names = _children(), [], paused_names()
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the finally below runs
    try:
        for name in names:
            try:
                root = int((run_dir() / "pids" / f"{name}.pid").read_text().strip())
            except (OSError, ValueError):
                continue
            for pid in _tree(root, children):
                try:
                    os.kill(pid, signal.SIGSTOP)
                    stopped.append(pid)
                except ProcessLookupError:
                    pass
        yield names
    finally:
        for pid in stopped:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        signal.signal(signal.SIGTERM, previous)
