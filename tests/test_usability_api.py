"""What a person at a REPL meets: short reprs, and ids that forgive upper and lower case."""

from __future__ import annotations

import attrs
import pytest

import peer_competencies as pc


def test_a_framework_and_an_item_print_in_one_short_line_at_a_repl() -> None:
    for fw in pc.frameworks():
        shown = repr(fw)
        assert len(shown) <= 120
        assert "\n" not in shown
        assert shown.startswith(f"Framework(id={fw.id!r}")
        assert f"{len(fw)} items" in shown
        for item in fw.items[:20]:
            assert len(repr(item)) <= 120
            assert repr(item).startswith(f"Item(id={item.id!r}, kind={item.kind.value}")


def test_the_short_repr_leaves_equality_and_the_converter_alone() -> None:
    item = pc.lookup("samhsa-2015:VIII.4")
    copy = pc.converter.structure(pc.converter.unstructure(item), pc.Item)
    assert copy == item
    assert repr(copy) == repr(item)
    assert repr(attrs.evolve(item, text="Short.")).endswith("text='Short.')")


def test_an_item_id_in_the_wrong_case_finds_the_one_item_it_can_mean() -> None:
    item = pc.lookup("samhsa-2015:VIII.4")
    assert pc.lookup("samhsa-2015:viii.4") is item
    assert pc.lookup("SAMHSA-2015:Viii.4") is item
    assert pc.get("samhsa-2015:viii.4") is item
    assert pc.framework("samhsa-2015").get("viii.4") is item
    assert pc.framework("SAMHSA-2015") is pc.framework("samhsa-2015")
    assert pc.get("samhsa-2015:viii.99") is None


def test_a_wrong_case_unknown_id_still_suggests_the_closest_ids() -> None:
    with pytest.raises(pc.UnknownIdError) as info:
        pc.lookup("samhsa-2015:viii.9")
    assert "samhsa-2015:VIII.5" in info.value.suggestions
    assert "samhsa-2015:X.4" not in info.value.suggestions


def test_ids_that_differ_only_in_case_are_ambiguous_and_named_together() -> None:
    fw = pc.framework("samhsa-recovery-principles")
    first, second = fw.items[0], fw.items[1]
    mine = pc.Framework(
        id="mine",
        title="Two codes alike but for case",
        version="1",
        source=fw.source,
        items=(
            attrs.evolve(first, id="mine:a1", framework_id="mine", code="a1", parent_id=None),
            attrs.evolve(second, id="mine:A1", framework_id="mine", code="A1", parent_id=None),
        ),
    )
    assert mine.get("a1") is mine.items[0]
    assert mine.get("mine:A1") is mine.items[1]
    assert mine.get("mINE:a1") is None
    with pytest.raises(pc.UnknownIdError) as info:
        mine.lookup("mINE:a1")
    assert set(info.value.suggestions) == {"mine:a1", "mine:A1"}
