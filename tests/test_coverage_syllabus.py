"""Reading syllabi: every format, and malformed files reported with file, place and fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import peer_competencies as pc
from peer_competencies import coverage as cov

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ca-core-80h.toml"

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
        ("col.csv", "id,title,colour\nA,t,red\n", "row 2", "colour"),
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
        f.truncate(cov._syllabus.MAX_SYLLABUS_BYTES + 1)
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
