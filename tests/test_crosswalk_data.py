"""The shipped mapping set: consistent, complete, and faithful to what seed 004 asserts."""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

import pytest

import peer_competencies as pc
from peer_competencies import crosswalk as cw
from peer_competencies.crosswalk import (
    NO_TERM_FOUND,
    Crosswalk,
    Justification,
    MappingRecord,
    MappingSet,
    Predicate,
)
from tests.support import REPO

SOURCE_AUTHOR = "peer_competencies:bja-prss-2020"
CURATORS = "peer_competencies:curators"  # the two author_ids docs/crosswalk.md names
CURATED_FRAMEWORKS = cw.completeness().frameworks  # the curated five, as the shipped set names them
ROMAN = "I II III IV V VI VII VIII IX X XI XII".split()
DATA = REPO / "src" / "peer_competencies" / "data" / "crosswalk"


def shipped() -> tuple[MappingRecord, ...]:
    return cw.default().records


def source_asserted() -> set[tuple[str, Predicate, str]]:
    return {
        (r.subject_id, r.predicate, r.object_id)
        for r in shipped()
        if r.author_id == (SOURCE_AUTHOR,)
    }


def test_the_shipped_mappings_pass_the_consistency_check() -> None:
    assert [str(p) for p in cw.problems()] == []


def test_every_curated_top_item_has_a_mapping_or_curated_no_match_into_each_other_framework() -> (
    None
):
    report = cw.completeness()
    assert [f"{e.item_id} -> {e.framework_id}" for e in report.missing] == []
    assert len(report.items) == 12 + 17 + 17 + 4 + 6
    assert len(report.complete_items) == len(report.items)
    assert len(report.entries) == len(report.items) * (len(CURATED_FRAMEWORKS) - 1)


def test_the_shipped_set_names_the_frameworks_its_curators_map_into_each_other() -> None:
    (mapping_set,) = cw.mapping_sets()
    five = ("samhsa-2015", "ca-sb803", "peer-support-17", "icrc-pr", "rfc-forensic-2017")
    assert mapping_set.extra["other"] == "curated_frameworks=" + " ".join(five)
    assert cw.completeness().frameworks == five


def test_a_crosswalk_whose_sets_name_no_curated_frameworks_asks_for_them() -> None:
    walk = Crosswalk(shipped=False)
    with pytest.raises(pc.InputError, match="fewer than two"):
        walk.completeness()


def test_completeness_counts_only_the_top_items_not_qualifications() -> None:
    items = set(cw.completeness().items)
    assert "ca-sb803:17" in items
    assert "ca-sb803:Q1" not in items
    assert "samhsa-2015:VIII.4" not in items


def test_digital_literacy_says_it_has_no_samhsa_counterpart() -> None:
    found = [
        r
        for r in cw.mappings("ca-sb803:17", to="samhsa-2015")
        if r.object_id == NO_TERM_FOUND and r.object_source == "samhsa-2015"
    ]
    assert len(found) == 1
    assert found[0].comment is not None
    assert "no close SAMHSA 2015 counterpart" in found[0].comment
    assert not any(r.positive for r in cw.mappings("ca-sb803:17", to="samhsa-2015"))


def test_every_row_names_its_author_justification_confidence_and_why() -> None:
    for record in shipped():
        assert record.author_id in ((SOURCE_AUTHOR,), (CURATORS,)), record
        assert record.justification in (
            Justification.MANUAL_MAPPING_CURATION,
            Justification.LEXICAL_MATCHING,
        ), record
        assert record.confidence is not None, record
        assert 0.0 < record.confidence <= 1.0, record
        assert record.comment, record
        assert record.mapping_date is not None, record


def test_labels_are_the_items_own_wording() -> None:
    for record in shipped():
        if record.subject_id != NO_TERM_FOUND:
            assert record.subject_label == pc.lookup(record.subject_id).text, record
        if record.object_id != NO_TERM_FOUND:
            assert record.object_label == pc.lookup(record.object_id).text, record


def test_bja_repeats_of_samhsa_competencies_are_exact_matches_attributed_to_seed_004() -> None:
    bja = pc.framework("bja-prss-2020")
    repeats = [
        i for i in bja.of_kind("competency") if [o.framework for o in i.origins] == ["samhsa-2015"]
    ]
    assert len(repeats) == 62
    asserted = {s: o for s, p, o in source_asserted() if p is Predicate.EXACT}
    targets = set()
    for item in repeats:
        target = asserted[item.id]
        targets.add(target)
        ratio = difflib.SequenceMatcher(
            None, item.text.replace("\u2019", "'"), pc.lookup(target).text
        ).ratio()
        assert ratio > 0.9, (item.id, target)
        category = ROMAN[int(item.code.split(".")[0]) - 1]
        assert pc.lookup(target).parent_id == f"samhsa-2015:{category}"
    assert len(targets) == 62


def test_bja_categories_are_samhsa_categories() -> None:
    for n, roman in enumerate(ROMAN, start=1):
        assert (
            f"bja-prss-2020:{n}",
            Predicate.EXACT,
            f"samhsa-2015:{roman}",
        ) in source_asserted()


def test_every_icrc_and_rfc_item_stands_under_the_samhsa_category_seed_004_files_it_under() -> None:
    """Rebuilt from the frameworks: each appearance of an IC&RC or RFC item is filed under its
    SAMHSA category and, when seed 004 prints it as a sub-item of a line that repeats a SAMHSA
    competency, under that competency too. Each filing is a broad match where the heading is
    broader in meaning, else a related match whose comment says so; nothing else is
    source-asserted as broad or related."""
    asserted = source_asserted()
    bja = {i.citation.section: i for i in pc.framework("bja-prss-2020").items}
    repeats = {
        s: o for s, p, o in asserted if p is Predicate.EXACT and o.startswith("samhsa-2015:")
    }
    expected = set()
    for framework_id in ("icrc-pr", "rfc-forensic-2017"):
        for item in pc.framework(framework_id).items:
            if item.kind.value == "domain":
                continue  # domains are curated, not placed by seed 004
            assert item.citation.section is not None
            for section in item.citation.section.split("; "):
                category = ROMAN[int(section.split(",")[0].split()[1]) - 1]
                expected.add((item.id, f"samhsa-2015:{category}"))
                head, sub_item, _ = section.rpartition(", sub-item ")
                if sub_item and [o.framework for o in bja[head].origins] == ["samhsa-2015"]:
                    expected.add((item.id, repeats[bja[head].id]))
    assert ("icrc-pr:4.12", "samhsa-2015:VIII.1") in expected
    filings = {
        r.subject_id + " " + r.object_id: r
        for r in shipped()
        if r.author_id == (SOURCE_AUTHOR,) and r.predicate in (Predicate.BROAD, Predicate.RELATED)
    }
    assert set(filings) == {f"{s} {o}" for s, o in expected}
    for record in filings.values():
        assert record.comment is not None
        assert record.comment.startswith("Seed 004 "), record
        if record.predicate is Predicate.RELATED:
            assert "not broader in meaning" in record.comment, record
        else:
            assert "is broader in meaning" in record.comment, record


def test_seed_004_filings_that_are_not_broader_in_meaning_are_related_matches() -> None:
    self_care = {
        r.object_id: r for r in cw.mappings("icrc-pr:3.8") if r.author_id == (SOURCE_AUTHOR,)
    }
    assert self_care["samhsa-2015:X"].predicate is Predicate.RELATED  # self-care under teamwork
    related = [
        r for r in shipped() if r.author_id == (SOURCE_AUTHOR,) and r.predicate is Predicate.RELATED
    ]
    broad = [
        r for r in shipped() if r.author_id == (SOURCE_AUTHOR,) and r.predicate is Predicate.BROAD
    ]
    assert (len(related), len(broad)) == (18, 52)


def test_every_icrc_and_rfc_line_is_the_same_statement_as_its_bja_line() -> None:
    bja = {i.citation.section: i for i in pc.framework("bja-prss-2020").items}
    asserted = source_asserted()
    for framework_id in ("icrc-pr", "rfc-forensic-2017"):
        for item in pc.framework(framework_id).items:
            if item.kind.value == "domain":
                continue
            assert item.citation.section is not None
            for section in item.citation.section.split("; "):
                line = bja[section]
                assert (line.id, Predicate.EXACT, item.id) in asserted
                assert [o.framework for o in line.origins] == [framework_id]


def test_curated_rows_are_among_the_five_curated_frameworks_and_the_recovery_principles() -> None:
    for record in shipped():
        if record.author_id != (CURATORS,):
            continue
        frameworks = {
            (record.subject_source if i == NO_TERM_FOUND else i.partition(":")[0])
            for i in (record.subject_id, record.object_id)
        } | ({record.object_source} if record.object_id == NO_TERM_FOUND else set())
        assert frameworks <= {*CURATED_FRAMEWORKS, "samhsa-recovery-principles"}, record


def test_the_mapping_set_header_names_id_version_license_and_creator() -> None:
    (mapping_set,) = cw.mapping_sets()
    assert mapping_set.id.startswith("https://peer-competencies.github.io/id/crosswalk/")
    assert mapping_set.version
    assert mapping_set.license.startswith("https://")
    assert mapping_set.creator_id == (CURATORS,)
    assert mapping_set.curie_map["samhsa_2015"] == (
        "https://peer-competencies.github.io/id/samhsa-2015/"
    )


def test_the_shipped_file_is_exactly_what_the_writer_writes() -> None:
    (path,) = sorted(DATA.glob("*.sssom.tsv"))
    (mapping_set,) = cw.mapping_sets()
    assert cw.to_sssom(mapping_set) == path.read_text(encoding="utf-8")


def test_there_are_mappings_of_every_predicate_and_curated_no_matches() -> None:
    counts = Counter(
        "Not" if r.negated else "NoTermFound" if r.no_term_found else r.predicate.label
        for r in shipped()
    )
    assert {"exact", "close", "broad", "related", "Not", "NoTermFound"} <= set(counts)


# -- the consistency check finds each kind of problem ---------------------------------------


def record(
    subject: str,
    predicate: Predicate,
    obj: str,
    negated: bool = False,
    object_source: str | None = None,
) -> MappingRecord:
    return MappingRecord(
        subject_id=subject,
        predicate=predicate,
        object_id=obj,
        justification=Justification.MANUAL_MAPPING_CURATION,
        confidence=0.9,
        negated=negated,
        object_source=object_source,
    )


def problems(*records: MappingRecord) -> list[str]:
    mapping_set = MappingSet(
        id="https://example.org/s", license="https://example.org/l", records=records
    )
    found = Crosswalk(pc.frameworks(), [mapping_set], shipped=False, strict=False).problems()
    return [p.kind for p in found]


@pytest.mark.parametrize(
    ("records", "kinds"),
    [
        pytest.param(
            (record("samhsa-2015:VIII", Predicate.CLOSE, "ca-sb803:99"),),
            ["dangling-id"],
            id="dangling",
        ),
        pytest.param(
            (record("samhsa-2015:VIII", Predicate.CLOSE, "samhsa-2015:VIII"),),
            ["self-mapping"],
            id="self",
        ),
        pytest.param(
            (record("samhsa-2015:VIII", Predicate.RELATED, "samhsa-2015:IX"),),
            ["same-framework"],
            id="same-framework",
        ),
        pytest.param(
            (
                record("samhsa-2015:VIII", Predicate.CLOSE, "ca-sb803:13"),
                record("ca-sb803:13", Predicate.CLOSE, "samhsa-2015:VIII"),
            ),
            ["stated-twice"],
            id="symmetric-both-ways",
        ),
        pytest.param(
            (
                record("samhsa-2015:VIII.4", Predicate.BROAD, "ca-sb803:13"),
                record("ca-sb803:13", Predicate.NARROW, "samhsa-2015:VIII.4"),
            ),
            ["stated-twice"],
            id="broad-and-its-inverse",
        ),
        pytest.param(
            (
                record("samhsa-2015:VIII", Predicate.EXACT, "ca-sb803:13"),
                record("samhsa-2015:VIII", Predicate.EXACT, "ca-sb803:13", negated=True),
            ),
            ["contradiction"],
            id="exact-and-not-exact",
        ),
        pytest.param(
            (
                record("ca-sb803:13", Predicate.EXACT, "samhsa-2015:VIII"),
                record("samhsa-2015:VIII", Predicate.CLOSE, "ca-sb803:13", negated=True),
            ),
            ["contradiction"],
            id="exact-but-not-even-close",
        ),
        pytest.param(
            (
                record("ca-sb803:17", Predicate.RELATED, "samhsa-2015:VI"),
                record(
                    "ca-sb803:17", Predicate.RELATED, NO_TERM_FOUND, object_source="samhsa-2015"
                ),
            ),
            ["contradiction"],
            id="mapped-and-no-term-found",
        ),
        pytest.param(
            (
                record("ca-sb803:7", Predicate.BROAD, "samhsa-2015:VII"),
                record("ca-sb803:7", Predicate.CLOSE, NO_TERM_FOUND, object_source="samhsa-2015"),
                record("samhsa-2015:VIII", Predicate.RELATED, "peer-support-17:10"),
                record("samhsa-2015:VIII", Predicate.CLOSE, "peer-support-17:10", negated=True),
            ),
            [],
            id="weaker-mapping-beside-a-stronger-negative-is-fine",
        ),
    ],
)
def test_the_consistency_check_reports_each_kind_of_problem(
    records: tuple[MappingRecord, ...], kinds: list[str]
) -> None:
    assert problems(*records) == kinds


# -- statement level ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framework_id", "into", "items"),
    [
        ("samhsa-2015", "ca-sb803", 62),
        ("icrc-pr", "ca-sb803", 31),
        ("rfc-forensic-2017", "ca-sb803", 29),
        ("icrc-pr", "samhsa-2015", 31),
        ("rfc-forensic-2017", "samhsa-2015", 29),
        ("peer-support-17", "samhsa-2015", 17),
        ("peer-support-17", "ca-sb803", 17),
        ("samhsa-recovery-principles", "ca-sb803", 10),
    ],
)
def test_every_statement_has_a_statement_level_mapping_or_a_curated_no_match(
    framework_id: str, into: str, items: int
) -> None:
    report = cw.completeness([framework_id, into], level="statement")
    figures = report.pair(framework_id, into)
    assert figures.items == items
    assert [e.item_id for e in report.missing if e.framework_id == into] == []
    assert figures.complete == 1.0


def test_a_category_level_mapping_does_not_count_at_statement_level() -> None:
    """IC&RC 4.7 is filed by seed 004 under SAMHSA category V only: at the top level that is a
    mapping into samhsa-2015, at statement level it is not; its curated no-match counts."""
    report = cw.completeness(["icrc-pr", "samhsa-2015"], level="statement")
    entry = next(
        e for e in report.entries if (e.item_id, e.framework_id) == ("icrc-pr:4.7", "samhsa-2015")
    )
    assert entry.status == "no-match"
    assert all(r.object_id == NO_TERM_FOUND for r in entry.records)


def _plain(text: str) -> list[str]:
    import re

    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def test_lexical_matches_are_exact_near_verbatim_restatements_by_the_curators() -> None:
    lexical = [r for r in shipped() if r.justification is Justification.LEXICAL_MATCHING]
    assert len(lexical) == 19
    for record in lexical:
        assert record.author_id == (CURATORS,), record
        assert (record.predicate, record.negated, record.confidence) == (
            Predicate.EXACT,
            False,
            1.0,
        ), record
        ratio = difflib.SequenceMatcher(
            None,
            _plain(pc.lookup(record.subject_id).text),
            _plain(pc.lookup(record.object_id).text),
        ).ratio()
        assert ratio >= 0.85, record
        assert record.comment is not None
        assert "tools/crosswalk_candidates.py" in record.comment


def test_curated_exact_matches_are_only_the_reviewed_lexical_ones() -> None:
    """An exact match spreads along chains: the curators claim one only for a restatement."""
    curated_exact = [
        r
        for r in shipped()
        if r.author_id == (CURATORS,) and r.predicate is Predicate.EXACT and r.positive
    ]
    assert {r.justification for r in curated_exact} == {Justification.LEXICAL_MATCHING}


def test_plausible_looking_statement_pairs_carry_curated_non_matches() -> None:
    negatives = [
        r
        for r in shipped()
        if r.negated
        and "." in r.subject_id.partition(":")[2]
        and "." in r.object_id.partition(":")[2]
    ]
    assert {(r.subject_id, r.object_id) for r in negatives} >= {
        ("samhsa-2015:XII.3", "ca-sb803:4.S2"),  # signs of distress: one's own, not the peer's
        ("rfc-forensic-2017:9.1", "ca-sb803:8.S1"),  # self-care: the individual's, not one's own
    }
    for record in negatives:
        assert record.comment is not None
        assert record.comment.startswith("Not close"), record


def test_the_ten_recovery_principles_are_mapped_to_the_skill_that_teaches_them() -> None:
    for n in range(1, 11):
        found = cw.mappings(f"samhsa-recovery-principles:{n}", to="ca-sb803")
        assert any(r.object_id == "ca-sb803:1.S24" for r in found)
    (restated,) = [
        r
        for r in cw.mappings("samhsa-recovery-principles:9", to="ca-sb803")
        if r.predicate is Predicate.EXACT
    ]
    assert restated.object_id == "ca-sb803:3.S9"


def test_the_mapping_set_says_how_candidates_were_generated_and_reviewed() -> None:
    (mapping_set,) = cw.mapping_sets()
    assert mapping_set.description is not None
    assert "tools/crosswalk_candidates.py" in mapping_set.description
    assert "semapv:LexicalMatching" in mapping_set.description
    assert "samhsa_recovery_principles" in mapping_set.curie_map


def _candidates_tool() -> Any:
    import importlib.util

    path = DATA.parents[3] / "tools" / "crosswalk_candidates.py"
    spec = importlib.util.spec_from_file_location("crosswalk_candidates", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_review_table_records_what_the_shipped_set_decided_for_each_proposal() -> None:
    """Each proposal of the committed review table has the status the mapping set gives it now
    (accepted, and how; or rejected), so the table cannot go stale when rows change. The
    proposals themselves depend on the matcher and are regenerated with the tool."""
    import csv

    tool = _candidates_tool()
    committed = DATA.parents[3] / "tools" / "crosswalk_candidates.tsv"
    with committed.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) > 500
    for row in rows:
        assert row["status"] == tool.status(row["subject_id"], row["object_id"]), row
    verbatim = [(r["subject_id"], r["object_id"]) for r in rows if r["verbatim"] == "yes"]
    assert ("samhsa-2015:VI.1", "ca-sb803:14.S1") in verbatim
    assert all(r["status"].startswith("accepted") for r in rows if r["verbatim"] == "yes")


def test_confidence_reads_as_closeness_exact_is_one_related_at_most_point_eight() -> None:
    for record in shipped():
        if not record.positive:
            continue
        if record.predicate is Predicate.EXACT:
            assert record.confidence == 1.0, record
        if record.predicate is Predicate.RELATED:
            assert record.confidence is not None
            assert record.confidence <= 0.8, record
