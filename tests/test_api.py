"""The public lookup and search API on the shipped data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import peer_competencies as pc
from tests.crosswalk_fixtures import USER_FRAMEWORK_ID, write_framework


def test_lookup_returns_the_samhsa_competency_with_its_citation() -> None:
    item = pc.lookup("samhsa-2015:VIII.4")
    assert item.text.startswith("Takes action to address distress or a crisis")
    assert item.kind is pc.Kind.COMPETENCY
    assert item.citation.year == 2015
    assert item.citation.section == "Category VIII, competency 4"


def test_get_returns_none_for_an_unknown_id_and_lookup_raises_a_lookup_error() -> None:
    assert pc.get("samhsa-2015:VIII.99") is None
    assert pc.get("no-such-framework:1") is None
    assert pc.get("VIII.4") is None
    with pytest.raises(pc.UnknownIdError) as info:
        pc.lookup("samhsa-2015:VIII.9")
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, pc.PeerCompetenciesError)
    assert "samhsa-2015:VIII.5" in info.value.suggestions


def test_a_bare_code_suggests_the_full_ids_that_have_it() -> None:
    with pytest.raises(pc.UnknownIdError) as info:
        pc.lookup("VIII.4")
    assert info.value.suggestions == ("samhsa-2015:VIII.4",)


def test_an_unknown_framework_is_an_unknown_id_error_with_suggestions() -> None:
    with pytest.raises(pc.UnknownIdError) as info:
        pc.framework("samhsa-2016")
    assert "samhsa-2015" in info.value.suggestions
    assert "framework id" in str(info.value)


def test_wrong_types_raise_clear_errors() -> None:
    with pytest.raises(TypeError):
        pc.get(42)  # type: ignore[arg-type]
    with pytest.raises(pc.InputError):
        pc.search(42)  # type: ignore[arg-type]
    with pytest.raises(pc.InputError):
        pc.search("hope", limit=-1)
    with pytest.raises(pc.InputError):
        pc.search("hope", kinds=["nonsense"])


def test_every_framework_is_listed_in_id_order() -> None:
    ids = [f.id for f in pc.frameworks()]
    assert ids == sorted(ids)
    assert set(ids) == {
        "bja-prss-2020",
        "ca-sb803",
        "icrc-pr",
        "peer-support-17",
        "rfc-forensic-2017",
        "samhsa-2015",
        "samhsa-recovery-principles",
    }


def test_items_navigate_to_parent_children_ancestors_descendants_and_framework() -> None:
    category = pc.lookup("samhsa-2015:VIII")
    competency = pc.lookup("samhsa-2015:VIII.4")
    assert competency.parent == category
    assert competency in category.children
    assert competency.ancestors == (category,)
    assert category.descendants == category.children
    assert competency.framework is pc.framework("samhsa-2015")
    sub = pc.lookup("bja-prss-2020:6.9.3")
    assert [a.id for a in sub.ancestors] == ["bja-prss-2020:6.9", "bja-prss-2020:6"]
    assert sub in pc.lookup("bja-prss-2020:6").descendants


def test_the_items_of_a_users_framework_navigate_within_it(tmp_path: Path) -> None:
    path = write_framework(tmp_path)
    skill = pc.read_framework(path).get(f"{USER_FRAMEWORK_ID}:1.S1")  # framework let go
    assert skill is not None
    competency = skill.parent
    assert competency is not None
    assert competency.id == f"{USER_FRAMEWORK_ID}:1"
    assert competency.children == (skill,)
    assert skill.ancestors == (competency,)
    assert competency.descendants == (skill,)
    assert skill.framework.id == USER_FRAMEWORK_ID
    assert skill.framework.get("2") is not None
    loaded = pc.read_framework(path)
    assert loaded.lookup("1.S1").parent == loaded.lookup("1")


def test_an_item_navigates_through_the_first_framework_built_with_it() -> None:
    shipped = pc.lookup("samhsa-2015:VIII.4")
    subset = attrs.evolve(pc.framework("samhsa-2015"), id="mine", items=(shipped,))
    assert shipped.framework is pc.framework("samhsa-2015")  # the subset changes nothing
    assert shipped.parent == pc.lookup("samhsa-2015:VIII")
    assert subset.lookup("samhsa-2015:VIII.4") is shipped
    round_trip = pc.converter.structure(pc.converter.unstructure(subset), pc.Framework)
    assert round_trip == subset
    assert round_trip.items[0].framework is round_trip
    with pytest.raises(pc.UnknownIdError, match="samhsa-2015:VIII"):
        _ = round_trip.items[0].parent  # the subset has no VIII


def test_framework_get_accepts_a_code_or_an_id() -> None:
    fw = pc.framework("samhsa-2015")
    assert fw.get("VIII.4") is fw.get("samhsa-2015:VIII.4") is not None
    assert "VIII.4" in fw
    assert "VIII.99" not in fw
    with pytest.raises(pc.UnknownIdError):
        fw.lookup("VIII.99")


def test_everything_handed_out_is_immutable() -> None:
    import attrs

    item = pc.lookup("samhsa-2015:I.1")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.text = "changed"  # type: ignore[misc]
    fw = pc.framework("samhsa-2015")
    assert isinstance(fw.items, tuple)
    with pytest.raises(TypeError):
        fw.kinds[pc.Kind.CATEGORY] = 0  # type: ignore[index]


def test_search_ranks_the_crisis_competencies_first_in_a_stable_order() -> None:
    matches = pc.search("manage crises", framework="samhsa-2015", limit=5)
    assert matches[0].item.id == "samhsa-2015:VIII"
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert matches == pc.search("manage crises", framework="samhsa-2015", limit=5)
    keys = [(-m.score, m.item.id) for m in pc.search("peer support", limit=None)]
    assert keys == sorted(keys)


def test_search_filters_by_kind_and_framework_and_limit() -> None:
    matches = pc.search("confidentiality", kinds=["field-example"], limit=None)
    assert matches
    assert {m.item.kind for m in matches} == {pc.Kind.FIELD_EXAMPLE}
    assert {m.item.framework_id for m in matches} == {"ca-sb803"}
    assert len(pc.search("recovery", limit=3)) == 3
    assert pc.search("the of and") == ()


def test_importing_the_package_does_not_import_networkx_or_read_data() -> None:
    code = (
        "import sys, peer_competencies\n"
        "assert 'networkx' not in sys.modules, 'networkx imported'\n"
        "from peer_competencies import _load\n"
        "assert not _load.database()._frameworks, 'data parsed at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
