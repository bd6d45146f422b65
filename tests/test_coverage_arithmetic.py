"""Coverage arithmetic: direct and part credit, the hours split, crosswalk credit, the CalMHSA
requirement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies.crosswalk import Correspondence
from tests.support import correspondence


def syllabus(*modules: dict[str, Any], framework: str = "ca-sb803") -> cov.Syllabus:
    return cov.parse_syllabus(
        {"program": {"title": "T", "framework": framework}, "modules": list(modules)}, source="test"
    )


def row(report: cov.CoverageReport, item_id: str) -> cov.CompetencyCoverage:
    return next(r for r in report.competencies if r.item.id == item_id)


def no_crosswalk(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Correspondence]]:
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
    assert row(report, "ca-sb803:2").status is cov.CoverageStatus.COVERED
    assert row(report, "ca-sb803:2").measures == ("quiz",)
    assert row(report, "ca-sb803:1").status is cov.CoverageStatus.MISSING
    assert report.count(cov.CoverageStatus.COVERED) == 2
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
    assert thirteen.status is cov.CoverageStatus.PARTIAL
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
    assert all(r.status is cov.CoverageStatus.PARTIAL and r.hours == 1 for r in eight)


def test_crosswalk_credit_is_full_only_for_strong_exact_or_close_mappings() -> None:
    def translate(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Correspondence]]:
        table = {
            "samhsa-2015:VIII": [
                correspondence(
                    "samhsa-2015:VIII",
                    "ca-sb803:13",
                    "skos:closeMatch",
                    0.9,
                    ("samhsa-2015:VIII", "skos:closeMatch", "ca-sb803:13", 0.9),
                )
            ],
            "samhsa-2015:VI": [
                correspondence("samhsa-2015:VI", "ca-sb803:14", "skos:relatedMatch", 0.9),
                correspondence("samhsa-2015:VI", "ca-sb803:3", "skos:closeMatch", 0.5),
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
    assert thirteen.status is cov.CoverageStatus.COVERED_RULE_UNMET  # no measure
    assert thirteen.status.covered
    assert thirteen.through_crosswalk
    assert thirteen.hours == 2
    assert thirteen.credits[0].path == ("samhsa-2015:VIII skos:closeMatch ca-sb803:13",)
    assert thirteen.credits[0].confidence == 0.9
    # a related match, and a close one below the part-credit confidence, are hints: no credit,
    # no hours; the id's share of the module's hours is credited nowhere
    assert row(report, "ca-sb803:14").status is cov.CoverageStatus.HINTED
    assert row(report, "ca-sb803:3").status is cov.CoverageStatus.HINTED
    assert row(report, "ca-sb803:14").hours == 0
    assert report.uncredited == (("A", "samhsa-2015:VI"),)
    assert report.credited_hours == 2


def test_without_the_crosswalk_other_frameworks_credit_nothing_and_are_listed() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "t", "hours": 4, "competencies": ["samhsa-2015:VIII"]}),
        "ca-sb803",
        via_crosswalk=False,
    )
    assert report.uncredited == (("A", "samhsa-2015:VIII"),)
    assert report.count(cov.CoverageStatus.MISSING) == 17


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
    assert report.count(cov.CoverageStatus.MISSING) == 17


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
    assert any("79 hours, 80 required: 1 more hour needed" in r for r in report.requirement.reasons)


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
    def translate(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Correspondence]]:
        return {
            i: [
                correspondence(i, "ca-sb803:13", "skos:exactMatch", 1.0),
                correspondence(i, "ca-sb803:6", "skos:relatedMatch", 0.7),
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
    assert six.status is cov.CoverageStatus.HINTED
    assert six.hours == 0
    assert six.measures == ()


# --- how a module's hours are split (review B1, B11, D3) ---------------------------------------


def credited(report: cov.CoverageReport) -> dict[str, float]:
    return {r.item.id: r.hours for r in report.competencies if r.hours}


def test_an_id_listed_twice_is_an_error_not_twice_the_hours() -> None:
    for listed in (["VIII", "samhsa-2015:VIII"], ["samhsa-2015:VIII", "samhsa-2015:VIII"]):
        module = {"id": "A", "title": "t", "hours": 4, "competencies": listed}
        with pytest.raises(pc.InputError) as info:
            cov.coverage(syllabus(module, framework="samhsa-2015"), "samhsa-2015")
        assert info.value.where == "$.modules[0].competencies[1]"
        assert info.value.fix == "list each competency once"


def test_hours_named_for_a_competency_come_on_top_of_the_shares_of_its_skills() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 6,
                "competencies": ["ca-sb803:13.S1", "ca-sb803:13.S2"],
                "hours_by_competency": {"ca-sb803:13": 4},
            }
        ),
        "ca-sb803",
    )
    assert credited(report) == {"ca-sb803:13": 6}


def test_hours_named_for_one_competency_of_a_category_leave_the_rest_to_the_category() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 6,
                "competencies": ["samhsa-2015:VIII"],
                "hours_by_competency": {"samhsa-2015:VIII.1": 2},
            },
            framework="samhsa-2015",
        ),
        "samhsa-2015",
    )
    hours = credited(report)
    assert hours["samhsa-2015:VIII.1"] == pytest.approx(2.8)
    assert hours["samhsa-2015:VIII.2"] == pytest.approx(0.8)
    assert report.credited_hours == pytest.approx(6)


def test_a_rest_that_no_listed_id_is_left_to_take_is_an_error() -> None:
    module = {
        "id": "A",
        "title": "t",
        "hours": 4,
        "competencies": ["samhsa-2015:VIII"],
        "hours_by_competency": {"samhsa-2015:VIII": 3},
    }
    with pytest.raises(pc.InputError, match="leave 1 of the module's 4 hours") as info:
        cov.coverage(syllabus(module, framework="samhsa-2015"), "samhsa-2015")
    assert info.value.where == "$.modules[0].hours_by_competency"


def test_named_hours_without_the_module_s_hours_are_an_error() -> None:
    with pytest.raises(pc.InputError, match="the module gives none") as info:
        syllabus(
            {
                "id": "A",
                "title": "t",
                "competencies": ["ca-sb803:13"],
                "hours_by_competency": {"ca-sb803:13": 5},
            }
        )
    assert info.value.where == "$.modules[0].hours_by_competency"


def test_named_hours_may_use_the_bare_codes_the_competencies_use() -> None:
    report = cov.coverage(
        syllabus(
            {
                "id": "A",
                "title": "t",
                "hours": 4,
                "competencies": ["13", "1"],
                "hours_by_competency": {"13": 3},
            }
        ),
        "ca-sb803",
    )
    assert credited(report) == {"ca-sb803:13": 3, "ca-sb803:1": 1}


def test_a_named_id_the_module_does_not_reach_is_placed_at_its_key() -> None:
    module = {
        "id": "A",
        "title": "t",
        "hours": 4,
        "competencies": ["13", "1"],
        "hours_by_competency": {"14": 3},
    }
    with pytest.raises(pc.InputError, match="not one of the module's ids") as info:
        cov.coverage(syllabus(module), "ca-sb803")
    assert info.value.where == "$.modules[0].hours_by_competency['14']"


def test_one_competency_named_twice_in_named_hours_is_an_error() -> None:
    module = {
        "id": "A",
        "title": "t",
        "hours": 4,
        "competencies": ["13", "1"],
        "hours_by_competency": {"13": 1, "ca-sb803:13": 1},
    }
    with pytest.raises(pc.InputError, match="are both ca-sb803:13"):
        cov.coverage(syllabus(module), "ca-sb803")


def test_one_hour_over_three_competencies_credits_exactly_one_hour() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "t", "hours": 1, "competencies": ["1", "2", "3"]}),
        "ca-sb803",
    )
    assert report.credited_hours == 1.0
    assert row(report, "ca-sb803:1").hours == 1 / 3


def _reachable(framework: str) -> list[str]:
    """Ids of ``framework`` that credit some competency of it: the competencies, what lies
    below them and the categories above them."""
    fw = pc.framework(framework)
    found: dict[str, None] = {}
    for target in fw.of_kind("competency"):  # what coverage counts against in these two
        found.update(dict.fromkeys(i.id for i in (target, *target.ancestors, *target.descendants)))
    return sorted(found)


REACHABLE = {fw: _reachable(fw) for fw in ("ca-sb803", "samhsa-2015")}


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_hours_credited_add_up_to_the_module_s_hours(data: st.DataObject) -> None:
    """For a module whose every listed id credits something and that gives its hours, the
    hours credited add up to the module's hours, and named hours never exceed them."""
    framework = data.draw(st.sampled_from(sorted(REACHABLE)))
    listed = data.draw(
        st.lists(st.sampled_from(REACHABLE[framework]), min_size=1, max_size=5, unique=True)
    )
    hours = data.draw(st.floats(0, 500, allow_nan=False))
    plain = {"id": "A", "title": "t", "hours": hours, "competencies": listed}
    first = cov.coverage(syllabus(plain, framework=framework), framework, suggest_unmapped=False)
    reached = sorted({c.target_id for r in first.competencies for c in r.credits})
    keys = data.draw(st.lists(st.sampled_from([*listed, *reached]), unique=True, max_size=4))
    if set(listed) <= set(keys):  # one listed id must be left to take the rest
        keys.remove(listed[0])
    weights = data.draw(st.lists(st.floats(0, 1), min_size=len(keys), max_size=len(keys)))
    scale = hours / max(1.0, sum(weights))
    named = {key: w * scale for key, w in zip(keys, weights, strict=True)}
    module = {**plain, "hours_by_competency": named}
    report = cov.coverage(syllabus(module, framework=framework), framework, suggest_unmapped=False)
    assert report.credited_hours == pytest.approx(hours, rel=1e-9, abs=1e-9)
    totals = {r.item.id: r.stated_hours for r in report.competencies}
    for key, h in named.items():
        if key in totals and key not in listed:  # hours named for a competency it reaches
            assert totals[key] >= h - 1e-9
    too_many = {**named, listed[-1]: hours + 1.0}
    with pytest.raises(pc.InputError, match="more than the module's"):
        syllabus({**plain, "hours_by_competency": too_many}, framework=framework)


# --- the syllabus's own framework, ids, and what the report hands out (R5, R6, B15, D4) -------


def test_a_mistyped_program_framework_is_reported_where_it_is_written() -> None:
    data = {
        "program": {"title": "T", "framework": "ca-sb-803"},
        "modules": [{"id": "A", "title": "t", "competencies": ["13"]}],
    }
    with pytest.raises(pc.InputError) as info:
        cov.coverage(cov.parse_syllabus(data, source="s.yaml"), "ca-sb803")
    assert info.value.where == "$.program.framework"
    assert info.value.fix == "did you mean ca-sb803?"


def test_white_space_around_ids_is_dropped_and_an_empty_id_is_refused() -> None:
    report = cov.coverage(
        syllabus({"id": "A ", "title": "t", "hours": 2, "competencies": [" ca-sb803:13 "]}),
        "ca-sb803",
    )
    assert report.syllabus.modules[0].id == "A"
    assert row(report, "ca-sb803:13").hours == 2
    with pytest.raises(pc.InputError, match="repeats") as info:
        syllabus({"id": "a", "title": "t"}, {"id": "a ", "title": "u"})
    assert info.value.where == "$.modules[1].id"
    with pytest.raises(pc.InputError, match="the module id is empty"):
        syllabus({"id": " ", "title": "t"})
    with pytest.raises(pc.InputError, match="the competency id is empty") as info:
        syllabus({"id": "A", "title": "t", "competencies": ["1", ""]})
    assert info.value.where == "$.modules[0].competencies[1]"


def test_the_suggestions_of_a_report_cannot_be_changed() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "Crisis and safety planning", "hours": 4}),
        "ca-sb803",
        translate=no_crosswalk,
    )
    assert report.suggestions["A"]
    with pytest.raises(TypeError):
        report.suggestions["A"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        report.syllabus.modules[0].hours_by_competency["x"] = 1  # type: ignore[index]


def test_a_translate_gives_the_crosswalks_correspondences_and_its_type_is_public() -> None:
    assert "Translate" in cov.__all__
    assert "CrosswalkHit" not in cov.__all__  # one concept, one class: crosswalk.Correspondence


def test_a_translate_giving_the_old_crosswalk_hits_credits_as_one_giving_correspondences() -> None:
    with pytest.warns(DeprecationWarning, match=r"coverage\.CrosswalkHit is deprecated"):
        hit = cov.CrosswalkHit
    modules = syllabus(
        {
            "id": "A",
            "title": "t",
            "hours": 4,
            "competencies": ["samhsa-2015:VIII", "samhsa-2015:VI"],
        }
    )
    steps = (
        ("samhsa-2015:VIII", "skos:closeMatch", "ca-sb803:13", 0.85),
        (
            "ca-sb803:13",
            "skos:narrower",
            "ca-sb803:13.S1",
            1.0,
        ),
    )
    new = {
        "samhsa-2015:VIII": [
            correspondence("samhsa-2015:VIII", "ca-sb803:13.S1", "skos:closeMatch", 0.8, *steps)
        ],
        "samhsa-2015:VI": [
            correspondence("samhsa-2015:VI", "ca-sb803:14", "skos:relatedMatch", 0.9)
        ],
    }
    old = {
        "samhsa-2015:VIII": [
            hit(
                "ca-sb803:13.S1",
                "skos:closeMatch",
                0.8,
                tuple(" ".join(step[:3]) for step in steps),
                tuple(step[3] for step in steps),
            )
        ],
        "samhsa-2015:VI": [hit("ca-sb803:14", "skos:relatedMatch", 0.9, ())],
    }
    by_new = cov.coverage(modules, "ca-sb803", translate=lambda ids, fw: {i: new[i] for i in ids})
    by_old = cov.coverage(modules, "ca-sb803", translate=lambda ids, fw: {i: old[i] for i in ids})
    assert cov.render(by_new, "json") == cov.render(by_old, "json")
    assert [r.status for r in by_new.competencies] == [r.status for r in by_old.competencies]
    assert row(by_new, "ca-sb803:13").status is cov.CoverageStatus.PARTIAL
    credit = row(by_new, "ca-sb803:13").credits[0]
    assert credit.correspondence == new["samhsa-2015:VIII"][0]
    assert row(by_old, "ca-sb803:13").credits[0].correspondence is None


def test_a_module_built_in_python_is_checked_as_one_read_from_a_file() -> None:
    with pytest.raises(pc.InputError, match="hours ≥ 0"):
        cov.Module("A", "t", hours=cov.Hours(float("inf")))
    with pytest.raises(pc.InputError, match="the module gives none"):
        cov.Module("A", "t", competencies=("13",), hours_by_competency={"13": cov.Hours(1.0)})
    assert cov.Module(" A ", "t", competencies=(" 13",)).competencies == ("13",)
