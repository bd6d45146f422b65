"""The eligibility cases of ``tests/cases/eligibility/*.yaml``, read once, and record builders.

Each YAML file holds the cases of one credential (see the README.md beside them); the cases are
run by ``test_case`` in ``test_eligibility_cases.py``. Other tests start from a case's applicant
(``applicant_of``) and change one fact with the builders below.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import yaml

from peer_competencies import eligibility as el

CASES_DIR = Path(__file__).parent / "cases" / "eligibility"

Data = dict[str, Any]


@attrs.frozen
class Case:
    """One applicant → expected outcome, with the requirement the case turns on."""

    name: str
    credential: str
    applicant: Data
    as_of: dt.date
    outcome: el.Outcome
    pathway: str | None = None
    requirement: str | None = None  # the requirement the case turns on
    status: el.Status | None = None  # its expected status
    reason: str | None = None  # a piece of that requirement's reason
    unverified: str | None = None  # a piece of the reason of an unverified rule the result needs
    note: str | None = None  # a piece of one of the credential's notes
    file: str = ""


CASE_KEYS = {"name", "credential", "pathway", "as_of", "applicant", "expected"}
EXPECTED_KEYS = {"outcome", "requirement", "status", "reason", "unverified", "note"}


def _case(entry: Data, file: Path) -> Case:
    place = f"{file.name}: {entry.get('name')!r}"
    assert set(entry) <= CASE_KEYS, (place, set(entry) - CASE_KEYS)
    expected = entry["expected"]
    assert set(expected) <= EXPECTED_KEYS, (place, set(expected) - EXPECTED_KEYS)
    assert entry["credential"] == file.stem, place
    assert isinstance(entry["as_of"], dt.date), place
    assert ("requirement" in expected) == ("status" in expected), place
    assert "reason" not in expected or "requirement" in expected, place
    status = expected.get("status")
    return Case(
        name=entry["name"],
        credential=entry["credential"],
        applicant=entry["applicant"],
        as_of=entry["as_of"],
        outcome=el.Outcome(expected["outcome"]),
        pathway=entry.get("pathway"),
        requirement=expected.get("requirement"),
        status=None if status is None else el.Status(status),
        reason=expected.get("reason"),
        unverified=expected.get("unverified"),
        note=expected.get("note"),
        file=file.name,
    )


def _read_cases() -> tuple[Case, ...]:
    cases: list[Case] = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        entries = yaml.safe_load(file.read_text(encoding="utf-8"))
        cases.extend(_case(entry, file) for entry in entries)
    names = [case.name for case in cases]
    repeated = sorted({name for name in names if names.count(name) > 1})
    assert not repeated, f"a case name is a test id and must be unique: {repeated}"
    return tuple(cases)


CASES = _read_cases()
_BY_NAME = {case.name: case for case in CASES}


def applicant_of(name: str) -> Data:
    """A fresh copy of the applicant of the case named ``name``."""
    return copy.deepcopy(_BY_NAME[name].applicant)


def with_(base: Data, **changes: Any) -> Data:
    """A copy of ``base`` with some top-level fields replaced (None removes the field)."""
    data = dict(base)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def training(
    topic: str | None, hours: float | None, date: str | None = "2024-10-01", **kw: Any
) -> Data:
    data: Data = {"topic": topic, "hours": hours, "date": date, **kw}
    return {k: v for k, v in data.items() if v is not None}


def ce(topic: str, hours: float, date: str = "2025-06-01", **kw: Any) -> Data:
    return {"topic": topic, "hours": hours, "date": date, **kw}


def work(
    hours: float | None, start: str = "2023-01-01", end: str = "2025-12-31", **kw: Any
) -> Data:
    return {"peer_role": True, "hours": hours, "start": start, "end": end, **kw}


def passed(exam: str, date: str = "2025-02-01", **kw: Any) -> Data:
    return {"exam": exam, "passed": True, "date": date, **kw}
