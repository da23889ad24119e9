"""Timing for the benchmarks: the median of repeated runs (these machines are shared and noisy)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def run_times(work: Callable[[], object], repeat: int) -> list[float]:
    """Seconds each of `repeat` runs of `work` took."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def median_time(work: Callable[[], object], repeat: int) -> float:
    """Seconds: the median of `repeat` runs of `work`."""
    return statistics.median(run_times(work, repeat))
