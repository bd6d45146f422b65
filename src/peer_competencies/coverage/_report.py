"""Coverage reports: terminal table, JSON, Markdown, self-contained HTML, and the CalMHSA
curriculum crosswalk form (CSV and Markdown)."""

from __future__ import annotations

import csv
import html
import io
import json
import textwrap
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from .._errors import InputError
from .._markup import markdown_text
from .._structure import choose
from .._terminal import clip
from ._coverage import CompetencyCoverage, CoverageReport, Status

__all__ = ["REPORT_FORMATS", "render", "to_data"]

_MARK = {Status.COVERED: "✔", Status.PARTIAL: "◐", Status.MISSING: "✘"}


def _short(text: str, width: int) -> str:
    return clip(" ".join(text.split()), width)


def _how(row: CompetencyCoverage) -> str:
    if row.status is Status.MISSING:
        return ""
    return "crosswalk" if row.through_crosswalk else "direct"


def _hours_cell(row: CompetencyCoverage) -> str:
    """A competency's hours as a report shows them: the figure, "≥ n" when some crediting
    module states none, "not stated" when none states any (unknown is never 0)."""
    if row.hours is not None:
        return f"{row.hours:.1f}"
    if row.stated_hours > 0:
        return f"≥ {row.stated_hours:.1f}"
    return "not stated"


def _form_hours(row: CompetencyCoverage) -> str:
    if row.hours is not None:
        return f"{row.hours:g}"
    missing = ", ".join(row.hours_not_stated)
    if row.stated_hours > 0:
        return f"at least {row.stated_hours:g} ({missing}: not stated)"
    return "not stated"


def _measures(row: CompetencyCoverage) -> list[str]:
    """The measures of a competency, the programme-wide ones marked as such."""
    own = list(row.measures)
    return own + [f"{m} (programme-wide)" for m in row.programme_measures if m not in own]


def _plural(n: float, noun: str) -> str:
    return f"{n:g} {noun}{'' if n == 1 else 's'}"


def total_text(report: CoverageReport) -> str:
    """The syllabus's total hours and the level they come from, in words."""
    syllabus = report.syllabus
    n = len(syllabus.modules)
    k = syllabus.modules_stating_hours
    between = f"{_plural(syllabus.module_hours, 'hour')} between them"
    total = report.total_hours
    if report.hours_level == "programme" and total is not None:
        own = f"{k} of {n} modules state theirs, {between}" if k else "no module states its hours"
        return f"{_plural(total, 'hour')} (programme total; {own})"
    if report.hours_level == "modules" and total is not None:
        return f"{_plural(total, 'hour')} (all {n} modules state theirs)"
    if k:
        return (
            f"total hours not stated ({k} of {n} modules state theirs, {between}; "
            "no programme total)"
        )
    return "hours not stated (no module states its hours, and no programme total)"


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
        f"{report.count(Status.COVERED)} covered, {report.count(Status.PARTIAL)} partly, "
        f"{report.count(Status.MISSING)} missing: {report.percent_covered:.0f}% covered",
        *textwrap.wrap(total_text(report), 80, subsequent_indent="  "),
        "",
        f"{'':2}{'competency':<34} {'hours':>10}  {'how':<9} {'modules':<20}",
    ]
    for row in report.competencies:
        name = f"{row.item.code} {row.item.text}"
        modules = ", ".join(row.modules)
        lines.append(
            f"{_MARK[row.status]} {_short(name, 34):<34} "
            f"{_hours_cell(row):>10}  {_how(row):<9} "
            f"{_short(modules, 20) if modules else '-':<20}"
        )
    if report.unmapped_modules:
        lines += ["", "Modules with no competency ids (suggestions, not counted):"]
        for module in report.unmapped_modules:
            lines.append(_short(f"  {module.id} {module.title}", 80))
            for s in report.suggestions.get(module.id, ()):
                lines.append(clip(f"    → {s.item.id} ({s.score:.1f}) {s.item.text}"))
    if report.uncredited:
        lines += ["", "Ids that credit nothing in this framework:"]
        lines += [f"  {module}: {item}" for module, item in report.uncredited]
    verdict = _verdict(report)
    if verdict:
        lines.append("")
        for line in verdict:
            lines += textwrap.wrap(line, 80, subsequent_indent="    ")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _hours(hours: float | None) -> float | None:
    """Hours as a report gives them: to the ten-thousandth of an hour (the model keeps exact
    sums); None (JSON null) when not stated."""
    return None if hours is None else round(hours, 4)


def to_data(report: CoverageReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    check = report.requirement
    return {
        "framework": report.framework.id,
        "program": {
            "title": report.syllabus.program.title,
            "provider": report.syllabus.program.provider,
            "hours": _hours(report.syllabus.program.hours),
            "measures": list(report.syllabus.program.measures),
        },
        "source": report.syllabus.source,
        "via_crosswalk": report.via_crosswalk,
        "totals": {
            "competencies": len(report.competencies),
            "covered": report.count(Status.COVERED),
            "partly_covered": report.count(Status.PARTIAL),
            "missing": report.count(Status.MISSING),
            "percent_covered": round(report.percent_covered, 2),
            "hours": _hours(report.total_hours),
            "hours_level": report.hours_level,
            "modules": len(report.syllabus.modules),
            "modules_stating_hours": report.syllabus.modules_stating_hours,
            "module_hours": _hours(report.syllabus.module_hours),
            "credited_hours": _hours(report.credited_hours),
        },
        "competencies": [
            {
                "id": row.item.id,
                "text": row.item.text,
                "status": row.status.value,
                "hours": _hours(row.hours),
                "stated_hours": _hours(row.stated_hours),
                "hours_not_stated": list(row.hours_not_stated),
                "modules": list(row.modules),
                "measures": list(row.measures),
                "programme_measures": list(row.programme_measures),
                "direct": row.direct,
                "through_crosswalk": row.through_crosswalk,
                "credits": [
                    {
                        "module": c.module_id,
                        "listed_id": c.listed_id,
                        "via": c.via.value,
                        "full": c.full,
                        "hours": _hours(c.hours),
                        "confidence": c.confidence,
                        "predicate": c.predicate,
                        "path": list(c.path),
                    }
                    for c in row.credits
                ],
            }
            for row in report.competencies
        ],
        "unmapped_modules": [
            {
                "id": m.id,
                "title": m.title,
                "suggestions": [
                    {
                        "id": s.item.id,
                        "score": s.score,
                        "text": s.item.text,
                        "evidence": [{"id": e.item.id, "words": list(e.words)} for e in s.evidence],
                    }
                    for s in report.suggestions.get(m.id, ())
                ],
            }
            for m in report.unmapped_modules
        ],
        "uncredited_ids": [{"module": m, "id": i} for m, i in report.uncredited],
        "requirement": None
        if check is None
        else {
            "title": check.requirement.title,
            "verdict": check.verdict.value,
            "met": check.met,
            "reasons": list(check.reasons),
            "cannot_be_judged": list(check.unknown),
            "rules": [{"rule": r.rule, "url": r.citation.url} for r in check.requirement.rules],
        },
    }


def to_json(report: CoverageReport) -> str:
    """The report as JSON text."""
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"


_cell = markdown_text  # a syllabus's wording, shown as written inside Markdown


def to_markdown(report: CoverageReport) -> str:
    """The report as a Markdown document."""
    data = to_data(report)
    totals = data["totals"]
    lines = [
        f"# Coverage of `{report.framework.id}` by {_cell(report.syllabus.program.title)}",
        "",
        f"{totals['covered']} covered, {totals['partly_covered']} partly covered, "
        f"{totals['missing']} missing of {totals['competencies']} "
        f"({totals['percent_covered']:.0f}% covered); {total_text(report)}.",
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
            f"{row.status.value} | {_hours_cell(row)} | {_how(row)} | "
            f"{_cell(', '.join(row.modules))} | {_cell('; '.join(_measures(row)))} |"
        )
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
            for s in report.suggestions.get(module.id, ()):
                words = ", ".join(dict.fromkeys(w for e in s.evidence for w in e.words))
                lines.append(
                    f"    - `{s.item.id}` {_cell(s.item.text)} (score {s.score:.1f}; "
                    f"matched: {_cell(words)})"
                )
    return "\n".join(lines) + "\n"


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}tr.missing{background:#fde2e2}tr.partly{background:#fff4d6}
.met{color:#176317}.unmet{color:#a01010}svg text{font-size:11px}.bar{fill:#2f6fb0}
.bar.missing{fill:#c0392b}.bar.partly{fill:#d4a017}
"""


def _chart(report: CoverageReport) -> str:
    rows = report.competencies
    most = max((r.stated_hours for r in rows), default=0.0) or 1.0
    height, label, width = 18, 260, 380
    parts = [
        f'<svg role="img" aria-label="Hours per competency" width="{label + width + 60}" '
        f'height="{height * len(rows) + 10}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, row in enumerate(rows):
        y = n * height + 5
        css = {Status.COVERED: "bar", Status.PARTIAL: "bar partly", Status.MISSING: "bar missing"}[
            row.status
        ]
        name = html.escape(_short(f"{row.item.code} {row.item.text}", 42))
        bar = max(row.stated_hours / most * width, 2.0)
        hours = _hours_cell(row) + ("" if row.hours is None and not row.stated_hours else " h")
        parts.append(
            f'<text x="0" y="{y + 12}">{name}</text>'
            f'<rect class="{css}" x="{label}" y="{y}" width="{bar:.1f}" '
            f'height="{height - 4}"><title>{html.escape(hours)}</title></rect>'
            f'<text x="{label + bar + 4:.1f}" y="{y + 12}">{html.escape(hours)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: CoverageReport) -> str:
    """A self-contained HTML page: totals, the verdict, a chart of hours per competency with the
    gaps highlighted, the table, and the suggestions."""
    e = html.escape
    data = to_data(report)
    totals = data["totals"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Coverage of {e(report.framework.id)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Coverage of <code>{e(report.framework.id)}</code> by "
        f"{e(report.syllabus.program.title)}</h1>",
        f'<p id="totals">{totals["covered"]} covered, {totals["partly_covered"]} partly '
        f"covered, {totals['missing']} missing of {totals['competencies']} "
        f"({totals['percent_covered']:.0f}% covered); {e(total_text(report))}.</p>",
    ]
    if report.requirement is not None:
        check = report.requirement
        css = {"met": "met", "not met": "unmet"}.get(check.verdict.value, "unjudged")
        out.append(
            f'<p id="verdict" class="{css}"><strong>{e(check.requirement.title)}: '
            f"{e(check.verdict.value)}</strong></p>"
        )
        items = [e(r) for r in check.reasons] + [f"cannot be judged: {e(r)}" for r in check.unknown]
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    out += [
        "<h2>Hours per competency</h2>",
        _chart(report),
        "<h2>Competencies</h2>",
        "<table><thead><tr><th>competency</th><th>status</th><th>hours</th><th>how</th>"
        "<th>modules</th><th>measures</th></tr></thead><tbody>",
    ]
    for row in report.competencies:
        css = {Status.COVERED: "covered", Status.PARTIAL: "partly", Status.MISSING: "missing"}[
            row.status
        ]
        out.append(
            f'<tr class="{css}"><td><code>{e(row.item.id)}</code> {e(row.item.text)}</td>'
            f"<td>{e(row.status.value)}</td><td>{e(_hours_cell(row))}</td><td>{_how(row)}</td>"
            f"<td>{e(', '.join(row.modules))}</td><td>{e('; '.join(_measures(row)))}</td></tr>"
        )
    out.append("</tbody></table>")
    if report.unmapped_modules:
        out.append(
            "<h2>Suggestions for modules with no competency ids</h2>"
            "<p>Not counted as coverage until accepted.</p><ul>"
        )
        for module in report.unmapped_modules:
            entries = "".join(
                f"<li><code>{e(s.item.id)}</code> {e(s.item.text)} (score {s.score:.1f})</li>"
                for s in report.suggestions.get(module.id, ())
            )
            out.append(
                f"<li><strong>{e(module.id)}</strong> {e(module.title)}<ul>{entries}</ul></li>"
            )
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _form_rows(report: CoverageReport) -> list[list[str]]:
    return [
        [
            row.item.code,
            row.item.text,
            _form_hours(row),
            "; ".join(row.modules),
            "; ".join(_measures(row)),
        ]
        for row in report.competencies
    ]


_FORM_HEADER = [
    "competency",
    "core competency",
    "training hours",
    "modules",
    "measure of competency",
]


def to_calmhsa_csv(report: CoverageReport) -> str:
    """The CalMHSA curriculum crosswalk form: one row per competency with its hours, modules and
    measure of competency."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_FORM_HEADER)
    writer.writerows(_form_rows(report))
    return out.getvalue()


def to_calmhsa_markdown(report: CoverageReport) -> str:
    """The CalMHSA curriculum crosswalk form as a Markdown table."""
    lines = [
        f"# Curriculum crosswalk: {_cell(report.syllabus.program.title)}",
        "",
        "| " + " | ".join(_FORM_HEADER) + " |",
        "|---|---|---:|---|---|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in _form_rows(report)]
    return "\n".join(lines) + "\n"


REPORT_FORMATS: Mapping[str, Callable[[CoverageReport], str]] = MappingProxyType(
    {
        "table": to_table,
        "json": to_json,
        "md": to_markdown,
        "html": to_html,
        "calmhsa": to_calmhsa_csv,
        "calmhsa-md": to_calmhsa_markdown,
    }
)
"""Every report format by name, each the function that renders it (read-only)."""


def render(report: CoverageReport, format: str = "table") -> str:
    """The report in one of :data:`REPORT_FORMATS`."""
    writer = choose(REPORT_FORMATS, format, "report format")
    if format.startswith("calmhsa") and report.framework.id != "ca-sb803":
        raise InputError(
            "the CalMHSA curriculum crosswalk form is for ca-sb803 only",
            fix="use --framework ca-sb803, or another format",
        )
    return writer(report)
