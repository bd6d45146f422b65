"""Curriculum requirements of a framework, as data (``data/requirements/<framework>.json``), and
the check of a coverage report against them."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

import attrs

from .._model import Citation
from .._structure import strict_converter, structure
from ._syllabus import beyond

if TYPE_CHECKING:
    from ._coverage import CoverageReport

__all__ = ["Requirement", "RequirementCheck", "Rule", "check_requirement", "requirement"]


@attrs.frozen
class Rule:
    """One sentence of the requirement and where it comes from."""

    rule: str
    citation: Citation


@attrs.frozen
class Requirement:
    """What a curriculum must show for a framework (e.g. CalMHSA's curriculum crosswalk)."""

    format: int
    framework: str
    title: str
    rules: tuple[Rule, ...]
    every_competency_covered: bool = False
    hours_for_each: bool = False
    measure_for_each: bool = False
    total_hours_at_least: float | None = None


@attrs.frozen
class RequirementCheck:
    """The outcome: met or not, and every reason it is not."""

    requirement: Requirement
    met: bool
    reasons: tuple[str, ...]


@cache
def requirement(framework: str) -> Requirement | None:
    """The shipped curriculum requirement of ``framework``, or None when it has none."""
    from .._resources import data_folder

    resource = data_folder("requirements", f"{framework}.json")
    if not resource.is_file():
        return None
    file = f"peer_competencies/data/requirements/{framework}.json"
    return structure(
        strict_converter(),
        json.loads(resource.read_bytes()),
        Requirement,
        file,
        fix="see docs/coverage.md",
    )


def check_requirement(report: CoverageReport) -> RequirementCheck | None:
    """Check ``report`` against its framework's requirement (None when there is none)."""
    from ._coverage import Status

    req = requirement(report.framework.id)
    if req is None:
        return None
    reasons: list[str] = []
    for row in report.competencies:
        problems = []
        if req.every_competency_covered and row.status is not Status.COVERED:
            problems.append(row.status.value)
        if req.hours_for_each and row.hours <= 0:
            problems.append("no training hours")
        if req.measure_for_each and not row.measures:
            problems.append("no measure of competency")
        if problems:
            reasons.append(f"{row.item.id} ({row.item.text}): {'; '.join(problems)}")
    least = req.total_hours_at_least
    # exact sums of fractions (17 modules of 80/17 hours) may fall a rounding error short
    if least is not None and beyond(least, report.total_hours):
        reasons.append(
            f"the syllabus has {report.total_hours:g} hours, "
            f"{least:g} required: {least - report.total_hours:g} more needed"
        )
    return RequirementCheck(req, not reasons, tuple(reasons))
