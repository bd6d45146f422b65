"""Coverage reports: terminal table, JSON, Markdown, self-contained HTML, and the CalMHSA
curriculum crosswalk form (CSV and Markdown)."""

from __future__ import annotations

import html
import io
import json
import textwrap
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from .._errors import InputError
from .._markup import csv_writer, markdown_text
from .._structure import choose
from .._terminal import clip
from ._requirements import requirements_with_form
from ._result import (
    CategoryTally,
    CompetencyCoverage,
    CoverageReport,
    CoverageStatus,
    Credit,
    Via,
)

__all__ = ["REPORT_FORMATS", "render", "to_data"]

_S = CoverageStatus
_MARK = {
    _S.COVERED: "✔",
    _S.COVERED_RULE_UNMET: "!",
    _S.COVERED_RULE_UNJUDGED: "?",
    _S.PARTIAL: "◐",
    _S.HINTED: "○",
    _S.MISSING: "✘",
}
_CSS = {
    _S.COVERED: "covered",
    _S.COVERED_RULE_UNMET: "rule-unmet",
    _S.COVERED_RULE_UNJUDGED: "rule-unjudged",
    _S.PARTIAL: "partly",
    _S.HINTED: "hinted",
    _S.MISSING: "missing",
}
LEGEND = (
    "✔ covered  ! covered, rule not met  ? covered, rule cannot be judged  ◐ partly covered  "
    "○ hinted only (a crosswalk hint, not counted)  ✘ missing"
)


def _short(text: str, width: int) -> str:
    return clip(" ".join(text.split()), width)


def _how(row: CompetencyCoverage) -> str:
    return row.how


def _status_text(row: CompetencyCoverage) -> str:
    """The status, with what the rule finds when it is not met or cannot be judged."""
    if row.rule_findings:
        return f"{row.status.value}: {'; '.join(row.rule_findings)}"
    return row.status.value


def summary(report: CoverageReport) -> str:
    """``17 covered (2 with a rule not met), 0 partly, 0 hinted only, 0 missing of 17: 100%
    covered``."""
    unmet = report.count(_S.COVERED_RULE_UNMET)
    unjudged = report.count(_S.COVERED_RULE_UNJUDGED)
    notes = [f"{unmet} with a rule not met"] if unmet else []
    notes += [f"{unjudged} with a rule that cannot be judged"] if unjudged else []
    covered = f"{report.covered_count} covered" + (f" ({', '.join(notes)})" if notes else "")
    return (
        f"{covered}, {report.count(_S.PARTIAL)} partly, {report.count(_S.HINTED)} hinted only, "
        f"{report.count(_S.MISSING)} missing of {len(report.competencies)}: "
        f"{report.percent_covered:.0f}% covered"
    )


def _category_name(tally: CategoryTally) -> str:
    if tally.category is None:
        return f"all {tally.total} competencies"
    return f"{tally.category.code} {tally.category.text}"


_TALLY = ("direct", "crosswalk", "partly", "hinted", "missing")


def _module_entry(report: CoverageReport, credits: list[Credit], titled: bool = True) -> str:
    """One module's credit to one competency, named by id and title, marked when it comes
    through the crosswalk, is part credit, or only a hint."""
    first = credits[0]
    name = f"{first.module_id} {first.module_title}" if titled else first.module_id
    notes = []
    best = max(credits, key=lambda c: (c.level, c.confidence))
    if best.via is Via.CROSSWALK:
        predicate = (best.predicate or "").removeprefix("skos:").removesuffix("Match")
        notes.append(f"crosswalk: {best.listed_id} {predicate} {best.confidence:g}")
    elif best.via is not Via.DIRECT:
        notes.append(f"through {best.listed_id}")
    if best.hint:
        notes.append("hint only, not counted")
    elif not best.full:
        notes.append("part credit")
    return name + (f" ({'; '.join(notes)})" if notes else "")


def module_entries(report: CoverageReport, row: CompetencyCoverage) -> list[str]:
    """The modules that credit a competency (for a competency only hinted at, the modules
    that hint at it), each with its title and how it credits."""
    by_module: dict[str, list[Credit]] = {}
    for credit in row.counted or row.hints:
        by_module.setdefault(credit.module_id, []).append(credit)
    return [_module_entry(report, credits) for credits in by_module.values()]


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
            "covered": report.covered_count,
            "covered_rule_not_met": report.count(_S.COVERED_RULE_UNMET),
            "covered_rule_cannot_be_judged": report.count(_S.COVERED_RULE_UNJUDGED),
            "partly_covered": report.count(_S.PARTIAL),
            "hinted_only": report.count(_S.HINTED),
            "missing": report.count(_S.MISSING),
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
                "rule_findings": list(row.rule_findings),
                "how": row.how,
                "hours": _hours(row.hours),
                "stated_hours": _hours(row.stated_hours),
                "hours_not_stated": list(row.hours_not_stated),
                "modules": list(row.modules),
                "hinted_by": list(row.hinted_by),
                "measures": list(row.measures),
                "programme_measures": list(row.programme_measures),
                "direct": row.direct,
                "through_crosswalk": row.through_crosswalk,
                "credits": [
                    {
                        "module": c.module_id,
                        "listed_id": c.listed_id,
                        "via": c.via.value,
                        "credit": str(c.level),
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
        "by_category": [
            {
                "category": None if t.category is None else t.category.id,
                "text": None if t.category is None else t.category.text,
                "direct": t.direct,
                "crosswalk": t.crosswalk,
                "partly": t.partly,
                "hinted": t.hinted,
                "missing": t.missing,
            }
            for t in report.by_category()
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


def _tally_rows(report: CoverageReport) -> list[tuple[str, tuple[int, ...]]]:
    return [
        (_category_name(t), (t.direct, t.crosswalk, t.partly, t.hinted, t.missing))
        for t in report.by_category()
    ]


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


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}tr.missing{background:#fde2e2}tr.partly{background:#fff4d6}
tr.hinted{background:#f3f0fa}tr.rule-unmet{background:#ffe3c4;outline:2px solid #c25e00}
tr.rule-unjudged{background:#eef3fa}.rule{color:#8a3b00;font-weight:bold}
.met{color:#176317}.unmet{color:#a01010}.unjudged{color:#5a4a00}
svg text{font-size:13px;fill:#222}.bar{fill:#2f6fb0}.bar.partly{fill:#d4a017}
.bar.rule-unmet{fill:#c25e00}.bar.rule-unjudged{fill:#7d9cc0}.band.missing{fill:#fde2e2}
.band.hinted{fill:#f3f0fa}.gap{fill:#a01010;font-weight:bold}.hint{fill:#5b4a8a}
.required{stroke:#a01010;stroke-width:2;stroke-dasharray:4 3}.unstated{fill:url(#unstated)}
.legend span{display:inline-block;margin-right:1rem}
"""

_ROW, _LABEL, _WIDTH = 24, 360, 340
_LEVEL = {"programme": "programme total", "modules": "sum of the modules", None: "not stated"}
_PATTERN = (
    '<svg width="0" height="0" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
    '<defs><pattern id="unstated" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#dde6f0"/>'
    '<rect width="3" height="8" fill="#7d9cc0"/></pattern></defs></svg>'
)


def _chart(report: CoverageReport) -> str:
    """Hours per competency: a bar for the stated hours; a striped bar and "hours not stated"
    where the hours are unknown; a red band and "missing" where nothing credits it; the label
    is the competency's code and text (the whole text on hover)."""
    e = html.escape
    rows = report.competencies
    most = max((r.stated_hours for r in rows), default=0.0) or 1.0
    height = _ROW * len(rows) + 8
    parts = [
        f'<svg role="img" aria-label="Hours per competency" width="{_LABEL + _WIDTH + 170}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
    ]
    for n, row in enumerate(rows):
        y = n * _ROW + 4
        full = f"{row.item.code} {row.item.text}"
        label = f'<text x="0" y="{y + 15}"><title>{e(full)}</title>{e(_short(full, 46))}</text>'
        status = row.status
        if status in (_S.MISSING, _S.HINTED):
            word = (
                "missing: no module credits it"
                if status is _S.MISSING
                else (f"hinted only by {', '.join(row.hinted_by)} (not counted)")
            )
            css = "gap" if status is _S.MISSING else "hint"
            parts.append(
                f'<rect class="band {_CSS[status]}" x="{_LABEL}" y="{y}" width="{_WIDTH}" '
                f'height="{_ROW - 4}"/>{label}'
                f'<text class="{css}" x="{_LABEL + 6}" y="{y + 15}">{e(word)}</text>'
            )
            continue
        bar = row.stated_hours / most * _WIDTH
        text = _hours_cell(row)
        shapes = []
        if bar > 0:
            shapes.append(
                f'<rect class="bar {_CSS[status]}" x="{_LABEL}" y="{y}" width="{bar:.1f}" '
                f'height="{_ROW - 4}"><title>{e(text)} h</title></rect>'
            )
        if row.hours is None:
            shapes.append(
                f'<rect class="unstated" x="{_LABEL + bar:.1f}" y="{y}" width="40" '
                f'height="{_ROW - 4}"><title>hours not stated</title></rect>'
            )
            bar += 40
            text = "hours not stated" if row.stated_hours == 0 else f"{text} h, some not stated"
        else:
            text = f"{text} h"
        findings = [f for f in row.rule_findings if not f.startswith("training hours not stated")]
        if findings:
            text += " · " + "; ".join(findings)
        parts.append(
            label + "".join(shapes) + f'<text x="{_LABEL + bar + 6:.1f}" y="{y + 15}">'
            f"{e(text)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _total_chart(report: CoverageReport) -> str:
    """The syllabus's hours against the hours the requirement asks for in total."""
    check = report.requirement
    least = None if check is None else check.requirement.total_hours_at_least
    e = html.escape
    total = report.total_hours
    stated = report.syllabus.module_hours if total is None else total
    if least is None:
        return f'<p class="total">{e(total_text(report))}</p>'
    scale = _WIDTH / max(least, stated, 1.0)
    width = stated * scale
    marker = _LABEL + least * scale
    if total is not None:
        label = f"{stated:g} h"
    else:
        label = f"{stated:g} h stated, total not stated" if stated else "no hours stated"
    shape = (
        f'<rect class="bar" x="{_LABEL}" y="4" width="{width:.1f}" height="20"/>'
        if total is not None
        else f'<rect class="unstated" x="{_LABEL}" y="4" width="{max(width, 40):.1f}" height="20"/>'
    )
    return (
        f'<svg role="img" aria-label="Total hours and the hours required" '
        f'width="{_LABEL + _WIDTH + 170}" height="48" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="0" y="19">Total hours ({e(_LEVEL[report.hours_level])})</text>'
        f"{shape}"
        f'<line class="required" x1="{marker:.1f}" y1="0" x2="{marker:.1f}" y2="28"/>'
        f'<text x="{_LABEL + 4}" y="42">{e(label)}; required: {least:g} h (dashed line)</text>'
        "</svg>"
    )


def to_html(report: CoverageReport) -> str:
    """A self-contained HTML page: totals, the verdict, a chart of hours per competency with
    the gaps highlighted and the required total marked, the table, the tallies by category, and
    the suggestions."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Coverage of {e(report.framework.id)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Coverage of <code>{e(report.framework.id)}</code> by "
        f"{e(report.syllabus.program.title)}</h1>",
        f'<p id="totals">{e(summary(report))}; {e(total_text(report))}.</p>',
    ]
    if report.requirement is not None:
        check = report.requirement
        css = {"met": "met", "not met": "unmet"}.get(check.verdict.value, "unjudged")
        out.append(
            f'<p id="verdict" class="{css}"><strong>{e(check.requirement.title)}: '
            f"{e(check.verdict.value)}</strong></p>"
        )
        found = [e(r) for r in check.reasons] + [f"cannot be judged: {e(r)}" for r in check.unknown]
        if found:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in found) + "</ul>")
    out += [
        "<h2>Hours per competency</h2>",
        _PATTERN,
        _total_chart(report),
        _chart(report),
        '<p class="legend">' + "".join(f"<span>{e(p)}</span>" for p in LEGEND.split("  ")) + "</p>",
        "<h2>Competencies</h2>",
        "<table><thead><tr><th>competency</th><th>status</th><th>hours</th><th>how</th>"
        "<th>modules</th><th>measures</th></tr></thead><tbody>",
    ]
    for row in report.competencies:
        status = e(row.status.value)
        if row.rule_findings:
            status += f'<br><span class="rule">{e("; ".join(row.rule_findings))}</span>'
        modules = "<br>".join(e(m) for m in module_entries(report, row))
        out.append(
            f'<tr class="{_CSS[row.status]}"><td><code>{e(row.item.id)}</code> '
            f"{e(row.item.text)}</td><td>{status}</td><td>{e(_hours_cell(row))}</td>"
            f"<td>{_how(row)}</td><td>{modules}</td><td>{e('; '.join(_measures(row)))}</td></tr>"
        )
    out.append("</tbody></table>")
    out += [
        "<h2>By category</h2>",
        "<table><thead><tr><th>category</th>"
        + "".join(f"<th>{h}</th>" for h in _TALLY)
        + "</tr></thead><tbody>",
    ]
    for name, counts in _tally_rows(report):
        out.append(f"<tr><td>{e(name)}</td>" + "".join(f"<td>{c}</td>" for c in counts) + "</tr>")
    out.append("</tbody></table>")
    if report.unmapped_modules:
        out.append(
            "<h2>Suggestions for modules with no competency ids</h2>"
            "<p>Not counted as coverage until accepted.</p><ul>"
        )
        for module in report.unmapped_modules:
            entries = (
                "".join(
                    f"<li><code>{e(s.item.id)}</code> {e(s.item.text)} (score {s.score:.2f})</li>"
                    for s in report.suggestions.get(module.id, ())
                )
                or "<li>no confident suggestion</li>"
            )
            out.append(
                f"<li><strong>{e(module.id)}</strong> {e(module.title)}<ul>{entries}</ul></li>"
            )
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


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
    forms = requirements_with_form(format)  # data/requirements/*.json: "form_formats"
    bound = [r.framework for r in forms]
    if bound and report.framework.id not in bound:
        raise InputError(
            f"the {format} format is the form of the {forms[0].title}: "
            f"for {' and '.join(bound)} only",
            fix=f"use --framework {bound[0]}, or another format",
        )
    return writer(report)
