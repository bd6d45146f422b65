"""Reading a roster: a CSV file's rows, and a row's cells made into an applicant.

A CSV roster has one column per applicant field (``date_of_birth``, ``education`` …) and, for the
list fields, numbered column groups: ``trainings.1.topic``, ``trainings.1.hours``,
``trainings.2.topic`` … A blank cell is a fact not given. A list column written alone with the
value ``none`` (``exams`` = ``none``) says the list is known to be empty. Row numbers are those a
spreadsheet shows: the header is row 1, the first applicant row 2.

:func:`read_roster` checks the header at once and streams the rows; a row that cannot be read
carries its error (row number and column, never the value). Checking the rows and writing the
results is :mod:`._roster`'s.
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

import attrs

from .._didyoumean import closest, did_you_mean
from .._errors import InputError, every_problem
from .._files import open_file
from ._applicant import Applicant, parse_applicant
from ._columns import EMPTY, column_plan

__all__ = ["MAX_ROW_BYTES", "RosterRow", "read_roster", "roster_columns"]


_LIST = re.compile(r"([a-z_]+)\.([1-9][0-9]*)\.([a-z_]+)")
_PATH = re.compile(r"\$\.([a-z_]+)(?:\[(\d+)\](?:\.([a-z_]+))?)?")


def _resolved_list_fields() -> dict[str, type[Any]]:
    import typing

    hints = typing.get_type_hints(Applicant)
    found = {}
    for name, hint in hints.items():
        for arg in typing.get_args(hint):
            inner = typing.get_args(arg)
            if inner and attrs.has(inner[0]):
                found[name] = inner[0]
    return found


_LISTS = _resolved_list_fields()


def roster_columns() -> tuple[str, ...]:
    """The columns a roster may have: every plain field, and for each list field the columns of
    its first entry (``trainings.1.hours`` …; number further entries 2, 3 …)."""
    plain = [f.name for f in attrs.fields(Applicant) if f.name not in _LISTS]
    listed = [f"{name}.1.{sub.name}" for name, kind in _LISTS.items() for sub in attrs.fields(kind)]
    return (*plain, *_LISTS, *listed)


def _check_column(column: str) -> str | None:
    """None when ``column`` is a roster column, else the problem."""
    plain = {f.name for f in attrs.fields(Applicant)}
    if column in plain:
        return None
    m = _LIST.fullmatch(column)
    if m and m.group(1) in _LISTS:
        subs = [f.name for f in attrs.fields(_LISTS[m.group(1)])]
        if m.group(3) in subs:
            return None
        return f"{m.group(1)} entries have no field {m.group(3)!r}; they have {', '.join(subs)}"
    hint = did_you_mean(closest(column, roster_columns()))
    return "not a roster column" + (f"; {hint}" if hint else "")


@attrs.frozen
class RosterRow:
    """One row read from a roster file: its spreadsheet row number and its cells, or the error
    that kept it from being read (then ``cells`` is empty)."""

    row: int
    cells: Mapping[str, str]
    error: InputError | None = None

    def __repr__(self) -> str:  # cells hold applicant data: keep them out of logs
        return f"RosterRow(row={self.row})"


MAX_ROW_BYTES = 128 * 1024
"""The longest roster row read (a row is a few hundred bytes); a longer one is reported as an
error row, and the rows after it are read."""


def read_roster(path: str | Path) -> Iterator[RosterRow]:
    """Stream the rows of a CSV roster (UTF-8, header first, one row a line).

    The header is checked at once: an unknown column raises :class:`InputError` naming it and
    the closest known column, and so does a column named twice. Every later line is one row, in
    order, numbered as a spreadsheet numbers it; a line that cannot be read (a byte that is not
    UTF-8, a quote never closed, a line longer than :data:`MAX_ROW_BYTES`) is a row carrying its
    error, and reading goes on with the next line: as many rows come out as the file has lines.
    """
    path = Path(path)
    file = str(path)
    stream = open_file(path, limit=None)
    blocks = _line_blocks(stream)
    try:
        lines = next((b for b in blocks if b), [])  # a block holding the end of the first line
        header = _header(lines[0] if lines else b"", file)
    except BaseException:
        blocks.close()
        stream.close()
        raise
    return _RosterFile(header, blocks, lines[1:])


_BLOCK = 64 * 1024
"""Bytes read at a time (at most MAX_ROW_BYTES: a line that ends inside a block is never too
long, only one begun in an earlier block can be)."""


def _line_blocks(stream: IO[bytes]) -> Generator[list[bytes | None], None, None]:
    """The lines of ``stream`` a block of bytes at a time (a block may end none), each without
    its line end; None for a line longer than MAX_ROW_BYTES, read past rather than kept. A
    byte-order mark opening the stream is dropped. Closes ``stream`` when done (or when closed
    itself)."""
    with stream:
        opening = stream.read(3).removeprefix(b"\xef\xbb\xbf")
        rest = b""  # the start of a line not ended yet
        over = False  # that line is already longer than MAX_ROW_BYTES: its bytes are not kept
        for block in itertools.chain((opening,), iter(functools.partial(stream.read, _BLOCK), b"")):
            ended = block.split(b"\n")
            tail = ended.pop()
            lines: list[bytes | None] = []
            if ended:
                head = rest + ended[0]
                lines.append(None if over or len(head) > MAX_ROW_BYTES else head.rstrip(b"\r"))
                if b"\r" in block:
                    lines += [line.rstrip(b"\r") for line in ended[1:]]
                else:
                    lines += ended[1:]
                rest, over = tail, False
            elif not over:
                rest += tail
            if len(rest) > MAX_ROW_BYTES:
                rest, over = b"", True
            yield lines
        if over or rest:  # the last line, not ended
            yield [None if over or len(rest) > MAX_ROW_BYTES else rest.rstrip(b"\r")]


class _RosterFile(Iterator[RosterRow]):
    """What :func:`read_roster` returns: the rows of a roster file, one :class:`RosterRow` at a
    time. :func:`check_roster` takes its lines a block at a time instead (:meth:`take`), and
    reads them with the header's column plan, making no RosterRow for a row that is fine."""

    def __init__(
        self, header: list[str], blocks: Iterator[list[bytes | None]], lines: list[bytes | None]
    ) -> None:
        self.header = header
        self._blocks = blocks
        self._lines = lines  # lines read and not handed out yet
        self._at = 0  # the first of them not handed out
        self._number = 2  # the row number of that line

    def take(self, most: int) -> tuple[int, list[bytes | None]]:
        """The row number of the next line, and up to ``most`` lines from it on (no lines: the
        file is read to its end)."""
        while self._at >= len(self._lines):
            lines = next(self._blocks, None)
            if lines is None:
                return self._number, []
            self._lines, self._at = lines, 0
        first, at = self._number, self._at
        taken = self._lines[at : at + most]
        self._at += len(taken)
        self._number += len(taken)
        return first, taken

    def __next__(self) -> RosterRow:
        number, lines = self.take(1)
        if not lines:
            raise StopIteration
        cells, error = _row_cells(number, lines[0], self.header)
        if error is not None:
            return RosterRow(number, {}, error)
        return RosterRow(number, dict(zip(self.header, cells, strict=False)))


def _cells(line: bytes | None) -> tuple[list[str], str | None, bool]:
    """The cells of one line, what is wrong with them (None: nothing), and whether the line is
    UTF-8 (when not, a byte that is not UTF-8 is a lone surrogate in its cell)."""
    if line is None:
        return [], f"the row is longer than {MAX_ROW_BYTES:,} bytes", True
    try:
        text, utf8 = line.decode("utf-8"), True
    except UnicodeDecodeError:
        text, utf8 = line.decode("utf-8", errors="surrogateescape"), False
    if '"' not in text and "\r" not in text:
        return text.split(","), None, utf8  # no quoting: what the csv module would give
    try:
        cells = next(csv.reader([text], strict=True), [])
    except csv.Error as exc:
        if "end of data" in str(exc):
            return [], "a quote opens a cell and is not closed on this line", utf8
        return [], f"not a readable CSV row ({exc})", utf8
    return cells, None, utf8


def _undecodable(cells: list[str], utf8: bool) -> int | None:
    """The index of the first cell holding a byte that was not UTF-8, or None."""
    if utf8:
        return None
    for index, cell in enumerate(cells):
        try:
            cell.encode("utf-8")
        except UnicodeEncodeError:
            return index
    return None


def _header(line: bytes | None, file: str) -> list[str]:
    if line is None or not line.strip():
        raise InputError(
            "the roster is empty" if line is not None else "the first line is too long",
            file=file,
            where="row 1",
            fix="put the column names first",
        )
    cells, problem, utf8 = _cells(line)
    if problem is None and not utf8:
        problem = "not UTF-8 text"
    if problem:
        raise InputError(problem, file=file, where="row 1", fix="save the roster as UTF-8 CSV")
    seen: dict[str, int] = {}
    for index, column in enumerate(cells):
        problem = _check_column(column)
        if problem is None and column in seen:
            problem = f"the column repeats column {seen[column] + 1}"
        if problem:
            raise InputError(
                problem,
                file=file,
                where=f"row 1, column {column!r}",
                fix="keep one column of each name"
                if column in seen
                else "the columns are listed in docs/eligibility.md",
            )
        seen[column] = index
    return cells


def _row_cells(
    number: int, line: bytes | None, header: list[str]
) -> tuple[list[str], InputError | None]:
    """The cells of row ``number``, or the error that keeps it from being read."""
    cells, problem, utf8 = _cells(line)
    if problem is not None or not utf8 or len(cells) > len(header):
        error = _row_error(number, cells, problem, utf8, header)
        if error is not None:
            return [], error
    return cells, None


def _row_error(
    number: int, cells: list[str], problem: str | None, utf8: bool, header: list[str]
) -> InputError | None:
    """What keeps row ``number`` from being read (None when nothing does: surplus cells that are
    empty are no problem)."""
    where = f"row {number}"
    fix = "save the roster as UTF-8 CSV, one applicant a line"
    bad = _undecodable(cells, utf8)
    if bad is not None:
        column = header[bad] if bad < len(header) else str(bad + 1)
        problem, where = "not UTF-8 text", f"row {number}, column {column}"
    elif problem is None and any(c.strip() for c in cells[len(header) :]):
        problem = "the row has more cells than the header has columns"
        fix = "a cell holding a comma goes in double quotes"
    return None if problem is None else InputError(problem, where=where, fix=fix)


def _unflatten(cells: Mapping[Any, Any]) -> tuple[dict[str, Any], dict[str, list[int]]]:
    data: dict[str, Any] = {}
    lists: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in cells.items():
        if key is None:
            raise InputError("the row has more cells than the header has columns")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        value = value.strip() if isinstance(value, str) else value
        m = _LIST.fullmatch(key)
        if m:
            lists.setdefault(m.group(1), {}).setdefault(int(m.group(2)), {})[m.group(3)] = value
        elif key in _LISTS:
            if not (isinstance(value, str) and value.lower() == "none"):
                raise InputError(f"column {key}: write none, or use {key}.1.… columns")
            data[key] = []
        else:
            data[key] = value
    positions: dict[str, list[int]] = {}
    for name, entries in lists.items():
        if name in data:
            raise InputError(f"column {name}: none, yet {name}.… columns are filled")
        positions[name] = sorted(entries)
        data[name] = [entries[n] for n in positions[name]]
    return data, positions


def _column(where: str | None, positions: Mapping[str, list[int]]) -> str:
    m = _PATH.fullmatch(where or "")
    if not m:
        return where or "?"
    name, index, sub = m.groups()
    if index is None:
        return name
    number = positions.get(name, [])[int(index)] if int(index) < len(positions.get(name, [])) else 0
    return f"{name}.{number}" + (f".{sub}" if sub else "")


def _applicant(record: Any, row: int) -> Applicant:
    if isinstance(record, Applicant):
        return record
    if isinstance(record, RosterRow):
        plan = column_plan(tuple(record.cells))  # the quick road for rows that are fine
        if plan is not None:
            planned = plan.applicant(list(record.cells.values()))
            if planned is not None and planned is not EMPTY:
                return cast(Applicant, planned)
    cells = record.cells if isinstance(record, RosterRow) else record
    if not isinstance(cells, Mapping):
        raise InputError("a roster record is an Applicant or a mapping", where=f"row {row}")
    flat = any(isinstance(k, str) and "." in k for k in cells) or isinstance(record, RosterRow)
    return _strict_applicant(cells, row, flat)


def _strict_applicant(cells: Mapping[Any, Any], row: int, flat: bool = True) -> Applicant:
    """The applicant of a record of cells by the strict road (flat: cells named as roster
    columns are, ``trainings.1.hours`` …), or the error naming every problem with its row and
    column."""
    positions: dict[str, list[int]] = {}
    if flat:
        try:
            data, positions = _unflatten(cells)
        except InputError as exc:
            raise InputError(exc.problem, where=f"row {row}", fix=exc.fix) from None
    else:
        data = dict(cells)
    try:
        return parse_applicant(data)
    except InputError as error:
        placed = [
            InputError(
                problem.problem,
                where=f"row {row}, column {_column(problem.where, positions)}"
                if flat
                else f"row {row}, {problem.where}",
                fix=problem.fix,
            )
            for problem in error.problems
        ]
        raise every_problem(placed) from None
