#!/usr/bin/env python3
"""The one command a person uses to run the marketplace on this machine.

    python3 manage_all.py up        install what is missing, start stores, migrate, start every service
    python3 manage_all.py test      run every test suite (brings the system up for the end-to-end suite)
    python3 manage_all.py lint      the checks CI runs first: ruff format and lint, mypy, the import rule
    python3 manage_all.py down | restart [service] | status | logs [service] [-f] | migrate | seed | bench [name]
    python3 manage_all.py chaos     the fault suite against the running system (restarts the machine's servers)

Only the standard library is used here: this script creates the virtual
environment everything else runs in.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree

from deploy.local import infra, processes
from deploy.local.layout import BY_NAME, LOGS, PROJECTS, ROOT, RUN, STORES, child_env, python

GATEWAY_URL = "http://127.0.0.1:8000"
FLOWER_PORT = 5555
E2E_AUTO_COMPLETE_SECONDS = 30


def prepare() -> None:
    """Everything short of the services: packages, venv, stores, stand-ins, keys, databases."""
    infra.ensure_venv()
    infra.ensure_node_packages()
    infra.ensure_stores()
    infra.ensure_local_servers()
    infra.ensure_keys_and_env()
    infra.ensure_databases()


def cmd_up(args) -> int:
    prepare()
    infra.migrate()
    for project in PROJECTS:
        processes.start(f"{project.service}-web", project.web_command(), cwd=project.folder)
        if project.worker:
            processes.start(f"{project.service}-worker", project.worker_command(), cwd=project.folder)
    # Flower can revoke tasks and stop workers: never without a login (read by Flower from its environment).
    flower_login = infra.flower_login()
    processes.start(
        "flower",
        [str(infra.celery_bin()), "-A", "config", "flower", f"--port={FLOWER_PORT}", "--address=127.0.0.1"],
        cwd=BY_NAME["auth"].folder,
        env={"FLOWER_BASIC_AUTH": flower_login},
    )
    failed = [p.service for p in PROJECTS if not processes.wait_for_http(f"http://127.0.0.1:{p.port}/health", 90)]
    if failed:
        print(f"not healthy: {', '.join(failed)} (see .run/logs/<service>-web.log)", file=sys.stderr)
        return 1
    print(
        f"\nThe marketplace is up. Gateway: {GATEWAY_URL}  (API docs {GATEWAY_URL}/api/v1/docs, "
        f"Flower http://127.0.0.1:{FLOWER_PORT} login {flower_login.replace(':', ' / ', 1)}, mail in {RUN / 'mail'})"
    )
    return 0


def cmd_down(args) -> int:
    names = processes.running_names()
    for name in names:
        processes.stop(name)
    print(f"stopped {len(names)} processes" if names else "nothing was running")
    return 0


def cmd_restart(args) -> int:
    """Stop a service's processes (or every service's) and bring the system up again with fresh code."""
    services = [args.service] if args.service else [project.service for project in PROJECTS]
    for service in services:
        if service not in BY_NAME:
            print(f"unknown service {service}", file=sys.stderr)
            return 2
        processes.stop(f"{service}-web")
        processes.stop(f"{service}-worker")
    if not args.service:
        processes.stop("flower")
    return cmd_up(args)


def cmd_status(args) -> int:
    for store in STORES:
        print(f"{store.name:<22} {'up' if processes.port_open(store.port) else 'DOWN'}  :{store.port}")
    for name, port in (("mongodb (stand-in)", 27017), ("smtp-sink", 1025), ("flower", FLOWER_PORT)):
        print(f"{name:<22} {'up' if processes.port_open(port) else 'DOWN'}  :{port}")
    for project in PROJECTS:
        healthy = processes.http_ok(f"http://127.0.0.1:{project.port}/health")
        worker = ""
        if project.worker:
            worker = f"  worker {'up' if processes.pid_of(project.service + '-worker') else 'DOWN'}"
        print(f"{project.service:<22} {'up' if healthy else 'DOWN'}  :{project.port}{worker}")
    return 0


def cmd_logs(args) -> int:
    files = sorted(LOGS.glob(f"{args.service}*.log" if args.service else "*.log"))
    if not files:
        print("no logs yet")
        return 1
    return subprocess.call(["tail", "-n", str(args.lines), *(["-F"] if args.follow else []), *map(str, files)])


def cmd_migrate(args) -> int:
    prepare()
    infra.migrate()
    return 0


def test_suites() -> dict[str, tuple]:
    """name -> (folder, pytest arguments). Each project is its own Django process."""
    suites = {
        "shared": (ROOT / "shared", []),
        "kernel": (ROOT / "shared", ["-c", "tests/kernel/pytest.ini", "tests/kernel"]),
    }
    for project in PROJECTS:
        suites[project.service] = (project.folder, [])
    suites["deploy"] = (ROOT / "deploy", [])
    suites["e2e"] = (BY_NAME["gateway"].folder, ["-c", "e2e/pytest.ini", "e2e"])
    return suites


def _counts(report) -> tuple[int, int, int]:
    """(passed, failed, skipped) from a JUnit XML report."""
    if not report.exists():
        return 0, 0, 0
    root = ElementTree.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - failed - skipped, failed, skipped


def cmd_test(args) -> int:
    suites = test_suites()
    chosen = [args.service] if args.service else list(suites)
    unknown = [name for name in chosen if name not in suites]
    if unknown:
        print(f"unknown suite {unknown}; choose from {', '.join(suites)}", file=sys.stderr)
        return 2
    if "e2e" in chosen:
        # The end-to-end suite watches a delivered order complete by itself: shorten the delay
        # (long enough that the other journeys approve first) and sweep often.
        os.environ.setdefault("ORDER_AUTO_COMPLETE_AFTER_SECONDS", str(E2E_AUTO_COMPLETE_SECONDS))
        os.environ.setdefault("ORDER_SWEEP_INTERVAL_SECONDS", "2")
        if cmd_up(args) != 0:
            return 1
    else:
        prepare()
    results_dir = RUN / "test-results"
    results_dir.mkdir(parents=True, exist_ok=True)
    totals, broken = [0, 0, 0], []
    for name in chosen:
        folder, extra = suites[name]
        report = results_dir / f"{name}.xml"
        report.unlink(missing_ok=True)
        print(f"\n===== {name} =====", flush=True)
        started = time.monotonic()
        env = child_env()
        env.pop("DJANGO_SETTINGS_MODULE")  # each suite's pytest.ini names its settings; the variable would win
        code = subprocess.call(
            [python(), "-m", "pytest", "-q", "-rfEs", f"--junitxml={report}", *extra, *args.pytest_args],
            cwd=folder,
            env=env,
        )
        passed, failed, skipped = _counts(report)
        print(
            f"----- {name}: {passed} passed, {failed} failed, {skipped} skipped "
            f"in {time.monotonic() - started:.0f}s (exit {code})",
            flush=True,
        )
        totals = [totals[0] + passed, totals[1] + failed, totals[2] + skipped]
        if code not in (0,) or failed:
            broken.append(name)
    print(f"\nsuites with failures: {', '.join(broken)}" if broken else "\nall suites passed")
    print(f"{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return 1 if broken else 0


def cmd_lint(args) -> int:
    """The habits CI checks before the tests (deploy/ci/lint.sh): ruff format and lint, mypy, the import rule."""
    infra.ensure_venv()
    return subprocess.call(["bash", str(ROOT / "deploy" / "ci" / "lint.sh")], cwd=ROOT)


def cmd_seed(args) -> int:
    """The demo marketplace (deploy/local/demo_cast.py), made through the gateway like real users make it."""
    from deploy.local import demo_seed

    if not processes.http_ok(f"{GATEWAY_URL}/health") and cmd_up(args) != 0:
        return 1
    return demo_seed.main(["--gateway", GATEWAY_URL])


BENCHMARKS = {  # name -> (the project it runs in, its command)
    "gateway": ("gateway", ["-m", "benchmarks.proxy"]),
    "search": ("gig", ["-m", "benchmarks.search"]),
    "events": ("notification", ["-m", "benchmarks.events"]),
    "chat": ("chat", ["-m", "benchmarks.delivery"]),
    "load": ("gateway", ["-m", "benchmarks.load"]),
}
# The load benchmark takes minutes and loads the whole machine: it runs only when named.
DEFAULT_BENCHMARKS = ["gateway", "search", "events", "chat"]


def cmd_bench(args) -> int:
    chosen = [args.name] if args.name else DEFAULT_BENCHMARKS
    if args.name and args.name not in BENCHMARKS:
        print(f"unknown benchmark {args.name}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    if cmd_up(args) != 0:
        return 1
    for name in chosen:
        project, command = BENCHMARKS[name]
        print(f"\n===== benchmark: {name} =====", flush=True)
        extra = args.bench_args if args.name else []
        code = subprocess.call([python(), *command, *extra], cwd=BY_NAME[project].folder, env=child_env())
        if code:
            return code
    return 0


def cmd_chaos(args) -> int:
    """The fault suite against the running system (deploy/local/chaos.py): it restarts the machine's servers."""
    return subprocess.call([python(), "-m", "deploy.local.chaos", *args.chaos_args], cwd=ROOT, env=child_env())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("up", help="set up and start everything").set_defaults(run=cmd_up)
    commands.add_parser("down", help="stop every process this script started").set_defaults(run=cmd_down)
    restart = commands.add_parser("restart", help="restart one service (or all) with fresh code")
    restart.add_argument("service", nargs="?")
    restart.set_defaults(run=cmd_restart)
    commands.add_parser("status", help="each store and process, up or down").set_defaults(run=cmd_status)
    logs = commands.add_parser("logs", help="show log files")
    logs.add_argument("service", nargs="?")
    logs.add_argument("-f", "--follow", action="store_true")
    logs.add_argument("-n", "--lines", type=int, default=100)
    logs.set_defaults(run=cmd_logs)
    commands.add_parser("migrate", help="apply every project's migrations").set_defaults(run=cmd_migrate)
    test = commands.add_parser("test", help="run the test suites (all, or one: shared, auth, ..., e2e)")
    test.add_argument("service", nargs="?")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(run=cmd_test)
    commands.add_parser("lint", help="ruff format --check, ruff check, mypy, lint-imports").set_defaults(run=cmd_lint)
    commands.add_parser(
        "seed", help="create the demo marketplace through the gateway (runs up first if needed)"
    ).set_defaults(run=cmd_seed)
    bench = commands.add_parser("bench", help="run the benchmark scripts (all but load, or the one named)")
    bench.add_argument("name", nargs="?", help="gateway, search, events, chat or load")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER, help="passed to the named benchmark")
    bench.set_defaults(run=cmd_bench)
    chaos = commands.add_parser(
        "chaos", help="break the running system while writing; count lost and doubled effects", add_help=False
    )
    chaos.add_argument("chaos_args", nargs=argparse.REMAINDER)
    chaos.set_defaults(run=cmd_chaos)
    if sys.argv[1:2] == ["chaos"]:  # every option after it is the fault suite's own (argparse would take --help)
        return cmd_chaos(argparse.Namespace(chaos_args=sys.argv[2:]))
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
