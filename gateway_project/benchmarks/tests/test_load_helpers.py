"""The load benchmark's statistics and CPU accounting (nothing here is timed)."""

from __future__ import annotations

import subprocess
import sys

from benchmarks import cpu, load
from benchmarks.stats import percentile


def test_percentile_is_a_value_somebody_saw():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 99) == 0.0


def test_cpu_counts_a_started_process_with_its_children_under_its_pid_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MARKETPLACE_RUN_DIR", str(tmp_path))
    (tmp_path / "pids").mkdir()
    burner = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'sum(range(3 * 10**7))']); input()"
    parent = subprocess.Popen([sys.executable, "-c", burner], stdin=subprocess.PIPE)
    try:
        (tmp_path / "pids" / "demo-web.pid").write_text(str(parent.pid))
        # The child has finished its work once its CPU shows in the parent's waited-for children.
        deadline_totals = {}
        for _ in range(200):
            deadline_totals = cpu.cpu_by_process()
            if deadline_totals.get("demo-web", 0) > 0.05:
                break
            subprocess.run([sys.executable, "-c", "pass"])
        assert deadline_totals["demo-web"] > 0.05
        assert "load generator" in deadline_totals
    finally:
        parent.communicate(b"\n", timeout=30)


def test_the_session_mix_walks_every_route_the_issue_names():
    user = load.User(session=None)
    seller = load.User(session=None)
    routes = [route for route, *_ in load.session_mix(user, [seller], ["g1"])]
    assert routes == ["search", "gig", "buyers/me", "notifications", "chat send", "conversations", "orders", "reviews"]
    chat = next(body for route, _, _, body in load.session_mix(user, [seller], ["g1"]) if route == "chat send")
    assert chat["receiver_username"] == seller.username


def test_every_simulated_user_gets_an_address_of_its_own():
    first, second = next(load._addresses), next(load._addresses)
    assert first != second and first.startswith("198.18.")
