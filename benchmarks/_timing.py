"""Small helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_and_median(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Seconds of the fastest and the median of ``repeat`` calls of ``run``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def report(name: str, baseline: tuple[float, float], measured: tuple[float, float]) -> None:
    """Print both medians and the ratio of the medians."""
    print(f"baseline  median {baseline[1] * 1000:8.2f} ms  (best {baseline[0] * 1000:.2f} ms)")
    print(f"{name:<9} median {measured[1] * 1000:8.2f} ms  (best {measured[0] * 1000:.2f} ms)")
    print(f"ratio {measured[1] / baseline[1]:.2f}x")
