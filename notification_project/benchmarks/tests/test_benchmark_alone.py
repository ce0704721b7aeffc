"""``bench events --alone``: which processes it pauses, and that it always resumes them (real processes)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import alone


def state(pid: int) -> str:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2]


def wait_for_state(pid: int, wanted: set[str], timeout: float = 5.0) -> str:
    deadline = time.monotonic() + timeout
    while (current := state(pid)) not in wanted and time.monotonic() < deadline:
        time.sleep(0.01)
    return current


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    (tmp_path / "pids").mkdir()
    monkeypatch.setenv("MARKETPLACE_RUN_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def sleeper():
    """A worker stand-in with a child of its own, as a worker with an embedded beat has."""
    code = (
        "import subprocess, sys, time; "
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    yield process
    for child in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split():
        os.kill(int(child), signal.SIGKILL)
    process.kill()
    process.wait()


def children_of(pid: int) -> list[int]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError("the stand-in's child never started")


def test_every_other_worker_and_flower_are_paused_but_notifications_own_and_the_web_servers(run_dir):
    for name in ("notification-worker", "users-worker", "gig-worker", "flower", "gig-web", "mongodb"):
        (run_dir / "pids" / f"{name}.pid").write_text("1")

    assert alone.paused_names() == ["flower", "gig-worker", "users-worker"]


def test_the_paused_processes_and_their_children_are_resumed_when_the_block_ends(run_dir, sleeper):
    (run_dir / "pids" / "users-worker.pid").write_text(str(sleeper.pid))
    (child,) = children_of(sleeper.pid)

    with alone.others_paused(True) as names:
        assert names == ["users-worker"]
        assert wait_for_state(sleeper.pid, {"T"}) == "T"
        assert wait_for_state(child, {"T"}) == "T"
    assert wait_for_state(sleeper.pid, {"S", "R"}) in {"S", "R"}
    assert wait_for_state(child, {"S", "R"}) in {"S", "R"}


def test_they_are_resumed_when_the_run_fails_inside_the_block(run_dir, sleeper):
    (run_dir / "pids" / "review-worker.pid").write_text(str(sleeper.pid))

    with pytest.raises(RuntimeError), alone.others_paused(True):
        assert wait_for_state(sleeper.pid, {"T"}) == "T"
        raise RuntimeError("the benchmark failed")
    assert wait_for_state(sleeper.pid, {"S", "R"}) in {"S", "R"}


def test_without_the_flag_nothing_is_paused(run_dir, sleeper):
    (run_dir / "pids" / "users-worker.pid").write_text(str(sleeper.pid))

    with alone.others_paused(False) as names:
        assert names == []
        time.sleep(0.05)
        assert state(sleeper.pid) in {"S", "R"}
