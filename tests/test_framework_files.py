"""Reading framework files: a good one loads; every kind of bad one names file, place and fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import peer_competencies as pc


def good() -> dict[str, Any]:
    return {
        "format": 1,
        "id": "my-state",
        "title": "My State Peer Competencies",
        "version": "2026",
        "source": {"title": "Peer rules", "publisher": "My State", "year": 2026},
        "items": [
            {"code": "1", "kind": "category", "text": "Ethics", "section": "Part 1"},
            {
                "code": "1.1",
                "kind": "competency",
                "text": "Keeps confidences",
                "section": "Part 1, item 1",
                "parent": "1",
            },
        ],
    }


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "framework.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_well_formed_file_loads_with_ids_parents_and_citations(tmp_path: Path) -> None:
    fw = pc.read_framework(write(tmp_path, good()))
    item = fw.lookup("1.1")
    assert item.id == "my-state:1.1"
    assert item.parent_id == "my-state:1"
    assert fw.lookup("1").children_ids == ("my-state:1.1",)
    assert item.citation.section == "Part 1, item 1"
    assert item.citation.publisher == "My State"


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d["items"][1].update(kind="skilll"), "$.items[1].kind", "skilll"),
        (lambda d: d["items"][1].update(text=5), "$.items[1].text", "expected str"),
        (lambda d: d["items"][1].update(parent="9"), "$.items[1].parent", "earlier item"),
        (lambda d: d["items"][1].update(code="1"), "$.items[1].code", "repeats"),
        (lambda d: d["items"][1].update(code="1 1"), "$.items[1].code", "letters and digits"),
        (lambda d: d["items"][0].update(text="  Ethics"), "$.items[0].text", "white space"),
        (lambda d: d["items"][0].update(colour="red"), "$.items[0]", "colour"),
        (lambda d: d["items"][0].pop("section"), "$.items[0].section", "required"),
        (lambda d: d.update(id="My State"), "$.id", "framework id"),
        (lambda d: d.update(format=2), "$.format", "unsupported format"),
        (lambda d: d["source"].update(year="2026"), "$.source.year", "expected int"),
    ],
)
def test_a_malformed_file_names_the_file_the_place_and_the_fix(
    tmp_path: Path, change: Any, where: str, words: str
) -> None:
    data = good()
    change(data)
    path = write(tmp_path, data)
    with pytest.raises(pc.InputError) as info:
        pc.read_framework(path)
    message = str(info.value)
    assert str(path) in message
    assert info.value.where == where
    assert words in message
    assert info.value.fix


def test_a_file_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": 1,\n  "id": }', encoding="utf-8")
    with pytest.raises(pc.InputError, match=r"broken.json: line 2, column 9: not valid JSON"):
        pc.read_framework(path)


def test_a_file_that_is_not_utf8_or_missing_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(pc.InputError, match="UTF-8"):
        pc.read_framework(path)
    with pytest.raises(pc.InputError, match="cannot read"):
        pc.read_framework(tmp_path / "absent.json")


def test_a_json_list_is_not_a_framework(tmp_path: Path) -> None:
    with pytest.raises(pc.InputError, match=r"\$: a framework file holds one JSON object"):
        pc.read_framework(write(tmp_path, []))


def test_shipped_files_read_the_same_on_both_paths() -> None:
    """The package builds its own files without cattrs, for speed; the strict path that reads a
    user's file must give the same frameworks from them."""
    import importlib.resources

    folder = importlib.resources.files("peer_competencies") / "data" / "frameworks"
    for fw in pc.frameworks():
        with importlib.resources.as_file(folder.joinpath(f"{fw.id}.json")) as path:
            assert pc.read_framework(path) == fw


def test_a_key_written_twice_in_a_framework_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "framework.json"
    text = json.dumps(good(), indent=1).replace(
        '"version": "2026",', '"version": "2025",\n "version": "2026",'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(pc.InputError) as info:
        pc.read_framework(path)
    assert str(path) in str(info.value)
    assert info.value.where == "line 6, column 2"
    assert "the key 'version' appears twice" in info.value.problem
