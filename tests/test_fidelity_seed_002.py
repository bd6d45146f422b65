"""Fidelity of ca-sb803 and samhsa-recovery-principles to seed 002 (CalMHSA's Landscape Analysis).

An independent reading: the seed is read with the plain regexes below and the shipped JSON with
:mod:`json` (through ``tests.seedtext``), never through the package.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.seedtext import items_of, plain_seed, raw_seed, shipped, squash

SB803 = "ca-sb803"
PRINCIPLES = "samhsa-recovery-principles"
CHILD_KINDS = ("skill", "value", "theme", "field-example")

# Bullets that a page break cuts in two: (code, first half as printed, second half as printed,
# separator used to rejoin). The first half is an <li> at the foot of one page, the second a
# <p> at the head of the next; neither half alone is a source statement, so the halves are
# checked against the seed one by one and the joined text is what ships.
REJOINED: tuple[tuple[str, str, str, str], ...] = (
    (
        "4.T7",
        "Know how to assist other healthcare team members to learn about the process of "
        "recovery, the concept of resiliency, and the relationship between person-centered, self-",
        "directed care and achievement of whole health goals.",
        "",  # a line-end hyphen: "self-" + "directed"
    ),
    (
        "4.S8",
        "Certified Peers Specialists will keep current with emerging knowledge",
        "relevant to recovery, and openly share this knowledge with their colleagues.",
        " ",
    ),
    (
        "5.S13",
        "Be able to describe successful multicultural interactions and explain",
        "why the topic is important to peer services.",
        " ",
    ),
    (
        "15.T6",
        "Document individual progress in relation to treatment goals and objectives, e.g., "
        "identify needs and",
        "issues that may require modification in treatment plan.",
        " ",
    ),
)

# A theme printed as a paragraph (no bullet marker) at the head of competency 7's right column.
PARAGRAPH_ITEMS = {
    "7.T1": "Understand the difference between treatment goals and recovery goals and be able to "
    "create and facilitate a variety of group activities that support and strengthen recovery.",
}

# Paragraphs in the tables that are not statements: the heading of SAMHSA's list of principles.
PRINCIPLES_HEADING = (
    "Ten guiding principles of recovery as defined by the federal Substance Abuse and Mental "
    "Health Services Administration (SAMHSA)."
)

# Exact repeats inside one list, dropped from the data: (code kept, kind, text, repeats dropped).
DROPPED_REPEATS: tuple[tuple[str, str, str, int], ...] = (
    ("4.S11", "skill", "Recovery Management skills.", 1),
)

KIND_TOTALS = {
    "competency": 17,
    "qualification": 8,
    "skill": 184,
    "value": 4,
    "theme": 167,
    "field-example": 204,
}

# Per competency: number of children of each kind (skill, value, theme, field-example).
CHILDREN: dict[str, tuple[int, int, int, int]] = {
    "1": (24, 0, 3, 28),
    "2": (13, 0, 12, 13),
    "3": (19, 0, 18, 7),
    "4": (25, 4, 9, 36),
    "5": (17, 0, 5, 8),
    "6": (8, 0, 4, 6),
    "7": (4, 0, 3, 6),
    "8": (12, 0, 9, 8),
    "9": (25, 0, 12, 27),
    "10": (5, 0, 11, 6),
    "11": (7, 0, 25, 15),
    "12": (5, 0, 1, 3),
    "13": (5, 0, 17, 11),
    "14": (6, 0, 22, 15),
    "15": (4, 0, 8, 5),
    "16": (3, 0, 5, 3),
    "17": (2, 0, 3, 7),
}

# Source bullets (<li> outside the <ol>, and "- " lines), counted in the raw seed.
SOURCE_LI_BULLETS = 493
SOURCE_DASH_BULLETS = 66  # without the one empty "- " bullet


def clean(fragment: str) -> str:
    """A seed fragment as a statement: tags, bullet glyph and ** dropped, whitespace squashed."""
    text = re.sub(r"<[^>]+>", " ", fragment)
    text = html.unescape(text)
    return squash(text.replace("\u25aa", " ").replace("**", " "))


def tables(seeds: Path) -> str:
    """The raw seed from the statute's list of core competencies to the end of the tables."""
    raw = raw_seed(seeds, "002")
    start = raw.index("## **Core Competencies**")
    end = raw.index("**Summary of Comparative Analysis of Core Competencies**")
    return raw[start:end]


def without_ol(text: str) -> str:
    return re.sub(r"<ol[^>]*>.*?</ol>", " ", text, flags=re.S)


def li_bullets(seeds: Path) -> list[str]:
    """Every <li> bullet of the tables, outside the numbered <ol> of principles."""
    return [clean(b) for b in re.findall(r"<li>(.*?)</li>", without_ol(tables(seeds)), flags=re.S)]


def dash_bullets(seeds: Path) -> list[str]:
    """Every Markdown "- " bullet line of the tables (indented ones too), empty ones included."""
    return [clean(b) for b in re.findall(r"^[ \t]*- (.*)$", tables(seeds), flags=re.M)]


def ol_lines(seeds: Path) -> list[tuple[int, str]]:
    """The numbered <li> lines of the <ol> in the tables, as (number, text)."""
    found: list[tuple[int, str]] = []
    for block in re.findall(r"<ol[^>]*>(.*?)</ol>", tables(seeds), flags=re.S):
        for line in re.findall(r"<li>(.*?)</li>", block, flags=re.S):
            match = re.fullmatch(r"(\d+)\. (.+)", clean(line))
            assert match is not None, line
            found.append((int(match[1]), match[2]))
    return found


def plain_paragraphs(seeds: Path) -> list[str]:
    """Every <p> of the tables that is not a bold heading or label."""
    return [
        clean(p)
        for p in re.findall(r"<p[^>]*>(.*?)</p>", tables(seeds), flags=re.S)
        if "<b>" not in p
    ]


def numbered_lines(text: str) -> list[tuple[int, str]]:
    return [(int(n), squash(t)) for n, t in re.findall(r"^(\d+)\. (.+)$", text, flags=re.M)]


def texts(framework_id: str, kinds: tuple[str, ...] | None = None) -> list[str]:
    return [i["text"] for i in items_of(framework_id) if kinds is None or i["kind"] in kinds]


def by_code(framework_id: str) -> dict[str, dict[str, Any]]:
    return {i["code"]: i for i in items_of(framework_id)}


def joined(first: str, second: str, sep: str) -> str:
    return first + sep + second


def test_the_frameworks_cite_the_calmhsa_landscape_analysis() -> None:
    for framework_id in (SB803, PRINCIPLES):
        data = shipped(framework_id)
        assert data["format"] == 1
        assert data["id"] == framework_id
        source = data["source"]
        assert source["title"] == (
            "Landscape Analysis: Peer Certification, Training Curriculum, Core Competencies"
        )
        assert source["publisher"] == "California Mental Health Services Authority (CalMHSA)"
        assert source["year"] is None
        assert source["url"] is None
        assert any("about 2021, undated" in note for note in data["editorial_notes"])
    assert shipped(SB803)["version"] == "2020"
    assert shipped(PRINCIPLES)["version"] == "as quoted by CalMHSA"
    assert shipped(PRINCIPLES)["source"]["section"] == "Competency 1, Summary of Themes"
    assert "second-hand" in shipped(PRINCIPLES)["attribution_note"]


def test_every_shipped_ca_sb803_statement_is_verbatim_in_seed_002(seeds: Path) -> None:
    plain = plain_seed(seeds, "002")
    rejoined = {code for code, _, _, _ in REJOINED}
    for item in items_of(SB803):
        if item["code"] in rejoined:
            continue  # checked half by half below
        assert item["text"] == squash(item["text"]), item["code"]
        assert item["text"] in plain, item["code"]
        if "description" in item:
            assert item["description"] in plain, item["code"]
    for note in shipped(SB803)["notes"]:
        assert note["title"] in plain
        assert note["text"] in plain


def test_every_shipped_principle_is_verbatim_in_seed_002(seeds: Path) -> None:
    plain = plain_seed(seeds, "002")
    for item in items_of(PRINCIPLES):
        assert item["text"] == squash(item["text"]), item["code"]
        assert item["text"] in plain, item["code"]
    for note in shipped(PRINCIPLES)["notes"]:
        assert note["title"] in plain
        assert note["text"] in plain


@pytest.mark.parametrize(("code", "first", "second", "sep"), REJOINED)
def test_a_bullet_split_by_a_page_break_ships_rejoined_with_each_half_in_the_seed(
    seeds: Path, code: str, first: str, second: str, sep: str
) -> None:
    plain = plain_seed(seeds, "002")
    assert first in plain
    assert second in plain
    raw_tables = tables(seeds)
    # genuinely split: the first half ends its <li> (and the list) at the foot of a page, the
    # second opens a <p> on the next; 4.T7 and 5.S13 also have an unsplit twin in another list
    assert re.search(re.escape(first.split()[-1]) + r"\s*</li>\s*</ul>", raw_tables)
    assert "<p>" + second.split()[0] in raw_tables
    item = by_code(SB803)[code]
    assert item["text"] == joined(first, second, sep)
    assert any("rejoined" in note for note in item.get("notes", []))


def test_every_source_bullet_of_seed_002_is_shipped(seeds: Path) -> None:
    shipped_texts = set(texts(SB803)) | set(texts(PRINCIPLES))
    first_halves = {first for _, first, _, _ in REJOINED}
    for bullet in li_bullets(seeds) + dash_bullets(seeds):
        if bullet == "":
            continue  # the empty field-example bullet "- " of competency 4: not a statement
        if bullet in first_halves:
            continue  # the first half of a bullet split by a page break: ships rejoined
        assert bullet in shipped_texts, bullet
    for number, text in ol_lines(seeds):
        assert text in texts(PRINCIPLES), (number, text)
    for number, text in numbered_lines(tables(seeds)):
        assert text in texts(SB803, ("competency",)), (number, text)


def test_every_plain_paragraph_of_the_tables_is_accounted_for(seeds: Path) -> None:
    second_halves = {second for _, _, second, _ in REJOINED}
    paragraphs = plain_paragraphs(seeds)
    for paragraph in paragraphs:
        if paragraph in second_halves:
            continue  # the second half of a bullet split by a page break: ships rejoined
        if paragraph == PRINCIPLES_HEADING:
            continue  # the heading of SAMHSA's list, not a statement (see editorial notes)
        assert paragraph in PARAGRAPH_ITEMS.values(), paragraph
    assert sorted(paragraphs) == sorted(
        [*second_halves, PRINCIPLES_HEADING, *PARAGRAPH_ITEMS.values()]
    )
    for code, text in PARAGRAPH_ITEMS.items():
        assert by_code(SB803)[code]["text"] == text


def test_source_bullets_and_shipped_children_match_one_for_one(seeds: Path) -> None:
    bullets = li_bullets(seeds)
    dashes = [b for b in dash_bullets(seeds) if b]
    assert len(bullets) == SOURCE_LI_BULLETS
    assert len(dashes) == SOURCE_DASH_BULLETS
    assert len(dash_bullets(seeds)) - len(dashes) == 1  # the one empty bullet
    rejoin = {first: joined(first, second, sep) for _, first, second, sep in REJOINED}
    source = Counter(rejoin.get(b, b) for b in bullets + dashes)
    source.update(PARAGRAPH_ITEMS.values())
    expected = Counter(texts(SB803, CHILD_KINDS))
    for _, _, text, repeats in DROPPED_REPEATS:
        expected[text] += repeats
    assert source == expected


def test_item_counts_per_kind_are_pinned() -> None:
    counts = Counter(i["kind"] for i in items_of(SB803))
    assert dict(counts) == KIND_TOTALS
    assert len(items_of(PRINCIPLES)) == 10
    assert {i["kind"] for i in items_of(PRINCIPLES)} == {"principle"}


def test_children_per_competency_are_pinned() -> None:
    found: dict[str, tuple[int, int, int, int]] = {}
    for number in CHILDREN:
        kinds = Counter(i["kind"] for i in items_of(SB803) if i.get("parent") == number)
        assert set(kinds) <= set(CHILD_KINDS), number
        found[number] = (
            kinds["skill"],
            kinds["value"],
            kinds["theme"],
            kinds["field-example"],
        )
    assert found == CHILDREN


def test_the_17_competencies_are_the_statutes_numbered_list_in_order(seeds: Path) -> None:
    raw = raw_seed(seeds, "002")
    start = raw.index("## **Core Competencies**")
    end = raw.index("While there is variation in the terminology")
    listed = numbered_lines(raw[start:end])
    assert [n for n, _ in listed] == list(range(1, 18))
    competencies = items_of(SB803, "competency")
    assert [(int(i["code"]), i["text"]) for i in competencies] == listed
    assert competencies[1]["text"] == "The role of advocacy."
    assert competencies[16]["text"] == "Digital literacy"  # no final period in the source
    for item in competencies:
        assert "parent" not in item
        assert item["section"] == f"Core Competencies, item {item['code']}"


def test_the_8_qualifications_are_the_numbered_list_in_order(seeds: Path) -> None:
    raw = raw_seed(seeds, "002")
    start = raw.index("must meet the following qualifications:")
    end = raw.index("## **Core Competencies**")
    listed = numbered_lines(raw[start:end])
    assert [n for n, _ in listed] == list(range(1, 9))
    qualifications = items_of(SB803, "qualification")
    assert [(i["code"], i["text"]) for i in qualifications] == [(f"Q{n}", t) for n, t in listed]
    assert all("parent" not in i for i in qualifications)


def test_the_10_principles_are_the_numbered_list_in_order(seeds: Path) -> None:
    listed = ol_lines(seeds)
    assert [n for n, _ in listed] == list(range(1, 11))
    principles = items_of(PRINCIPLES)
    assert [(int(i["code"]), i["text"]) for i in principles] == listed
    assert principles[0]["text"] == "Recovery emerges from hope"
    assert all("parent" not in i for i in principles)


def test_the_know_the_ten_principles_bullet_stays_with_competency_1(seeds: Path) -> None:
    bullet = (
        "Know the ten guiding principles of recovery as defined by the federal Substance Abuse "
        "and Mental Health Services Administration (SAMHSA)."
    )
    (item,) = [i for i in items_of(SB803) if i["text"] == bullet]
    assert item["parent"] == "1"
    # the last <li> of the left column in competency 1's continued row
    row = next(line for line in tables(seeds).splitlines() if bullet in line)
    left, right = row.split("\t")
    assert bullet in left
    assert "<ol" in right


def test_codes_are_unique_and_parents_exist_and_come_first() -> None:
    for framework_id in (SB803, PRINCIPLES):
        seen: set[str] = set()
        for item in items_of(framework_id):
            assert re.fullmatch(r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*", item["code"])
            assert item["code"] not in seen, item["code"]
            if "parent" in item:
                assert item["parent"] in seen, item["code"]
            seen.add(item["code"])


def test_child_codes_follow_their_competency_and_kind() -> None:
    prefix = {"skill": "S", "value": "V", "theme": "T", "field-example": "F"}
    section = {
        "skill": "Competency {n} table, Skills that can be assigned",
        "value": "Competency {n} table, Values",
        "theme": "Competency {n} table, Summary of Themes Across Other State Standards",
        "field-example": "Field Examples: {n}",
    }
    numbering: Counter[tuple[str, str]] = Counter()
    for item in items_of(SB803):
        if item["kind"] not in CHILD_KINDS:
            continue
        parent = item["parent"]
        numbering[(parent, item["kind"])] += 1
        assert item["code"] == f"{parent}.{prefix[item['kind']]}{numbering[(parent, item['kind'])]}"
        assert item["section"] == section[item["kind"]].format(n=parent)


def test_no_list_holds_an_exact_repeat() -> None:
    lists: dict[tuple[str, str], list[str]] = {}
    for item in items_of(SB803):
        if item["kind"] in CHILD_KINDS:
            lists.setdefault((item["parent"], item["kind"]), []).append(squash(item["text"]))
    for key, entries in lists.items():
        assert len(entries) == len(set(entries)), key
    assert len(texts(PRINCIPLES)) == len(set(texts(PRINCIPLES)))


def test_every_dropped_repeat_is_recorded(seeds: Path) -> None:
    items = by_code(SB803)
    editorial = " ".join(shipped(SB803)["editorial_notes"])
    for code, kind, text, repeats in DROPPED_REPEATS:
        item = items[code]
        assert (item["kind"], item["text"]) == (kind, text)
        note = f"repeated {repeats} time(s) in the source list; repeat dropped"
        assert note in item["notes"]
        assert f'"{text}"' in editorial
        assert tables(seeds).count(f"<li>\u25aa {text}</li>") == repeats + 1
    flagged = {
        i["code"]
        for i in items_of(SB803)
        if any("repeat dropped" in note for note in i.get("notes", []))
    }
    assert flagged == {code for code, _, _, _ in DROPPED_REPEATS}


def test_the_empty_bullet_is_no_item_and_is_recorded(seeds: Path) -> None:
    assert "" in dash_bullets(seeds)
    assert all(i["text"].strip() for i in items_of(SB803))
    assert any("empty bullet" in note for note in shipped(SB803)["editorial_notes"])
