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


def _seconds(run: Callable[[], object], clock: Callable[[], float]) -> float:
    start = clock()
    run()
    return clock() - start


def interleaved(
    baseline: Callable[[], object],
    measured: Callable[[], object],
    repeat: int,
    clock: Callable[[], float] = time.process_time,
) -> tuple[list[float], list[float]]:
    """Seconds of ``repeat`` calls of each, baseline and measured taking turns, so that a change
    in the machine's load (other processes on a shared machine) weighs on both alike.

    By default the seconds are this process's CPU time, not the wall clock's: on a machine whose
    cores other processes share, a run that waits for a core is not charged for the wait. (A
    benchmark of whole processes passes ``time.perf_counter``.)"""
    base: list[float] = []
    ours: list[float] = []
    for _ in range(repeat):
        base.append(_seconds(baseline, clock))
        ours.append(_seconds(measured, clock))
    return base, ours


def report_pairs(name: str, base: list[float], ours: list[float]) -> float:
    """Print both medians, the ratio of the medians and the spread of the per-pair ratios
    (quartiles); return the ratio of the medians."""
    ratios = sorted(o / b for o, b in zip(ours, base, strict=True))
    q1, middle, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    ratio = statistics.median(ours) / statistics.median(base)
    print(
        f"baseline  median {statistics.median(base) * 1000:8.2f} ms  (best {min(base) * 1000:.2f})"
    )
    print(
        f"{name:<9} median {statistics.median(ours) * 1000:8.2f} ms  (best {min(ours) * 1000:.2f})"
    )
    print(f"ratio {ratio:.2f}x  (per pair: median {middle:.2f}x, quartiles {q1:.2f}-{q3:.2f}x)")
    return ratio
