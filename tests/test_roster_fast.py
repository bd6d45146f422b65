"""The roster's quick roads give what the strict roads give: the column plan builds the applicant
the strict converter builds, the compiled requirement tree the result the tree walk gives (on
every case of ``tests/cases/eligibility/`` and on generated rosters), and ``--jobs 2`` the output
of ``--jobs 1``, row for row and in order, bad rows included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import eligibility as el
from peer_competencies.eligibility import _columns, _parallel, _roster_read
from tests.check_reference import walked_check
from tests.eligibility_cases import CASES
from tests.support import run_cli

AS_OF = dt.date(2026, 6, 1)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def cells_of(applicant: dict[str, Any]) -> dict[str, str]:
    """An applicant record (as JSON or YAML gives it) written as a roster row's cells."""
    cells: dict[str, str] = {}
    for key, value in applicant.items():
        if isinstance(value, list):
            if not value:
                cells[key] = "none"
            for number, entry in enumerate(value, start=1):
                for sub, item in entry.items():
                    cells[f"{key}.{number}.{sub}"] = _cell(item)
        else:
            cells[key] = _cell(value)
    return cells


def planned_applicant(cells: dict[str, str]) -> el.Applicant | None:
    """The applicant of a row by the quick road: the header's column plan (None: the strict road
    must read the row)."""
    plan = _columns.column_plan(tuple(cells))
    assert plan is not None
    found = plan.applicant(list(cells.values()))
    if found is _columns.EMPTY:  # a row to skip; read alone, a record of no facts
        assert not any(v.strip() for v in cells.values())
        return el.Applicant()
    return found  # type: ignore[no-any-return]


def strict_applicant(cells: dict[str, str]) -> el.Applicant:
    """The applicant of a row by the strict road: cells unflattened, then the cattrs converter."""
    data, _ = _roster_read._unflatten(cells)
    return el.parse_applicant(data)


def strict_check(
    applicant: el.Applicant, credential: str, pathway: str | None, as_of: dt.date
) -> el.Result:
    """``check`` with the requirement tree walked node by node rather than compiled."""
    return walked_check(applicant, credential, pathway, as_of)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_quick_roads_give_the_strict_roads_result_on_every_case(case: Any) -> None:
    cells = cells_of(case.applicant)
    planned = planned_applicant(cells)
    assert planned == strict_applicant(cells) == el.parse_applicant(case.applicant)
    quick = el.check(planned, case.credential, case.pathway, case.as_of)
    assert quick == strict_check(planned, case.credential, case.pathway, case.as_of)
    if cells:  # a row of no cells is skipped, not checked
        (row,) = el.check_roster(
            [el.RosterRow(2, cells)], case.credential, pathway=case.pathway, as_of=case.as_of
        )
        assert row.result == quick


_VALUES = {
    "id": st.sampled_from(["E-1", " E-2 ", "x,y", ""]),
    "date_of_birth": st.sampled_from(["1990-05-01", " 2008-06-02", "2030-01-01", "1/2/90", ""]),
    "age": st.sampled_from(["30", "17", "17.5", "-2", "thirty", " 40 ", ""]),
    "education": st.sampled_from(["GED", "high-school", " Bachelor ", "college", "none", ""]),
    "lived_experience": st.sampled_from(["self", "SELF", "family", "friend", ""]),
    "willing_to_share": st.sampled_from(["yes", "No", "Y", "0", "maybe", ""]),
    "code_of_ethics_signed": st.sampled_from(["2025-01-10", "2027-01-01", "soon", ""]),
    "residence_jurisdiction": st.sampled_from(["ca", "CA", "Cal", ""]),
    "trainings": st.sampled_from(["none", "None", "some", ""]),
    "trainings.1.topic": st.sampled_from(["ca-pss-core", "CalMHSA core training", "knitting", ""]),
    "trainings.1.hours": st.sampled_from(["80", "1,200", "2,5", "40.5", "-1", "inf", ""]),
    "trainings.1.date": st.sampled_from(["2024-01-10", "2099-01-01", "yesterday", ""]),
    "trainings.1.approved": st.sampled_from(["yes", "no", "TRUE", "perhaps", ""]),
    "trainings.3.hours": st.sampled_from(["20", "", "x"]),
    "exams.1.exam": st.sampled_from(["ca-pss", "CA PSS exam", "bar exam", ""]),
    "exams.1.passed": st.sampled_from(["yes", "no", ""]),
    "exams.1.score": st.sampled_from(["80", "-5", ""]),
}


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    columns = draw(st.lists(st.sampled_from(sorted(_VALUES)), unique=True, min_size=1))
    return {c: draw(_VALUES[c]) for c in columns}


@settings(max_examples=300, deadline=None)
@given(st.lists(rows(), min_size=1, max_size=5))
def test_the_column_plan_reads_a_generated_roster_as_the_strict_converter_does(
    cells: list[dict[str, str]],
) -> None:
    for row in cells:
        try:
            strict = strict_applicant(row)
        except pc.InputError:
            assert planned_applicant(row) is None  # the strict road reports it
            continue
        assert planned_applicant(row) == strict
    quick = list(
        el.check_roster([el.RosterRow(n, c) for n, c in enumerate(cells, 2)], "ca-pss", as_of=AS_OF)
    )
    assert len(quick) == len(cells)
    for result, row in zip(quick, cells, strict=True):
        if result.error is not None:
            with pytest.raises(pc.InputError):
                strict_applicant(row)
        elif result.result is not None:
            assert result.result == strict_check(strict_applicant(row), "ca-pss", None, AS_OF)


def _roster_file(tmp_path: Path) -> Path:
    """Good rows, rows in error of every kind, and empty rows, across several chunks."""
    lines = ["id,date_of_birth,education,trainings.1.topic,trainings.1.hours,exams.1.exam"]
    for n in range(40):
        lines += [
            f"G{n},1990-05-01,ged,ca-pss-core,{n * 4},ca-pss",
            f"B{n},1990-05-01,ged,ca-pss-core,-{n + 1},ca-pss",  # hours below 0
            f"C{n},someday,college,,,",  # two problems
            ",,,,,",  # empty: skipped
            f'D{n},"1990-05-01,ged',  # a quote not closed
            f"E{n},1990-05-01,ged,x,1,y,surplus",  # a cell too many
        ]
    path = tmp_path / "roster.csv"
    path.write_bytes("\n".join(lines).encode() + b"\nF,\xff\xfe,ged,,,\n")  # not UTF-8
    return path


@pytest.mark.parametrize("form", [(), ("--json",)], ids=["csv", "json"])
def test_jobs_2_writes_what_jobs_1_writes_row_for_row_bad_rows_included(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    form: tuple[str, ...],
) -> None:
    monkeypatch.setattr(_parallel, "CHUNK_ROWS", 7)  # many chunks, each row in a worker
    path = _roster_file(tmp_path)
    argv = ("eligibility", "roster", str(path), "--credential", "ca-pss", "--as-of", "2026-06-01")
    one = run_cli(capsys, *argv, *form, "--jobs", "1")
    two = run_cli(capsys, *argv, *form, "--jobs", "2")
    assert one == two
    assert one[0] == 4  # rows in error
    assert "241 rows" in one[2]  # count in = count out: 240 lines and the one not UTF-8


def test_check_roster_with_jobs_gives_the_same_results_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_parallel, "CHUNK_ROWS", 5)
    path = _roster_file(tmp_path)
    one = list(el.check_roster(el.read_roster(path), "ca-pss", as_of=AS_OF))
    two = list(el.check_roster(el.read_roster(path), "ca-pss", as_of=AS_OF, jobs=2))
    assert [r.row for r in two] == [r.row for r in one] == list(range(2, 243))
    for a, b in zip(one, two, strict=True):
        assert (a.applicant_id, a.result, a.note) == (b.applicant_id, b.result, b.note)
        assert str(a.error) == str(b.error)
        if a.error is not None:
            assert isinstance(a.error, pc.InputError)
            assert isinstance(b.error, pc.InputError)
            assert [str(p) for p in a.error.problems] == [str(p) for p in b.error.problems]
        if b.result is not None:  # a worker's result holds the parent's own rule objects
            assert b.result.credential is el.credential("ca-pss")


def test_applicant_records_are_numbered_from_start_across_processes() -> None:
    records = [{"id": f"A{n}", "age": 30} for n in range(12)]
    results = list(el.check_roster(records, "ga-cps", start=10, jobs=2))
    assert [(r.row, r.applicant_id) for r in results] == [(10 + n, f"A{n}") for n in range(12)]


@pytest.mark.parametrize("jobs", [0, -1, True, 1.5])
def test_jobs_below_one_or_not_whole_is_refused(jobs: Any) -> None:
    with pytest.raises(pc.InputError, match="jobs"):
        el.check_roster([], "ca-pss", jobs=jobs)
