"""Coverage arithmetic: direct and part credit, the hours split, crosswalk credit, the CalMHSA
requirement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies.coverage._coverage import Translation


def syllabus(*modules: dict[str, Any], framework: str = "ca-sb803") -> cov.Syllabus:
    return cov.syllabus_from(
        {"program": {"title": "T", "framework": framework}, "modules": list(modules)}, "test"
    )


def row(report: cov.CoverageReport, item_id: str) -> cov.CompetencyCoverage:
    return next(r for r in report.competencies if r.item.id == item_id)


def no_crosswalk(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Translation]]:
    return {}


def test_a_module_naming_two_competencies_splits_its_hours_equally() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 6,
                "competencies": ["2", "ca-sb803:11"],
                "measures": ["quiz"],
            }
        ),
        "ca-sb803",
    )
    assert row(report, "ca-sb803:2").hours == 3
    assert row(report, "ca-sb803:11").hours == 3
    assert row(report, "ca-sb803:2").status is cov.Status.COVERED
    assert row(report, "ca-sb803:2").measures == ("quiz",)
    assert row(report, "ca-sb803:1").status is cov.Status.MISSING
    assert report.count(cov.Status.COVERED) == 2
    assert report.percent_covered == pytest.approx(200 / 17)


def test_named_hours_go_where_they_are_named_and_the_rest_is_shared() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 10,
                "competencies": ["1", "2", "3"],
                "hours_by_competency": {"ca-sb803:1": 6},
            }
        ),
        "ca-sb803",
    )
    assert [row(report, f"ca-sb803:{n}").hours for n in (1, 2, 3)] == [6, 2, 2]
    assert report.credited_hours == 10


def test_named_hours_beyond_the_module_are_an_error() -> None:
    with pytest.raises(pc.InputError, match="more than the module's"):
        cov.coverage(
            syllabus(
                {
                    "id": "A",
                    "title": "t",
                    "hours": 2,
                    "competencies": ["1"],
                    "hours_by_competency": {"ca-sb803:1": 3},
                }
            ),
            "ca-sb803",
        )
    with pytest.raises(pc.InputError, match="not one of the module's ids"):
        cov.coverage(
            syllabus(
                {
                    "id": "A",
                    "title": "t",
                    "hours": 2,
                    "competencies": ["1"],
                    "hours_by_competency": {"ca-sb803:2": 1},
                }
            ),
            "ca-sb803",
        )


def test_a_skill_of_a_competency_is_part_credit_only() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "t", "hours": 2, "competencies": ["ca-sb803:13.S1"]}),
        "ca-sb803",
    )
    thirteen = row(report, "ca-sb803:13")
    assert thirteen.status is cov.Status.PARTIAL
    assert thirteen.hours == 2
    assert not thirteen.direct
    assert thirteen.credits[0].via is cov.Via.PART


def test_a_samhsa_category_is_part_credit_to_each_of_its_competencies() -> None:
    report = cov.coverage(
        syllabus(
            {"id": "A", "title": "t", "hours": 5, "competencies": ["VIII"]}, framework="samhsa-2015"
        ),
        "samhsa-2015",
    )
    eight = [r for r in report.competencies if r.item.parent_id == "samhsa-2015:VIII"]
    assert len(eight) == 5
    assert all(r.status is cov.Status.PARTIAL and r.hours == 1 for r in eight)


def test_crosswalk_credit_is_full_only_for_strong_exact_or_close_mappings() -> None:
    def translate(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Translation]]:
        table = {
            "samhsa-2015:VIII": [
                Translation(
                    "ca-sb803:13",
                    "skos:closeMatch",
                    0.9,
                    ("samhsa-2015:VIII skos:closeMatch ca-sb803:13",),
                )
            ],
            "samhsa-2015:VI": [
                Translation("ca-sb803:14", "skos:relatedMatch", 0.9, ()),
                Translation("ca-sb803:3", "skos:closeMatch", 0.5, ()),
            ],
        }
        return {i: table.get(i, []) for i in ids}

    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 4,
                "competencies": ["samhsa-2015:VIII", "samhsa-2015:VI"],
            }
        ),
        "ca-sb803",
        translate=translate,
    )
    thirteen = row(report, "ca-sb803:13")
    assert thirteen.status is cov.Status.COVERED
    assert thirteen.through_crosswalk
    assert thirteen.hours == 2
    assert thirteen.credits[0].path == ("samhsa-2015:VIII skos:closeMatch ca-sb803:13",)
    assert thirteen.credits[0].confidence == 0.9
    assert row(report, "ca-sb803:14").status is cov.Status.PARTIAL
    assert row(report, "ca-sb803:3").status is cov.Status.PARTIAL
    assert row(report, "ca-sb803:14").hours + row(report, "ca-sb803:3").hours == 2


def test_without_the_crosswalk_other_frameworks_credit_nothing_and_are_listed() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "t", "hours": 4, "competencies": ["samhsa-2015:VIII"]}),
        "ca-sb803",
        via_crosswalk=False,
    )
    assert report.uncredited == (("A", "samhsa-2015:VIII"),)
    assert report.count(cov.Status.MISSING) == 17


def test_modules_without_ids_get_suggestions_that_are_not_counted() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "Crisis and safety planning",
                "description": "safety plans, crisis",
                "hours": 4,
            }
        ),
        "ca-sb803",
        translate=no_crosswalk,
    )
    assert [m.id for m in report.unmapped_modules] == ["A"]
    assert report.suggestions["A"][0].item.id == "ca-sb803:13"
    assert report.count(cov.Status.MISSING) == 17


def full_ca_syllabus(total: float, drop_measure: int | None = None) -> cov.Syllabus:
    hours = total / 17
    return syllabus(
        *[
            {
                "id": f"M{n}",
                "title": f"module {n}",
                "hours": hours,
                "competencies": [str(n)],
                "measures": [] if n == drop_measure else ["role play"],
            }
            for n in range(1, 18)
        ]
    )


def test_the_calmhsa_requirement_is_met_by_eighty_hours_over_all_seventeen() -> None:
    report = cov.coverage(full_ca_syllabus(80), "ca-sb803", translate=no_crosswalk)
    assert report.requirement is not None
    assert report.met is True
    assert report.requirement.reasons == ()


def test_seventy_nine_hours_do_not_meet_the_calmhsa_requirement_and_say_why() -> None:
    report = cov.coverage(full_ca_syllabus(79), "ca-sb803", translate=no_crosswalk)
    assert report.met is False
    assert report.requirement is not None
    assert any("79 hours, 80 required: 1 more needed" in r for r in report.requirement.reasons)


def test_a_competency_without_a_measure_fails_the_calmhsa_requirement() -> None:
    report = cov.coverage(full_ca_syllabus(80, drop_measure=16), "ca-sb803", translate=no_crosswalk)
    assert report.met is False
    assert report.requirement is not None
    assert report.requirement.reasons == (
        "ca-sb803:16 (Confidentiality.): no measure of competency",
    )


def test_frameworks_without_a_requirement_report_none() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "t", "hours": 1, "competencies": ["1"]}, framework="icrc-pr"),
        "icrc-pr",
    )
    assert report.requirement is None
    assert report.met is None
    assert [r.item.id for r in report.competencies] == [f"icrc-pr:{n}" for n in range(1, 5)]


def test_a_weak_mapping_that_earns_no_hours_brings_no_measure() -> None:
    def translate(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Translation]]:
        return {
            i: [
                Translation("ca-sb803:13", "skos:exactMatch", 1.0, ()),
                Translation("ca-sb803:6", "skos:relatedMatch", 0.7, ()),
            ]
            for i in ids
        }

    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 4,
                "measures": ["drill"],
                "competencies": ["samhsa-2015:VIII"],
            }
        ),
        "ca-sb803",
        translate=translate,
    )
    assert row(report, "ca-sb803:13").hours == 4
    assert row(report, "ca-sb803:13").measures == ("drill",)
    six = row(report, "ca-sb803:6")
    assert six.status is cov.Status.PARTIAL
    assert six.hours == 0
    assert six.measures == ()
