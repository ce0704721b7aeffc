"""What runs locally: the projects, their ports, commands and stores."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN = Path(os.environ.get("MARKETPLACE_RUN_DIR", ROOT / ".run"))
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PYTHON = BIN / "python"
LOGS, PIDS = RUN / "logs", RUN / "pids"


def cores() -> int:
    """The CPUs this process may use: its affinity, lowered by a cgroup v2 quota (a container's limit)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            count = min(count, max(1, -(-int(quota) // int(period))))  # a quota of 1.5 CPUs is 2 processes
    except (OSError, ValueError):
        pass
    return max(1, count)


def concurrency(variable: str, per_core: int = 1) -> str:
    """How many processes (or threads) to run: ``variable`` from the environment, else ``per_core`` per core.

    Web servers run one process per core (WEB_CONCURRENCY, GATEWAY_WORKERS); Celery's thread pool two
    threads per core (CELERY_CONCURRENCY: handlers mostly wait on the stores and the broker).
    """
    value = os.environ.get(variable, "").strip()
    return value if value.isdigit() and int(value) > 0 else str(per_core * cores())


@dataclass(frozen=True)
class Project:
    service: str
    port: int
    sql: str | None  # "mysql", "postgres" or None
    mongodb: bool = False
    channels: bool = False
    worker: bool = True
    # Periodic tasks (file sweeps, settlements): inside the worker (-B) locally; one beat per system in production.
    beat: bool = False

    @property
    def folder(self) -> Path:
        return ROOT / f"{self.service}_project"

    def web_command(self) -> list[str]:
        if self.service == "gateway":
            workers = concurrency("GATEWAY_WORKERS")
            # proxy.serve: uvicorn's command with httptools' header buffering capped (gateway_project/proxy/server.py)
            return [
                str(PYTHON),
                "-m",
                "proxy.serve",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--loop",
                "uvloop",
                "--http",
                "httptools",
                "--workers",
                workers,
                "--no-access-log",
            ]
        if self.channels:
            # HTTP and sockets from one ASGI server, a process per core: the Redis channel layer
            # carries a group_send from whichever process saved the message to whichever holds the socket.
            # HTTP runs on a pool of WEB_THREADS threads in each (shared/asgi.py), sockets on the loop.
            workers = concurrency("WEB_CONCURRENCY")
            return [
                str(BIN / "uvicorn"),
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--loop",
                "uvloop",
                "--http",
                "httptools",
                "--workers",
                workers,
                "--lifespan",
                "off",
                "--no-access-log",
            ]
        # Keep-alive longer than the gateway pool's 4 s idle limit (proxy/client.py): the client, not the
        # server, closes an idle connection, so a request never goes out on one the service is closing.
        return [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            concurrency("WEB_CONCURRENCY"),
            "--worker-class",
            "gthread",
            "--threads",
            os.environ.get("GUNICORN_THREADS", "4"),
            "--timeout",
            "60",
            "--keep-alive",
            "10",
        ]

    def worker_command(self) -> list[str]:
        command = [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "-n",
            f"{self.service}@%h",
            "-Q",
            f"{self.service}.events,{self.service}.tasks",
            "-P",
            "threads",
            "-c",
            concurrency("CELERY_CONCURRENCY", 2),
            "-E",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "INFO",
        ]
        if self.beat:
            command += ["-B", "-s", str(RUN / f"celerybeat-{self.service}")]
        return command


PROJECTS = [
    Project("auth", 8001, "mysql", beat=True),
    Project("users", 8002, "postgres", mongodb=True),
    Project("gig", 8003, "postgres", mongodb=True, beat=True),
    Project("chat", 8004, "postgres", mongodb=True, channels=True, beat=True),
    Project("order", 8005, "postgres", mongodb=True, beat=True),
    Project("review", 8006, "postgres"),
    Project("notification", 8007, "postgres", channels=True),
    Project("gateway", 8000, None, worker=False),
]
BY_NAME = {project.service: project for project in PROJECTS}


@dataclass(frozen=True)
class Store:
    name: str
    port: int
    start: list[list[str]] = field(default_factory=list)  # commands that start it when installed
    installed_by: str = ""  # the executable whose presence means "installed"
    package: str = ""  # what to install when it is not


STORES = [
    Store(
        "mariadb",
        3306,
        [["start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"]],
        "/usr/sbin/mariadbd",
        "mariadb-server",
    ),
    Store(
        "postgresql",
        5432,
        [["sh", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"]],
        "/usr/bin/pg_ctlcluster",
        "postgresql",
    ),
    Store(
        "redis",
        6379,
        [
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "-::1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
        ],
        "/usr/bin/redis-server",
        "redis-server",
    ),
    Store("rabbitmq", 5672, [["rabbitmq-server", "-detached"]], "/usr/sbin/rabbitmq-server", "rabbitmq-server"),
]

SYSTEM_PACKAGES = ["libmariadb-dev", "pkg-config", "wrk"]


def child_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "MARKETPLACE_ROOT": str(ROOT),
            "MARKETPLACE_RUN_DIR": str(RUN),
            "DJANGO_SETTINGS_MODULE": env.get("DJANGO_SETTINGS_MODULE", "config.settings.local"),
            "PYTHONUNBUFFERED": "1",
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    env.update(extra or {})
    return env


def python() -> str:
    return str(PYTHON) if PYTHON.exists() else sys.executable
