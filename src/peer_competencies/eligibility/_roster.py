"""Rosters: many applicants, one row each, checked as a stream.

A CSV roster has one column per applicant field (``date_of_birth``, ``education`` …) and, for the
list fields, numbered column groups: ``trainings.1.topic``, ``trainings.1.hours``,
``trainings.2.topic`` … A blank cell is a fact not given. A list column written alone with the
value ``none`` (``exams`` = ``none``) says the list is known to be empty. Row numbers are those a
spreadsheet shows: the header is row 1, the first applicant row 2.

:func:`check_roster` yields one :class:`RosterResult` per record as it goes; a row that cannot be
read yields a result carrying the error (row number and column, never the value) and the rest
carry on; a row whose every cell is empty yields a result that says it was skipped. Rows in =
results out.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import re
from collections.abc import Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

import attrs

from .._didyoumean import closest, did_you_mean
from .._errors import InputError, PeerCompetenciesError, every_problem
from .._files import open_file
from .._markup import csv_writer
from ._applicant import Applicant, parse_applicant
from ._check import RequirementResult, Result, check
from ._columns import EMPTY, column_plan
from ._predicates import Status
from ._rules import Credential, Requirement
from ._rules import credential as find_credential

__all__ = [
    "EMPTY_ROW",
    "MAX_ROW_BYTES",
    "RESULT_COLUMNS",
    "RosterResult",
    "RosterRow",
    "check_roster",
    "read_roster",
    "roster_columns",
    "write_results",
]

RESULT_COLUMNS = (
    "row",
    "id",
    "outcome",
    "unmet",
    "unknown",
    "not_checked",
    "to_supply",
    "next_steps",
    "depends_on_unverified",
    "error",
)
"""The columns :func:`write_results` writes, in order."""

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


@attrs.frozen
class RosterResult:
    """The outcome for one roster row: a :class:`Result`, the error that stopped the row, or
    (neither) a row skipped because every cell of it is empty, ``note`` saying so."""

    row: int
    applicant_id: str | None
    result: Result | None = None
    error: PeerCompetenciesError | None = None
    note: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the row could be checked."""
        return self.result is not None

    @property
    def skipped(self) -> bool:
        """Whether the row was skipped (every cell empty): not an applicant, not an error."""
        return self.result is None and self.error is None


MAX_ROW_BYTES = 128 * 1024
"""The longest roster row read (a row is a few hundred bytes); a longer one is reported as an
error row, and the rows after it are read."""

EMPTY_ROW = "every cell is empty; skipped"


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


Record = Applicant | RosterRow | Mapping[str, Any]


def check_roster(
    records: Iterable[Record],
    credential: str | Credential,
    *,
    pathway: str | None = None,
    as_of: dt.date | None = None,
    start: int = 1,
    jobs: int = 1,
) -> Iterator[RosterResult]:
    """Check every record against a credential, yielding one :class:`RosterResult` each, in order.

    ``records`` may be :class:`Applicant` objects, mappings of fields (nested like JSON, or flat
    like CSV cells), or the :class:`RosterRow` objects :func:`read_roster` yields. Rows carry their
    own numbers; other records are numbered from ``start``. The credential, pathway and date are
    checked at once (unknown ids raise :class:`UnknownIdError` before anything is read); a bad
    record yields a result with its error and the rest carry on.

    ``jobs`` > 1 checks the records in that many worker processes (records and results must
    then pickle, as those of :func:`read_roster` do); the results are the same, in the same
    order, as with one process.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError("jobs is a whole number ≥ 1", where="jobs", fix="pass jobs=1 or more")
    cred = find_credential(credential)
    cred.pathway(pathway)
    if as_of is not None and as_of > dt.date.today():
        raise InputError(
            f"the check date {as_of.isoformat()} is in the future",
            where="as_of",
            fix="check as of today or an earlier date",
        )
    if jobs > 1:
        from ._parallel import check_in_processes

        return check_in_processes(records, cred, pathway, as_of, start, jobs)
    if isinstance(records, _RosterFile):  # read by the column plan, a block of lines at a time
        return _stream_file(records, cred, pathway, as_of)
    return _stream(records, cred, pathway, as_of, start)


_TAKE = 1024
"""Lines taken from a roster file at a time by one process."""


def _stream_file(
    roster: _RosterFile, cred: Credential, pathway: str | None, as_of: dt.date | None
) -> Iterator[RosterResult]:
    while True:
        first, lines = roster.take(_TAKE)
        if not lines:
            return
        yield from check_lines(first, lines, roster.header, cred, pathway, as_of)


def check_lines(
    first: int,
    lines: list[bytes | None],
    header: list[str],
    cred: Credential,
    pathway: str | None,
    as_of: dt.date | None,
) -> Iterator[RosterResult]:
    """The results of roster lines (as :func:`_line_blocks` gives them) numbered from ``first``,
    under ``header``: the rows that are fine read by the header's column plan, the others by
    the strict road, which names every problem."""
    plan = column_plan(header)
    assert plan is not None, "read_roster has checked every column"
    read = plan.applicant
    width = len(header)
    for number, line in enumerate(lines, first):
        cells: list[str] | None = None
        if line is not None and b'"' not in line and b"\r" not in line:  # the usual line
            try:
                cells = line.decode("utf-8").split(",")
            except UnicodeDecodeError:  # try, not contextlib.suppress: this runs once a row
                cells = None  # _row_cells names the column
        if cells is None or len(cells) > width:
            cells, error = _row_cells(number, line, header)
            if error is not None:
                yield RosterResult(number, None, error=error)
                continue
        person = read(cells)
        if person is EMPTY:
            yield RosterResult(number, None, note=EMPTY_ROW)
            continue
        if person is None:  # a problem: the strict road names it (or reads what the plan could not)
            row = RosterRow(number, dict(zip(header, cells, strict=False)))
            try:
                person = _strict_applicant(row.cells, number)
            except InputError as exc:
                yield RosterResult(number, _raw_id(row), error=exc)
                continue
        try:
            result = check(person, cred, pathway, as_of)
        except InputError as exc:
            yield RosterResult(number, person.id, error=exc)
            continue
        yield RosterResult(number, person.id, result)


def _stream(
    records: Iterable[Record],
    cred: Credential,
    pathway: str | None,
    as_of: dt.date | None,
    start: int,
) -> Iterator[RosterResult]:
    for index, record in enumerate(records):
        row = record.row if isinstance(record, RosterRow) else start + index
        raw_id = _raw_id(record)
        if isinstance(record, RosterRow) and record.error is not None:
            yield RosterResult(row, None, error=record.error)
            continue
        if _empty(record):
            yield RosterResult(row, None, note=EMPTY_ROW)
            continue
        try:
            person = _applicant(record, row)
            result = check(person, cred, pathway, as_of)
        except InputError as exc:
            yield RosterResult(row, raw_id, error=exc)
            continue
        yield RosterResult(row, person.id, result=result)


def _empty(record: Record) -> bool:
    """Whether ``record`` is a row of cells (flat, as CSV gives them) every one of them empty."""
    cells = record.cells if isinstance(record, RosterRow) else record
    if isinstance(record, Applicant) or not isinstance(cells, Mapping):
        return False
    if not cells and not isinstance(record, RosterRow):
        return False  # a mapping of no fields: an applicant with no facts given
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values())


def _raw_id(record: Record) -> str | None:
    if isinstance(record, Applicant):
        return record.id
    cells = record.cells if isinstance(record, RosterRow) else record
    value = cells.get("id") if isinstance(cells, Mapping) else None
    return value.strip() or None if isinstance(value, str) else None


def _open_leaves(root: RequirementResult) -> tuple[list[str], list[str]]:
    """The ids of the UNMET and of the UNKNOWN requirements (leaves) under ``root``, in the
    pathway's order (as ``Result.with_status`` gives them), the tree walked once."""
    unmet: list[str] = []
    unknown: list[str] = []
    stack = [root]
    while stack:
        r = stack.pop()
        if r.children:
            stack += reversed(r.children)
        if isinstance(r.node, Requirement):
            if r.status is Status.UNMET:
                unmet.append(r.node.id)
            elif r.status is Status.UNKNOWN:
                unknown.append(r.node.id)
    return unmet, unknown


def write_results(results: Iterable[RosterResult], stream: IO[str]) -> dict[str, int]:
    """Write results as CSV (columns :data:`RESULT_COLUMNS`) as they come, one row per result;
    returns how many rows had each outcome, ``ERROR`` (the ``error`` column says what stopped the
    row) and ``SKIPPED`` (an empty row; the ``error`` column says so)."""
    writer = csv_writer(stream)  # formulas neutralised
    writer.writerow(RESULT_COLUMNS)
    counts: dict[str, int] = {}
    for r in results:
        if r.result is None:
            outcome = "ERROR" if r.error is not None else "SKIPPED"
            why = r.note or ""
            if r.error is not None:  # every problem of the row
                why = " | ".join(str(p) for p in getattr(r.error, "problems", (r.error,)))
            writer.writerow([r.row, r.applicant_id or "", outcome, "", "", "", "", "", "", why])
        else:
            res = r.result
            outcome = res.outcome.value
            unmet, unknown = _open_leaves(res.requirements)
            writer.writerow(
                [
                    r.row,
                    r.applicant_id or "",
                    outcome,
                    "; ".join(unmet),
                    "; ".join(unknown),
                    "; ".join(x.id for x in res.not_checked),
                    "; ".join(res.to_supply),
                    "; ".join(res.next_steps),
                    "; ".join(x.id for x in res.depends_on_unverified),
                    "",
                ]
            )
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
