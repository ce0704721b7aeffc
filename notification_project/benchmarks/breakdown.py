"""Where the time of ``order.created`` -> inbox goes: the workers' task events and the handlers' SQL.

The workers run with ``-E`` (as ``up`` starts them), so each sends
task-received (the worker took the message off the broker), task-started (a
pool thread began it) and task-succeeded (with its runtime), stamped with the
worker's clock, the same clock as this process on this machine. They are
read between samples, by event id; the benchmark adds what it saw itself (the
publish call returning after the broker's confirm, the inbox poll seeing the
row). The in-process part counts the SQL statements of the handlers.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from contextlib import contextmanager


class TaskEvents:
    """Celery task events of every worker, by task id (the event id) and worker name.

    Read only between samples: while a sample is timed the events wait in
    this process's socket (the broker pushes them to our consumer), so
    decoding them takes no CPU from the two cores the path being timed runs
    on; the first version decoded each in a thread the moment it came.
    """

    def __init__(self, app):
        from kombu import Consumer

        self.app = app
        self.seen: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
        self.connection = app.connection_for_read()
        self.receiver = app.events.Receiver(self.connection, handlers={})
        self.consumer = Consumer(
            self.connection.default_channel,
            queues=[self.receiver.queue],
            no_ack=True,
            callbacks=[self._on_message],
            accept=self.receiver.accept,
        )
        self.consumer.consume()  # bound and consuming from here on: no sample's events can be missed

    def _on_message(self, body, message) -> None:
        for one in body if isinstance(body, list) else [body]:  # a worker sends its buffered task events as a list
            self._on_event(self.receiver.event_from_message(one)[1])  # as celery's Receiver does (clock, timestamp)

    def _on_event(self, event: dict) -> None:
        kind = event.get("type", "")
        if not kind.startswith("task-") or "uuid" not in event:
            return
        worker = event.get("hostname", "?").split("@")[0]
        stamps = self.seen[event["uuid"]][worker]
        stamps[kind[5:]] = event["timestamp"]
        if "runtime" in event:
            stamps["runtime"] = event["runtime"]

    def _read(self, timeout: float) -> None:
        try:
            self.connection.drain_events(timeout=timeout)
        except TimeoutError:
            pass

    def of(self, event_id: str, timeout: float = 5.0) -> dict[str, dict[str, float]]:
        """Each worker's stamps for one event, once every worker that got it has finished (bounded)."""
        deadline = time.monotonic() + timeout
        workers: dict[str, dict[str, float]] = {}
        while time.monotonic() < deadline:
            workers = {name: dict(stamps) for name, stamps in self.seen.get(event_id, {}).items()}
            if workers and all("succeeded" in s or "failed" in s or "retried" in s for s in workers.values()):
                return workers
            self._read(0.01)
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
    print(
        f"\nin-process, the same {handlers} handlers on one envelope (n={len(samples)}): "
        f"dispatch p50 {ms(statistics.median(d for d, _, _ in samples)).strip()}, "
        f"SQL statements {statistics.median(counts):g} taking {ms(statistics.median(sql_time)).strip()}, "
        f"socket pushes {ms(statistics.median(p for _, _, p in samples)).strip()}"
    )
    print("  statements of one event: " + ", ".join(f"{verb} x{n}" for verb, n in sorted(kinds.items())))
