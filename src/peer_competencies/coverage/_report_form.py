"""The CalMHSA curriculum crosswalk form, as CSV and as Markdown."""

from __future__ import annotations

import io

from .._markup import csv_writer
from ._report_words import _S, _cell, _measures, _status_text, module_entries
from ._result import CompetencyCoverage, CoverageReport

__all__ = ["to_calmhsa_csv", "to_calmhsa_markdown"]


def _form_hours(row: CompetencyCoverage) -> str:
    if row.hours is not None:
        return f"{row.hours:g}"
    missing = ", ".join(row.hours_not_stated)
    if row.stated_hours > 0:
        return f"at least {row.stated_hours:g} ({missing}: not stated)"
    return "not stated"


_FORM_HEADER = [
    "competency",
    "core competency",
    "status",
    "training hours",
    "modules",
    "measure of competency",
]


def _form_status(row: CompetencyCoverage) -> str:
    if row.status is _S.HINTED:
        return "hinted only (not counted)"
    text = _status_text(row)
    if row.status.covered and row.through_crosswalk:
        text += " (through the crosswalk)"
    return text


def _form_rows(report: CoverageReport) -> list[list[str]]:
    return [
        [
            row.item.code,
            row.item.text,
            _form_status(row),
            _form_hours(row),
            "; ".join(module_entries(report, row)),
            "; ".join(_measures(row)),
        ]
        for row in report.competencies
    ]


def to_calmhsa_csv(report: CoverageReport) -> str:
    """The CalMHSA curriculum crosswalk form: one row per competency with its status (marking a
    competency covered whose rule is not met), hours, the modules by id and title (marking
    crosswalk and part credit, and hints) and the measure of competency."""
    out = io.StringIO()
    writer = csv_writer(out)  # formulas neutralised
    writer.writerow(_FORM_HEADER)
    writer.writerows(_form_rows(report))
    return out.getvalue()


def to_calmhsa_markdown(report: CoverageReport) -> str:
    """The CalMHSA curriculum crosswalk form as a Markdown table."""
    lines = [
        f"# Curriculum crosswalk: {_cell(report.syllabus.program.title)}",
        "",
        "| " + " | ".join(_FORM_HEADER) + " |",
        "|---|---|---|---:|---|---|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in _form_rows(report)]
    return "\n".join(lines) + "\n"
