"""Checking alone: ``check`` per applicant, the applicants built once, against a plain walk.

Two workloads, each timed in ``--runs`` interleaved runs (at least 3) of this process's CPU:

- ``ca-pss``: the rows ``bench_roster.py`` generates (2,000 by default), read into
  :class:`Applicant` objects once; each run checks every one against ``ca-pss``;
- ``every credential``: 200 generated applicants with records of every kind (trainings,
  exams, work, certifications, letters …, names from the vocabulary, some facts missing),
  each checked against the first pathway of every shipped credential.

The baseline, taking turns with each measurement, is a plain-Python walk over the same
applicants' records as JSON gives them (``dict``s and ``list``s): every field and every field
of every list entry visited once, the hours summed (20 walks a sample, so that it is long
enough to time). Prints each workload's microseconds per
check and the ratio to the baseline's time per applicant, with the median and spread (lowest
to highest) of the per-run ratios.

Run with ``python benchmarks/bench_check.py [--rows N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _timing import interleaved
from bench_roster import make_roster

from peer_competencies import eligibility

AS_OF = dt.date(2026, 6, 1)


def _date(rng: random.Random, first: int = 2015) -> str:
    """A day from 1 January of ``first`` to the check date."""
    start = dt.date(first, 1, 1)
    return (start + dt.timedelta(days=rng.randrange((AS_OF - start).days + 1))).isoformat()


def applicant_data(rng: random.Random, n: int) -> dict[str, Any]:
    """One generated applicant as JSON gives it: every kind of record, names from the
    vocabulary (now and then one it does not know), about one fact in ten left out."""
    vocab = eligibility.vocabulary()
    topics, exams, creds = list(vocab.topics), list(vocab.exams), list(vocab.credentials)
    states = ["CA", "GA", "TX", "WA", "NY", "OH", "ZZ"]

    def some(make: Callable[[], dict[str, Any]], most: int) -> list[dict[str, Any]]:
        return [make() for _ in range(rng.randint(0, most))]

    def thin(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if rng.random() > 0.1}

    def yes() -> bool:
        return rng.random() > 0.3

    data: dict[str, Any] = {
        "id": f"A-{n:05d}",
        "date_of_birth": (
            dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20_000))
        ).isoformat(),
        "education": rng.choice(["none", "ged", "high-school", "associate", "bachelor"]),
        "lived_experience": rng.choice(["self", "family", "none"]),
        "years_in_recovery": rng.choice([0.5, 1, 2, 3.5, 10]),
        "willing_to_share": yes(),
        "dedicated_to_recovery": yes(),
        "background_check_cleared": yes(),
        "registry_check_cleared": yes(),
        "guardian_of_youth_in_services": yes(),
        "code_of_ethics_signed": _date(rng, 2020),
        "residence_jurisdiction": rng.choice(states),
        "work_jurisdiction": rng.choice(states),
        "applying_in": rng.choice(states),
        "supervision_hours": rng.choice([0, 10, 25, 100]),
        "trainings": some(
            lambda: thin(
                {
                    "topic": rng.choice([*topics, "knitting"]),
                    "hours": rng.choice([2, 6, 20, 40, 60, 80]),
                    "date": _date(rng),
                    "approved": yes(),
                    "face_to_face": yes(),
                }
            ),
            6,
        ),
        "exams": some(
            lambda: thin(
                {
                    "exam": rng.choice([*exams, "bar exam"]),
                    "passed": yes(),
                    "score": rng.choice([55, 70, 85]),
                    "date": _date(rng, 2018),
                }
            ),
            3,
        ),
        "work_experience": some(
            lambda: thin(
                {
                    "peer_role": yes(),
                    "hours": rng.choice([200, 500, 1000, 2000]),
                    "start": _date(rng, 2012),
                    "end": _date(rng, 2016),
                    "supervised": yes(),
                    "verified": yes(),
                }
            ),
            3,
        ),
        "continuing_education": some(
            lambda: thin(
                {
                    "topic": rng.choice(topics),
                    "hours": rng.choice([1, 3, 6, 10]),
                    "date": _date(rng, 2022),
                    "peer_specific": yes(),
                }
            ),
            5,
        ),
        "certifications": some(
            lambda: thin(
                {
                    "credential": rng.choice(creds),
                    "jurisdiction": rng.choice(states[:-1]),
                    "issued_on": _date(rng, 2016),
                    "expires_on": _date(rng, 2022),
                    "discipline_pending": rng.random() < 0.1,
                }
            ),
            2,
        ),
        "recommendation_letters": some(
            lambda: thin(
                {
                    "kind": rng.choice(["supervisor", "colleague", "self", "other"]),
                    "on_letterhead": yes(),
                    "date": _date(rng, 2024),
                }
            ),
            3,
        ),
        "college_credits": some(
            lambda: thin({"hours": rng.choice([3, 12, 30]), "date": _date(rng, 2010)}), 2
        ),
    }
    return {k: v for k, v in data.items() if k == "id" or rng.random() > 0.08}


def plain_walk(records: list[dict[str, Any]]) -> float:
    """The baseline: every field of every record, and of every entry of its lists, visited;
    the hours added up."""
    hours = 0.0
    for record in records:
        for value in record.values():
            if isinstance(value, list):
                for entry in value:
                    for key, item in entry.items():
                        if key == "hours" and item is not None:
                            hours += item
    return hours


def _roster_applicants(rows: int) -> tuple[list[eligibility.Applicant], list[dict[str, Any]]]:
    """The rows of ``bench_roster.py``'s roster as applicants, and as JSON-like records."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        make_roster(path, rows)
        people = [_nested(row.cells) for row in eligibility.read_roster(path)]
    return [eligibility.parse_applicant(d) for d in people], people


_BOOLS = {"yes": True, "no": False}


def _nested(cells: Any) -> dict[str, Any]:
    """A roster row's cells as JSON would give the applicant (``trainings.1.topic`` → a list)."""
    data: dict[str, Any] = {}
    lists: dict[str, dict[int, dict[str, Any]]] = {}
    for column, cell in cells.items():
        if not cell:
            continue
        value: Any = _BOOLS.get(cell, cell)
        if column.endswith("hours"):
            value = float(cell)
        if "." in column:
            name, number, sub = column.split(".")
            lists.setdefault(name, {}).setdefault(int(number), {})[sub] = value
        else:
            data[column] = value
    for name, entries in lists.items():
        data[name] = [entries[k] for k in sorted(entries)]
    return data


_WALKS = 20
"""Plain walks per baseline sample."""


def _measure(
    name: str,
    checks: Callable[[], object],
    count: int,
    walk: Callable[[], object],
    people: int,
    runs: int,
) -> None:
    def walks() -> None:  # long enough to time well: about a fifth of the checks' time
        for _ in range(_WALKS):
            walk()

    base, ours = interleaved(walks, checks, runs)
    base = [b / _WALKS for b in base]
    per_check = [o / count * 1e6 for o in ours]
    per_walk = [b / people * 1e6 for b in base]
    ratios = [(o / count) / (b / people) for o, b in zip(ours, base, strict=True)]
    print(
        f"{name}: check {statistics.median(per_check):.1f} µs per applicant "
        f"(spread {min(per_check):.1f} to {max(per_check):.1f}); plain walk "
        f"{statistics.median(per_walk):.2f} µs; ratio median {statistics.median(ratios):.1f}x "
        f"(spread {min(ratios):.1f} to {max(ratios):.1f}), {runs} runs"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="ca-pss applicants (2,000)")
    parser.add_argument("--people", type=int, default=200, help="applicants per credential")
    parser.add_argument("--runs", type=int, default=5, help="runs (at least 3)")
    args = parser.parse_args(argv)
    runs = max(3, args.runs)

    applicants, records = _roster_applicants(args.rows)
    ca_pss = eligibility.credential("ca-pss")
    eligibility.check(applicants[0], ca_pss, as_of=AS_OF)  # rules loaded and compiled first

    def check_ca_pss() -> None:
        for a in applicants:
            eligibility.check(a, ca_pss, as_of=AS_OF)

    _measure(
        f"ca-pss, {len(applicants):,} roster rows",
        check_ca_pss,
        len(applicants),
        lambda: plain_walk(records),
        len(records),
        runs,
    )

    rng = random.Random(13)
    data = [applicant_data(rng, n) for n in range(args.people)]
    people = [eligibility.parse_applicant(d) for d in data]
    credentials = eligibility.credentials()
    for cred in credentials:
        eligibility.check(people[0], cred, as_of=AS_OF)

    def check_every() -> None:
        for cred in credentials:
            for a in people:
                eligibility.check(a, cred, as_of=AS_OF)

    _measure(
        f"every credential ({len(credentials)}), {len(people)} applicants each",
        check_every,
        len(people) * len(credentials),
        lambda: plain_walk(data),
        len(data),
        runs,
    )


if __name__ == "__main__":
    main()
