"""An acknowledged transaction survives a kill -9 of its store: a private stand-in, killed right after commits.

The stand-in runs as ``manage_all.py up`` starts it (``--sync-on-commit``: it
ignores ``j`` on commitTransaction, decision 0010), on a port and folder of
its own, so no other test's store is touched.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import mongoengine
import pytest

from shared import mongo


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the stand-in exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the stand-in did not listen")


@pytest.fixture
def standin(tmp_path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "secantus",
        "--port",
        str(port),
        "--storage-path",
        str(tmp_path),
        "--sync-on-commit",
    ]
    started = []

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        wait_until_listening(port, process)
        return process

    yield port, start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_handled_events_committed_before_a_kill_9_are_all_there_after_the_restart(standin):
    port, start = standin
    process = start()
    url = f"mongodb://127.0.0.1:{port}/crash_probe"
    mongo.connect(url, alias="crash")
    db = mongo.database("crash")
    db.create_collection("events_processed")
    db.create_collection("buyers")
    try:
        for n in range(30):  # as the users worker does: the processed mark and the profile in one transaction
            with mongo.atomic("crash") as session:
                db.events_processed.insert_one({"_id": f"create_buyer_profile:{n}"}, session=session)
                db.buyers.insert_one({"user_id": str(n)}, session=session)
        process.send_signal(signal.SIGKILL)  # right after the last commit was acknowledged
        process.wait()
    finally:
        mongoengine.disconnect("crash")

    start()
    mongo.connect(url, alias="crash")
    try:
        db = mongo.database("crash")
        assert db.events_processed.count_documents({}) == 30
        assert db.buyers.count_documents({}) == 30
    finally:
        mongoengine.disconnect("crash")
