"""Reading syllabi: every format, and malformed files reported with file, place and fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import peer_competencies as pc
from peer_competencies import coverage as cov
from tests.support import REPO

EXAMPLE = REPO / "examples" / "ca-core-80h.toml"

DATA = {
    "program": {"title": "Mini", "provider": "Us", "framework": "ca-sb803"},
    "modules": [
        {
            "id": "A",
            "title": "Advocacy",
            "hours": 4,
            "competencies": ["ca-sb803:2", "11"],
            "measures": ["quiz"],
            "delivery": "online",
        },
        {"id": "B", "title": "Crisis", "hours": 2.5},
    ],
}


def check_mini(syllabus: cov.Syllabus) -> None:
    assert [m.id for m in syllabus.modules] == ["A", "B"]
    assert syllabus.modules[0].competencies == ("ca-sb803:2", "11")
    assert syllabus.modules[0].hours == 4.0
    assert syllabus.modules[1].hours == 2.5
    assert syllabus.hours == 6.5


def test_the_example_syllabus_is_eighty_hours_in_nineteen_modules() -> None:
    syllabus = cov.read_syllabus(EXAMPLE)
    assert syllabus.hours == 80
    assert len(syllabus.modules) == 19
    assert syllabus.program.framework == "ca-sb803"
    assert [m.id for m in syllabus.modules if not m.competencies] == ["M01", "M19"]


def test_json_syllabus(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(DATA), encoding="utf-8")
    check_mini(cov.read_syllabus(path))


def test_yaml_syllabus(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(DATA), encoding="utf-8")
    check_mini(cov.read_syllabus(path))


def test_toml_syllabus(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[program]\ntitle = "Mini"\nframework = "ca-sb803"\n'
        '[[modules]]\nid = "A"\ntitle = "Advocacy"\nhours = 4\n'
        'competencies = ["ca-sb803:2", "11"]\nmeasures = ["quiz"]\n'
        '[[modules]]\nid = "B"\ntitle = "Crisis"\nhours = 2.5\n',
        encoding="utf-8",
    )
    check_mini(cov.read_syllabus(path))


def test_csv_syllabus_splits_ids_on_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "mini.csv"
    path.write_text(
        "id,title,hours,competencies,measures\nA,Advocacy,4,ca-sb803:2; 11,quiz\nB,Crisis,2.5,,\n",
        encoding="utf-8",
    )
    syllabus = cov.read_syllabus(path)
    check_mini(syllabus)
    assert syllabus.program.title == "mini"


def test_xlsx_syllabus(tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "title", "hours", "competencies", "measures"])
    sheet.append(["A", "Advocacy", 4, "ca-sb803:2;11", "quiz"])
    sheet.append(["B", "Crisis", 2.5, None, None])
    path = tmp_path / "mini.xlsx"
    book.save(path)
    check_mini(cov.read_syllabus(path))


@pytest.mark.parametrize(
    ("name", "content", "where", "words"),
    [
        (
            "bad.json",
            '{"program": {"title": "x"}, "modules": [{"id": "A", "title": "t", "hours": "two"}]}',
            "$.modules[0].hours",
            "expected a number",
        ),
        (
            "neg.json",
            '{"program": {"title": "x"}, "modules": [{"id": "A", "title": "t", "hours": -1}]}',
            "$.modules[0].hours",
            "≥ 0",
        ),
        (
            "extra.json",
            '{"program": {"title": "x"}, "modules": [{"id": "A", "title": "t", "hourz": 1}]}',
            "$.modules[0]",
            "hourz",
        ),
        (
            "notitle.json",
            '{"program": {"title": "x"}, "modules": [{"id": "A"}]}',
            "$.modules[0].title",
            "required",
        ),
        ("empty.json", '{"program": {"title": "x"}, "modules": []}', "$.modules", "no modules"),
        (
            "dup.json",
            '{"program": {"title": "x"}, "modules": [{"id": "A", "title": "t"}, '
            '{"id": "A", "title": "u"}]}',
            "$.modules[1].id",
            "repeats",
        ),
        ("list.json", "[]", "$", "a syllabus is a table"),
        ("broken.json", '{"program": ', "line 1, column 13", "not valid JSON"),
        ("bad.csv", "id,title,hours\nA,t,two\n", "row 2, column hours", "expected a number"),
        ("neg.csv", "id,title,hours\nA,t,-2\n", "row 2, column hours", "≥ 0"),
        ("col.csv", "id,title,colour\nA,t,red\n", "row 1, column 3", "colour"),
        ("noid.csv", "id,title\n,t\n", "row 2, column id", "empty"),
    ],
)
def test_a_malformed_syllabus_names_file_place_and_fix(
    tmp_path: Path, name: str, content: str, where: str, words: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert info.value.file == str(path)
    assert info.value.where == where
    assert words in str(info.value)
    assert info.value.fix


def test_unknown_suffix_missing_file_and_bad_toml_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(pc.InputError, match="unknown syllabus format"):
        cov.read_syllabus(tmp_path / "s.docx")
    with pytest.raises(pc.InputError, match="cannot read"):
        cov.read_syllabus(tmp_path / "absent.json")
    bad = tmp_path / "bad.toml"
    bad.write_text("[program\n", encoding="utf-8")
    with pytest.raises(pc.InputError, match="not valid TOML"):
        cov.read_syllabus(bad)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(cov._syllabus_read.MAX_SYLLABUS_BYTES + 1)
    with pytest.raises(pc.InputError, match="more than the"):
        cov.read_syllabus(path)


def test_an_unknown_competency_id_names_the_module_and_the_closest_ids(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    data = {
        "program": {"title": "x"},
        "modules": [{"id": "A", "title": "t", "competencies": ["ca-sb803:71"]}],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(pc.InputError) as info:
        cov.coverage(cov.read_syllabus(path), "ca-sb803")
    assert info.value.where == "$.modules[0].competencies[0]"
    assert "ca-sb803:7" in str(info.value.fix)


# --- lists, numbers, sources, CSV files and sheets (review B2, B4, B5, B12, R1-R4, R6) --------


def read_text_syllabus(tmp_path: Path, name: str, content: str) -> cov.Syllabus:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return cov.read_syllabus(path)


def refused(tmp_path: Path, name: str, content: str) -> pc.InputError:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert info.value.file == str(path)
    assert info.value.fix
    return info.value


def sheet(tmp_path: Path, *rows: list[object]) -> Path:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    for n, cells in enumerate(rows, start=1):
        for m, value in enumerate(cells, start=1):
            if value is not None:
                book.active.cell(row=n, column=m, value=value)
    path = tmp_path / "s.xlsx"
    book.save(path)
    return path


def test_a_text_where_a_list_of_ids_or_measures_belongs_is_refused(tmp_path: Path) -> None:
    for key in ("competencies", "measures"):
        error = refused(
            tmp_path,
            "s.yaml",
            f"program: {{title: x}}\nmodules:\n  - {{id: A, title: t, {key}: role play}}\n",
        )
        assert error.where == f"$.modules[0].{key}"
        assert "expected a list of texts, got str 'role play'" in error.problem


def test_a_module_key_written_twice_in_yaml_is_refused(tmp_path: Path) -> None:
    error = refused(
        tmp_path,
        "s.yaml",
        "program: {title: x}\nmodules:\n  - {id: A, title: t}\nmodules:\n  - {id: B, title: u}\n",
    )
    assert error.where == "line 4, column 1"
    assert "'modules' appears twice" in error.problem


def test_infinite_or_absurd_hours_are_refused_in_every_format(tmp_path: Path) -> None:
    cases = [
        ("s.yaml", "program: {title: x}\nmodules:\n  - {id: A, title: t, hours: .inf}\n"),
        ("s.csv", "id,title,hours\nA,t,inf\n"),
        ("s.csv", "id,title,hours\nA,t,1e400\n"),
        (
            "s.json",
            '{"program": {"title": "x"}, "modules": [{"id": "A", "title": "t", '
            '"hours": 1e308}, {"id": "B", "title": "t", "hours": 1e308}]}',
        ),
    ]
    for name, content in cases:
        error = refused(tmp_path, name, content)
        assert "expected a number of hours ≥ 0 (at most 1,000,000)" in error.problem
        assert error.where in ("$.modules[0].hours", "row 2, column hours")


def test_a_decimal_comma_in_a_csv_hours_cell_is_refused_not_read_as_tens(tmp_path: Path) -> None:
    error = refused(tmp_path, "s.csv", 'id,title,hours\nA,t,"2,5"\n')
    assert error.where == "row 2, column hours"
    assert read_text_syllabus(tmp_path, "t.csv", 'id,title,hours\nA,t,"1,200"\n').hours == 1200


def test_a_csv_row_with_more_cells_than_the_header_is_located(tmp_path: Path) -> None:
    error = refused(tmp_path, "s.csv", "id,title,foo\nM1,Intro,x,extra\n")
    assert (error.where, error.problem) == ("row 1, column 3", "unknown column 'foo'")
    error = refused(tmp_path, "s.csv", "id,title,hours,competencies\nM1,Intro,2,ca-sb803:1,x\n")
    assert error.where == "row 2, column 5"
    assert error.problem == "the row has more cells than the header has columns"


def test_a_column_named_twice_is_refused_in_csv_and_in_a_sheet(tmp_path: Path) -> None:
    error = refused(tmp_path, "s.csv", "id,title,hours,hours\nM1,Intro,2,3\n")
    assert (error.where, error.problem) == ("row 1, column 4", "column 'hours' repeats column 3")
    path = sheet(tmp_path, ["id", "title", "hours", "Hours"], ["M1", "Intro", 2, 3])
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert info.value.where == "row 1, column D"


def test_rows_are_numbered_as_a_spreadsheet_numbers_them(tmp_path: Path) -> None:
    error = refused(tmp_path, "s.csv", "id,title,hours\nM1,Intro,2\n\nM2,,1\n")
    assert (error.where, error.problem) == ("row 4, column title", "the title is empty")
    assert error.fix == "give every module a title"
    error = refused(tmp_path, "s.csv", 'id,title\nM1,"two\nlines"\n,t\n')
    assert (error.where, error.fix) == ("row 3, column id", "give every module an id")
    path = sheet(tmp_path, ["id", "title"], ["M1", "Intro"], [], ["M3", None])
    with pytest.raises(pc.InputError) as info:
        cov.read_syllabus(path)
    assert info.value.where == "row 4, column title"
    assert cov.read_syllabus(sheet(tmp_path, ["id", "title"], [], ["M1", "t"])).rows == (3,)


def test_problems_found_while_counting_are_placed_at_the_csv_row(tmp_path: Path) -> None:
    syllabus = read_text_syllabus(
        tmp_path, "s.csv", "id,title,competencies\nM1,Intro,ca-sb803:1\n\nM2,Crisis,ca-sb803:99\n"
    )
    with pytest.raises(pc.InputError) as info:
        cov.coverage(syllabus, "ca-sb803")
    assert info.value.where == "row 4, column competencies"
    error = refused(tmp_path, "d.csv", "id,title\nM1,Intro\nM1,Again\n")
    assert (error.where, error.problem) == (
        "row 3, column id",
        "module id 'M1' repeats row 2, column id",
    )


def test_header_names_ignore_case_and_white_space_and_unnamed_empty_columns(
    tmp_path: Path,
) -> None:
    syllabus = read_text_syllabus(tmp_path, "s.csv", "ID,Title, hours,\nM1,Intro,2,\n")
    assert (syllabus.modules[0].id, syllabus.hours) == ("M1", 2)
    path = sheet(tmp_path, ["id", "title", "hours", None], ["M1", "Intro", 2, None])
    assert cov.read_syllabus(path).hours == 2
    error = refused(tmp_path, "v.csv", "id,title,,hours\nM1,Intro,x,2\n")
    assert (error.where, error.problem) == ("row 2, column 3", "a value in a column with no name")


def test_a_sheet_or_csv_without_an_id_column_says_so(tmp_path: Path) -> None:
    path = sheet(tmp_path, ["title", "hours"], ["Intro", 2])
    with pytest.raises(pc.InputError, match="no id column") as info:
        cov.read_syllabus(path)
    assert info.value.where == "row 1"
    error = refused(tmp_path, "s.csv", "id;title;hours\nM1;Intro;2\n")
    assert error.fix == "separate the columns with commas, not semicolons"


def test_a_sheet_gives_numbers_in_text_columns_as_text(tmp_path: Path) -> None:
    path = sheet(tmp_path, ["id", "title", "competencies"], [1, "Intro", 13])
    syllabus = cov.read_syllabus(path)
    assert (syllabus.modules[0].id, syllabus.modules[0].competencies) == ("1", ("13",))


def test_the_workbook_is_closed_after_reading_even_when_it_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    opened: list[str] = []
    closed: list[str] = []
    load = openpyxl.load_workbook

    def spy(*args: Any, **kwargs: Any) -> Any:
        book = load(*args, **kwargs)
        opened.append("book")
        close = book.close

        def closing() -> None:
            closed.append("book")
            close()

        book.close = closing
        return book

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    cov.read_syllabus(sheet(tmp_path, ["id", "title", "hours"], ["M1", "Intro", 2]))
    with pytest.raises(pc.InputError, match="formula"):
        cov.read_syllabus(sheet(tmp_path, ["id", "title", "hours"], ["M1", "Intro", "=1+1"]))
    assert len(opened) == 3
    assert closed == opened


def test_a_formula_with_no_saved_value_is_refused(tmp_path: Path) -> None:
    path = sheet(tmp_path, ["id", "title", "hours"], ["M1", "Intro", "=1+1"])
    with pytest.raises(pc.InputError, match="a formula with no saved value") as info:
        cov.read_syllabus(path)
    assert info.value.where == "row 2, column C"


def test_a_source_key_in_the_data_cannot_replace_the_file_name(tmp_path: Path) -> None:
    error = refused(
        tmp_path, "s.json", '{"program": {"title": "x"}, "modules": [], "source": "other.yaml"}'
    )
    assert (error.where, error.problem) == ("$", "unknown field source")
    syllabus = cov.parse_syllabus(
        {"program": {"title": "x"}, "modules": [{"id": "A", "title": "t"}]}, source="f.yaml"
    )
    assert syllabus.source == "f.yaml"


def test_a_formula_counts_with_the_value_the_workbook_saved(tmp_path: Path) -> None:
    import zipfile

    path = sheet(tmp_path, ["id", "title", "hours"], ["M1", "Intro", "=1+1"])
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
            target.writestr(entry, data)
    assert cov.read_syllabus(saved).hours == 2
