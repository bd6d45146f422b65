"""Coverage statuses and crosswalk credit (issue 9): a competency that fails the framework's
rule is never plainly covered; a related match or a weak chain is a hint, not coverage; a chain
gives no more than its weakest step; the CalMHSA form marks how each module credits; the HTML
chart shows the gaps and the required hours (issue 15)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peer_competencies import coverage as cov
from peer_competencies.coverage import CoverageStatus as S
from peer_competencies.coverage import CreditLevel
from peer_competencies.coverage._credit import PARTIAL, STRONG, crosswalk_credit
from peer_competencies.crosswalk import Correspondence
from tests.support import correspondence

Hits = Mapping[str, Sequence[Correspondence]]


def no_crosswalk(ids: Sequence[str], framework: str) -> Hits:
    return {}


def fixed(table: Mapping[str, Sequence[Correspondence]]) -> Any:
    def translate(ids: Sequence[str], framework: str) -> Hits:
        return {i: table.get(i, ()) for i in ids}

    return translate


def syllabus(*modules: dict[str, Any], framework: str = "ca-sb803") -> cov.Syllabus:
    head = {"title": "T", "framework": framework}
    return cov.parse_syllabus({"program": head, "modules": list(modules)}, source="t.yaml")


def row(report: cov.CoverageReport, item_id: str) -> cov.CompetencyCoverage:
    return next(r for r in report.competencies if r.item.id == item_id)


def full_ca(drop_measure: int | None = None) -> cov.Syllabus:
    return syllabus(
        *[
            {
                "id": f"M{n}",
                "title": f"module {n}",
                "hours": 5,
                "competencies": [str(n)],
                "measures": [] if n == drop_measure else ["role play"],
            }
            for n in range(1, 18)
        ]
    )


# --- covered, rule not met ------------------------------------------------------------------------


def test_a_covered_competency_without_a_measure_is_never_shown_as_plainly_covered() -> None:
    report = cov.coverage(full_ca(drop_measure=16), "ca-sb803", translate=no_crosswalk)
    sixteen = row(report, "ca-sb803:16")
    assert sixteen.status is S.COVERED_RULE_UNMET
    assert sixteen.status.covered
    assert sixteen.rule_findings == ("no measure of competency",)
    assert report.covered_count == 17
    assert report.count(S.COVERED) == 16
    table = cov.render(report, "table")
    line = next(x for x in table.splitlines() if " 16 Confidentiality" in x)
    assert line.startswith("! ")
    assert "1 with a rule not met" in table
    page = cov.render(report, "html")
    assert page.count('<tr class="rule-unmet">') == 1
    assert '<span class="rule">no measure of competency</span>' in page
    form = list(csv.reader(io.StringIO(cov.render(report, "calmhsa"))))
    assert form[16][2] == "covered, rule not met: no measure of competency"
    md = cov.render(report, "md")
    assert "| ! | `ca-sb803:16` Confidentiality. | covered, rule not met:" in md
    data = json.loads(cov.render(report, "json"))
    assert data["totals"]["covered_rule_not_met"] == 1
    assert data["competencies"][15]["status"] == "covered, rule not met"


def test_the_status_enum_is_named_coverage_status_and_the_old_name_still_works_with_a_warning() -> (
    None
):
    assert "CoverageStatus" in cov.__all__
    assert "Status" not in cov.__all__
    with pytest.warns(DeprecationWarning, match="use CoverageStatus"):
        assert cov.Status is cov.CoverageStatus
    with pytest.raises(AttributeError):
        cov.NoSuchName  # noqa: B018


def hit(predicate: str, confidence: float, *steps: tuple[str, float]) -> Correspondence:
    return correspondence(
        "a:1",
        "ca-sb803:13",
        f"skos:{predicate}",
        confidence,
        *(("a:1", f"skos:{p}", "b:2", c) for p, c in steps),
    )


def test_the_credit_rules_of_a_single_mapping() -> None:
    assert crosswalk_credit(hit("exactMatch", 1.0)) is CreditLevel.FULL
    assert crosswalk_credit(hit("closeMatch", STRONG)) is CreditLevel.FULL
    assert crosswalk_credit(hit("closeMatch", 0.79)) is CreditLevel.PART
    assert crosswalk_credit(hit("broadMatch", 0.9)) is CreditLevel.PART
    assert crosswalk_credit(hit("narrowMatch", PARTIAL)) is CreditLevel.PART
    assert crosswalk_credit(hit("broadMatch", 0.74)) is CreditLevel.HINT
    assert crosswalk_credit(hit("relatedMatch", 0.95)) is CreditLevel.HINT


def test_a_chain_never_gives_more_than_its_weakest_step() -> None:
    # a strong composed close match whose second step is a weak close match: a hint
    weak = hit("closeMatch", 0.9, ("closeMatch", 0.95), ("closeMatch", 0.6))
    assert crosswalk_credit(weak) is CreditLevel.HINT
    # a related step anywhere makes a hint, whatever the chain claims
    related = hit("broadMatch", 0.8, ("relatedMatch", 0.9), ("exactMatch", 1.0))
    assert crosswalk_credit(related) is CreditLevel.HINT
    # a broad step caps a chain at part credit
    capped = hit("closeMatch", 0.9, ("exactMatch", 1.0), ("broadMatch", 0.9))
    assert crosswalk_credit(capped) is CreditLevel.PART
    # moves within a framework's hierarchy cap at part credit too
    moved = hit("closeMatch", 0.9, ("closeMatch", 0.9), ("narrower", 1.0))
    assert crosswalk_credit(moved) is CreditLevel.PART


def test_a_related_match_to_a_category_is_a_hint_for_each_competency_never_partial() -> None:
    # the shape that inflated coverage: one module, one id, a relatedMatch to a category
    category = correspondence("ca-sb803:2", "samhsa-2015:XI", "skos:relatedMatch", 0.85)
    report = cov.coverage(
        syllabus(
            {"id": "A", "title": "Advocacy", "hours": 5, "competencies": ["ca-sb803:2"]},
            framework="ca-sb803",
        ),
        "samhsa-2015",
        translate=fixed({"ca-sb803:2": [category]}),
    )
    eleven = [r for r in report.competencies if r.item.id.startswith("samhsa-2015:XI.")]
    assert len(eleven) == 7
    assert {r.status for r in eleven} == {S.HINTED}
    assert all(r.hours == 0 for r in eleven)
    assert all(r.measures == () for r in eleven)
    assert report.count(S.PARTIAL) == 0
    assert report.uncredited == (("A", "ca-sb803:2"),)
    table = cov.render(report, "table")
    assert "A: ca-sb803:2 (hints at XI.1, XI.2, XI.3, XI.4, XI.5, XI.6, XI.7)" in table
    assert "○ XI.1" in table
    tally = next(t for t in report.by_category() if t.category and t.category.code == "XI")
    assert (tally.direct, tally.crosswalk, tally.partly, tally.hinted, tally.missing) == (
        0,
        0,
        0,
        7,
        0,
    )


def test_a_strong_mapping_to_a_category_gives_part_credit_to_each_competency_below_it() -> None:
    category = correspondence("ca-sb803:13", "samhsa-2015:VIII", "skos:closeMatch", 0.9)
    report = cov.coverage(
        syllabus({"id": "A", "title": "Crisis", "hours": 5, "competencies": ["ca-sb803:13"]}),
        "samhsa-2015",
        translate=fixed({"ca-sb803:13": [category]}),
    )
    eight = [r for r in report.competencies if r.item.id.startswith("samhsa-2015:VIII.")]
    assert {r.status for r in eight} == {S.PARTIAL}
    assert sum(r.stated_hours for r in eight) == pytest.approx(5)


def test_one_sb803_module_counts_only_what_the_credit_rules_allow_on_the_shipped_crosswalk() -> (
    None
):
    report = cov.coverage(
        syllabus({"id": "A", "title": "Hope", "hours": 6, "competencies": ["ca-sb803:1"]}),
        "samhsa-2015",
        suggest_unmapped=False,
    )
    # before the rules: 24 competencies of 5 categories "partly covered" through related
    # matches and related chains. Whatever mappings the crosswalk holds, what counts must be
    # an exact, close, broad or narrow mapping at PARTIAL or more, with no related step
    for r in report.competencies:
        for c in r.counted:
            assert c.via is cov.Via.CROSSWALK
            assert c.predicate != "skos:relatedMatch"
            assert c.confidence >= PARTIAL
            assert not any(step.split()[1] == "skos:relatedMatch" for step in c.path)
        if not r.counted:
            assert r.hours == 0
    assert report.credited_hours == pytest.approx(6) or not any(
        r.counted for r in report.competencies
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ca-sb803:13", "ca-sb803:14", "ca-sb803:13.S1", "ca-sb803:2"]),
            st.sampled_from(
                ["exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"]
            ),
            st.floats(0, 1),
            st.lists(
                st.tuples(
                    st.sampled_from(["exactMatch", "closeMatch", "broadMatch", "relatedMatch"]),
                    st.floats(0, 1),
                ),
                max_size=3,
            ),
        ),
        max_size=4,
    ),
    st.floats(0, 100, allow_nan=False),
)
def test_crosswalk_credit_follows_the_rules_and_credited_hours_add_up(
    hits: list[tuple[str, str, float, list[tuple[str, float]]]], hours: float
) -> None:
    table = {
        "samhsa-2015:VIII": [
            correspondence(
                "samhsa-2015:VIII",
                target,
                f"skos:{predicate}",
                confidence,
                *(("x:1", f"skos:{p}", "y:2", c) for p, c in steps),
            )
            for target, predicate, confidence, steps in hits
        ]
    }
    module = {
        "id": "A",
        "title": "t",
        "hours": hours,
        "competencies": ["samhsa-2015:VIII"],
        "measures": ["m"],
    }
    report = cov.coverage(syllabus(module), "ca-sb803", translate=fixed(table))
    anything = False
    for r in report.competencies:
        for c in r.credits:
            steps = [s.split()[1] for s in c.path]
            if c.full:
                assert c.predicate in ("skos:exactMatch", "skos:closeMatch")
                assert c.confidence >= STRONG
            if not c.hint:
                anything = True
                assert c.predicate != "skos:relatedMatch"
                assert "skos:relatedMatch" not in steps
                assert c.confidence >= PARTIAL
            else:
                assert c.hours == 0
        if not r.counted:
            assert r.measures == ()
            assert r.status in (S.HINTED, S.MISSING)
    credited = report.credited_hours
    assert credited == pytest.approx(hours if anything else 0.0, abs=1e-9)


# --- the CalMHSA form ----------------------------------------------------------------------------


def test_the_calmhsa_form_names_modules_by_title_and_marks_part_and_crosswalk_credit() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "Safety plans",
                "hours": 2,
                "competencies": ["ca-sb803:13.S1"],
                "measures": ["drill"],
            },
            {
                "id": "B",
                "title": "Navigation",
                "hours": 3,
                "competencies": ["samhsa-2015:VI"],
                "measures": ["map"],
            },
        ),
        "ca-sb803",
        translate=fixed(
            {
                "samhsa-2015:VI": [
                    correspondence("samhsa-2015:VI", "ca-sb803:14", "skos:broadMatch", 0.8)
                ]
            }
        ),
    )
    form = list(csv.reader(io.StringIO(cov.render(report, "calmhsa"))))
    assert form[13][2] == "partly covered"
    assert form[13][4] == "A Safety plans (through ca-sb803:13.S1; part credit)"
    assert form[14][2] == "partly covered"
    assert form[14][4] == "B Navigation (crosswalk: samhsa-2015:VI broad 0.8; part credit)"
    md = cov.render(report, "calmhsa-md")
    assert "A Safety plans (through ca-sb803:13.S1; part credit)" in md


# --- the HTML chart (issue 15) --------------------------------------------------------------------


def test_the_html_chart_shows_gaps_unstated_hours_and_the_required_total_with_readable_labels() -> (
    None
):
    report = cov.coverage(
        syllabus(
            {"id": "A", "title": "a", "hours": 30, "competencies": ["1"], "measures": ["q"]},
            {"id": "B", "title": "b", "competencies": ["2"], "measures": ["q"]},
        ),
        "ca-sb803",
        translate=no_crosswalk,
    )
    page = cov.render(report, "html")
    assert page.count("missing: no module credits it") == 15
    assert "required: 80 h (dashed line)" in page
    assert 'class="required"' in page
    assert "hours not stated" in page
    assert "svg text{font-size:13px" in page
    # a long competency name is shown at length, and whole on hover
    twelve = pytest.importorskip("peer_competencies").lookup("ca-sb803:12").text
    assert f"<title>12 {twelve}</title>" in page.replace("&#x27;", "'")
    assert "12 Preparation for employment opportunities," in page
