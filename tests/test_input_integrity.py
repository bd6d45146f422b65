"""Damaged and hostile input never loses data or gives a wrong answer (issue 8): repeated roster
columns, stale sheet sizes, an output naming an input, bad roster rows that must not hide the
rows around them, empty rows, and the roster's exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import eligibility as el
from peer_competencies._terminal import command_inputs, output_file
from tests.support import run_cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ca-core-80h.toml"


def roster(tmp_path: Path, content: bytes | str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def results(path: Path) -> list[el.RosterResult]:
    return list(el.check_roster(el.read_roster(path), "ga-cps", as_of=dt.date(2026, 6, 1)))


# --- rosters -------------------------------------------------------------------------------


def test_a_roster_column_named_twice_is_refused(tmp_path: Path) -> None:
    path = roster(tmp_path, "id,date_of_birth,date_of_birth\nA,1990-01-01,2015-01-01\n")
    with pytest.raises(pc.InputError) as info:
        el.read_roster(path)
    assert info.value.where == "row 1, column 'date_of_birth'"
    assert "repeats column 2" in info.value.problem


def test_one_undecodable_byte_reports_its_row_and_column_and_every_other_row_is_checked(
    tmp_path: Path,
) -> None:
    lines = [f"P-{n},3{n % 10}".encode() for n in range(2000)]
    lines[1500] = b"P-1500,3\xff"
    path = roster(tmp_path, b"id,age\n" + b"\n".join(lines) + b"\n")
    found = results(path)
    assert len(found) == 2000  # rows in = rows out
    assert [r.row for r in found] == list(range(2, 2002))
    bad = [r for r in found if not r.ok]
    assert [r.row for r in bad] == [1502]
    assert bad[0].error is not None
    assert str(bad[0].error).startswith("row 1502, column age: not UTF-8 text")


def test_an_over_long_row_is_reported_and_the_next_rows_are_read(tmp_path: Path) -> None:
    long = "B," + "9" * (el.MAX_ROW_BYTES + 10)
    path = roster(tmp_path, f"id,age\nA,30\n{long}\nC,40\n")
    found = results(path)
    assert [r.row for r in found] == [2, 3, 4]
    assert [r.ok for r in found] == [True, False, True]
    assert "longer than" in str(found[1].error)


def test_an_over_long_cell_in_one_row_does_not_stop_the_run(tmp_path: Path) -> None:
    # longer than the csv module's own cell limit, shorter than a row may be
    path = roster(tmp_path, "id,age\nA,30\nB," + "x" * 131_100 + "\nC,40\n")
    found = results(path)
    assert [r.ok for r in found] == [True, False, True]
    assert str(found[1].error).startswith("row 3")


def test_an_unclosed_quote_is_reported_and_does_not_swallow_the_next_rows(tmp_path: Path) -> None:
    path = roster(tmp_path, 'id,age\nA,30\nB,"31\nC,40\nD,"4"1\nE,50\n')
    found = results(path)
    assert [r.row for r in found] == [2, 3, 4, 5, 6]
    assert [r.ok for r in found] == [True, False, True, False, True]
    assert "quote" in str(found[1].error)
    assert [r.applicant_id for r in found if r.ok] == ["A", "C", "E"]


def test_a_row_of_empty_cells_is_skipped_with_a_note(tmp_path: Path) -> None:
    path = roster(tmp_path, "id,age\nA,30\n , \n\nB,40\n")
    found = results(path)
    assert [r.row for r in found] == [2, 3, 4, 5]
    assert [r.skipped for r in found] == [False, True, True, False]
    assert found[1].note == "every cell is empty; skipped"
    out = io.StringIO()
    counts = el.write_results(found, out)
    assert counts == {"INCOMPLETE": 2, "SKIPPED": 2}
    assert out.getvalue().splitlines()[2] == f"3,,SKIPPED,,,,,,,{'every cell is empty; skipped'}"


def test_the_roster_exit_code_tells_checked_some_errors_and_could_not_run_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = roster(tmp_path, "id,age\nA,30\n\n", "good.csv")
    mixed = roster(tmp_path, "id,age\nA,30\nB,x\n", "mixed.csv")
    broken = roster(tmp_path, "id,age,age\nA,30,31\n", "broken.csv")
    base = ["eligibility", "roster", "--credential", "ga-cps", "--as-of", "2026-06-01"]
    assert run_cli(capsys, *base, str(good))[0] == 0
    assert run_cli(capsys, *base, str(mixed))[0] == 4
    code, out, err = run_cli(capsys, *base, str(broken))
    assert (code, out) == (3, "")
    assert "repeats column 2" in err


# --- sheets --------------------------------------------------------------------------------


def workbook(tmp_path: Path, modules: int, dimension: str | None = None) -> Path:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "title", "hours", "competencies"])
    for n in range(1, modules + 1):
        sheet.append([f"M{n}", f"Module {n}", 4, str(n)])
    path = tmp_path / "s.xlsx"
    book.save(path)
    if dimension is not None:
        with zipfile.ZipFile(path) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        name = "xl/worksheets/sheet1.xml"
        parts[name] = re.sub(
            rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), parts[name]
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, data in parts.items():
                archive.writestr(part, data)
    return path


def test_a_sheet_with_a_stale_recorded_size_is_read_to_its_last_row(tmp_path: Path) -> None:
    path = workbook(tmp_path, 17, dimension="A1:B3")
    syllabus = cov.read_syllabus(path)
    assert len(syllabus.modules) == 17
    assert syllabus.modules[-1].competencies == ("17",)
    assert syllabus.rows[-1] == 18


def test_a_workbook_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peer_competencies import _tables

    path = workbook(tmp_path, 3)
    monkeypatch.setattr(_tables, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(pc.InputError, match="unpacks to"):
        cov.read_syllabus(path)


# --- outputs -------------------------------------------------------------------------------


def test_an_output_naming_the_roster_is_refused_and_the_roster_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "id,age\nA,30\n"
    path = roster(tmp_path, text)
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    hard = tmp_path / "hard.csv"
    os.link(path, hard)
    base = ["eligibility", "roster", str(path), "--credential", "ga-cps"]
    for output in (path, link, hard, tmp_path / "." / "roster.csv"):
        code, _, err = run_cli(capsys, *base, "-o", str(output))
        assert code == 3
        assert "would destroy the input" in err
        assert path.read_text(encoding="utf-8") == text


def test_an_output_naming_the_syllabus_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "coverage", str(path), "-o", str(path))
    assert code == 3
    assert "would destroy the input" in err
    assert path.read_text(encoding="utf-8") == text


def test_an_output_is_put_in_place_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)

    def interrupted() -> None:
        with output_file(str(target)) as stream:
            stream.write("half")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary file left
    with output_file(str(target)) as stream:
        stream.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_an_output_through_a_link_replaces_the_file_it_names(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with command_inputs(), output_file(str(link)) as stream:
        stream.write("new")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"


def test_an_output_to_a_device_is_written_directly() -> None:
    with output_file(os.devnull) as stream:
        stream.write("nothing")
    assert not Path(os.devnull).is_file()  # still the device, not replaced by a file


def test_results_read_back_one_row_per_roster_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["id,age"] + [f"R{n},{n % 60}" for n in range(300)]
    lines[50] = "R49,x"
    lines[120] = ",,"
    lines[200] = 'R199,"3'
    path = roster(tmp_path, "\n".join(lines) + "\n")
    output = tmp_path / "results.csv"
    code, _, _ = run_cli(
        capsys, "eligibility", "roster", str(path), "--credential", "ga-cps", "-o", str(output)
    )
    assert code == 4
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert [int(r["row"]) for r in rows] == list(range(2, 302))
    outcomes = [r["outcome"] for r in rows]
    assert outcomes.count("ERROR") == 2
    assert outcomes.count("SKIPPED") == 1


def test_empty_cells_past_the_last_column_keep_the_row(tmp_path: Path) -> None:
    path = roster(tmp_path, "id,age\nA,30,,\n")
    (row,) = el.read_roster(path)
    assert row.error is None
    assert dict(row.cells) == {"id": "A", "age": "30"}


def test_a_workbook_output_goes_through_the_same_checks_and_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.crosswalk_fixtures import write_framework

    mappings = write_framework(tmp_path)
    text = mappings.read_text(encoding="utf-8")
    matrix = ["crosswalk", "--matrix", "icrc-pr", "ca-sb803", "--format", "xlsx"]
    code, _, err = run_cli(capsys, *matrix, "--with-framework", str(mappings), "-o", str(mappings))
    assert code == 3
    assert "would destroy the input" in err
    assert mappings.read_text(encoding="utf-8") == text
    target = tmp_path / "m.xlsx"
    assert run_cli(capsys, *matrix, "-o", str(target))[0] == 0
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.json", "m.xlsx"]


def test_an_output_named_like_an_argument_that_is_no_input_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("csv").write_text("old", encoding="utf-8")
    code, _, _ = run_cli(capsys, "export", "icrc-pr", "--format", "csv", "-o", "csv")
    assert code == 0
    assert Path("csv").read_text(encoding="utf-8").startswith("id,framework,")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_characters='"\r\n', codec="utf-8"), max_size=60))
def test_a_line_without_quotes_is_split_as_the_csv_module_splits_it(line: str) -> None:
    from peer_competencies.eligibility._roster_read import _cells

    cells, problem, _ = _cells(line.encode("utf-8"))
    expected = next(csv.reader([line], strict=True), [])
    assert problem is None
    assert cells == expected or (expected == [] and cells == [""])
