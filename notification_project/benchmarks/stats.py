"""Statistics the benchmarks print: percentiles, a summary per path and the ratio against the target."""

from __future__ import annotations

import math
from dataclasses import dataclass


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: always one of the measured values, never an interpolation between two."""
    if not samples:
        raise ValueError("no samples")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must be within [0, 1], got {fraction}")
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    count: int
    p50: float
    p99: float
    minimum: float
    maximum: float

    def line(self, label: str) -> str:
        return (
            f"{label:<34} n={self.count:<5} p50 {format_ms(self.p50):>10}  p99 {format_ms(self.p99):>10}  "
            f"min {format_ms(self.minimum):>10}  max {format_ms(self.maximum):>10}"
        )


def summarize(samples: list[float]) -> Summary:
    return Summary(len(samples), percentile(samples, 0.50), percentile(samples, 0.99), min(samples), max(samples))


def format_ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def ratio(measured: float, baseline: float) -> float:
    if baseline <= 0:
        raise ValueError("the baseline must be a positive duration")
    return measured / baseline


def format_ratio(value: float, target: float) -> str:
    """``2.41x (target <= 3x: met)``; the verdict is the whole point of the run, so it is spelled out."""
    verdict = "met" if value <= target else "NOT met"
    return f"{value:.2f}x (target <= {target:g}x: {verdict})"
