"""Ids are a public contract: well-formed, unique, and never removed or renamed.

``tests/snapshots/ids.txt`` lists every id ever shipped. A new id may be added to the data (and
then appended to the snapshot); an id in the snapshot that the data no longer has fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import peer_competencies as pc

SNAPSHOT = Path(__file__).parent / "snapshots" / "ids.txt"
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*:[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*")

COUNTS = {
    "bja-prss-2020": {"category": 12, "competency": 102, "sub-competency": 30},
    "ca-sb803": {
        "competency": 17,
        "skill": 184,
        "value": 4,
        "theme": 167,
        "field-example": 204,
        "qualification": 8,
    },
    "icrc-pr": {"domain": 4, "statement": 31},
    "peer-support-17": {"competency": 17},
    "rfc-forensic-2017": {"best-practice": 6, "sub-competency": 29},
    "samhsa-2015": {"category": 12, "competency": 62},
    "samhsa-recovery-principles": {"principle": 10},
}


def shipped_ids() -> list[str]:
    return [item.id for fw in pc.frameworks() for item in fw.items]


def test_every_id_ever_shipped_is_still_shipped() -> None:
    snapshot = [line for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line]
    missing = sorted(set(snapshot) - set(shipped_ids()))
    assert missing == [], "ids were removed or renamed; ids are never removed, only superseded"


def test_every_shipped_id_is_in_the_snapshot() -> None:
    snapshot = set(SNAPSHOT.read_text(encoding="utf-8").split())
    new = [i for i in shipped_ids() if i not in snapshot]
    assert new == [], "append new ids to tests/snapshots/ids.txt (never reorder or remove)"


def test_ids_are_unique_and_well_formed() -> None:
    ids = shipped_ids()
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not ID.fullmatch(i)]
    assert bad == []
    for fw in pc.frameworks():
        assert all(item.id == f"{fw.id}:{item.code}" for item in fw.items)


@pytest.mark.parametrize("framework_id", sorted(COUNTS))
def test_counts_per_framework_and_kind_are_pinned(framework_id: str) -> None:
    counts = {kind.value: n for kind, n in pc.framework(framework_id).kinds.items()}
    assert counts == COUNTS[framework_id]


def test_samhsa_carries_its_fifteen_faq_answers_as_notes() -> None:
    notes = pc.framework("samhsa-2015").notes
    assert [n.code for n in notes] == [f"FAQ{n}" for n in range(1, 16)]
    assert notes[0].title == "What are competencies?"
    assert notes[0].source.title.startswith("Core Competencies for Peer Workers")
