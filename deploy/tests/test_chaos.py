"""The fault suite's own logic, without breaking anything: counting, and refusing a system it did not start."""

from __future__ import annotations

from deploy.local import chaos
from deploy.local.chaos_effects import tally
from deploy.local.layout import BY_NAME


def test_each_effect_exactly_once_counts_nothing_lost_or_doubled():
    assert tally(1, {"a": 1, "b": 1}) == (0, 0)


def test_a_missing_effect_is_lost_and_a_repeated_one_doubled():
    assert tally(1, {"a": 0, "b": 3, "c": 1}) == (1, 2)


def test_a_counter_is_compared_with_the_accepted_writes():
    assert tally(10, 8) == (2, 0)
    assert tally(10, 12) == (0, 2)


def test_it_refuses_a_system_another_checkout_started(monkeypatch, capsys):
    monkeypatch.setattr(chaos.processes, "pid_of", lambda name: None)  # no gateway-web in this .run/pids

    assert chaos.main(None, signups=1, orders=1, runs=1, settle_timeout=1) == 1
    assert "not up" in capsys.readouterr().out


def test_every_fault_has_a_known_load_and_restarts_what_it_kills():
    assert {fault.load for fault in chaos.FAULTS} == {"signups", "orders"}
    assert set(chaos.BY_SLUG) >= {
        "rabbitmq",
        "rabbitmq-orders",
        "worker",
        "web",
        "mongodb",
        "postgresql",
        "mariadb",
        "redis",
        "poison",
    }
    assert "redis" in chaos.STORE and "rabbitmq" in chaos.STORE
    assert BY_NAME["users"].worker and BY_NAME["auth"].web_command()


def test_it_kills_no_listener_on_the_mongodb_port_that_no_checkout_started_as_its_stand_in(monkeypatch, tmp_path):
    import socket
    import subprocess
    import sys
    import time

    import pytest

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Something else listening where the stand-in would (a plain HTTP server, from a folder with no pid file).
    other = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if chaos._listener(port):
                break
            time.sleep(0.1)
        monkeypatch.setattr(chaos, "MONGODB_PORT", port)
        monkeypatch.setattr(chaos.processes, "pid_of", lambda name: None)  # none started from this run folder

        with pytest.raises(RuntimeError, match="not a stand-in a checkout started"):
            chaos._standin()
        assert other.poll() is None  # untouched
    finally:
        other.kill()
        other.wait()
