"""The crosswalk matrix between two frameworks: their items at one level (top items,
competencies or finest statements) as rows and columns, each cell the mapping between them (or,
failing one, the strongest between items below them), as terminal text, a self-contained HTML
page, CSV and an Excel workbook."""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from .._errors import InputError
from .._markup import csv_writer, spreadsheet_cell
from .._model import Framework, Item
from .._structure import frozen_mapping
from ._crosswalk import Crosswalk, default
from ._levels import LEVELS, level_items
from ._model import NO_TERM_FOUND, Cell, MappingRecord, Predicate, effective_confidence

__all__ = ["Matrix", "matrix", "matrix_csv", "matrix_html", "matrix_text", "matrix_xlsx"]

SYMBOLS: Mapping[Predicate, str] = MappingProxyType(
    {
        Predicate.EXACT: "E",
        Predicate.CLOSE: "C",
        Predicate.BROAD: "B",
        Predicate.NARROW: "N",
        Predicate.RELATED: "R",
    }
)
CELLS_LEGEND = (
    "Cells, read from the row item: E exact, C close, B broad (the row is narrower), "
    "N narrow (the row is broader), R related; upper case for a mapping of the two items "
    "themselves, lower case when only items below them are mapped (the strongest of those); "
    "x a curated non-match on the pair and no mapping; '.' or empty: none."
)
TEXT_LEGEND = (
    CELLS_LEGEND + " A 0 ends a row (or stands under a column) whose item has a curated "
    "'no counterpart' in the other framework, of the strength listed below the matrix."
)


@attrs.frozen(kw_only=True)
class Matrix:
    """A crosswalk matrix at ``level`` (``top``, ``competency`` or ``statement``: see
    :func:`~peer_competencies.crosswalk.level_items`): ``cells[(row_id, column_id)]`` for the
    pairs with a mapping; ``no_match`` holds, for each row or column item, its curated
    no-counterpart statements (``sssom:NoTermFound``) into the other framework."""

    row_framework: Framework
    column_framework: Framework
    rows: tuple[Item, ...]
    columns: tuple[Item, ...]
    cells: Mapping[tuple[str, str], Cell] = attrs.field(converter=frozen_mapping)
    no_match: Mapping[str, tuple[MappingRecord, ...]] = attrs.field(converter=frozen_mapping)
    mapping_set_versions: tuple[str, ...] = ()
    level: str = "top"

    def cell(self, row_id: str, column_id: str) -> Cell | None:
        """The cell of a row and a column, or None when nothing maps them."""
        return self.cells.get((row_id, column_id))

    def symbol(self, row_id: str, column_id: str) -> str:
        """The one-letter code of a cell (see :data:`CELLS_LEGEND`); ``.`` for none."""
        found = self.cells.get((row_id, column_id))
        if found is None:
            return "."
        if found.negated:
            return "x"
        letter = SYMBOLS[found.predicate]
        return letter if found.direct else letter.lower()

    def no_match_note(self, item_id: str) -> str:
        """What the curated no-counterpart statements of a row or column item say, in words
        (empty when it has none): ``no close counterpart`` when only a close (or exact) match
        is denied, so that a related cell may stand beside it; ``no counterpart, not even a
        related one`` when every mapping is denied."""
        records = self.no_match.get(item_id, ())
        if not records:
            return ""
        other = (
            self.column_framework.id
            if item_id.startswith(f"{self.row_framework.id}:")
            else self.row_framework.id
        )
        if any(r.predicate is Predicate.RELATED for r in records):
            return f"curated: no counterpart in {other}, not even a related one"
        weakest = min(records, key=lambda r: r.predicate.strength).predicate
        return f"curated: no {weakest.label} counterpart in {other}"


def _owners(framework: Framework, level: str) -> dict[str, str]:
    """Every item at ``level`` or below it, with the item at ``level`` it belongs to."""
    found: dict[str, str] = {}
    for owner in level_items(framework, level):
        found[owner.id] = owner.id
        for item in owner.descendants:
            found.setdefault(item.id, owner.id)
    return found


def _no_match_into(record: MappingRecord, framework_id: str) -> str | None:
    """The item a no-counterpart record is about, when it is about ``framework_id``."""
    if record.object_id == NO_TERM_FOUND and record.object_source == framework_id:
        return record.subject_id
    if record.subject_id == NO_TERM_FOUND and record.subject_source == framework_id:
        return record.object_id
    return None


def matrix(
    row_framework: str,
    column_framework: str,
    crosswalk: Crosswalk | None = None,
    *,
    level: str = "top",
) -> Matrix:
    """The matrix of two frameworks of the crosswalk (the shipped one by default) at ``level``:
    ``top`` (SAMHSA's categories, SB 803's competencies …), ``competency`` (SAMHSA's 62
    competencies, SB 803's 17, IC&RC's statements …) or ``statement`` (the finest: CalMHSA's
    skills for SB 803). A cell holds the mapping of the row and column items themselves when
    there is one (the strongest, if several), else the strongest between items below them."""
    if level not in LEVELS:
        raise InputError(f"unknown matrix level {level!r}", fix=f"use one of {', '.join(LEVELS)}")
    cw = default() if crosswalk is None else crosswalk
    rows_fw, cols_fw = cw.framework(row_framework), cw.framework(column_framework)
    row_top, col_top = _owners(rows_fw, level), _owners(cols_fw, level)
    found: dict[tuple[str, str], list[tuple[Predicate, bool, MappingRecord]]] = {}
    negated: dict[tuple[str, str], list[MappingRecord]] = {}
    no_match: dict[str, list[MappingRecord]] = {}
    for record in cw.records:
        s, o = record.subject_id, record.object_id
        if record.no_term_found:
            for owners, other in ((row_top, column_framework), (col_top, row_framework)):
                about = _no_match_into(record, other)
                if about is not None and owners.get(about) == about:
                    no_match.setdefault(about, []).append(record)
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
            key=lambda c: (not c[1], -c[0].strength, -effective_confidence(c[2]), c[2].subject_id)
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
        rows=level_items(rows_fw, level),
        columns=level_items(cols_fw, level),
        cells=cells,
        no_match={k: tuple(v) for k, v in no_match.items()},
        mapping_set_versions=tuple(s.version or "unversioned" for s in cw.mapping_sets),
        level=level,
    )


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)


def matrix_text(m: Matrix, width: int = 80) -> str:
    """The matrix as plain text at most ``width`` columns wide (wide matrices are split into
    several blocks of columns)."""
    code_width = max((len(r.code) for r in m.rows), default=1)
    col_widths = [max(3, len(c.code) + 1) for c in m.columns]
    label_min = code_width + 1 + 14
    lines = [
        f"{m.row_framework.id} (rows) x {m.column_framework.id} (columns), {m.level} level"[:width],
        *_wrap(TEXT_LEGEND, width),
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
    code = max((len(c.code) for c in m.columns), default=1)
    lines.append("Columns:")
    for column in m.columns:
        lines.append(_clip(f"  {column.code:<{code}} {column.text}", width))
    flagged = [i for i in (*m.rows, *m.columns) if i.id in m.no_match]
    if flagged:
        lines.extend(["", "0: no counterpart (curated):"])
        for item in flagged:
            lines.extend(_wrap(f"{item.id}: {m.no_match_note(item.id)}", width, "  "))
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


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
thead th { position: sticky; top: 0; background: #f4f4f4; vertical-align: bottom;
  font-weight: normal; min-width: 4.5rem; max-width: 7rem; font-size: 0.72rem; text-align: left; }
thead th b { display: block; font-size: 0.85rem; }
tbody th { text-align: left; font-weight: normal; min-width: 14rem; max-width: 28rem;
  background: #fafafa; }
td { text-align: center; min-width: 1.6rem; font-weight: bold; }
td.exact { background: #1a7f37; color: #fff; }
td.close { background: #4cae4f; color: #fff; }
td.broad, td.narrow { background: #9fd39f; }
td.related { background: #e3f1d4; }
td.via { font-weight: normal; font-style: italic; opacity: 0.8; }
td.not { background: #f6d5d5; color: #8a1c1c; }
td.none { color: #bbb; font-weight: normal; }
.nomatch { color: #8a1c1c; font-size: 0.8rem; display: block; }
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
    """The matrix as one self-contained HTML page (no scripts, no external files): each column
    headed by its code and wording, each row by its code and wording, an item's curated
    no-counterpart statement under its name in the words of :meth:`Matrix.no_match_note`;
    hover a cell for the mappings behind it and why."""
    esc = html.escape
    title = f"Crosswalk: {m.row_framework.id} vs {m.column_framework.id} ({m.level} level)"
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
        f"<p>{esc(CELLS_LEGEND)} A note in red under an item's name is a curated statement "
        "that the other framework has no counterpart of that strength for the item as a whole "
        "(a weaker mapping may stand beside a 'no close counterpart').</p>",
        '<p class="legend"><span class="exact" style="background:#1a7f37;color:#fff">E exact'
        '</span><span style="background:#4cae4f;color:#fff">C close</span>'
        '<span style="background:#9fd39f">B/N broad/narrow</span>'
        '<span style="background:#e3f1d4">R related</span>'
        '<span style="background:#f6d5d5">x not a match</span></p>',
        "<table>",
        f'<thead><tr><th scope="col">{esc(m.row_framework.id)} \\ '
        f"{esc(m.column_framework.id)}</th>",
    ]
    for column in m.columns:
        note = m.no_match_note(column.id)
        flag = f'<span class="nomatch">{esc(note)}</span>' if note else ""
        out.append(
            f'<th scope="col" title="{esc(column.id)}: {esc(column.text)}">'
            f"<b>{esc(column.code)}</b>{esc(_short(column.text))}{flag}</th>"
        )
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in m.rows:
        out.append("<tr>")
        note = m.no_match_note(row.id)
        flag = (
            f'<span class="nomatch" title="{esc(_tip(m.no_match[row.id]))}">{esc(note)}</span>'
            if note
            else ""
        )
        out.append(
            f'<th scope="row" title="{esc(row.id)}"><b>{esc(row.code)}</b> '
            f"{esc(row.text)}{flag}</th>"
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
            out.append(
                f'<dd class="nomatch">{esc(m.no_match_note(column.id))}: '
                f"{esc(_tip(m.no_match[column.id]))}</dd>"
            )
    out.extend(["</dl>", "</body>", "</html>"])
    return "\n".join(out) + "\n"


_SHORT = 60


def _short(text: str) -> str:
    """A column's wording, cut at a word to fit a narrow header."""
    if len(text) <= _SHORT:
        return text
    return text[:_SHORT].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _grid(m: Matrix) -> list[list[str]]:
    """The matrix as rows of cells, for CSV and Excel: a header of column ids and wording, one
    line a row item (id, wording, a cell per column, its no-counterpart note), and a last line
    with the columns' no-counterpart notes."""
    header = [
        f"{m.row_framework.id} \\ {m.column_framework.id}",
        "statement",
        *(f"{c.id}: {c.text}" for c in m.columns),
        "no counterpart (curated)",
    ]
    grid = [header]
    for row in m.rows:
        cells = []
        for column in m.columns:
            symbol = m.symbol(row.id, column.id)
            cells.append("" if symbol == "." else symbol)
        grid.append([row.id, row.text, *cells, m.no_match_note(row.id)])
    if any(c.id in m.no_match for c in m.columns):
        grid.append(
            ["no counterpart (curated)", "", *(m.no_match_note(c.id) for c in m.columns), ""]
        )
    return grid


def matrix_csv(m: Matrix) -> str:
    """The matrix as CSV for spreadsheets: the first line names the columns (id and wording),
    each further line a row item with one cell per column (the letters of
    :data:`CELLS_LEGEND`, empty for none) and its curated no-counterpart note."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)  # formulas neutralised
    writer.writerows(_grid(m))
    return buffer.getvalue()


def matrix_xlsx(m: Matrix) -> bytes:
    """The matrix as an Excel workbook (needs the ``excel`` extra, openpyxl): a sheet
    ``matrix`` laid out as :func:`matrix_csv`, a sheet ``mappings`` with the mapping behind
    every cell (predicate, confidence, the asserted rows and why), and a ``legend``."""
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]
        from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InputError(
            "writing Excel files needs openpyxl",
            fix="pip install 'peer-competencies[excel]', or use --format csv",
        ) from None
    book = Workbook()
    sheet = book.active
    sheet.title = "matrix"
    for line in _grid(m):
        sheet.append([spreadsheet_cell(cell) for cell in line])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    details = book.create_sheet("mappings")
    details.append(["row", "column", "cell", "predicate", "confidence", "mappings", "why"])
    for (row_id, column_id), found in m.cells.items():
        details.append(
            [
                spreadsheet_cell(row_id),
                column_id,
                m.symbol(row_id, column_id),
                ("not " if found.negated else "") + found.predicate.value,
                found.confidence,
                spreadsheet_cell("; ".join(str(r) for r in found.records)),
                spreadsheet_cell(" | ".join(r.comment or "" for r in found.records)),
            ]
        )
    legend = book.create_sheet("legend")
    legend.append([CELLS_LEGEND])
    legend.append([f"rows: {m.row_framework.id} ({m.row_framework.title})"])
    legend.append([f"columns: {m.column_framework.id} ({m.column_framework.title})"])
    legend.append([f"level: {m.level}; mapping set version {', '.join(m.mapping_set_versions)}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
