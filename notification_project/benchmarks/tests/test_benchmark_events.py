"""The events benchmark's statistics helpers (nothing here is timed: figures come from the script's output)."""

import pytest

from benchmarks.events import parse_args
from benchmarks.stats import format_ms, format_ratio, percentile, ratio, summarize


def test_percentile_is_nearest_rank_whatever_the_input_order():
    samples = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(samples, 0.5) == 3.0
    assert percentile(samples, 0.0) == 1.0
    assert percentile(samples, 1.0) == 5.0
    assert samples == [5.0, 1.0, 4.0, 2.0, 3.0]  # the caller's list is not sorted in place


def test_p99_of_a_hundred_samples_is_the_99th_and_of_two_hundred_the_198th():
    hundred = [float(n) for n in range(1, 101)]
    assert percentile(hundred, 0.99) == 99.0
    assert percentile([float(n) for n in range(1, 201)], 0.99) == 198.0
    assert percentile(hundred, 0.5) == 50.0


def test_percentile_of_a_single_sample_is_that_sample():
    assert percentile([0.042], 0.5) == 0.042
    assert percentile([0.042], 0.99) == 0.042


@pytest.mark.parametrize("samples, fraction", [([], 0.5), ([1.0], -0.1), ([1.0], 1.5)])
def test_percentile_refuses_no_samples_and_fractions_outside_zero_to_one(samples, fraction):
    with pytest.raises(ValueError):
        percentile(samples, fraction)


def test_summary_and_its_line_in_milliseconds():
    summary = summarize([0.004, 0.002, 0.003, 0.010])
    assert (summary.count, summary.p50, summary.p99, summary.minimum, summary.maximum) == (
        4,
        0.003,
        0.010,
        0.002,
        0.010,
    )
    line = summary.line("bare Celery round trip")
    assert line.startswith("bare Celery round trip")
    assert "n=4" in line and "p50    3.00 ms" in line and "p99   10.00 ms" in line
    assert format_ms(0.0123456) == "12.35 ms"


def test_ratio_and_its_verdict_against_the_target():
    assert ratio(0.012, 0.004) == pytest.approx(3.0)
    assert format_ratio(3.0, 3) == "3.00x (target <= 3x: met)"
    assert format_ratio(2.414, 3.0) == "2.41x (target <= 3x: met)"
    assert format_ratio(3.006, 3.0) == "3.01x (target <= 3x: NOT met)"


def test_ratio_refuses_a_baseline_that_is_not_a_duration():
    with pytest.raises(ValueError):
        ratio(0.01, 0.0)


def test_arguments_default_to_200_samples_observed_in_the_database():
    args = parse_args([])
    assert (args.samples, args.warmup, args.interval_ms, args.via) == (200, 20, 1.0, "db")
    assert parse_args(["--samples", "50", "--via", "gateway"]).via == "gateway"


@pytest.mark.parametrize("argv", [["--samples", "0"], ["--interval-ms", "0"], ["--warmup", "-1"], ["--via", "smtp"]])
def test_bad_arguments_are_refused_with_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_the_breakdown_splits_a_sample_into_steps_from_the_workers_stamps(capsys):
    from benchmarks.breakdown import Breakdown

    steps = Breakdown()
    steps.add(
        published=100.000,
        confirmed=100.002,
        seen=100.020,
        workers={
            "notification": {"received": 100.004, "started": 100.005, "succeeded": 100.030, "runtime": 0.025},
            "users": {"received": 100.003, "started": 100.003, "succeeded": 100.040, "runtime": 0.037},
        },
    )
    steps.print()

    printed = capsys.readouterr().out
    assert "publish + the broker's confirm (in order's process)" in printed
    assert [round(v[0] * 1000, 3) for v in steps.steps.values()] == [2.0, 4.0, 1.0, 15.0, 25.0]
    assert round(steps.others["users"]["runtime"][0] * 1000, 3) == 37.0
    assert "the other consumer users:" in printed


def test_a_sample_without_the_workers_stamps_keeps_only_what_the_benchmark_saw():
    from benchmarks.breakdown import Breakdown

    steps = Breakdown()
    steps.add(published=1.0, confirmed=1.001, seen=1.01, workers={})

    assert list(steps.steps) == ["publish + the broker's confirm (in order's process)"]
