"""Where the time of ``order.created`` -> inbox goes: the workers' task events and the handlers' SQL.

The workers run with ``-E`` (as ``up`` starts them), so each sends
task-received (the worker took the message off the broker), task-started (a
pool thread began it) and task-succeeded (with its runtime), stamped with the
worker's clock, the same clock as this process on this machine. A receiver
thread collects them by event id; the benchmark adds what it saw itself (the
publish call returning after the broker's confirm, the inbox poll seeing the
row). The in-process part counts the SQL statements of the handlers.
"""
from __future__ import annotations

import statistics
import threading
import time
from collections import defaultdict
from contextlib import contextmanager


class TaskEvents:
    """Celery task events of every worker, by task id (the event id) and worker name."""

    def __init__(self, app):
        self.app = app
        self.seen: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._capture, name="bench-task-events", daemon=True)
        self.thread.start()
        self.ready.wait(10)

    def _capture(self) -> None:
        with self.app.connection_for_read() as connection:
            receiver = self.app.events.Receiver(connection, handlers={"*": self._on_event})
            consuming = receiver.on_consume_ready

            def ready(*args, **kwargs):
                consuming(*args, **kwargs)
                self.ready.set()  # bound and consuming: no sample's events can be missed

            receiver.on_consume_ready = ready
            receiver.capture(limit=None, timeout=None, wakeup=False)

    def _on_event(self, event: dict) -> None:
        kind = event.get("type", "")
        if not kind.startswith("task-") or "uuid" not in event:
            return
        worker = event.get("hostname", "?").split("@")[0]
        with self.lock:
            stamps = self.seen[event["uuid"]][worker]
            stamps[kind[5:]] = event["timestamp"]
            if "runtime" in event:
                stamps["runtime"] = event["runtime"]

    def of(self, event_id: str, timeout: float = 5.0) -> dict[str, dict[str, float]]:
        """Each worker's stamps for one event, once every worker that got it has finished (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                workers = {name: dict(stamps) for name, stamps in self.seen.get(event_id, {}).items()}
            if workers and all("succeeded" in s or "failed" in s or "retried" in s for s in workers.values()):
                return workers
            time.sleep(0.005)
        return workers


class Breakdown:
    """Per sample: the benchmark's own stamps plus the workers'; printed as p50s of each step."""

    def __init__(self):
        self.steps: dict[str, list[float]] = defaultdict(list)
        self.others: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))

    def add(self, *, published: float, confirmed: float, seen: float, workers: dict[str, dict[str, float]]) -> None:
        """``published``/``confirmed``/``seen``: time.time() when the publish began and returned,
        and when the poll saw the row."""
        mine = workers.get("notification", {})
        self.steps["publish + the broker's confirm (in order's process)"].append(confirmed - published)
        if {"received", "started"} <= mine.keys():
            self.steps["broker -> notification worker has the message"].append(mine["received"] - published)
            self.steps["waiting for a pool thread (prefetch, pool)"].append(mine["started"] - mine["received"])
            self.steps["handlers until the notice is committed and seen"].append(seen - mine["started"])
        if "runtime" in mine:
            self.steps["(the whole task: every handler, push, e-mail check)"].append(mine["runtime"])
        for worker, stamps in workers.items():
            if worker == "notification":
                continue
            if "received" in stamps:
                self.others[worker]["received after publish"].append(stamps["received"] - published)
            if "runtime" in stamps:
                self.others[worker]["runtime"].append(stamps["runtime"])

    def print(self) -> None:
        print("\nwhere the time goes (p50 of each step, one run; the steps of a sample add up to its total):")
        for name, values in self.steps.items():
            print(f"  {name:<56} {ms(statistics.median(values))}")
        for worker, steps in sorted(self.others.items()):
            parts = ", ".join(f"{name} {ms(statistics.median(values))}" for name, values in steps.items())
            print(f"  the other consumer {worker + ':':<37} {parts} (on the same two cores)")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


class SqlCount:
    """The SQL statements one block sends, and their time (Django's execute_wrapper, this thread)."""

    def __init__(self):
        self.statements: list[tuple[str, float]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((sql.split(None, 1)[0].upper(), time.perf_counter() - started))


@contextmanager
def counting_sql():
    from django.db import connection

    counter = SqlCount()
    with connection.execute_wrapper(counter):
        yield counter


def print_in_process(samples: list[tuple[float, SqlCount, float]], handlers: int) -> None:
    """``samples``: (seconds of the whole dispatch, its SQL, seconds of the socket pushes)."""
    counts = [len(sql.statements) for _, sql, _ in samples]
    sql_time = [sum(t for _, t in sql.statements) for _, sql, _ in samples]
    kinds: dict[str, int] = defaultdict(int)
    for verb, _ in samples[-1][1].statements:
        kinds[verb] += 1
    print(f"\nin-process, the same {handlers} handlers on one envelope (n={len(samples)}): "
          f"dispatch p50 {ms(statistics.median(d for d, _, _ in samples)).strip()}, "
          f"SQL statements {statistics.median(counts):g} taking {ms(statistics.median(sql_time)).strip()}, "
          f"socket pushes {ms(statistics.median(p for _, _, p in samples)).strip()}")
    print("  statements of one event: " + ", ".join(f"{verb} x{n}" for verb, n in sorted(kinds.items())))
