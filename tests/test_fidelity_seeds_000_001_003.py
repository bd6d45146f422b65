"""Fidelity of samhsa-2015 (seeds 001 and 003) and peer-support-17 (seed 000) to their sources.

An independent reading: the seeds are parsed here with regexes of our own and compared with the
shipped JSON, read through :mod:`tests.seedtext` and never through the package.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.seedtext import DATA, items_of, plain_seed, raw_seed, shipped, squash

SAMHSA = "samhsa-2015"
PS17 = "peer-support-17"

ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PER_CATEGORY = {
    "I": 5,
    "II": 5,
    "III": 4,
    "IV": 4,
    "V": 5,
    "VI": 5,
    "VII": 6,
    "VIII": 5,
    "IX": 6,
    "X": 6,
    "XI": 7,
    "XII": 4,
}

FRAMEWORK_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ITEM_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*:[A-Za-z0-9]+(\.[A-Za-z0-9]+)*")
CODE_SHAPES = {
    SAMHSA: re.compile(r"(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)(\.[1-9][0-9]*)?"),
    PS17: re.compile(r"[1-9][0-9]*"),
}

TOP_KEYS = {
    "format",
    "id",
    "title",
    "version",
    "source",
    "attribution_confirmed",
    "attribution_note",
    "editorial_notes",
    "notes",
    "items",
}
ITEM_KEYS = {
    "code",
    "kind",
    "text",
    "description",
    "label",
    "parent",
    "section",
    "origins",
    "notes",
    "source",
}
CITATION_KEYS = {"title", "publisher", "year", "url", "section", "checked_on"}

SAMHSA_PUBLISHER = (
    "Substance Abuse and Mental Health Services Administration (SAMHSA), "
    "Bringing Recovery Supports to Scale Technical Assistance Center Strategy (BRSS TACS)"
)
SAMHSA_URL = (
    "https://www.samhsa.gov/sites/default/files/programs_campaigns/brss_tacs/"
    "core-competencies_508_12_13_18.pdf"
)


@dataclass(frozen=True)
class Entry:
    """One statement as read from a seed here: its code, parent, text and paragraph."""

    code: str
    kind: str
    text: str
    description: str | None
    parent: str | None
    section: str


@dataclass(frozen=True)
class Question:
    """One FAQ question and its whole answer, as read from seed 003 here."""

    number: int
    title: str
    text: str


# --- our own reading of the raw seeds ---------------------------------------------------------


def read_samhsa_seed(seeds: Path) -> list[Entry]:
    """Seed 001, line by line: ``## Category N: name``, its paragraph, then ``k. statement``."""
    heading = re.compile(r"^#+\s*Category\s+([IVX]+)\s*:\s*(\S.*?)\s*$")
    numbered = re.compile(r"^\s*(\d+)\.\s+(\S.*?)\s*$")
    blocks: list[tuple[str, str, list[str], list[str]]] = []
    for line in raw_seed(seeds, "001").splitlines():
        found = heading.match(line)
        if found:
            blocks.append((found.group(1), squash(found.group(2)), [], []))
            continue
        if not blocks or not line.strip():
            continue
        code, _, paragraph, statements = blocks[-1]
        item = numbered.match(line)
        if item:
            assert int(item.group(1)) == len(statements) + 1, f"numbering breaks at {line!r}"
            statements.append(squash(item.group(2)))
        else:
            assert not statements, f"prose after the competencies of Category {code}: {line!r}"
            paragraph.append(line)
    entries: list[Entry] = []
    for code, name, paragraph, statements in blocks:
        description = squash(" ".join(paragraph))
        entries.append(Entry(code, "category", name, description, None, f"Category {code}"))
        for n, statement in enumerate(statements, 1):
            section = f"Category {code}, competency {n}"
            entries.append(Entry(f"{code}.{n}", "competency", statement, None, code, section))
    return entries


def read_faq_seed(seeds: Path) -> list[Question]:
    """Seed 003: bold question lines (some also ``###`` headings), each followed by its answer."""
    question = re.compile(r"^(?:#+\s*)?\*\*\s*(\d+)\.\s*(.+?)\s*\*\*\s*$")
    found: list[tuple[int, str, list[str]]] = []
    for line in raw_seed(seeds, "003").splitlines():
        match = question.match(line)
        if match:
            found.append((int(match.group(1)), squash(match.group(2)), []))
        elif found and line.strip():
            found[-1][2].append(line)
    return [Question(n, title, squash(" ".join(body))) for n, title, body in found]


def read_narrative_seed(seeds: Path) -> tuple[int, list[Entry]]:
    """Seed 000: the repeated-heading count and the numbered entries, whatever their markup."""
    headings = 0
    entries: list[Entry] = []
    for line in raw_seed(seeds, "000").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if re.fullmatch(r"#+\s*CORE COMPETENCIES", stripped):
            headings += 1
            continue
        start = re.match(r"^(?:-\s+)?(\d+)\.\s+(.*)$", stripped)
        assert start, f"a line of seed 000 that is neither heading nor entry: {stripped!r}"
        number, rest = start.group(1), start.group(2)
        if rest.startswith("**"):
            rest = rest[2:]
        head, sep, body = rest.partition("**")
        assert sep, f"entry {number} has no closing ** after its heading"
        assert head[-1] in ":.", f"entry {number}'s heading ends with {head[-1]!r}"
        entries.append(
            Entry(
                number,
                "competency",
                squash(head[:-1]),
                squash(body),
                None,
                f"Core Competencies, competency {number}",
            )
        )
    return headings, entries


def as_entry(item: dict[str, Any]) -> Entry:
    """A shipped item in the shape of :class:`Entry`."""
    return Entry(
        item["code"],
        item["kind"],
        item["text"],
        item.get("description"),
        item.get("parent"),
        item["section"],
    )


# --- counts ---------------------------------------------------------------------------------


def test_samhsa_ships_twelve_categories_and_sixty_two_competencies() -> None:
    assert len(items_of(SAMHSA, "category")) == 12
    assert len(items_of(SAMHSA, "competency")) == 62
    assert len(items_of(SAMHSA)) == 74


def test_each_samhsa_category_has_its_printed_number_of_competencies() -> None:
    counts = {code: 0 for code in PER_CATEGORY}
    for item in items_of(SAMHSA, "competency"):
        counts[item["parent"]] += 1
    assert counts == PER_CATEGORY
    assert sum(PER_CATEGORY.values()) == 62


def test_our_reading_of_seed_001_finds_the_same_counts(seeds: Path) -> None:
    entries = read_samhsa_seed(seeds)
    assert [e.code for e in entries if e.kind == "category"] == ROMANS
    assert sum(1 for e in entries if e.kind == "competency") == 62
    for code, count in PER_CATEGORY.items():
        assert sum(1 for e in entries if e.parent == code) == count


def test_samhsa_ships_fifteen_faq_notes(seeds: Path) -> None:
    notes = shipped(SAMHSA)["notes"]
    assert len(notes) == 15
    assert [n["code"] for n in notes] == [f"FAQ{n}" for n in range(1, 16)]
    assert len(read_faq_seed(seeds)) == 15


def test_peer_support_17_ships_seventeen_narrative_competencies(seeds: Path) -> None:
    assert len(items_of(PS17)) == 17
    assert len(items_of(PS17, "competency")) == 17
    headings, entries = read_narrative_seed(seeds)
    assert headings == 3
    assert len(entries) == 17
    assert shipped(PS17)["notes"] == []


# --- the shipped statements are the seeds' statements, in order -----------------------------


def test_samhsa_items_are_the_seed_categories_and_competencies_in_source_order(seeds: Path) -> None:
    assert [as_entry(i) for i in items_of(SAMHSA)] == read_samhsa_seed(seeds)


def test_every_samhsa_category_carries_its_paragraph_as_description() -> None:
    for item in items_of(SAMHSA, "category"):
        assert item["description"], item["code"]
    for item in items_of(SAMHSA, "competency"):
        assert "description" not in item, item["code"]


def test_samhsa_competency_codes_run_one_to_n_under_their_category() -> None:
    expected = [f"{c}.{n}" for c in ROMANS for n in range(1, PER_CATEGORY[c] + 1)]
    assert [i["code"] for i in items_of(SAMHSA, "competency")] == expected
    assert expected[0] == "I.1"
    assert expected[-1] == "XII.4"


def test_faq_notes_are_the_seed_questions_and_whole_answers_in_order(seeds: Path) -> None:
    notes = shipped(SAMHSA)["notes"]
    questions = read_faq_seed(seeds)
    assert [q.number for q in questions] == list(range(1, 16))
    assert [(n["code"], n["title"], n["text"]) for n in notes] == [
        (f"FAQ{q.number}", q.title, q.text) for q in questions
    ]


def test_the_two_paragraph_answer_to_question_5_is_joined_whole() -> None:
    text = shipped(SAMHSA)["notes"][4]["text"]
    assert text.startswith("Core competencies can be used to promote best practices")
    assert "competent peer worker. Core competencies are not intended" in text
    assert text.endswith("peer workers' continued competency development.")


def test_each_faq_note_cites_the_faq_document_and_its_question() -> None:
    for number, note in enumerate(shipped(SAMHSA)["notes"], 1):
        assert set(note) == {"code", "title", "text", "source"}
        assert note["source"] == {
            "title": "Core Competencies for Peer Workers: Frequently Asked Questions",
            "publisher": SAMHSA_PUBLISHER,
            "year": None,
            "url": None,
            "section": f"Question {number}",
            "checked_on": None,
        }


def test_peer_support_17_items_are_the_seed_entries_in_source_order(seeds: Path) -> None:
    _, entries = read_narrative_seed(seeds)
    assert [as_entry(i) for i in items_of(PS17)] == entries
    assert [i["code"] for i in items_of(PS17)] == [str(n) for n in range(1, 18)]


def test_peer_support_17_headings_lose_only_number_colon_and_markup() -> None:
    texts = [i["text"] for i in items_of(PS17)]
    assert texts[0] == "Peer support values and orientation"
    assert texts[5] == "Communication"
    assert texts[13] == "Medicaid/Insurance- related Requirements"
    assert texts[16] == "Facilitate Change"
    for text in texts:
        assert "*" not in text, text
        assert not text.endswith((":", ".")), text


def test_no_narrative_paragraph_is_lost_or_repeated(seeds: Path) -> None:
    descriptions = [i["description"] for i in items_of(PS17)]
    assert len(set(descriptions)) == 17
    plain = plain_seed(seeds, "000")
    for description in descriptions:
        assert plain.count(description) == 1, description[:60]
    paragraph_words = sum(len(d.split()) for d in descriptions)
    heading_words = sum(len(i["text"].split()) for i in items_of(PS17))
    seed_words = [w for w in plain.split() if w not in {"-", "##", "CORE", "COMPETENCIES"}]
    numbers = [w for w in seed_words if re.fullmatch(r"\d+\.", w)]
    assert len(numbers) == 17
    assert paragraph_words + heading_words + len(numbers) == len(seed_words)


# --- verbatim: every shipped string stands in its own seed ----------------------------------


def test_every_samhsa_text_and_description_stands_verbatim_in_seed_001(seeds: Path) -> None:
    plain = plain_seed(seeds, "001")
    for item in items_of(SAMHSA):
        assert item["text"] in plain, item["code"]
        assert item["text"] == squash(item["text"]), item["code"]
        if "description" in item:
            assert item["description"] in plain, item["code"]
            assert item["description"] == squash(item["description"]), item["code"]


def test_every_faq_title_and_answer_stands_verbatim_in_seed_003(seeds: Path) -> None:
    plain = plain_seed(seeds, "003")
    for note in shipped(SAMHSA)["notes"]:
        assert note["title"] in plain, note["code"]
        assert note["text"] in plain, note["code"]
        assert note["title"] == squash(note["title"]), note["code"]
        assert note["text"] == squash(note["text"]), note["code"]
        assert not re.match(r"\d", note["title"]), note["code"]


def test_every_peer_support_17_text_and_description_stands_verbatim_in_seed_000(
    seeds: Path,
) -> None:
    plain = plain_seed(seeds, "000")
    for item in items_of(PS17):
        assert item["text"] in plain, item["code"]
        assert item["description"] in plain, item["code"]
        assert item["text"] == squash(item["text"]), item["code"]
        assert item["description"] == squash(item["description"]), item["code"]


@pytest.mark.parametrize(
    ("framework_id", "phrase"),
    [
        (SAMHSA, "This category of competencies emphasized peer workers' ability"),
        (SAMHSA, "the recovery stories of others' to inspire hope"),
        (SAMHSA, "Family peer support worker likewise share"),
        (PS17, "much of what is “said” between human beings"),
        (PS17, "asking “What happened to you?” rather than “What is wrong with you?”"),
        (PS17, "They negotiate around “risk-sharing” and endeavor"),
    ],
)
def test_source_spelling_and_quotes_are_kept_as_printed(framework_id: str, phrase: str) -> None:
    shipped_text = " ".join(
        f"{i['text']} {i.get('description', '')}" for i in items_of(framework_id)
    )
    assert phrase in shipped_text


def test_faq_quotes_and_wording_are_kept_as_printed() -> None:
    notes = {n["code"]: n for n in shipped(SAMHSA)["notes"]}
    assert notes["FAQ11"]["title"] == 'What does it mean to "create safe spaces"?'
    assert notes["FAQ11"]["text"].startswith("The terms refers to one of the values")
    assert notes["FAQ13"]["title"] == 'What is meant by "recovery-oriented language"?'


# --- well-formed ids, codes and parents -----------------------------------------------------


@pytest.mark.parametrize("framework_id", [SAMHSA, PS17])
def test_codes_are_unique_and_ids_well_formed(framework_id: str) -> None:
    data = shipped(framework_id)
    assert data["id"] == framework_id
    assert FRAMEWORK_ID.fullmatch(framework_id)
    codes = [i["code"] for i in data["items"]]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert CODE_SHAPES[framework_id].fullmatch(code), code
        assert ITEM_ID.fullmatch(f"{framework_id}:{code}"), code
    note_codes = [n["code"] for n in data["notes"]]
    assert len(note_codes) == len(set(note_codes))
    for code in note_codes:
        assert re.fullmatch(r"FAQ[1-9][0-9]*", code), code


@pytest.mark.parametrize("framework_id", [SAMHSA, PS17])
def test_every_parent_exists_and_comes_before_its_children(framework_id: str) -> None:
    seen: set[str] = set()
    for item in items_of(framework_id):
        if "parent" in item:
            assert item["parent"] in seen, item["code"]
            assert item["code"].startswith(item["parent"] + "."), item["code"]
        seen.add(item["code"])


@pytest.mark.parametrize("framework_id", [SAMHSA, PS17])
def test_items_carry_only_documented_keys(framework_id: str) -> None:
    data = shipped(framework_id)
    assert set(data) == TOP_KEYS
    assert data["format"] == 1
    assert set(data["source"]) == CITATION_KEYS
    for item in data["items"]:
        assert {"code", "kind", "text", "section"} <= set(item) <= ITEM_KEYS, item["code"]
        assert all(isinstance(item[key], str) for key in item), item["code"]


@pytest.mark.parametrize("framework_id", [SAMHSA, PS17])
def test_file_is_two_space_indented_utf8_json(framework_id: str) -> None:
    text = (DATA / f"{framework_id}.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


# --- framework metadata ---------------------------------------------------------------------


def test_samhsa_cites_the_2015_document() -> None:
    data = shipped(SAMHSA)
    assert data["title"] == "Core Competencies for Peer Workers in Behavioral Health Services"
    assert data["version"] == "2015"
    assert data["attribution_confirmed"] is True
    assert data["attribution_note"] is None
    assert data["source"] == {
        "title": "Core Competencies for Peer Workers in Behavioral Health Services",
        "publisher": SAMHSA_PUBLISHER,
        "year": 2015,
        "url": SAMHSA_URL,
        "section": None,
        "checked_on": None,
    }


def test_peer_support_17_is_recorded_as_unconfirmed() -> None:
    data = shipped(PS17)
    assert data["title"] == "Core Competencies of peer support providers"
    assert data["version"] == "unconfirmed (about 2023)"
    assert data["attribution_confirmed"] is False
    assert "not been confirmed" in data["attribution_note"]
    assert "Vermont" in data["attribution_note"]
    assert data["source"]["title"] == "Core Competencies"
    assert data["source"]["publisher"].startswith("unconfirmed (best attribution:")
    assert data["source"]["year"] is None
    assert data["source"]["url"] is None
