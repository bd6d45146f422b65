"""The coverage report as a table for a terminal."""

from __future__ import annotations

import textwrap

from .._terminal import clip
from ._report_words import (
    _MARK,
    _TALLY,
    LEGEND,
    _category_name,
    _hours_cell,
    _how,
    _short,
    summary,
    total_text,
)
from ._result import CoverageReport

__all__ = ["to_table"]


def _verdict(report: CoverageReport) -> list[str]:
    check = report.requirement
    if check is None:
        return []
    head = f"{check.requirement.title}: {check.verdict.value.upper()}"
    return (
        [head]
        + [f"  - {reason}" for reason in check.reasons]
        + [f"  - cannot be judged: {reason}" for reason in check.unknown]
    )


def to_table(report: CoverageReport) -> str:
    """A plain-text table, at most 80 columns wide."""
    fw = report.framework
    lines = [
        f"Coverage of {fw.id} ({len(report.competencies)} competencies) by "
        f"{report.syllabus.program.title}"[:80],
        *textwrap.wrap(summary(report), 80, subsequent_indent="  "),
        *textwrap.wrap(total_text(report), 80, subsequent_indent="  "),
        "",
        f"{'':2}{'competency':<34} {'hours':>10}  {'how':<9} {'modules':<20}",
    ]
    for row in report.competencies:
        name = f"{row.item.code} {row.item.text}"
        modules = ", ".join(row.modules or row.hinted_by)
        lines.append(
            f"{_MARK[row.status]} {_short(name, 34):<34} "
            f"{_hours_cell(row):>10}  {_how(row):<9} "
            f"{_short(modules, 20) if modules else '-':<20}"
        )
    lines += ["", *textwrap.wrap(LEGEND, 80)]
    tallies = report.by_category()
    lines += ["", f"{'By category':<29}" + "".join(f"{h:>10}" for h in _TALLY)]
    for tally in tallies:
        counts = (tally.direct, tally.crosswalk, tally.partly, tally.hinted, tally.missing)
        lines.append(
            f"{_short(_category_name(tally), 29):<29}" + "".join(f"{c:>10}" for c in counts)
        )
    if report.unmapped_modules:
        lines += ["", "Modules with no competency ids (suggestions, not counted):"]
        for module in report.unmapped_modules:
            lines.append(_short(f"  {module.id} {module.title}", 80))
            found = report.suggestions.get(module.id, ())
            if not found:
                lines.append("    (no confident suggestion)")
            for s in found:
                lines.append(clip(f"    → {s.item.id} ({s.score:.2f}) {s.item.text}"))
    if report.uncredited:
        lines += ["", "Ids that credit nothing in this framework (at most a hint):"]
        for module_id, item in report.uncredited:
            hinted = _hinted(report, module_id, item)
            note = f" (hints at {hinted})" if hinted else ""
            lines.append(clip(f"  {module_id}: {item}{note}"))
    verdict = _verdict(report)
    if verdict:
        lines.append("")
        for line in verdict:
            lines += textwrap.wrap(line, 80, subsequent_indent="    ")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _hinted(report: CoverageReport, module: str, listed: str) -> str:
    """The codes of the competencies a listed id only hints at."""
    return ", ".join(
        row.item.code
        for row in report.competencies
        if any(c.module_id == module and c.listed_id == listed for c in row.hints)
    )
