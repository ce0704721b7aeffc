"""Process and thread counts come from the cores, unless the environment names them (layout.py and the image)."""

import pytest

from deploy.local import layout
from deploy.tests.test_image import dry_run, entrypoint

GUNICORN = layout.BY_NAME["users"]
CHANNELS = layout.BY_NAME["chat"]
GATEWAY = layout.BY_NAME["gateway"]


def _after(command: list[str], flag: str) -> str:
    return command[command.index(flag) + 1]


@pytest.fixture
def no_overrides(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GATEWAY_WORKERS", "CELERY_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)


def test_cores_are_what_this_process_may_use():
    assert 1 <= layout.cores() <= len(__import__("os").sched_getaffinity(0))


def test_by_default_a_web_process_per_core_and_two_celery_threads_per_core(no_overrides):
    cores = layout.cores()
    assert _after(GUNICORN.web_command(), "--workers") == str(cores)
    assert _after(CHANNELS.web_command(), "--workers") == str(cores)
    assert _after(GATEWAY.web_command(), "--workers") == str(cores)
    assert _after(GUNICORN.worker_command(), "-c") == str(2 * cores)


def test_the_environment_overrides_each_count(no_overrides, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GATEWAY_WORKERS", "3")
    monkeypatch.setenv("CELERY_CONCURRENCY", "7")

    assert _after(GUNICORN.web_command(), "--workers") == "5"
    assert _after(CHANNELS.web_command(), "--workers") == "5"
    assert _after(GATEWAY.web_command(), "--workers") == "3"
    assert _after(GUNICORN.worker_command(), "-c") == "7"


@pytest.mark.parametrize("value", ["", "0", "many"])
def test_an_empty_or_unusable_count_falls_back_to_the_cores(no_overrides, monkeypatch, value):
    monkeypatch.setenv("WEB_CONCURRENCY", value)

    assert _after(GUNICORN.web_command(), "--workers") == str(layout.cores())


def test_the_image_counts_the_cores_as_layout_does_and_takes_the_same_overrides():
    cores = layout.cores()
    assert _after(dry_run("users", "web"), "--workers") == str(cores)
    assert _after(dry_run("gateway", "web"), "--workers") == str(cores)
    assert _after(dry_run("users", "worker"), "-c") == str(2 * cores)
    overridden = entrypoint("users", "worker", extra_env={"CELERY_CONCURRENCY": "9"}).stdout.splitlines()
    assert _after(overridden, "-c") == "9"
