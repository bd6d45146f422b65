"""cattrs round trips for every model class; citations on every item."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import peer_competencies as pc

text = st.text(min_size=1, max_size=40)
optional_text = st.none() | text

citations = st.builds(
    pc.Citation,
    title=text,
    publisher=text,
    year=st.none() | st.integers(1900, 2100),
    url=optional_text,
    section=optional_text,
    checked_on=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
)
origins = st.builds(pc.Origin, framework=text, code=optional_text, tag=optional_text)
notes = st.builds(pc.Note, code=text, title=text, text=text, source=citations)
items = st.builds(
    pc.Item,
    id=text,
    framework_id=text,
    code=text,
    kind=st.sampled_from(pc.Kind),
    text=text,
    citation=citations,
    description=optional_text,
    label=optional_text,
    parent_id=optional_text,
    children_ids=st.lists(text, max_size=3).map(tuple),
    origins=st.lists(origins, max_size=2).map(tuple),
    notes=st.lists(text, max_size=2).map(tuple),
)
frameworks = st.builds(
    pc.Framework,
    id=text,
    title=text,
    version=text,
    source=citations,
    items=st.lists(items, max_size=4).map(tuple),
    attribution_confirmed=st.booleans(),
    attribution_note=optional_text,
    editorial_notes=st.lists(text, max_size=2).map(tuple),
    notes=st.lists(notes, max_size=2).map(tuple),
)


@given(citations)
def test_citation_round_trips(value: pc.Citation) -> None:
    assert pc.converter.structure(pc.converter.unstructure(value), pc.Citation) == value


@given(origins)
def test_origin_round_trips(value: pc.Origin) -> None:
    assert pc.converter.structure(pc.converter.unstructure(value), pc.Origin) == value


@given(notes)
def test_note_round_trips(value: pc.Note) -> None:
    assert pc.converter.structure(pc.converter.unstructure(value), pc.Note) == value


@given(items)
def test_item_round_trips(value: pc.Item) -> None:
    assert pc.converter.structure(pc.converter.unstructure(value), pc.Item) == value


@given(frameworks)
def test_framework_round_trips(value: pc.Framework) -> None:
    assert pc.converter.structure(pc.converter.unstructure(value), pc.Framework) == value


def test_every_shipped_framework_round_trips_through_cattrs() -> None:
    for fw in pc.frameworks():
        again = pc.converter.structure(pc.converter.unstructure(fw), pc.Framework)
        assert again == fw
        assert attrs.asdict(again) == attrs.asdict(fw)


def test_every_shipped_item_carries_a_full_citation_with_a_section() -> None:
    for fw in pc.frameworks():
        assert fw.source.title
        assert fw.source.publisher
        for item in fw.items:
            assert item.citation.title, item.id
            assert item.citation.publisher, item.id
            assert item.citation.section, item.id


def test_unconfirmed_attribution_is_recorded_for_peer_support_17() -> None:
    fw = pc.framework("peer-support-17")
    assert fw.attribution_confirmed is False
    assert fw.attribution_note
    assert "Vermont" in fw.attribution_note
