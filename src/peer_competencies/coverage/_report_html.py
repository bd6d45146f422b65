"""The coverage report as one self-contained HTML page, with its inline style and SVG charts."""

from __future__ import annotations

import html

from ._report_words import (
    _S,
    _TALLY,
    LEGEND,
    _hours_cell,
    _how,
    _measures,
    _short,
    _tally_rows,
    module_entries,
    summary,
    total_text,
)
from ._result import CoverageReport

__all__ = ["to_html"]


_CSS = {
    _S.COVERED: "covered",
    _S.COVERED_RULE_UNMET: "rule-unmet",
    _S.COVERED_RULE_UNJUDGED: "rule-unjudged",
    _S.PARTIAL: "partly",
    _S.HINTED: "hinted",
    _S.MISSING: "missing",
}


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
