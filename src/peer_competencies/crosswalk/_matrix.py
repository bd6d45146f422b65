"""The crosswalk matrix between two frameworks: their top items as rows and columns, each cell
the strongest asserted mapping between them (or between items below them), as terminal text
and as a self-contained HTML page."""

from __future__ import annotations

import html
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from .._model import Framework, Item
from .._structure import frozen_mapping
from ._crosswalk import Crosswalk, default, top_items
from ._model import NO_TERM_FOUND, Cell, MappingRecord, Predicate, effective_confidence

__all__ = ["Matrix", "matrix", "matrix_html", "matrix_text"]

SYMBOLS: Mapping[Predicate, str] = MappingProxyType(
    {
        Predicate.EXACT: "E",
        Predicate.CLOSE: "C",
        Predicate.BROAD: "B",
        Predicate.NARROW: "N",
        Predicate.RELATED: "R",
    }
)
LEGEND = (
    "Cells: the strongest asserted mapping, read from the row item: E exact, C close, "
    "B broad (the row is narrower), N narrow (the row is broader), R related; lower case when "
    "only items below the row or column item are mapped; x a curated non-match on the pair; "
    "'.' none. A 0 ends a row (or stands under a column) whose item has a curated "
    "'no counterpart' in the other framework."
)


@attrs.frozen(kw_only=True)
class Matrix:
    """A crosswalk matrix: ``cells[(row_id, column_id)]`` for the pairs with a mapping;
    ``no_match`` lists the row and column items with a curated no-counterpart statement."""

    row_framework: Framework
    column_framework: Framework
    rows: tuple[Item, ...]
    columns: tuple[Item, ...]
    cells: Mapping[tuple[str, str], Cell] = attrs.field(converter=frozen_mapping)
    no_match: Mapping[str, tuple[MappingRecord, ...]] = attrs.field(converter=frozen_mapping)
    mapping_set_versions: tuple[str, ...] = ()

    def cell(self, row_id: str, column_id: str) -> Cell | None:
        """The cell of a row and a column, or None when nothing maps them."""
        return self.cells.get((row_id, column_id))

    def symbol(self, row_id: str, column_id: str) -> str:
        """The one-letter code of a cell (see the legend)."""
        found = self.cells.get((row_id, column_id))
        if found is None:
            return "."
        if found.negated:
            return "x"
        letter = SYMBOLS[found.predicate]
        return letter if found.direct else letter.lower()


def _tops(framework: Framework) -> dict[str, str]:
    tops = {item.id for item in top_items(framework)}
    found: dict[str, str] = {}
    for item in framework.items:
        node: Item | None = item
        while node is not None and node.parent_id is not None:
            node = framework.get(node.parent_id)
        if node is not None and node.id in tops:
            found[item.id] = node.id
    return found


def matrix(row_framework: str, column_framework: str, crosswalk: Crosswalk | None = None) -> Matrix:
    """The matrix of two frameworks of the crosswalk (the shipped one by default)."""
    cw = default() if crosswalk is None else crosswalk
    rows_fw, cols_fw = cw.framework(row_framework), cw.framework(column_framework)
    row_top, col_top = _tops(rows_fw), _tops(cols_fw)
    found: dict[tuple[str, str], list[tuple[Predicate, bool, MappingRecord]]] = {}
    negated: dict[tuple[str, str], list[MappingRecord]] = {}
    no_match: dict[str, list[MappingRecord]] = {}
    for record in cw.records:
        s, o = record.subject_id, record.object_id
        if record.no_term_found:
            if o == NO_TERM_FOUND and s in row_top and record.object_source == column_framework:
                no_match.setdefault(s, []).append(record)
            if o == NO_TERM_FOUND and s in col_top and record.object_source == row_framework:
                no_match.setdefault(s, []).append(record)
            if s == NO_TERM_FOUND and o in row_top and record.subject_source == column_framework:
                no_match.setdefault(o, []).append(record)
            if s == NO_TERM_FOUND and o in col_top and record.subject_source == row_framework:
                no_match.setdefault(o, []).append(record)
            continue
        if s in row_top and o in col_top:
            key, predicate = (row_top[s], col_top[o]), record.predicate
            direct = s == key[0] and o == key[1]
        elif o in row_top and s in col_top:
            key, predicate = (row_top[o], col_top[s]), record.predicate.inverse
            direct = o == key[0] and s == key[1]
        else:
            continue
        if record.negated:
            if direct:
                negated.setdefault(key, []).append(record)
            continue
        found.setdefault(key, []).append((predicate, direct, record))
    cells: dict[tuple[str, str], Cell] = {}
    for key, candidates in found.items():
        candidates.sort(
            key=lambda c: (-c[0].strength, not c[1], -effective_confidence(c[2]), c[2].subject_id)
        )
        predicate, direct, best = candidates[0]
        cells[key] = Cell(
            predicate=predicate,
            confidence=best.confidence,
            direct=direct,
            records=tuple(c[2] for c in candidates),
        )
    for key, records in negated.items():
        if key not in cells:
            cells[key] = Cell(
                predicate=records[0].predicate,
                confidence=records[0].confidence,
                direct=True,
                negated=True,
                records=tuple(records),
            )
    return Matrix(
        row_framework=rows_fw,
        column_framework=cols_fw,
        rows=top_items(rows_fw),
        columns=top_items(cols_fw),
        cells=cells,
        no_match={k: tuple(v) for k, v in no_match.items()},
        mapping_set_versions=tuple(s.version or "unversioned" for s in cw.mapping_sets),
    )


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)


def matrix_text(m: Matrix, width: int = 80) -> str:
    """The matrix as plain text at most ``width`` columns wide (wide matrices are split into
    several blocks of columns)."""
    code_width = max((len(r.code) for r in m.rows), default=1)
    col_widths = [max(3, len(c.code) + 1) for c in m.columns]
    label_min = code_width + 1 + 14
    lines = [
        f"{m.row_framework.id} (rows) x {m.column_framework.id} (columns)"[:width],
        *_wrap(LEGEND, width),
        "",
    ]
    start = 0
    while start < len(m.columns) or start == 0:
        used = 0
        end = start
        while end < len(m.columns) and label_min + used + col_widths[end] + 2 <= width:
            used += col_widths[end]
            end += 1
        end = max(end, start + 1) if m.columns else start
        block = list(range(start, end))
        label_width = max(label_min, width - used - 2)
        header = " " * label_width + "".join(m.columns[i].code.rjust(col_widths[i]) for i in block)
        lines.append(header.rstrip())
        for row in m.rows:
            label = f"{row.code.ljust(code_width)} {row.text}"
            if len(label) > label_width - 1:
                label = label[: label_width - 2] + "~"
            cells = "".join(m.symbol(row.id, m.columns[i].id).rjust(col_widths[i]) for i in block)
            flag = " 0" if row.id in m.no_match else ""
            lines.append((label.ljust(label_width) + cells + flag).rstrip())
        if any(m.columns[i].id in m.no_match for i in block):
            lines.append(
                (
                    "0: no counterpart".ljust(label_width)
                    + "".join(
                        ("0" if m.columns[i].id in m.no_match else "").rjust(col_widths[i])
                        for i in block
                    )
                ).rstrip()
            )
        lines.append("")
        if end >= len(m.columns):
            break
        start = end
    lines.append("Columns:")
    for column in m.columns:
        lines.append(
            f"  {column.code:<{max(len(c.code) for c in m.columns)}} {column.text}"[:width]
        )
    return "\n".join(lines) + "\n"


_CLASS = {
    Predicate.EXACT: "exact",
    Predicate.CLOSE: "close",
    Predicate.BROAD: "broad",
    Predicate.NARROW: "narrow",
    Predicate.RELATED: "related",
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
h1 { font-size: 1.3rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.4rem; }
thead th { position: sticky; top: 0; background: #f4f4f4; vertical-align: bottom; }
tbody th { text-align: left; font-weight: normal; max-width: 28rem; background: #fafafa; }
td { text-align: center; min-width: 1.6rem; font-weight: bold; }
td.exact { background: #1a7f37; color: #fff; }
td.close { background: #4cae4f; color: #fff; }
td.broad, td.narrow { background: #9fd39f; }
td.related { background: #e3f1d4; }
td.via { font-weight: normal; font-style: italic; opacity: 0.8; }
td.not { background: #f6d5d5; color: #8a1c1c; }
td.none { color: #bbb; font-weight: normal; }
.nomatch { color: #8a1c1c; }
.legend span { display: inline-block; padding: 0 0.4rem; margin-right: 0.3rem; }
"""


def _tip(records: tuple[MappingRecord, ...]) -> str:
    parts = []
    for record in records[:6]:
        text = str(record)
        if record.comment:
            text += f": {record.comment}"
        parts.append(text)
    if len(records) > 6:
        parts.append(f"… and {len(records) - 6} more")
    return "\n\n".join(parts)


def matrix_html(m: Matrix) -> str:
    """The matrix as one self-contained HTML page (no scripts, no external files): hover a
    cell for the mappings behind it and why."""
    esc = html.escape
    title = f"Crosswalk: {m.row_framework.id} vs {m.column_framework.id}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>Rows: <b>{esc(m.row_framework.title)}</b> ({esc(m.row_framework.id)}). "
        f"Columns: <b>{esc(m.column_framework.title)}</b> ({esc(m.column_framework.id)}). "
        f"Mapping set version {esc(', '.join(m.mapping_set_versions))}.</p>",
        f"<p class=legend>{esc(LEGEND)}</p>",
        '<p class="legend"><span class="exact" style="background:#1a7f37;color:#fff">E exact'
        '</span><span style="background:#4cae4f;color:#fff">C close</span>'
        '<span style="background:#9fd39f">B/N broad/narrow</span>'
        '<span style="background:#e3f1d4">R related</span>'
        '<span style="background:#f6d5d5">x not a match</span></p>',
        "<table>",
        "<thead><tr><th></th>",
    ]
    for column in m.columns:
        flag = ' class="nomatch"' if column.id in m.no_match else ""
        out.append(
            f'<th scope="col" title="{esc(column.id)}: {esc(column.text)}"{flag}>'
            f"{esc(column.code)}</th>"
        )
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in m.rows:
        out.append("<tr>")
        note = ""
        if row.id in m.no_match:
            note = (
                f' <span class="nomatch" title="{esc(_tip(m.no_match[row.id]))}">'
                f"(no counterpart: curated)</span>"
            )
        out.append(
            f'<th scope="row" title="{esc(row.id)}"><b>{esc(row.code)}</b> '
            f"{esc(row.text)}{note}</th>"
        )
        for column in m.columns:
            cell = m.cell(row.id, column.id)
            if cell is None:
                out.append('<td class="none">·</td>')
                continue
            classes = ["not"] if cell.negated else [_CLASS[cell.predicate]]
            if not cell.direct:
                classes.append("via")
            tip = esc(_tip(cell.records))
            out.append(
                f'<td class="{" ".join(classes)}" title="{tip}">'
                f"{esc(m.symbol(row.id, column.id))}</td>"
            )
        out.append("</tr>")
    out.extend(["</tbody>", "</table>", "<h2>Columns</h2>", "<dl>"])
    for column in m.columns:
        out.append(f"<dt>{esc(column.code)}</dt><dd>{esc(column.text)}</dd>")
        if column.id in m.no_match:
            out.append(f'<dd class="nomatch">{esc(_tip(m.no_match[column.id]))}</dd>')
    out.extend(["</dl>", "</body>", "</html>"])
    return "\n".join(out) + "\n"
