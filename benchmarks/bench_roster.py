"""Roster throughput: applicants checked per second, against ``csv.DictReader`` in the same run.

Generates a CSV roster (10,000 rows by default, fixed seed), then, in each of ``--runs`` runs
(at least 3), times one after the other:

- the baseline: reading every row with ``csv.DictReader`` and nothing more;
- ``check_roster(read_roster(path), "ca-pss")`` in this process, pinned to one core: reading,
  structuring and checking every row;
- ``check`` alone over the same applicants, read beforehand (untimed), on one core;
- ``check_roster`` again with ``check`` answering at once: reading and decoding alone;
- ``check_roster`` with ``jobs=2`` (both cores), where the package has ``jobs``.

Prints each run's ratio (check / baseline time) and the speed-up of 2 jobs over 1, then their
medians and spreads (lowest to highest), and where a row's CPU time goes: reading the file,
decoding each row into an applicant and the roster loop; checking (``check`` alone); and what
the two cost more when interleaved than each alone.
``--memory`` instead runs the command line over 10,000 and 100,000 rows in child processes and
prints each one's peak resident memory (``resource.getrusage``; workers' peaks apart), to show
that memory stays flat as rosters grow.

Run with ``python benchmarks/bench_roster.py [ROWS] [--runs N] [--memory]``; to compare with an
older version, point ``PYTHONPATH`` at its ``src``. The machine may be shared: compare ratios
measured in one run, not rates.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import inspect
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from peer_competencies import eligibility
from peer_competencies.eligibility import _roster

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


def _checked(path: Path, jobs: int = 1) -> int:
    rows = eligibility.read_roster(path)
    results = (
        eligibility.check_roster(rows, "ca-pss", as_of=AS_OF, jobs=jobs)
        if jobs > 1
        else eligibility.check_roster(rows, "ca-pss", as_of=AS_OF)  # as versions before jobs
    )
    return sum(1 for r in results if r.ok)


def _applicants(path: Path) -> list[eligibility.Applicant]:
    """The roster's applicants, read once (untimed) for timing the checks alone."""
    people = []
    with path.open(encoding="utf-8", newline="") as stream:
        for cells in csv.DictReader(stream):
            record: dict[str, object] = {}
            for column, value in cells.items():
                if not value:
                    continue
                name, _, rest = column.partition(".")
                if not rest:
                    record[name] = value
                    continue
                number, _, sub = rest.partition(".")
                entries = record.setdefault(name, {})
                assert isinstance(entries, dict)
                entries.setdefault(int(number), {})[sub] = value
            for name, entries in list(record.items()):
                if isinstance(entries, dict):
                    record[name] = [entries[n] for n in sorted(entries)]
            people.append(eligibility.parse_applicant(record))
    return people


def _checked_alone(people: list[eligibility.Applicant]) -> int:
    credential = eligibility.credential("ca-pss")
    for person in people:
        eligibility.check(person, credential, as_of=AS_OF)
    return len(people)


def _decoded(path: Path) -> int:
    """``check_roster`` over the roster with ``check`` answering at once (one result for every
    row): the reading, the decoding of rows into applicants and the roster loop alone."""
    answer = eligibility.check({}, "ca-pss", as_of=AS_OF)
    names = vars(_roster)  # the name check_roster calls
    real = names["check"]
    names["check"] = lambda *args, **kwargs: answer
    try:
        return _checked(path)
    finally:
        names["check"] = real


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process, and by its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _seconds(
    fn: Callable[[], int], rows: int, cpu: list[tuple[float, float]] | None = None
) -> float:
    """Wall seconds of ``fn``; with ``cpu``, appends the CPU seconds per row of this process and
    of the worker processes."""
    before = _cpu()
    start = time.perf_counter()
    count = fn()
    seconds = time.perf_counter() - start
    after = _cpu()
    if count != rows:
        raise SystemExit(f"{count} rows of {rows} handled")
    if cpu is not None:
        cpu.append(((after[0] - before[0]) / rows, (after[1] - before[1]) / rows))
    return seconds


def _low_high(cpu: list[tuple[float, float]]) -> str:
    values = [c[0] * 1e6 for c in cpu]
    return f"(spread {min(values):.1f} to {max(values):.1f})"


def _spread(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"median {statistics.median(values):.2f}x (spread {low:.2f} to {high:.2f})"


def _throughput(rows: int, runs: int) -> None:
    with_jobs = "jobs" in inspect.signature(eligibility.check_roster).parameters
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    eligibility.check({}, "ca-pss", as_of=AS_OF)  # load the rules before timing
    ratios, speedups, rates = [], [], []
    cpu_base: list[tuple[float, float]] = []
    cpu_one: list[tuple[float, float]] = []
    cpu_alone: list[tuple[float, float]] = []
    cpu_decode: list[tuple[float, float]] = []
    cpu_two: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        make_roster(path, rows)
        people = _applicants(path)
        _checked(path)  # warm up: the column plan, the compiled tree
        for run in range(1, runs + 1):
            if cores:
                os.sched_setaffinity(0, {min(cores)})  # one core
            base = _seconds(lambda: _baseline(path), rows, cpu_base)
            one = _seconds(lambda: _checked(path), rows, cpu_one)
            _seconds(lambda: _checked_alone(people), rows, cpu_alone)
            _seconds(lambda: _decoded(path), rows, cpu_decode)
            line = (
                f"run {run}: DictReader {rows / base:9,.0f} rows/s, check_roster "
                f"{rows / one:7,.0f}/s, ratio {one / base:5.1f}x"
            )
            ratios.append(one / base)
            rates.append(rows / one)
            if with_jobs:
                if cores:
                    os.sched_setaffinity(0, cores)
                two = _seconds(lambda: _checked(path, jobs=2), rows, cpu_two)
                speedups.append(one / two)
                line += f"; 2 jobs {rows / two:7,.0f}/s, speed-up {one / two:.2f}x"
            print(line, flush=True)
    print(f"roster of {rows:,} applicants (ca-pss), {runs} runs, load {os.getloadavg()[0]:.1f}")
    print(f"check_roster / csv.DictReader, one core: {_spread(ratios)}")
    low, high = min(rates), max(rates)
    print(
        f"applicants/s, one core: median {statistics.median(rates):,.0f} "
        f"(spread {low:,.0f} to {high:,.0f})"
    )
    one_cpu = statistics.median(c[0] for c in cpu_one) * 1e6
    print(f"CPU per row, one process: median {one_cpu:.1f} µs", _low_high(cpu_one))
    decode = [c[0] for c in cpu_decode]
    alone = [c[0] for c in cpu_alone]
    rest = [one[0] - d - a for one, d, a in zip(cpu_one, decode, alone, strict=True)]
    print(
        "  reading and decoding rows into applicants, and the roster loop (check_roster with "
        f"check() answering at once): median {statistics.median(decode) * 1e6:.1f} µs",
        _low_high(cpu_decode),
    )
    print(
        "  checking (check() alone, on the same applicants read beforehand): median "
        f"{statistics.median(alone) * 1e6:.1f} µs",
        _low_high(cpu_alone),
    )
    print(
        "  the remainder (the two interleaved cost more than each alone: caches): median "
        f"{statistics.median(rest) * 1e6:.1f} µs",
        _low_high([(r, 0.0) for r in rest]),
    )
    print(
        f"  csv.DictReader for comparison: median "
        f"{statistics.median(c[0] for c in cpu_base) * 1e6:.1f} µs",
        _low_high(cpu_base),
    )
    if speedups:
        print(f"2 jobs / 1 job ({os.cpu_count()} cores): {_spread(speedups)}")
        parent = statistics.median(c[0] for c in cpu_two) * 1e6
        workers = statistics.median(c[1] for c in cpu_two) * 1e6
        print(
            f"CPU per row, 2 jobs: median {parent:.0f} µs in the parent, {workers:.0f} µs in the "
            f"workers; on 2 idle cores at best {one_cpu / max(parent, (parent + workers) / 2):.2f}x"
        )


_CHILD = """
import resource, sys
from peer_competencies import _cli
code = _cli.main(sys.argv[1:])
self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(self, workers, code, file=sys.stderr)
"""


def _memory() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for rows in (10_000, 100_000):
            path = Path(folder) / f"roster-{rows}.csv"
            make_roster(path, rows)
            for jobs in (1, 2):
                argv = ["eligibility", "roster", str(path), "--credential", "ca-pss"]
                argv += ["--as-of", AS_OF.isoformat(), "-o", os.devnull, "--jobs", str(jobs)]
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-c", _CHILD, *argv],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                seconds = time.perf_counter() - start
                own, workers, code = done.stderr.split()[-3:]
                print(
                    f"{rows:>7,} rows, {jobs} job{'s' if jobs > 1 else ''}: peak RSS "
                    f"{int(own) / 1024:6.1f} MB (largest worker {int(workers) / 1024:.1f} MB), "
                    f"{seconds:5.1f} s, exit {code}",
                    flush=True,
                )


def main(argv: list[str]) -> None:
    """Time the roster against its baseline (or measure memory), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args(argv)
    if args.memory:
        _memory()
    else:
        _throughput(args.rows, max(3, args.runs))


if __name__ == "__main__":
    main(sys.argv[1:])
