"""Bring the machine to a state where the system can run: packages, venv, stores, keys, databases."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import subprocess
import sys

from deploy.local import processes
from deploy.local.layout import BIN, PROJECTS, PYTHON, ROOT, RUN, STORES, SYSTEM_PACKAGES, VENV, child_env

REQUIREMENTS = ROOT / "requirements" / "local.txt"
TEST_VHOST = "marketplace_test"


def say(message: str) -> None:
    print(f"[manage_all] {message}", flush=True)


def _missing_debian_packages(names: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in names:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_system_packages() -> None:
    missing = _missing_debian_packages(SYSTEM_PACKAGES)
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Install the system packages first: sudo apt-get install -y {' '.join(missing)}")
    say(f"installing {' '.join(missing)} with apt-get")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "requirements").glob("*.txt")) + [ROOT / "shared" / "pyproject.toml"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the pinned requirements when they changed since the last install."""
    marker = VENV / ".requirements-digest"
    digest = _requirements_digest()
    if marker.exists() and marker.read_text() == digest and PYTHON.exists():
        return
    ensure_system_packages()
    if not PYTHON.exists():
        say("creating the virtual environment .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    say("installing Python requirements (first run takes a few minutes)")
    pip = [str(PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    subprocess.run([*pip, "-e", str(ROOT / "shared")], check=True)
    marker.write_text(digest)


def ensure_node_packages() -> None:
    """The gateway's tests drive Socket.IO with the real npm client (package-lock.json pins it)."""
    folder = ROOT / "gateway_project"
    if not (folder / "package.json").exists() or (folder / "node_modules").exists():
        return
    if not shutil.which("npm"):
        say("npm is not installed: the Socket.IO client tests will say so and skip (apt-get install -y nodejs npm)")
        return
    say("installing the npm test client (npm ci)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, check=True, stdout=subprocess.DEVNULL)


def ensure_stores() -> None:
    """Start MariaDB, PostgreSQL, Redis and RabbitMQ when installed but down; else say what to install."""
    for store in STORES:
        if processes.port_open(store.port):
            continue
        if not os.path.exists(store.installed_by):
            sys.exit(
                f"{store.name} is not running on port {store.port} and is not installed: "
                f"apt-get install -y {store.package}"
            )
        say(f"starting {store.name}")
        for command in store.start:
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not processes.wait_for_port(store.port, timeout=90):
            sys.exit(f"{store.name} did not come up on port {store.port}")


def mongodb_command() -> list[str]:
    """The stand-in, with every commit synced to its journal: it ignores ``j: true`` on
    ``commitTransaction`` (it honours it on single writes), and a transaction acknowledged
    without the sync was lost to a kill -9 (docs/decisions/0010-durability.md)."""
    return [str(PYTHON), "-m", "secantus", "--port", "27017", "--storage-path", str(RUN / "mongo"), "--sync-on-commit"]


def ensure_local_servers() -> None:
    """The MongoDB stand-in and the SMTP sink, which this project runs itself."""
    (RUN / "mongo").mkdir(parents=True, exist_ok=True)
    if not processes.port_open(27017):
        say("starting the MongoDB stand-in (secantus) on 27017")
        processes.start("mongodb", mongodb_command(), cwd=ROOT)
        if not processes.wait_for_port(27017, 60):
            sys.exit("the MongoDB stand-in did not start: see .run/logs/mongodb.log")
    if not processes.port_open(1025):
        say("starting the SMTP sink on 1025 (mail lands in .run/mail)")
        processes.start(
            "smtp-sink",
            [str(PYTHON), "-m", "shared.devtools.smtp_sink", "--port", "1025", "--mailbox", str(RUN / "mail")],
            cwd=ROOT,
        )
        processes.wait_for_port(1025, 30)


def ensure_keys_and_env() -> None:
    subprocess.run(
        [str(PYTHON), "-c", "from shared.keys import ensure_dev_keys; ensure_dev_keys()"],
        check=True,
        env=child_env(),
        cwd=ROOT,
    )
    dotenv = ROOT / ".env"
    if not dotenv.exists():
        example = ROOT / ".env.example"
        dotenv.write_text(example.read_text())
        say("wrote .env from .env.example")


def flower_login() -> str:
    """Flower's ``user:password``: the environment's, else .env's; the first ``up`` writes a random one to .env."""
    if os.environ.get("FLOWER_BASIC_AUTH"):
        return os.environ["FLOWER_BASIC_AUTH"]
    dotenv = ROOT / ".env"
    lines = dotenv.read_text().splitlines() if dotenv.exists() else []
    for line in lines:
        name, _, value = line.partition("=")
        if name.strip() == "FLOWER_BASIC_AUTH" and ":" in value.strip()[1:-1]:
            return value.strip()
    login = f"admin:{secrets.token_urlsafe(12)}"
    lines = [line for line in lines if line.partition("=")[0].strip() != "FLOWER_BASIC_AUTH"]
    dotenv.write_text("\n".join([*lines, f"FLOWER_BASIC_AUTH={login}"]) + "\n")
    say("wrote a Flower login to .env (FLOWER_BASIC_AUTH)")
    return login


def ensure_databases() -> None:
    for project in PROJECTS:
        if project.sql == "mysql":
            subprocess.run(
                [
                    "mysql",
                    "-h",
                    "127.0.0.1",
                    "-uroot",
                    "-e",
                    (
                        f"CREATE DATABASE IF NOT EXISTS `{project.service}` "
                        "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                    ),
                ],
                check=True,
            )
        elif project.sql == "postgres":
            exists = subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-tAc",
                    f"SELECT 1 FROM pg_database WHERE datname='{project.service}'",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            if exists != "1":
                subprocess.run(
                    ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'CREATE DATABASE "{project.service}"'],
                    check=True,
                )
    ensure_test_vhost()


def ensure_test_vhost() -> None:
    """Test suites publish into their own RabbitMQ vhost so they never reach the running system."""
    if not shutil.which("rabbitmqctl"):
        return
    listed = subprocess.run(["rabbitmqctl", "-q", "list_vhosts"], capture_output=True, text=True).stdout.split()
    if TEST_VHOST not in listed:
        subprocess.run(["rabbitmqctl", "-q", "add_vhost", TEST_VHOST], check=False)
        subprocess.run(
            ["rabbitmqctl", "-q", "set_permissions", "-p", TEST_VHOST, "guest", ".*", ".*", ".*"], check=False
        )


def migrate() -> None:
    for project in PROJECTS:
        if project.sql is None:
            continue
        say(f"migrating {project.service}")
        subprocess.run(
            [str(PYTHON), "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=project.folder,
            env=child_env(),
            check=True,
        )


def celery_bin() -> str:
    return str(BIN / "celery")
