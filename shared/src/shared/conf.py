"""Settings helpers: one typed reader of the environment for every project.

OS variables win over the root ``.env`` file, which is only a convenience for
local work (cookiecutter-django's rule).
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

env = environ.Env()


def repo_root() -> Path:
    """The checkout's root: ``MARKETPLACE_ROOT`` or the folder holding manage_all.py."""
    configured = os.environ.get("MARKETPLACE_ROOT")
    if configured:
        return Path(configured)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "manage_all.py").exists():
            return folder
    return here


def run_dir() -> Path:
    """Where local processes keep state: keys, logs, pids, mail, data (git-ignored)."""
    return Path(env.str("MARKETPLACE_RUN_DIR", default=str(repo_root() / ".run")))


def read_dotenv() -> None:
    dotenv = repo_root() / ".env"
    if dotenv.exists():
        environ.Env.read_env(str(dotenv), overwrite=False)


SERVICE_PORTS = {
    "gateway": 8000,
    "auth": 8001,
    "users": 8002,
    "gig": 8003,
    "chat": 8004,
    "order": 8005,
    "review": 8006,
    "notification": 8007,
}


def service_urls(service: str) -> list[str]:
    """Base URLs of a service's instances: ``<SERVICE>_URLS`` (comma separated) or the local port."""
    default = f"http://127.0.0.1:{SERVICE_PORTS[service]}"
    return env.list(f"{service.upper()}_URLS", default=[default])


def sql_database(service: str, default_url: str) -> dict:
    """Django DATABASES entry from ``<SERVICE>_DATABASE_URL``."""
    config = env.db_url(f"{service.upper()}_DATABASE_URL", default=default_url)
    config.setdefault("CONN_MAX_AGE", 60)
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"].endswith("mysql"):
        config.setdefault("OPTIONS", {}).update({"charset": "utf8mb4"})
        config.setdefault("TEST", {}).update({"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"})
    return config
