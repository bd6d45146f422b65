"""Checking a roster: many applicants, one record each, checked as a stream, results written.

:func:`check_roster` yields one :class:`RosterResult` per record as it goes; a row that cannot be
read yields a result carrying the error (row number and column, never the value) and the rest
carry on; a row whose every cell is empty yields a result that says it was skipped. Rows in =
results out. Reading a roster file (the format of its columns and rows) is
:mod:`._roster_read`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import attrs

from .._errors import InputError, PeerCompetenciesError
from .._markup import csv_writer
from ._applicant import Applicant, today
from ._check import RequirementResult, Result, check
from ._columns import EMPTY, column_plan
from ._credential import Credential, Requirement
from ._predicates import Status
from ._roster_read import RosterRow, _applicant, _RosterFile, _row_cells, _strict_applicant
from ._rules import credential as find_credential

__all__ = [
    "EMPTY_ROW",
    "RESULT_COLUMNS",
    "RosterResult",
    "check_roster",
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


EMPTY_ROW = "every cell is empty; skipped"


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
    if as_of is not None and as_of > today():
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
