"""The coverage report as Markdown."""

from __future__ import annotations

from ._report_words import (
    _MARK,
    _TALLY,
    LEGEND,
    _cell,
    _hours_cell,
    _how,
    _measures,
    _status_text,
    _tally_rows,
    module_entries,
    summary,
    total_text,
)
from ._result import CoverageReport

__all__ = ["to_markdown"]


def to_markdown(report: CoverageReport) -> str:
    """The report as a Markdown document."""
    lines = [
        f"# Coverage of `{report.framework.id}` by {_cell(report.syllabus.program.title)}",
        "",
        f"{summary(report)}; {_cell(total_text(report))}.",
        "",
    ]
    if report.requirement is not None:
        check = report.requirement
        lines += [f"**{_cell(check.requirement.title)}: {check.verdict.value}.**", ""]
        lines += [f"- {_cell(r)}" for r in check.reasons]
        lines += [f"- cannot be judged: {_cell(r)}" for r in check.unknown]
        lines.append("")
    lines += [
        "| | competency | status | hours | how | modules | measures |",
        "|---|---|---|---:|---|---|---|",
    ]
    for row in report.competencies:
        lines.append(
            f"| {_MARK[row.status]} | `{row.item.id}` {_cell(row.item.text)} | "
            f"{_cell(_status_text(row))} | {_hours_cell(row)} | {_how(row)} | "
            f"{_cell('; '.join(module_entries(report, row)))} | "
            f"{_cell('; '.join(_measures(row)))} |"
        )
    lines += ["", LEGEND, "", "## By category", ""]
    lines += [
        "| category | " + " | ".join(_TALLY) + " |",
        "|---|" + "---:|" * len(_TALLY),
    ]
    lines += [
        f"| {_cell(name)} | " + " | ".join(str(c) for c in counts) + " |"
        for name, counts in _tally_rows(report)
    ]
    if report.unmapped_modules:
        lines += [
            "",
            "## Suggestions for modules with no competency ids",
            "",
            "Suggestions are not counted as coverage until accepted.",
            "",
        ]
        for module in report.unmapped_modules:
            lines.append(f"- **{_cell(module.id)}** {_cell(module.title)}")
            found = report.suggestions.get(module.id, ())
            if not found:
                lines.append("    - no confident suggestion")
            for s in found:
                words = ", ".join(dict.fromkeys(w for e in s.evidence for w in e.words))
                lines.append(
                    f"    - `{s.item.id}` {_cell(s.item.text)} (score {s.score:.2f}; "
                    f"matched: {_cell(words)})"
                )
    return "\n".join(lines) + "\n"
