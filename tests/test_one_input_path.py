"""One input path: every reader's kinds, numbers, ranges and dates go through the one strict
converter, and credentials are read through public ``read_credential`` / ``parse_credential``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import attrs
import pytest
import yaml

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import crosswalk as cw
from peer_competencies import eligibility as el
from peer_competencies._resources import data_folder
from peer_competencies._structure import Range, strict_converter, structure

SHIPPED = Path(str(data_folder("credentials", "ca-pss.json")))


@attrs.frozen
class _Record:
    kind: pc.Kind
    share: Annotated[float, Range(0, 1)] | None = None


def test_a_shipped_credential_file_reads_the_same_through_read_credential() -> None:
    assert el.read_credential(SHIPPED) == el.credential("ca-pss")


def test_a_credential_file_may_be_yaml(tmp_path: Path) -> None:
    path = tmp_path / "ca-pss.yaml"
    path.write_text(yaml.safe_dump(json.loads(SHIPPED.read_text(encoding="utf-8"))), "utf-8")
    assert el.read_credential(path) == el.credential("ca-pss")


def test_parse_credential_names_its_source_and_the_place() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["pathways"][0]["all_of"][0]["test"]["kind"] = "age-at-leest"
    with pytest.raises(pc.InputError, match=r"^mine\.json: \$\.pathways\[0\]\.all_of\[0\]\.test"):
        el.parse_credential(data, source="mine.json")
    with pytest.raises(pc.InputError, match=r"^<data>: \$: a credential file is an object"):
        el.parse_credential([])


def test_a_credential_file_of_an_unknown_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ca-pss.txt"
    path.write_text("{}", "utf-8")
    with pytest.raises(pc.InputError, match=r"unknown credential file format '\.txt'"):
        el.read_credential(path)


def test_an_unknown_enum_value_offers_its_near_miss_as_the_fix() -> None:
    with pytest.raises(pc.InputError) as caught:
        structure(strict_converter(), {"kind": "skil"}, _Record, "f.json", "see the docs")
    assert caught.value.where == "$.kind"
    assert "unknown kind 'skil'; expected one of" in caught.value.problem
    assert caught.value.fix == "did you mean skill?"
    with pytest.raises(pc.InputError) as caught:
        structure(strict_converter(), {"kind": "zzz"}, _Record, "f.json", "see the docs")
    assert caught.value.fix == "see the docs"


@pytest.mark.parametrize("share", ["1.5", "-0.1", "nan", "high", 2])
def test_a_number_outside_its_range_is_refused_naming_the_range(share: object) -> None:
    text = strict_converter(from_text=True)
    with pytest.raises(pc.InputError, match=r"\$\.share: expected a number from 0 to 1, got"):
        structure(text, {"kind": "skill", "share": share}, _Record, "f.csv", "fix")


def test_a_number_inside_its_range_is_kept() -> None:
    text = strict_converter(from_text=True)
    assert structure(text, {"kind": "skill", "share": "0.25"}, _Record, "f", "x").share == 0.25
    assert structure(text, {"kind": "skill", "share": 1}, _Record, "f", "x").share == 1.0


def test_case_folding_of_enum_values_can_be_turned_off_for_identifiers() -> None:
    folded = strict_converter(from_text=True)
    exact = strict_converter(from_text=True, fold_case=False)
    assert structure(folded, {"kind": "SKILL"}, _Record, "f", "x").kind is pc.Kind.SKILL
    with pytest.raises(pc.InputError, match="did you mean skill"):
        structure(exact, {"kind": "SKILL"}, _Record, "f", "x")


def test_an_sssom_cell_problem_is_placed_at_its_line_and_column() -> None:
    text = cw.to_sssom(cw.mapping_sets()[0])
    lines = text.split("\n")
    first = next(n for n, line in enumerate(lines) if not line.startswith("#")) + 1
    columns = lines[first - 1].split("\t")
    row = lines[first].split("\t")
    row[columns.index("predicate_id")] = "skos:ExactMatch"  # CURIEs are case-sensitive
    lines[first] = "\t".join(row)
    with pytest.raises(pc.InputError) as caught:
        cw.parse_sssom("\n".join(lines), source="m.sssom.tsv")
    column = columns.index("predicate_id") + 1
    assert caught.value.where == f"line {first + 1}, column {column} (predicate_id)"
    assert caught.value.fix == "did you mean skos:exactMatch?"


def test_hours_is_public_in_coverage() -> None:
    module = cov.Module("A", "t", hours=cov.Hours(2.5))
    assert module.hours == 2.5
