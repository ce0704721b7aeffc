"""Whether each store this process writes to acknowledges only what survives a crash.

MongoDB's durability is ours to ask for (the write concern set in
``shared.mongo``); PostgreSQL's and MariaDB's are server settings whose
defaults are durable and which an operator could turn off for speed. Either
way, ``/health/ready`` reports it and the deploy suite asserts it for every
service (docs/decisions/0010-durability.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections

# Setting -> the values that keep a committed transaction after a crash.
POSTGRES = {
    "fsync": {"on"},
    "synchronous_commit": {"on", "remote_apply", "remote_write", "local"},
    "full_page_writes": {"on"},
}
MARIADB = {"innodb_flush_log_at_trx_commit": {"1"}, "innodb_doublewrite": {"1", "ON"}}


def _postgres(cursor) -> list[str]:
    problems = []
    for name, good in POSTGRES.items():
        cursor.execute(f"SHOW {name}")
        value = str(cursor.fetchone()[0])
        if value not in good:
            problems.append(f"{name}={value}")
    return problems


def _mariadb(cursor) -> list[str]:
    problems = []
    for name, good in MARIADB.items():
        cursor.execute(f"SELECT @@{name}")
        value = str(cursor.fetchone()[0])
        if value not in good:
            problems.append(f"{name}={value}")
    cursor.execute("SELECT @@log_bin, @@sync_binlog")
    log_bin, sync_binlog = cursor.fetchone()
    if str(log_bin) in {"1", "ON"} and str(sync_binlog) != "1":
        problems.append(f"sync_binlog={sync_binlog} with the binary log on")
    return problems


def sql_problems(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgres(cursor)
        if connection.vendor == "mysql":
            return _mariadb(cursor)
    return []  # SQLite (tools only): nothing served from it


def mongo_problems() -> list[str]:
    from shared.mongo import client

    concern = client().write_concern.document
    problems = []
    if concern.get("w") != "majority":
        problems.append(f"w={concern.get('w', 1)}")
    if concern.get("j") is not True:
        problems.append(f"j={concern.get('j', False)}")
    return problems


def report() -> dict[str, str]:
    """``{"sql:default": "ok", "mongodb": "ok"}``, or what is not durable in each."""
    found = {f"sql:{alias}": sql_problems(alias) for alias in connections}
    if getattr(settings, "MONGODB_URL", None):
        found["mongodb"] = mongo_problems()
    return {name: "ok" if not problems else "not durable: " + ", ".join(problems) for name, problems in found.items()}
