"""A roster file read the quick way (lines a block at a time, each row by its header's column
plan) gives what the strict road gives: the same applicants, the same results, the same errors
with the same rows and columns, on every example roster and on generated ones."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import eligibility as el
from peer_competencies._markup import spreadsheet_cell
from peer_competencies._templates import TEMPLATES
from peer_competencies.eligibility import Status, _columns, _parallel, _roster_read
from tests.hostile import ROSTER as HOSTILE_ROSTER
from tests.support import REPO

AS_OF = dt.date(2026, 6, 1)


def _bench_roster() -> Any:
    path = REPO / "benchmarks" / "bench_roster.py"
    spec = importlib.util.spec_from_file_location("bench_roster", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_roster"] = module
    spec.loader.exec_module(module)
    return module


def _strict(cells: dict[str, str]) -> el.Applicant:
    data, _ = _roster_read._unflatten(cells)
    return el.parse_applicant(data)


def _compare(path: Path, credential: str = "ca-pss") -> int:
    """Check ``path`` the quick way and the strict way (no column plan, each row a RosterRow
    read back through the strict converter); assert the results are the same, row for row, and
    that the plan builds each applicant the strict converter builds. Returns the rows seen."""
    quick = list(el.check_roster(el.read_roster(path), credential, as_of=AS_OF))
    rows = list(el.read_roster(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_roster_read, "column_plan", lambda header: None)
        strict = list(el.check_roster(rows, credential, as_of=AS_OF))
    assert len(quick) == len(strict) == len(rows)
    for a, b, row in zip(quick, strict, rows, strict=True):
        assert (a.row, a.applicant_id, a.result, a.note) == (
            b.row,
            b.applicant_id,
            b.result,
            b.note,
        )
        assert str(a.error) == str(b.error)
        if isinstance(a.error, pc.InputError):
            assert isinstance(b.error, pc.InputError)
            assert [str(p) for p in a.error.problems] == [str(p) for p in b.error.problems]
        if row.error is not None:
            continue
        plan = _columns.column_plan(tuple(row.cells))
        assert plan is not None
        planned = plan.applicant(list(row.cells.values()))
        if planned is _columns.EMPTY:
            assert a.skipped
            assert not any(v.strip() for v in row.cells.values())
            continue
        try:
            expected = _strict(dict(row.cells))
        except pc.InputError:
            assert planned is None  # the strict road names the problem
            assert a.error is not None
            continue
        assert planned == expected
    return len(rows)


def _write(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_the_example_roster_is_read_by_the_column_plan_as_the_strict_road_reads_it() -> None:
    assert _compare(REPO / "examples" / "roster.csv") == 4


@pytest.mark.parametrize(
    "text",
    [TEMPLATES["roster"].text, HOSTILE_ROSTER],
    ids=["template", "hostile-tests"],
)
def test_the_shipped_rosters_are_read_by_the_column_plan_as_the_strict_road_reads_them(
    tmp_path: Path, text: str
) -> None:
    assert _compare(_write(tmp_path, text)) == text.count("\n") - 1


def test_the_benchmark_roster_is_read_by_the_column_plan_as_the_strict_road_reads_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bench.csv"
    _bench_roster().make_roster(path, 300)
    assert _compare(path) == 300


def test_rows_in_error_of_every_kind_are_reported_as_the_strict_road_reports_them(
    tmp_path: Path,
) -> None:
    lines = [
        "id,date_of_birth,education,trainings,trainings.1.topic,trainings.1.hours,"
        "trainings.3.hours,exams.1.exam,residence_jurisdiction",
        "G1,1990-05-01,GED, ca-pss-core ,,80,20,ca-pss,ca",
        "G2,1990-05-01,ged,none,,,,,",  # the list known empty
        "B1,1990-05-01,ged,none,ca-pss-core,80,,,",  # none, yet an entry
        "B2,someday,college,,,-1,x,,Cal",  # four problems
        "B3,2099-01-01,ged,,,,,,",  # a date in the future
        "S1,1990-05-01",  # fewer cells than columns
        ",,,,,,,,",  # every cell empty
        " , ,\t,,,,,,",  # every cell blank
        'Q1,"1990-05-01","ged",,"ca-pss-core","8,000",,,',  # quoted cells
        'Q2,"1990-05-01,ged',  # a quote not closed
        "X1,1990-05-01,ged,,,,,,,surplus",  # a cell too many
        "X2,1990-05-01,ged,,,,,,,,  ,",  # empty cells past the last column
    ]
    path = _write(tmp_path, b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\nF,\xff,ged\n")
    assert _compare(path) == len(lines)
    results = {r.applicant_id or r.row: r for r in el.check_roster(el.read_roster(path), "ca-pss")}
    assert str(results["B2"].error).startswith("row 5, column date_of_birth")
    assert len(results["B2"].error.problems) == 4  # type: ignore[union-attr]
    assert results[8].skipped
    assert results[9].skipped
    assert str(results[14].error).startswith("row 14, column date_of_birth: not UTF-8 text")


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_roster_takes_a_roster_file_up_from_where_iterating_left_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(_parallel, "CHUNK_ROWS", 4)
    path = _write(tmp_path, "id,age\n" + "".join(f"A{n},{20 + n}\n" for n in range(30)))
    rows = el.read_roster(path)
    first = next(rows)
    assert (first.row, dict(first.cells)) == (2, {"id": "A0", "age": "20"})
    rest = list(el.check_roster(rows, "ga-cps", as_of=AS_OF, jobs=jobs))
    assert [r.row for r in rest] == list(range(3, 32))
    assert [r.applicant_id for r in rest] == [f"A{n}" for n in range(1, 30)]


_CELLS = {
    "id": ["E-1", " E-2 ", '"x,y"', "", '""'],
    "date_of_birth": ["1990-05-01", " 2008-06-02", "2030-01-01", "1/2/90", ""],
    "age": ["30", "17.0", "17.5", "-2", "thirty", ""],
    "education": ["GED", " Bachelor ", "college", "none", ""],
    "lived_experience": ["self", "SELF", "friend", ""],
    "willing_to_share": ["yes", "No", "0", "maybe", ""],
    "residence_jurisdiction": ["ca", "CA", "Cal", ""],
    "trainings": ["none", "None", "some", ""],
    "trainings.1.topic": ["ca-pss-core", "CalMHSA core training", "knitting", ""],
    "trainings.1.hours": ["80", '"1,200"', '"2,5"', "-1", "inf", ""],
    "trainings.1.date": ["2024-01-10", "2099-01-01", "yesterday", ""],
    "trainings.2.topic": ["ca-pss-core", ""],
    "trainings.2.hours": ["20", "x", ""],
    "exams.1.exam": ["ca-pss", "bar exam", ""],
    "exams.1.passed": ["yes", "no", ""],
    "certifications.1.jurisdiction": ["pa", "Penn", ""],
}


@st.composite
def roster_texts(draw: st.DrawFn) -> str:
    """A roster: some columns in any order, rows of cells drawn for them (some rows short,
    some blank, some with a cell too many)."""
    header = draw(st.lists(st.sampled_from(sorted(_CELLS)), unique=True, min_size=1))
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 8))):
        cells = [draw(st.sampled_from(_CELLS[c])) for c in header]
        shape = draw(st.sampled_from(["whole", "whole", "whole", "short", "blank", "long"]))
        if shape == "short":
            cells = cells[: draw(st.integers(0, len(cells)))]
        elif shape == "blank":
            cells = [" " * draw(st.integers(0, 1)) for _ in cells]
        elif shape == "long":
            cells.append(draw(st.sampled_from(["", "x"])))
        lines.append(",".join(cells))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@settings(max_examples=200, deadline=None)
@given(roster_texts())
def test_a_generated_roster_file_is_read_as_the_strict_road_reads_it(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _compare(_write(Path(folder), text))


@st.composite
def line_files(draw: st.DrawFn) -> bytes:
    pieces = st.sampled_from([b"a", b"bc", b"\r", b"\n", b"\r\n", b",", b"\xef\xbb\xbf", b"\xff"])
    return b"".join(draw(st.lists(pieces, max_size=60)))


@settings(max_examples=300, deadline=None)
@given(line_files(), st.integers(1, 6), st.integers(1, 6))
def test_lines_are_read_a_block_at_a_time_as_they_are_one_by_one(
    data: bytes, block: int, longest: int
) -> None:
    expected: list[bytes | None] = []
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # a file ending in a line end has no line after it
    for line in lines:
        expected.append(None if len(line) > longest else line.rstrip(b"\r"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_roster_read, "_BLOCK", min(block, longest))
        patch.setattr(_roster_read, "MAX_ROW_BYTES", longest)
        stream = io.BytesIO(data)
        found = [line for lines in _roster_read._line_blocks(stream) for line in lines]
    assert found == expected
    assert stream.closed


def test_a_record_whose_init_does_more_than_set_its_fields_is_made_through_its_init() -> None:
    @attrs.frozen
    class Checked:
        value: int | None = attrs.field(default=None, validator=attrs.validators.gt(0))

    @attrs.frozen
    class Plain:
        value: int | None = None

        def __attrs_post_init__(self) -> None:
            pass

    assert _columns._sets_fields_only(el.Applicant)
    assert not _columns._sets_fields_only(Checked)  # a validator the plan does not know
    assert not _columns._sets_fields_only(Plain)  # more work after the fields are set


def test_a_cell_the_field_converts_or_refuses_is_read_as_the_record_reads_it() -> None:
    header = ("id", "residence_jurisdiction", "date_of_birth", "age")
    plan = _columns.column_plan(header)
    assert plan is not None
    person = plan.applicant(["E-1", " pa ", "1990-05-01", "40"])
    assert person == el.Applicant(
        id="E-1", residence_jurisdiction="PA", date_of_birth=dt.date(1990, 5, 1), age=40
    )
    assert plan.applicant(["E-1", "Penn", "", ""]) is None  # not a state code
    assert plan.applicant(["E-1", "", "2999-01-01", ""]) is None  # in the future
    assert plan.applicant(["E-1", "", "", "-3"]) is None  # below 0


def test_the_written_unmet_and_unknown_columns_are_the_results_requirements_with_that_status() -> (
    None
):
    from tests.eligibility_cases import CASES

    for case in CASES:
        (row,) = el.check_roster(
            [case.applicant], case.credential, pathway=case.pathway, as_of=case.as_of
        )
        stream = io.StringIO()
        el.write_results([row], stream)
        written = next(csv.DictReader(io.StringIO(stream.getvalue())))
        assert row.result is not None
        for status, column in ((Status.UNMET, "unmet"), (Status.UNKNOWN, "unknown")):
            expected = "; ".join(r.id for r in row.result.with_status(status))
            assert written[column] == spreadsheet_cell(expected), case.name
