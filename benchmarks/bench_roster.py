"""Roster throughput: applicants checked per second, against ``csv.DictReader`` in the same run.

Generates a CSV roster (10,000 rows by default, fixed seed), then, in each of ``--runs`` runs
(at least 3), times one after the other:

- the baseline: reading every row with ``csv.DictReader`` and nothing more;
- ``check_roster(read_roster(path), "ca-pss")`` in this process, pinned to one core: reading,
  structuring and checking every row;
- ``check`` alone over the same applicants, read beforehand (untimed), on one core;
- ``check_roster`` again with ``check`` answering at once: reading and decoding alone;
- ``check_roster`` again, its results written as CSV to nowhere (``write_results``, as the
  command line writes them): every result's reasons and steps read, which ``check`` may leave
  to be worked out when first read;
- both ``check_roster`` runs with ``jobs=2`` (both cores), where the package has ``jobs``.

Prints each run's ratios (check / baseline time) and the speed-ups of 2 jobs over 1, then their
medians and spreads (lowest to highest), and where a row's CPU time goes: reading the file,
decoding each row into an applicant and the roster loop; checking (``check`` alone); what the
two cost more when interleaved than each alone; and the reasons, steps and writing.
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


def _checked(path: Path, jobs: int = 1, written: bool = False) -> int:
    """Check the roster; count the rows checked (each result's outcome read), or, ``written``,
    write the results as CSV to nowhere, as the command line writes them (every result's
    reasons and steps read) and count the rows written."""
    rows = eligibility.read_roster(path)
    results = (
        eligibility.check_roster(rows, "ca-pss", as_of=AS_OF, jobs=jobs)
        if jobs > 1
        else eligibility.check_roster(rows, "ca-pss", as_of=AS_OF)  # as versions before jobs
    )
    if written:
        with open(os.devnull, "w", encoding="utf-8") as stream:
            return sum(eligibility.write_results(results, stream).values())
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


def _figures(label: str, seconds: list[float], cpu: list[tuple[float, float]], rows: int) -> None:
    rates = [rows / t for t in seconds]
    print(
        f"{label}: applicants/s median {statistics.median(rates):,.0f} (spread "
        f"{min(rates):,.0f} to {max(rates):,.0f}); CPU per row median "
        f"{statistics.median(c[0] for c in cpu) * 1e6:.1f} µs",
        _low_high(cpu),
    )


def _throughput(rows: int, runs: int) -> None:
    with_jobs = "jobs" in inspect.signature(eligibility.check_roster).parameters
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    eligibility.check({}, "ca-pss", as_of=AS_OF)  # load the rules before timing
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[tuple[float, float]]] = {}

    def timed(name: str, fn: Callable[[], int]) -> float:
        seconds = _seconds(fn, rows, cpu.setdefault(name, []))
        times.setdefault(name, []).append(seconds)
        return seconds

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        make_roster(path, rows)
        people = _applicants(path)
        _checked(path, written=True)  # warm up: the column plan, the compiled tree
        for run in range(1, runs + 1):
            if cores:
                os.sched_setaffinity(0, {min(cores)})  # one core
            base = timed("base", lambda: _baseline(path))
            one = timed("one", lambda: _checked(path))
            timed("alone", lambda: _checked_alone(people))
            timed("decode", lambda: _decoded(path))
            one_written = timed("one written", lambda: _checked(path, written=True))
            line = (
                f"run {run}: DictReader {rows / base:9,.0f} rows/s, check_roster "
                f"{rows / one:7,.0f}/s ({one / base:5.1f}x), written {rows / one_written:7,.0f}/s "
                f"({one_written / base:5.1f}x)"
            )
            if with_jobs:
                if cores:
                    os.sched_setaffinity(0, cores)
                two = timed("two", lambda: _checked(path, jobs=2))
                two_written = timed("two written", lambda: _checked(path, 2, written=True))
                line += f"; 2 jobs {one / two:.2f}x, written {one_written / two_written:.2f}x"
            print(line, flush=True)

    def ratios(name: str, over: str) -> list[float]:
        return [a / b for a, b in zip(times[name], times[over], strict=True)]

    def median(name: str) -> float:
        return statistics.median(c[0] for c in cpu[name]) * 1e6

    print(f"roster of {rows:,} applicants (ca-pss), {runs} runs, load {os.getloadavg()[0]:.1f}")
    print(f"check_roster / csv.DictReader, one core: {_spread(ratios('one', 'base'))}")
    _figures("  each result's outcome read", times["one"], cpu["one"], rows)
    print(f"  reading, decoding rows into applicants, the roster loop: {median('decode'):.1f} µs")
    print(f"  checking (check() alone, on applicants read beforehand): {median('alone'):.1f} µs")
    rest = median("one") - median("decode") - median("alone")
    print(f"  the rest (the two interleaved cost more than each alone): {rest:.1f} µs")
    print(f"  csv.DictReader for comparison: {median('base'):.1f} µs", _low_high(cpu["base"]))
    print(
        "check_roster and write_results / csv.DictReader, one core: "
        f"{_spread(ratios('one written', 'base'))}"
    )
    _figures(
        "  written as CSV, every reason and step read",
        times["one written"],
        cpu["one written"],
        rows,
    )
    extra = median("one written") - median("one")
    print(f"  reasons, steps and writing, on top of the outcomes: {extra:.1f} µs")
    if with_jobs:
        count = os.cpu_count()
        print(f"2 jobs / 1 job ({count} cores), outcomes read: {_spread(ratios('one', 'two'))}")
        print(
            f"2 jobs / 1 job ({count} cores), written as CSV: "
            f"{_spread(ratios('one written', 'two written'))}"
        )
        for name in ("two", "two written"):
            parent = statistics.median(c[0] for c in cpu[name]) * 1e6
            workers = statistics.median(c[1] for c in cpu[name]) * 1e6
            alone = median(name.replace("two", "one"))
            best = alone / max(parent, (parent + workers) / 2)
            print(
                f"  CPU per row, {name.replace('two', '2 jobs')}: median {parent:.0f} µs in the "
                f"parent, {workers:.0f} µs in the workers; on 2 idle cores at best {best:.2f}x"
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
