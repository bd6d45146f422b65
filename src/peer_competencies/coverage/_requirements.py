"""Curriculum requirements of a framework, as data (``data/requirements/<framework>.json``), and
the check of a coverage report against them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import attrs

from .._enum import TextEnum
from .._model import Citation
from .._resources import Table
from .._structure import strict_converter, structure
from ._syllabus import beyond

if TYPE_CHECKING:
    from ._result import CompetencyCoverage, CoverageReport

__all__ = [
    "CurriculumCheck",
    "CurriculumRequirement",
    "CurriculumVerdict",
    "Rule",
    "check_requirement",
    "curriculum_requirement",
    "requirements_with_form",
]


@attrs.frozen
class Rule:
    """One sentence of the requirement and where it comes from."""

    rule: str
    citation: Citation


@attrs.frozen
class CurriculumRequirement:
    """What a curriculum must show for a framework (e.g. CalMHSA's curriculum crosswalk)."""

    format: int
    framework: str
    title: str
    rules: tuple[Rule, ...]
    every_competency_covered: bool = False
    hours_for_each: bool = False
    measure_for_each: bool = False
    total_hours_at_least: float | None = None
    form_formats: tuple[str, ...] = ()
    """The report formats that fill in this requirement's own form (CalMHSA's curriculum
    crosswalk form: ``calmhsa``, ``calmhsa-md``): only a report on this framework has them."""


class CurriculumVerdict(TextEnum):
    """Whether a syllabus meets a curriculum requirement: met, not met, or cannot be judged
    (nothing found unmet, but a figure the requirement needs is not stated)."""

    MET = "met"
    NOT_MET = "not met"
    CANNOT_BE_JUDGED = "cannot be judged"


@attrs.frozen
class CurriculumCheck:
    """The outcome: the verdict, every reason it is not met (``reasons``), and everything that
    cannot be judged for want of a stated figure (``unknown``)."""

    requirement: CurriculumRequirement
    verdict: CurriculumVerdict
    reasons: tuple[str, ...]
    unknown: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        """True only when the requirement is judged met (False when not met, and when it
        cannot be judged: see :attr:`verdict`)."""
        return self.verdict is CurriculumVerdict.MET


def _parse_requirement(raw: bytes, file: str, framework: str) -> CurriculumRequirement:
    return structure(
        strict_converter(),
        json.loads(raw),
        CurriculumRequirement,
        file,
        fix="see docs/coverage.md",
    )


_REQUIREMENTS = Table("requirements", _parse_requirement)


def curriculum_requirement(framework: str) -> CurriculumRequirement | None:
    """The shipped curriculum requirement of ``framework``, or None when it has none."""
    return _REQUIREMENTS.get(framework)


def requirements_with_form(format: str) -> tuple[CurriculumRequirement, ...]:
    """The shipped requirements whose own form report format ``format`` fills in (none: the
    format is no requirement's form, a report on any framework may use it)."""
    return tuple(r for r in _REQUIREMENTS.all() if format in r.form_formats)


def _hours(hours: float) -> str:
    return f"{hours:g} hour{'' if hours == 1 else 's'}"


def competency_findings(
    req: CurriculumRequirement, row: CompetencyCoverage
) -> tuple[list[str], list[str]]:
    """What the requirement finds unmet for one competency, and what it cannot judge."""
    unmet: list[str] = []
    unknown: list[str] = []
    if req.every_competency_covered and not row.status.covered:
        unmet.append(row.status.value)
    if req.hours_for_each:
        if row.stated_hours > 0:
            pass  # some stated hours: it has training hours, whatever the others are
        elif row.hours is None:
            unknown.append(f"training hours not stated ({', '.join(row.hours_not_stated)})")
        else:
            unmet.append("no training hours")
    if req.measure_for_each and not row.all_measures:
        unmet.append("no measure of competency")
    return unmet, unknown


def _total_findings(
    req: CurriculumRequirement, report: CoverageReport
) -> tuple[list[str], list[str]]:
    least = req.total_hours_at_least
    if least is None:
        return [], []
    total = report.total_hours
    syllabus = report.syllabus
    if total is None:
        floor = syllabus.module_hours
        # exact sums of fractions (17 modules of 80/17 hours) may fall a rounding error short
        if not beyond(least, floor):
            return [], []  # the stated hours alone make the total
        stating = syllabus.modules_stating_hours
        stated = (
            f"{stating} of {len(syllabus.modules)} modules state theirs, {_hours(floor)} "
            "between them"
            if stating
            else "no module states its hours"
        )
        return [], [
            f"total hours not stated ({stated}, and the programme states no total): "
            f"whether it has the {_hours(least)} required cannot be judged"
        ]
    if beyond(least, total):
        more = least - total
        return [
            f"the syllabus has {_hours(total)}, {least:g} required: "
            f"{more:g} more hour{'' if more == 1 else 's'} needed"
        ], []
    return [], []


def check_requirement(report: CoverageReport) -> CurriculumCheck | None:
    """Check ``report`` against its framework's requirement (None when there is none)."""
    req = curriculum_requirement(report.framework.id)
    if req is None:
        return None
    reasons: list[str] = []
    unknown: list[str] = []
    for row in report.competencies:
        unmet, unjudged = competency_findings(req, row)
        name = f"{row.item.id} ({row.item.text})"
        if unmet:
            reasons.append(f"{name}: {'; '.join(unmet)}")
        if unjudged:
            unknown.append(f"{name}: {'; '.join(unjudged)}")
    total_unmet, total_unknown = _total_findings(req, report)
    reasons += total_unmet
    unknown += total_unknown
    verdict = (
        CurriculumVerdict.NOT_MET
        if reasons
        else CurriculumVerdict.CANNOT_BE_JUDGED
        if unknown
        else CurriculumVerdict.MET
    )
    return CurriculumCheck(req, verdict, tuple(reasons), tuple(unknown))
