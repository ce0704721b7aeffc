"""Percentiles for the benchmarks (nearest-rank, so a p99 is a latency somebody saw)."""

from __future__ import annotations

import math


def percentile(values: list[float], rank: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(rank / 100 * len(ordered)) - 1)]
