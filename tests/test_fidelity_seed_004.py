"""Fidelity of bja-prss-2020, icrc-pr and rfc-forensic-2017 to seed 004.

Seed 004 is the BJA COAP PRSS TTA Center's compiled list "Peer Support Core Competencies"
(January 23, 2020). This test reads the raw seed with its own regular expressions and checks the
shipped JSON against that reading; it never imports the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.seedtext import items_of, plain_seed, raw_seed, shipped, squash

BJA = "bja-prss-2020"
ICRC = "icrc-pr"
RFC = "rfc-forensic-2017"
FRAMEWORKS = (BJA, ICRC, RFC)

SAMHSA_ORIGIN: dict[str, Any] = {"framework": "samhsa-2015", "code": None, "tag": None}

# The IC&RC domain names come from IC&RC's own page (reference/credentials.md), not from seed 004,
# which never names domain 2: they are the one exception to "every text is in the seed".
ICRC_DOMAIN_NAMES = {
    "1": "Advocacy",
    "2": "Ethical Responsibility",
    "3": "Mentoring and Education",
    "4": "Recovery/Wellness Support",
}

# Untagged numbered items that are not SAMHSA 2015 competencies: shipped with no origin.
UNTAGGED_NOT_SAMHSA = {"11.12"}

# SAMHSA 2015 competencies (seed 001) that seed 004 words slightly differently.
SAMHSA_NEAR_MATCHES = {
    "6.2": (
        "Assists peers to investigate, select, and use needed and desired resources and services"
    ),
    "12.2": (
        "Uses supervision (mentoring, reflection) effectively by monitoring self and relationships,"
        " preparing for meetings and engaging in problem-solving strategies with the supervisor"
        " (mentor, peer)"
    ),
    "12.3": (
        "Reflects and examines own personal motivations, judgments, and feelings that may be"
        " activated by the peer work, recognizing signs of distress, and knowing when to seek"
        " support"
    ),
}

# Seed 004's one unnumbered best-practice tag, identified with Best Practice 6 by its title.
UNNUMBERED_PRACTICE = "6"

CATEGORY_RE = re.compile(r"^Category (\d+)\.\s+(\S.*)$")
ITEM_RE = re.compile(r"^ {2}(\d+)\. (\S.*)$")
SUB_RE = re.compile(r"^ {4}\.\.(\d+)\.(\S.*)$")
TAG_RE = re.compile(r"^(?P<text>.*?)\s*\((?P<tag>[^()]*(?:Domain|Best Practice)[^()]*)\)\s*$")
ICRC_TAG_RE = re.compile(r"^(?:IC)?RC Domain (\d): (.+)$")
RFC_TAG_RE = re.compile(r"^Regional Facilitation Center, Best Practice(?: (\d+))?$")


@dataclass
class Line:
    """One numbered (``  N.``) or sub-item (``    ..M.``) line of seed 004."""

    code: str
    parent: str
    section: str
    text: str
    tag: str | None
    printed_number: str
    raw: str


@dataclass
class Category:
    number: str
    name: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Line] = field(default_factory=list)
    subs: list[Line] = field(default_factory=list)


def split_tag(raw: str) -> tuple[str, str | None]:
    """The line's text without its trailing origin tag, and the tag (``None`` when untagged)."""
    match = TAG_RE.match(raw)
    if match is None:
        return squash(raw), None
    return squash(match.group("text")), match.group("tag")


def undouble(text: str) -> str:
    """A sentence printed twice in a row ("X x." with X's first letter lowered) once, as ``X``."""
    for cut in range(1, len(text)):
        head = text[:cut]
        if text == f"{head} {head[0].lower()}{head[1:]}.":
            return head
    return text


def read_seed(seeds: Path) -> list[Category]:
    """Seed 004's categories, items and sub-items, read from the raw text."""
    categories: list[Category] = []
    for line in raw_seed(seeds, "004").splitlines():
        if line.startswith("IC&RC. (2017)"):
            break
        if match := CATEGORY_RE.match(line):
            categories.append(Category(match.group(1), squash(match.group(2))))
            continue
        if not categories:
            continue
        cat = categories[-1]
        if match := ITEM_RE.match(line):
            number, raw = match.groups()
            text, tag = split_tag(raw)
            code = f"{cat.number}.{number}"
            section = f"Category {cat.number}, item {number}"
            cat.items.append(Line(code, cat.number, section, text, tag, number, raw))
        elif match := SUB_RE.match(line):
            number, raw = match.groups()
            text, tag = split_tag(raw)
            parent = cat.items[-1]
            position = 1 + sum(1 for s in cat.subs if s.parent == parent.code)
            code = f"{parent.code}.{position}"
            section = f"{parent.section}, sub-item {position}"
            cat.subs.append(Line(code, parent.code, section, undouble(text), tag, number, raw))
        elif line.strip() and not cat.items:
            cat.paragraphs.append(squash(line))
    return categories


def all_lines(seeds: Path) -> list[Line]:
    """Every numbered line and sub-item line of seed 004, in seed order."""
    lines: list[Line] = []
    for cat in read_seed(seeds):
        for item in cat.items:
            lines.append(item)
            lines.extend(s for s in cat.subs if s.parent == item.code)
    return lines


def origin_of_tag(tag: str) -> dict[str, Any]:
    """The structured origin a printed tag stands for."""
    if match := ICRC_TAG_RE.match(tag):
        return {"framework": ICRC, "code": match.group(1), "tag": tag}
    if match := RFC_TAG_RE.match(tag):
        return {"framework": RFC, "code": match.group(1), "tag": tag}
    raise AssertionError(f"unknown origin tag {tag!r}")


def practice_of(origin: dict[str, Any]) -> str:
    """The rfc-forensic-2017 code of an RFC origin (the unnumbered tag is Best Practice 6)."""
    code: str | None = origin["code"]
    return UNNUMBERED_PRACTICE if code is None else code


def by_code(framework_id: str) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in items_of(framework_id)}


def samhsa_2015_competencies(seeds: Path) -> list[str]:
    """SAMHSA 2015's 62 competency lines (seed 001), as printed there."""
    found = re.findall(r"^\d+\. (.+)$", raw_seed(seeds, "001"), flags=re.MULTILINE)
    return [squash(text) for text in found]


# --------------------------------------------------------------------------- verbatim texts


def test_every_shipped_text_appears_verbatim_in_seed_004(seeds: Path) -> None:
    seed = plain_seed(seeds, "004")
    for framework_id in FRAMEWORKS:
        for item in items_of(framework_id):
            if framework_id == ICRC and item["kind"] == "domain":
                continue  # the domain names come from IC&RC's page; pinned below
            assert item["text"] in seed, (framework_id, item["code"], item["text"])
            if "description" in item:
                assert item["description"] in seed, (framework_id, item["code"])


def test_icrc_domain_names_are_those_of_icrc_and_of_the_seed_tags(seeds: Path) -> None:
    domains = {i["code"]: i["text"] for i in items_of(ICRC, "domain")}
    assert domains == ICRC_DOMAIN_NAMES
    for item in items_of(ICRC, "domain"):
        assert item["source"]["url"] == "https://internationalcredentialing.org/icrc-credentials/pr"
        assert item["source"]["section"] == "Domains"
    for line in all_lines(seeds):
        if line.tag and (match := ICRC_TAG_RE.match(line.tag)):
            assert ICRC_DOMAIN_NAMES[match.group(1)] == match.group(2), line.tag


def test_shipped_texts_keep_the_seeds_curly_quotes_and_odd_hyphens(seeds: Path) -> None:
    texts = " ".join(i["text"] + i.get("description", "") for i in items_of(BJA))
    seed = plain_seed(seeds, "004")
    for char in ("\u2019", "\u201c", "\u2010"):
        assert texts.count(char) > 0
        assert char in seed
    assert "\u00a0" not in texts


# --------------------------------------------------------------------------- bja-prss-2020


def test_bja_categories_have_the_printed_names_and_one_description_each(seeds: Path) -> None:
    shipped_cats = by_code(BJA)
    categories = read_seed(seeds)
    assert [c.number for c in categories] == [str(n) for n in range(1, 13)]
    for cat in categories:
        item = shipped_cats[cat.number]
        assert item["kind"] == "category"
        assert item["text"] == cat.name
        assert item["section"] == f"Category {cat.number}"
        assert "parent" not in item
        # Category 2 prints its paragraph twice; every category has one distinct paragraph.
        assert len(set(cat.paragraphs)) == 1, cat.number
        assert item["description"] == cat.paragraphs[0]
        if len(cat.paragraphs) > 1:
            assert cat.number == "2"
            assert any("twice" in note for note in item["notes"])


def test_every_numbered_and_sub_item_line_is_shipped_with_its_code_and_parent(seeds: Path) -> None:
    shipped_items = by_code(BJA)
    for line in all_lines(seeds):
        item = shipped_items[line.code]
        kind = "sub-competency" if line.code.count(".") == 2 else "competency"
        assert item["kind"] == kind, line.code
        assert item["text"] == line.text, line.code
        assert item["parent"] == line.parent, line.code
        assert item["section"] == line.section, line.code


def test_bja_items_are_in_seed_order_with_parents_first(seeds: Path) -> None:
    expected: list[str] = []
    for cat in read_seed(seeds):
        expected.append(cat.number)
        for item in cat.items:
            expected.append(item.code)
            expected.extend(s.code for s in cat.subs if s.parent == item.code)
    assert [i["code"] for i in items_of(BJA)] == expected


def test_sub_items_printed_all_as_one_are_renumbered_in_order_and_noted(seeds: Path) -> None:
    renumbered = {}
    for cat in read_seed(seeds):
        for item in cat.items:
            printed = [s.printed_number for s in cat.subs if s.parent == item.code]
            if len(printed) > 1 and set(printed) == {"1"}:
                renumbered[item.code] = len(printed)
            else:
                assert printed == [str(n) for n in range(1, len(printed) + 1)], item.code
    assert renumbered == {"7.10": 5, "11.14": 4}
    shipped_items = by_code(BJA)
    for parent, count in renumbered.items():
        for n in range(1, count + 1):
            notes = shipped_items[f"{parent}.{n}"]["notes"]
            assert any("..1." in note for note in notes)


def test_the_repeated_last_sub_item_of_11_14_is_shipped_once(seeds: Path) -> None:
    doubled = [line for line in all_lines(seeds) if split_tag(line.raw)[0] != line.text]
    assert [line.code for line in doubled] == ["11.14.4"]
    text = by_code(BJA)["11.14.4"]["text"]
    assert text.endswith("perceived low motivation for change")
    assert squash(doubled[0].raw) == f"{text} u{text[1:]}."
    assert any("twice" in note for note in by_code(BJA)["11.14.4"]["notes"])


def test_each_printed_tag_becomes_the_structured_origin(seeds: Path) -> None:
    shipped_items = by_code(BJA)
    lines = all_lines(seeds)
    items = {line.code: line for line in lines}
    for line in lines:
        origins = shipped_items[line.code]["origins"]
        if line.tag is not None:
            assert origins == [origin_of_tag(line.tag)], line.code
        elif line.code.count(".") == 2:
            parent = items[line.parent]
            assert parent.tag is not None, line.code
            parent_origin = origin_of_tag(parent.tag)
            assert parent_origin["framework"] == RFC, line.code
            assert origins == [parent_origin], line.code
        elif line.code in UNTAGGED_NOT_SAMHSA:
            assert origins == [], line.code
            assert shipped_items[line.code]["notes"], line.code
        else:
            assert origins == [SAMHSA_ORIGIN], line.code


def test_the_rc_domain_typo_is_credited_to_icrc_domain_1_with_the_tag_as_printed(
    seeds: Path,
) -> None:
    item = by_code(BJA)["6.8"]
    assert item["origins"] == [{"framework": ICRC, "code": "1", "tag": "RC Domain 1: Advocacy"}]
    assert item["notes"]
    assert "(RC Domain 1: Advocacy)" in raw_seed(seeds, "004")


def test_samhsa_origin_items_are_samhsa_2015_competencies(seeds: Path) -> None:
    samhsa = [text.replace("'", "\u2019") for text in samhsa_2015_competencies(seeds)]
    assert len(samhsa) == 62
    matched: list[str] = []
    for item in items_of(BJA, "competency"):
        if item["origins"] != [SAMHSA_ORIGIN]:
            continue
        if item["code"] in SAMHSA_NEAR_MATCHES:
            counterpart = SAMHSA_NEAR_MATCHES[item["code"]].replace("'", "\u2019")
            assert counterpart != item["text"]
            assert any(counterpart in note for note in item["notes"])
        else:
            counterpart = item["text"]
        assert counterpart in samhsa, item["code"]
        matched.append(counterpart)
    assert sorted(matched) == sorted(samhsa)
    for code in UNTAGGED_NOT_SAMHSA:
        assert by_code(BJA)[code]["text"] not in samhsa


def test_bja_counts_are_pinned() -> None:
    assert len(items_of(BJA, "category")) == 12
    assert len(items_of(BJA, "competency")) == 102
    assert len(items_of(BJA, "sub-competency")) == 30
    assert len(items_of(BJA)) == 144
    per_category: dict[str, int] = {}
    for item in items_of(BJA, "competency"):
        per_category[item["parent"]] = per_category.get(item["parent"], 0) + 1
    assert per_category == {
        "1": 9, "2": 8, "3": 7, "4": 8, "5": 11, "6": 11,
        "7": 10, "8": 5, "9": 7, "10": 8, "11": 14, "12": 4,
    }  # fmt: skip
    per_item: dict[str, int] = {}
    for item in items_of(BJA, "sub-competency"):
        per_item[item["parent"]] = per_item.get(item["parent"], 0) + 1
    assert per_item == {
        "1.9": 1, "3.7": 4, "4.8": 3, "5.11": 1, "6.9": 6, "6.10": 3,
        "6.11": 2, "7.10": 5, "8.1": 1, "11.14": 4,
    }  # fmt: skip
    origins = [i["origins"] for i in items_of(BJA) if i["kind"] != "category"]
    assert sum(1 for o in origins if o == [SAMHSA_ORIGIN]) == 62
    assert sum(1 for o in origins if o and o[0]["framework"] == ICRC) == 31
    assert sum(1 for o in origins if o and o[0]["framework"] == RFC) == 38
    assert sum(1 for o in origins if o == []) == 1


def test_the_seed_reading_agrees_with_the_pinned_counts(seeds: Path) -> None:
    categories = read_seed(seeds)
    assert sum(len(c.items) for c in categories) == 102
    assert sum(len(c.subs) for c in categories) == 30


# --------------------------------------------------------------------------- icrc-pr


def test_every_icrc_tagged_line_is_a_statement_under_its_domain_in_seed_order(seeds: Path) -> None:
    expected: dict[str, list[tuple[str, str]]] = {d: [] for d in ICRC_DOMAIN_NAMES}
    for line in all_lines(seeds):
        if line.tag is None:
            continue
        origin = origin_of_tag(line.tag)
        if origin["framework"] == ICRC:
            expected[origin["code"]].append((line.text, line.section))
    for domain, statements in expected.items():
        got = [i for i in items_of(ICRC, "statement") if i["parent"] == domain]
        assert [(i["text"], i["section"]) for i in got] == statements, domain
        assert [i["code"] for i in got] == [f"{domain}.{n}" for n in range(1, len(got) + 1)]


def test_icrc_counts_are_pinned() -> None:
    assert len(items_of(ICRC, "domain")) == 4
    assert len(items_of(ICRC, "statement")) == 31
    per_domain = {d: 0 for d in ICRC_DOMAIN_NAMES}
    for item in items_of(ICRC, "statement"):
        per_domain[item["parent"]] += 1
    assert per_domain == {"1": 9, "2": 0, "3": 9, "4": 13}
    assert any("Domain 2" in note for note in shipped(ICRC)["editorial_notes"])


def test_icrc_special_statements_are_the_typo_item_and_the_tagged_sub_item() -> None:
    statements = by_code(ICRC)
    assert statements["1.3"]["section"] == "Category 6, item 8"
    assert statements["1.3"]["notes"]
    assert statements["4.12"]["section"] == "Category 8, item 1, sub-item 1"
    assert statements["4.12"]["text"] == "Recognizes signs of distress"


# --------------------------------------------------------------------------- rfc-forensic-2017


def test_every_rfc_tagged_line_is_a_best_practice_with_its_sub_items(seeds: Path) -> None:
    practices = by_code(RFC)
    expected_subs: dict[str, list[tuple[str, str]]] = {}
    lines = all_lines(seeds)
    for line in lines:
        if line.tag is None or line.code.count(".") != 1:
            continue
        origin = origin_of_tag(line.tag)
        if origin["framework"] != RFC:
            continue
        code = practice_of(origin)
        practice = practices[code]
        assert practice["kind"] == "best-practice"
        assert "parent" not in practice
        assert practice["text"] == line.text, line.code
        assert line.section in practice["section"].split("; "), line.code
        subs = expected_subs.setdefault(code, [])
        subs.extend((s.text, s.section) for s in lines if s.parent == line.code)
    assert sorted(expected_subs) == sorted(i["code"] for i in items_of(RFC, "best-practice"))
    for code, subs in expected_subs.items():
        got = [i for i in items_of(RFC, "sub-competency") if i["parent"] == code]
        assert [(i["text"], i["section"]) for i in got] == subs, code
        assert [i["code"] for i in got] == [f"{code}.{n}" for n in range(1, len(got) + 1)]


def test_the_unnumbered_best_practice_is_best_practice_6_and_noted(seeds: Path) -> None:
    unnumbered = [
        line for line in all_lines(seeds)
        if line.tag == "Regional Facilitation Center, Best Practice"
    ]  # fmt: skip
    assert [line.code for line in unnumbered] == ["1.9"]
    practice = by_code(RFC)[UNNUMBERED_PRACTICE]
    assert practice["text"] == unnumbered[0].text
    assert any("inferred" in note for note in practice["notes"])


def test_rfc_counts_are_pinned() -> None:
    assert [i["code"] for i in items_of(RFC, "best-practice")] == ["6", "5", "3", "4", "9", "2"]
    per_practice: dict[str, int] = {}
    for item in items_of(RFC, "sub-competency"):
        per_practice[item["parent"]] = per_practice.get(item["parent"], 0) + 1
    assert per_practice == {"6": 5, "5": 6, "3": 6, "4": 3, "9": 5, "2": 4}
    assert len(items_of(RFC)) == 35


# --------------------------------------------------------------------------- structure


def test_codes_are_unique_and_parents_exist_and_come_first() -> None:
    for framework_id in FRAMEWORKS:
        data = shipped(framework_id)
        assert data["id"] == framework_id
        assert data["format"] == 1
        seen: set[str] = set()
        for item in data["items"]:
            assert item["code"] not in seen, (framework_id, item["code"])
            if "parent" in item:
                assert item["parent"] in seen, (framework_id, item["code"])
            seen.add(item["code"])
            assert item["section"], (framework_id, item["code"])


def test_framework_headers_name_seed_004_as_their_source() -> None:
    expected = {
        BJA: ("Peer Support Core Competencies", "2020-01-23"),
        ICRC: ("IC&RC Peer Recovery (PR) performance domains", "2017"),
        RFC: ("Substance Use Disorder Forensic Peer Best Practices Curriculum", "2017"),
    }
    for framework_id, (title, version) in expected.items():
        data = shipped(framework_id)
        assert (data["title"], data["version"]) == (title, version)
        assert data["source"]["title"] == "Peer Support Core Competencies"
        assert data["source"]["year"] == 2020
        assert data["source"]["publisher"].startswith("Bureau of Justice Assistance (BJA)")
    assert any("Candidate Guide" in n for n in shipped(ICRC)["editorial_notes"])
    assert any("Razavi" in n for n in shipped(RFC)["editorial_notes"])
