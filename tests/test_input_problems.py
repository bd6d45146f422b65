"""Input errors report every problem of a file at once, and codes written as numbers are the
codes the docs advertise (issue 15)."""

from __future__ import annotations

import io
import json

import pytest

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import crosswalk
from peer_competencies import eligibility as el
from tests.crosswalk_fixtures import replace_cell, sssom_text
from tests.support import WriteFile, run_cli

BAD_MODULES = {
    "program": {"title": "T"},
    "modules": [
        {"id": "M1", "title": "A", "hours": -1},
        {"id": "M2", "title": "B", "hours": 2},
        {"id": "M3", "title": "", "hours": 2},
        {"id": "M4", "title": "D", "hours": "x", "competencies": "13"},
    ],
}


def test_a_syllabus_error_lists_every_problem_each_with_its_place(write_file: WriteFile) -> None:
    path = write_file("s.json", json.dumps(BAD_MODULES))
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    places = [p.where for p in info.value.problems]
    assert places == [
        "$.modules[0].hours",
        "$.modules[2].title",
        "$.modules[3].hours",
        "$.modules[3].competencies",
    ]
    assert all(p.file == str(path) for p in info.value.problems)
    assert info.value.problem.endswith("(and 3 more problems)")


def test_a_csv_syllabus_error_lists_the_problems_of_every_row(write_file: WriteFile) -> None:
    path = write_file("s.csv", "id,title,hours\nM1,A,-1\nM2,B,2\nM3,,2\nM4,D,x,extra\n")
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert [p.where for p in info.value.problems] == [
        "row 2, column hours",
        "row 4, column title",
        "row 5, column 4",
    ]


def test_repeated_module_ids_are_all_reported(write_file: WriteFile) -> None:
    modules = [{"id": m, "title": m} for m in ("A", "B", "A", "B", "A")]
    path = write_file("s.json", json.dumps({"program": {"title": "T"}, "modules": modules}))
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert [p.where for p in info.value.problems] == [
        "$.modules[2].id",
        "$.modules[3].id",
        "$.modules[4].id",
    ]


def test_an_sssom_error_lists_the_problems_of_every_row(write_file: WriteFile) -> None:
    rows = replace_cell(0, "confidence", "2")
    rows = tuple(
        tuple("skos:oddMatch" if i == 1 and n == 1 else c for i, c in enumerate(r))
        for n, r in enumerate(rows)
    )
    path = write_file("m.sssom.tsv", sssom_text(rows=rows))
    with pytest.raises(pc.InputError) as info:
        crosswalk.read_mappings(path)
    assert [p.where for p in info.value.problems] == [
        "line 10, column 6 (confidence)",
        "line 11, column 2 (predicate_id)",
    ]


def test_a_roster_row_reports_every_problem_of_the_row() -> None:
    records = [{"id": "A", "age": "x", "trainings.1.hours": "-3"}]
    (result,) = el.check_roster(records, "ga-cps")
    assert isinstance(result.error, pc.InputError)
    assert [p.where for p in result.error.problems] == [
        "row 1, column age",
        "row 1, column trainings.1.hours",
    ]
    out = io.StringIO()
    el.write_results([result], out)
    cell = out.getvalue().splitlines()[1]
    assert "row 1, column age" in cell
    assert "row 1, column trainings.1.hours" in cell


def test_the_command_line_prints_every_problem(
    write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_file("s.json", json.dumps(BAD_MODULES))
    code, _, stderr = run_cli(capsys, "coverage", str(path), "-f", "ca-sb803")
    err = stderr.splitlines()
    assert code == 3
    assert len(err) == 4
    assert all(line.startswith(f"peer-competencies: {path}: $.modules[") for line in err)


def test_a_single_problem_is_its_own_list() -> None:
    error = pc.InputError("bad", where="x")
    assert error.problems == (error,)


# --- codes written as numbers ---------------------------------------------------------------


def test_codes_written_as_numbers_are_the_codes_as_text(write_file: WriteFile) -> None:
    yaml_path = write_file(
        "s.yaml",
        "program: {title: T, framework: ca-sb803}\n"
        "modules:\n"
        "  - {id: M1, title: A, hours: 4, competencies: [1, 3, ca-sb803:13],"
        " hours_by_competency: {1: 2}}\n",
    )
    toml_path = write_file(
        "s.toml",
        'program = {title = "T", framework = "ca-sb803"}\n'
        '[[modules]]\nid = "M1"\ntitle = "A"\nhours = 4\ncompetencies = [1, 3, "ca-sb803:13"]\n'
        "hours_by_competency = {1 = 2}\n",
    )
    for path in (yaml_path, toml_path):
        (module,) = cov.read_syllabus(path).modules
        assert module.competencies == ("1", "3", "ca-sb803:13")
        assert list(module.hours_by_competency) == ["1"]
        assert float(module.hours_by_competency["1"]) == 2.0
    report = cov.coverage(cov.read_syllabus(yaml_path), "ca-sb803")
    covered = {row.item.id for row in report.competencies if row.modules}
    assert {"ca-sb803:1", "ca-sb803:3", "ca-sb803:13"} <= covered


@pytest.mark.parametrize("code", ["1.10", "true", "null"])
def test_a_code_written_as_a_decimal_or_a_truth_value_is_refused(
    write_file: WriteFile, code: str
) -> None:
    path = write_file(
        "s.yaml",
        f"program: {{title: T}}\nmodules:\n  - {{id: M, title: A, competencies: [{code}]}}\n",
    )
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert info.value.where == "$.modules[0].competencies[0]"
