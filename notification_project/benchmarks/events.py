"""``order.created`` -> notification in the inbox, against a bare Celery task round trip over the same RabbitMQ.

    cd notification_project && ../.venv/bin/python -m benchmarks.events [--samples 200] [--via db|gateway]

Runs against the running system (``python3 manage_all.py up``): it publishes
real ``order.created`` envelopes through the shared bus exactly as order does
(its own Celery app from make_celery_app, publisher confirms), each for a
fresh seller, and times until the seller's notification is in the inbox.
The baseline is a trivial task on a queue of its own, served by a worker this
script starts (threads pool, concurrency 1), timed until its side effect (a
Redis key) is seen. Samples are interleaved, alternating which path goes
first, and each event is left to finish all its handlers before the next
sample, so neither path runs while the other is being timed. PERFORMANCE.md
asks event p50 <= 3x the baseline p50.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import alone, breakdown, cpu
from benchmarks.stats import format_ratio, ratio, summarize

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET = 3.0


class Timeout(Exception):
    pass


def wait_for(check, interval: float, timeout: float, what: str) -> float:
    """Poll ``check`` until it is true; the moment it first was (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while True:
        if check():
            return time.perf_counter()
        if time.perf_counter() > deadline:
            raise Timeout(f"{what} not seen after {timeout:g}s")
        time.sleep(interval)


# --- the event path --------------------------------------------------------------------


class EventPath:
    def __init__(self, *, run_id: str, interval: float, timeout: float, via: str, gateway_url: str):
        import notifications.handlers  # noqa: F401 - registers the handlers, so we know how many each event runs

        from shared.events.celery import make_celery_app
        from shared.events.consumers import HANDLERS
        from shared.events.contracts import OrderCreated

        self.app = make_celery_app("order")  # the publisher, configured exactly as order's
        self.handlers = len(HANDLERS[OrderCreated.name])
        self.run_id, self.interval, self.timeout, self.via = run_id, interval, timeout, via
        self.count, self.event_ids, self.seller_id = 0, [], None
        self.task_events = breakdown.TaskEvents(self.app)  # the workers' -E events, for the breakdown
        self.breakdown: breakdown.Breakdown | None = None  # set once the warm-up is over
        if via == "gateway":
            parts = urlsplit(gateway_url)
            self.gateway = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=5)

    def _envelope(self, seller_user_id: str, n: int) -> dict:
        from shared.events.contracts import OrderCreated, make_envelope

        return make_envelope(
            OrderCreated(
                order_id=f"{self.run_id}-o{n}",
                gig_id=f"{self.run_id}-g{n}",
                seller_id=self.seller_id or f"{self.run_id}-p{n}",
                buyer_id=f"{self.run_id}-b{n}",
                seller_user_id=seller_user_id,
                buyer_username="benchbuyer",
                seller_username="benchseller",
                price=str(Decimal("25.00")),
                delivery_due_at="2030-01-01T00:00:00+00:00",
            )
        )

    def _in_db(self, user_id: str):
        """One indexed SELECT per poll on a raw psycopg cursor (autocommit: each sees the latest commit).

        Polling every millisecond through the ORM cost this process about half a
        millisecond of CPU per poll, taken from the two cores the workers share
        while the event is being handled; the baseline's poll is a Redis EXISTS.
        """
        import psycopg
        from django.db import connection
        from notifications.models import Notification

        connection.ensure_connection()
        # A server-side prepared statement: PostgreSQL neither parses nor plans each poll again (Django's
        # own cursors bind on the client, so each poll was a new statement to it).
        cursor = psycopg.Cursor(connection.connection)
        sql = f'SELECT 1 FROM "{Notification._meta.db_table}" WHERE user_id = %s AND kind = %s LIMIT 1'

        def check() -> bool:
            cursor.execute(sql, (user_id, "order_received"), prepare=True)
            return cursor.fetchone() is not None

        return check

    def _in_gateway(self, user_id: str):
        from shared.testing.tokens import user_token

        headers = {"Cookie": f"access_token={user_token(user_id=user_id, username='benchseller')}"}

        def check() -> bool:
            self.gateway.request("GET", "/api/v1/notifications", headers=headers)
            response = self.gateway.getresponse()
            body = response.read()
            if response.status != 200:
                raise SystemExit(f"GET /api/v1/notifications answered {response.status}: {body[:300]!r}")
            return any(item["kind"] == "order_received" for item in json.loads(body)["items"])

        return check

    def sample(self) -> float:
        from shared.events import bus

        self.count += 1
        seller_user_id = f"{self.run_id}-s{self.count}"
        envelope = self._envelope(seller_user_id, self.count)
        self.event_ids.append(envelope["event_id"])
        check = self._in_gateway(seller_user_id) if self.via == "gateway" else self._in_db(seller_user_id)
        wall, started = time.time(), time.perf_counter()
        bus.send(envelope)
        confirmed = time.perf_counter()
        arrived = wait_for(check, self.interval, self.timeout, f"the notification of event {envelope['event_id']}")
        self._settle(envelope["event_id"])
        if self.breakdown is not None:
            self.breakdown.add(
                published=wall,
                confirmed=wall + (confirmed - started),
                seen=wall + (arrived - started),
                workers=self.task_events.of(envelope["event_id"]),
            )
        return arrived - started

    def dispatch_in_process(self) -> tuple[float, breakdown.SqlCount, float]:
        """For orientation: the same handlers run here, straight on the envelope, with no broker or worker;
        with their SQL statements and the time of the socket pushes."""
        from notifications import services

        from shared.events.consumers import dispatch

        self.count += 1
        envelope = self._envelope(f"{self.run_id}-s{self.count}", self.count)
        self.event_ids.append(envelope["event_id"])
        pushing, push = [], services.push_to_user

        def timed_push(*args):
            began = time.perf_counter()
            push(*args)
            pushing.append(time.perf_counter() - began)

        services.push_to_user = timed_push
        try:
            with breakdown.counting_sql() as sql:
                started = time.perf_counter()
                dispatch(envelope)
                elapsed = time.perf_counter() - started
        finally:
            services.push_to_user = push
        return elapsed, sql, sum(pushing)

    def _settle(self, event_id: str) -> None:
        """Untimed: let the event's remaining handlers finish so they do not run into the next sample."""
        from shared.events.django_app.models import ProcessedEvent

        done = ProcessedEvent.objects.filter(event_id=event_id)
        wait_for(lambda: done.count() >= self.handlers, 0.002, self.timeout, f"every handler of event {event_id}")

    def clean_up(self) -> int:
        from notifications.models import Notification, OrderParties

        from shared.events.django_app.models import ProcessedEvent

        prefix = f"{self.run_id}-"
        removed, _ = Notification.objects.filter(user_id__startswith=prefix).delete()
        OrderParties.objects.filter(order_id__startswith=prefix).delete()
        ProcessedEvent.objects.filter(event_id__in=self.event_ids).delete()
        return removed


# --- the baseline ------------------------------------------------------------------------


class Baseline:
    def __init__(self, *, run_id: str, interval: float, timeout: float, broker_url: str, redis_url: str):
        os.environ["CELERY_BROKER_URL"], os.environ["REDIS_URL"] = broker_url, redis_url
        from benchmarks import roundtrip

        self.roundtrip, self.run_id, self.interval, self.timeout = roundtrip, run_id, interval, timeout
        self.redis = roundtrip.redis_client()
        self.count = 0
        self.log = tempfile.NamedTemporaryFile(prefix="bench-roundtrip-", suffix=".log", delete=False)
        command = [
            str(BIN / "celery"),
            "-A",
            "benchmarks.roundtrip",
            "worker",
            "-n",
            f"bench-roundtrip-{os.getpid()}@%h",
            "-Q",
            roundtrip.QUEUE,
            "-P",
            "threads",
            "-c",
            "1",
            "-E",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ]
        self.worker = subprocess.Popen(command, cwd=PROJECT, env=dict(os.environ), stdout=self.log, stderr=self.log)
        try:
            wait_for(self._worker_listening, 0.2, 60, "the baseline worker")
        except Timeout:
            self.stop()
            raise

    def _worker_listening(self) -> bool:
        if self.worker.poll() is not None:
            raise SystemExit(f"the baseline worker exited ({self.worker.returncode}); see {self.log.name}")
        return consumers_of(self.roundtrip.app, self.roundtrip.QUEUE) > 0

    def sample(self) -> float:
        self.count += 1
        key = f"bench:roundtrip:{self.run_id}:{self.count}"
        started = time.perf_counter()
        self.roundtrip.touch.apply_async(args=[key])
        arrived = wait_for(lambda: self.redis.exists(key), self.interval, self.timeout, f"the baseline task {key}")
        self.redis.delete(key)
        return arrived - started

    def stop(self) -> None:
        if self.worker.poll() is None:
            self.worker.terminate()  # warm shutdown: it acks nothing new and leaves
            try:
                self.worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.worker.kill()
                self.worker.wait()
        # auto_delete drops the queue once the worker is gone; delete it anyway in case it never consumed.
        with self.roundtrip.app.connection_for_write() as connection:
            connection.default_channel.queue_delete(self.roundtrip.QUEUE)
        self.log.close()
        os.unlink(self.log.name)


def consumers_of(app, queue: str) -> int:
    """How many consumers a queue has (0 when it does not exist yet)."""
    try:
        with app.connection_for_write() as connection:
            return connection.default_channel.queue_declare(queue=queue, passive=True).consumer_count
    except Exception:
        return 0


# --- the run -------------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=200, help="timed samples of each path (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed samples of each path first (default 20)")
    parser.add_argument("--interval-ms", type=float, default=1.0, help="poll interval of both paths (default 1 ms)")
    parser.add_argument(
        "--via",
        choices=["db", "gateway"],
        default="db",
        help="observe the inbox in notification's PostgreSQL (ORM) or through the gateway's GET /api/v1/notifications",
    )
    parser.add_argument(
        "--alone",
        action="store_true",
        help="pause every other worker and Flower (SIGSTOP) during the samples, resume them after: the "
        "notification service's own path, without the other consumers of the event on the same cores",
    )
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds one sample may take before the run fails")
    parser.add_argument(
        "--fake-sellers",
        action="store_true",
        help="name a seller profile nobody knows in each event (users then retries them) instead of "
        "one real seller made through the gateway",
    )
    parser.add_argument(
        "--mongodb",
        default=os.environ.get("USERS_MONGODB_URL", "mongodb://127.0.0.1:27017/users"),
        help="the MongoDB (stand-in) whose requests during the run are counted",
    )
    args = parser.parse_args(argv)
    if args.samples < 1 or args.warmup < 0 or args.interval_ms <= 0:
        parser.error("--samples must be >= 1, --warmup >= 0 and --interval-ms > 0")
    return args


def describe(args, event_path: EventPath, broker: str) -> None:
    interval = f"{args.interval_ms:g} ms"
    if args.via == "gateway":
        observed = (
            f"GET {args.gateway}/api/v1/notifications with a minted user token in the access_token cookie "
            f"(keep-alive), polled every {interval} (plus the request's own time)"
        )
    else:
        observed = (
            f"polling notification's PostgreSQL (one prepared, indexed SELECT for the seller's notice) every {interval}"
        )
    print("events benchmark: order.created -> notification in the inbox, vs a bare Celery task round trip")
    print(
        "load average before the run: "
        + " ".join(f"{load:.2f}" for load in os.getloadavg())
        + f" on {os.cpu_count()} cores (other processes on the machine slow both paths alike)"
    )
    print(f"broker {broker}; {args.samples} samples of each (+{args.warmup} warm-up), interleaved A,B / B,A")
    print(
        f"event path: shared.events.bus.send (order's Celery app, publisher confirm) -> topic exchange -> "
        f"notification worker, {event_path.handlers} handlers; a fresh seller_user_id per sample; seller profile "
        f"{event_path.seller_id or 'unknown to users (--fake-sellers)'}; "
        f"arrival seen by {observed}"
    )
    print(
        f"baseline:   apply_async to queue bench.roundtrip (same delivery settings, publisher confirm) -> "
        f"a worker of its own (threads pool, concurrency 1) sets a Redis key; seen by polling Redis every {interval}"
    )
    print(
        "both timers start just before the publish call and stop when a poll first sees the result; "
        "each event finishes all its handlers (untimed) before the next sample; the in-process line runs the same "
        "handlers here, straight on an envelope, for orientation "
        "(the seller's notice is committed by the second of them)\n"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    # The in-process dispatch below would print an INFO line per handler ("no e-mail address known ...").
    logging.getLogger("notifications").setLevel(logging.WARNING)
    from django.conf import settings

    run_id = f"bench-{uuid.uuid4().hex[:10]}"
    interval = args.interval_ms / 1000
    event_path = EventPath(
        run_id=run_id, interval=interval, timeout=args.timeout, via=args.via, gateway_url=args.gateway
    )
    broker = event_path.app.connection_for_write().as_uri()  # as_uri() masks the password
    if consumers_of(event_path.app, "notification.events") == 0:
        print("nobody consumes notification.events: start the system first (python3 manage_all.py up)", file=sys.stderr)
        return 1
    if not args.fake_sellers:
        from benchmarks.seller import create_seller

        event_path.seller_id = create_seller(args.gateway)
    baseline = Baseline(
        run_id=run_id,
        interval=interval,
        timeout=args.timeout,
        broker_url=settings.CELERY_BROKER_URL,
        redis_url=settings.REDIS_URL,
    )
    events, bare = [], []
    databases = {"auth", "users", "gig", "chat", "order", "review", "notification"}
    window = cpu.CpuWindow(databases) if cpu.available() else None
    mongo_requests = cpu.MongoRequests(args.mongodb)
    pausing = ExitStack()  # --alone: resumed first thing in the finally below
    try:
        describe(args, event_path, broker)
        if names := pausing.enter_context(alone.others_paused(args.alone)):
            print(f"--alone: paused for the samples (resumed after, their queues kept): {', '.join(names)}\n")
        for n in range(args.warmup + args.samples):
            # Alternate which path goes first, so drift within a pair hits both alike.
            pair = [(event_path, events), (baseline, bare)]
            for path, bucket in pair if n % 2 == 0 else reversed(pair):
                if n == args.warmup and path is event_path:
                    event_path.breakdown = breakdown.Breakdown()
                if n == args.warmup and mongo_requests.before is None:
                    mongo_requests.start()
                    if window:
                        window.start()
                elapsed = path.sample()
                if n >= args.warmup:
                    bucket.append(elapsed)
        mongo_requests.stop()
        if window:
            window.stop()
        # After the timed run, so this process's own database work cannot disturb it.
        in_process = [event_path.dispatch_in_process() for _ in range(min(args.samples, 50))]
    except Timeout as exc:
        print(f"run failed: {exc} (is the notification worker up? python3 manage_all.py status)", file=sys.stderr)
        return 1
    finally:
        pausing.close()
        baseline.stop()
        removed = event_path.clean_up()
    event_summary, bare_summary = summarize(events), summarize(bare)
    label = "event -> inbox (gateway)" if args.via == "gateway" else "event -> inbox (db)"
    print(event_summary.line(label))
    print(bare_summary.line("bare Celery round trip"))
    print(
        summarize([elapsed for elapsed, _, _ in in_process]).line(f"(all {event_path.handlers} handlers, in-process)")
    )
    print(f"\nratio p50 event/baseline: {format_ratio(ratio(event_summary.p50, bare_summary.p50), TARGET)}")
    print(f"ratio p99 event/baseline: {ratio(event_summary.p99, bare_summary.p99):.2f}x (for information)")
    event_path.breakdown.print()
    breakdown.print_in_process(in_process, event_path.handlers)
    if window:
        window.print(len(events))
    mongo_requests.print(len(events))
    print(
        f"cleaned up: {removed} notifications of this run, their order parties and handled-event marks, "
        "queue bench.roundtrip"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
