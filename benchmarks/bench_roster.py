"""Roster throughput: applicants checked per second on one core.

Generates a 10,000-row CSV roster (fixed seed), then times, in the same run:

- the baseline: reading every row with ``csv.DictReader`` and nothing more;
- ``check_roster(read_roster(path), "ca-pss")``: reading, structuring and checking every row.

Prints both rates and their ratio. Run with ``python benchmarks/bench_roster.py [ROWS]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from peer_competencies import eligibility

ROWS = 10_000
AS_OF = dt.date(2026, 6, 1)
COLUMNS = (
    "id",
    "date_of_birth",
    "education",
    "lived_experience",
    "willing_to_share",
    "dedicated_to_recovery",
    "code_of_ethics_signed",
    "trainings.1.topic",
    "trainings.1.hours",
    "trainings.1.date",
    "trainings.1.approved",
    "trainings.2.topic",
    "trainings.2.hours",
    "trainings.2.date",
    "trainings.2.approved",
    "exams.1.exam",
    "exams.1.passed",
    "exams.1.date",
)


def _row(rng: random.Random, n: int) -> list[str]:
    def maybe(value: str) -> str:
        return value if rng.random() > 0.05 else ""  # about 1 fact in 20 missing

    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 20_000))
    return [
        f"E-{n:05d}",
        maybe(born.isoformat()),
        maybe(rng.choice(["none", "ged", "high-school", "bachelor"])),
        maybe(rng.choice(["self", "family", "none"])),
        maybe(rng.choice(["yes", "no"])),
        maybe("yes"),
        maybe("2025-01-10"),
        "ca-pss-core",
        maybe(str(rng.choice([40, 60, 80]))),
        maybe("2024-01-10"),
        maybe(rng.choice(["yes", "no"])),
        "ca-pss-core",
        maybe(str(rng.choice([0, 20, 40]))),
        maybe("2024-03-10"),
        maybe("yes"),
        "ca-pss",
        maybe(rng.choice(["yes", "no"])),
        maybe("2025-02-01"),
    ]


def make_roster(path: Path, rows: int) -> None:
    """Write a roster of ``rows`` synthetic applicants (seed 4)."""
    rng = random.Random(4)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for n in range(rows):
            writer.writerow(_row(rng, n))


def _baseline(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))


def _checked(path: Path) -> int:
    results = eligibility.check_roster(eligibility.read_roster(path), "ca-pss", as_of=AS_OF)
    return sum(1 for r in results if r.ok)


def _rate(fn: Callable[[Path], int], path: Path, rows: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        count = fn(path)
        best = min(best, time.perf_counter() - start)
        if count != rows:
            raise SystemExit(f"{fn.__name__} handled {count} rows of {rows}")
    return rows / best


def main(argv: list[str]) -> None:
    """Generate the roster, time both, print the rates and the ratio."""
    rows = int(argv[0]) if argv else ROWS
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    eligibility.check({}, "ca-pss", as_of=AS_OF)  # load the rules before timing
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        make_roster(path, rows)
        baseline = _rate(_baseline, path, rows)
        checked = _rate(_checked, path, rows)
    print(f"roster of {rows:,} applicants, one core, best of 3")
    print(f"baseline (csv.DictReader only): {baseline:12,.0f} rows/s")
    print(f"check_roster (ca-pss):          {checked:12,.0f} applicants/s")
    print(f"ratio (baseline / check_roster): {baseline / checked:11.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
