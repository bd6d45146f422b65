"""Reading user files (``_structure``): lists are lists, numbers are finite, a key is written
once; every problem located, never a deep traceback."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import pytest

import peer_competencies as pc
from peer_competencies._decoders import parse_json, parse_yaml
from peer_competencies._structure import Hours, frozen_mapping, strict_converter, structure


@attrs.frozen
class Record:
    names: tuple[str, ...] = ()
    counts: list[int] = attrs.field(factory=list)
    words: Sequence[str] = ()
    hours: Hours | None = None
    share: float | None = None


def structured(data: object, *, from_text: bool = False, quote: bool = True) -> Record:
    converter = strict_converter(from_text=from_text, quote_values=quote)
    return structure(converter, data, Record, "r.json", "see the docs")


@pytest.mark.parametrize("key", ["names", "counts", "words"])
def test_a_text_where_a_list_belongs_is_refused_not_split_into_characters(key: str) -> None:
    with pytest.raises(pc.InputError) as info:
        structured({key: "role play"})
    assert info.value.where == f"$.{key}"
    assert "expected a list" in info.value.problem
    assert "got str 'role play'" in info.value.problem


def test_a_mapping_or_a_single_value_where_a_list_belongs_is_refused() -> None:
    with pytest.raises(pc.InputError, match=r"\$\.names: expected a list of texts, got a mapping"):
        structured({"names": {"a": 1}})
    with pytest.raises(pc.InputError, match=r"\$\.counts: expected a list, got int 5"):
        structured({"counts": 5})
    assert structured({"names": ["a", "b"], "counts": [1], "words": ("x",)}) == Record(
        ("a", "b"), [1], ("x",)
    )


def test_a_refused_list_is_not_quoted_when_values_are_private() -> None:
    with pytest.raises(pc.InputError) as info:
        structured({"names": "Jane Doe"}, from_text=True, quote=False)
    assert "Jane" not in str(info.value)
    assert info.value.problem == "expected a list of texts"


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 1e308, "inf", "1e400", "nan"])
def test_hours_that_are_not_finite_or_absurd_are_refused(value: object) -> None:
    with pytest.raises(pc.InputError, match=r"a number of hours ≥ 0 \(at most 1,000,000\)"):
        structured({"hours": value}, from_text=True)


@pytest.mark.parametrize("value", [math.inf, math.nan, "inf", "-1e400"])
def test_a_number_that_is_not_finite_is_refused(value: object) -> None:
    with pytest.raises(pc.InputError, match="expected a finite number"):
        structured({"share": value}, from_text=True)


def test_a_comma_in_a_number_is_read_only_between_thousands() -> None:
    assert structured({"share": "1,200.5"}, from_text=True).share == 1200.5
    for text in ("2,5", "12,00", "1,2,3"):
        with pytest.raises(pc.InputError, match="expected a number"):
            structured({"share": text}, from_text=True)


def test_a_key_repeated_in_a_json_object_is_refused_with_its_line_and_column() -> None:
    with pytest.raises(pc.InputError) as info:
        parse_json('{"hours": 2,\n "x": [{"a": 1}, {"a": 2, "b": {"a": 3}}],\n "hours": 40}', "f")
    assert info.value.where == "line 3, column 2"
    assert info.value.problem == (
        "the key 'hours' appears twice in one object (first at line 1, column 2)"
    )
    assert info.value.fix == "keep one of them"
    with pytest.raises(
        pc.InputError, match=r"line 1, column 35: the key 'a' .*first at line 1, column 27"
    ):
        parse_json('[{"a": 1}, {"s": "\\"a\\"", "a": 2, "a": 3}]', "f")


def test_a_key_repeated_in_a_yaml_mapping_is_refused_with_its_line() -> None:
    with pytest.raises(pc.InputError) as info:
        parse_yaml("modules: []\nprogram: {title: x}\nmodules: [1]\n", "s.yaml")
    assert info.value.where == "line 3, column 1"
    assert "the key 'modules' appears twice in one mapping (first at line 1)" in str(info.value)
    with pytest.raises(pc.InputError, match="line 1, column 10"):
        parse_yaml("- {a: 1, a: 2}\n", "s.yaml")
    # a key merged in from an anchor may be overridden: that is what merging means
    assert parse_yaml("base: &b {k: 1}\nmine:\n  <<: *b\n  k: 2\n", "s.yaml") == {
        "base": {"k": 1},
        "mine": {"k": 2},
    }


def test_a_key_repeated_in_an_sssom_header_is_refused() -> None:
    from peer_competencies import crosswalk as cw

    text = (
        "# mapping_set_id: https://example.org/m.sssom.tsv\n"
        "# license: https://opensource.org/licenses/MIT\n"
        "# license: https://example.org/other\n"
        "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
    )
    with pytest.raises(pc.InputError) as info:
        cw.parse_sssom(text, source="m.sssom.tsv")
    assert info.value.where == "line 3, column 3"
    assert "the key 'license' appears twice" in info.value.problem


def test_a_frozen_mapping_is_a_read_only_copy() -> None:
    source = {"a": 1}
    frozen = frozen_mapping(source)
    source["a"] = 2
    assert frozen == {"a": 1}
    with pytest.raises(TypeError):
        frozen["a"] = 3  # type: ignore[index]
