"""Honest coverage answers (issue 9): what a syllabus does not state is reported as not stated,
never as 0, and a requirement that needs it cannot be judged."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies.crosswalk import Correspondence
from tests.support import REPO, main

REAL = REPO / "examples" / "parfessionals-peer-recovery-basics-1.toml"


def no_crosswalk(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Correspondence]]:
    return {}


def syllabus(*modules: dict[str, Any], **program: Any) -> cov.Syllabus:
    head: dict[str, Any] = {"title": "T", "framework": "ca-sb803", **program}
    return cov.parse_syllabus({"program": head, "modules": list(modules)}, source="test.yaml")


def row(report: cov.CoverageReport, item_id: str) -> cov.CompetencyCoverage:
    return next(r for r in report.competencies if r.item.id == item_id)


def all_seventeen(hours: float | None = 5.0, **program: Any) -> list[dict[str, Any]]:
    modules = []
    for n in range(1, 18):
        module: dict[str, Any] = {
            "id": f"M{n}",
            "title": f"module {n}",
            "competencies": [str(n)],
            "measures": ["role play"],
        }
        if hours is not None:
            module["hours"] = hours
        modules.append(module)
    return modules


# --- unknown is not zero ----------------------------------------------------------------------


def test_a_module_without_hours_gives_hours_not_stated_never_zero_in_every_format() -> None:
    report = cov.coverage(
        syllabus(
            {"id": "A", "title": "Crisis", "competencies": ["13"], "measures": ["drill"]},
            {"id": "B", "title": "Ethics", "hours": 3, "competencies": ["11"]},
        ),
        "ca-sb803",
        translate=no_crosswalk,
    )
    thirteen = row(report, "ca-sb803:13")
    assert thirteen.hours is None
    assert thirteen.stated_hours == 0
    assert thirteen.hours_not_stated == ("A",)
    assert thirteen.credits[0].hours is None
    assert row(report, "ca-sb803:11").hours == 3
    assert report.total_hours is None
    assert report.credited_hours is None

    table = cov.render(report, "table")
    line = next(x for x in table.splitlines() if " 13 Safety" in x)
    assert "not stated" in line
    assert "0.0" not in line
    assert "1 of 2 modules state theirs" in table
    data = json.loads(cov.render(report, "json"))
    assert data["totals"]["hours"] is None
    assert data["totals"]["modules_stating_hours"] == 1
    assert data["totals"]["modules"] == 2
    json_row = next(c for c in data["competencies"] if c["id"] == "ca-sb803:13")
    assert json_row["hours"] is None
    assert json_row["hours_not_stated"] == ["A"]
    md_line = next(x for x in cov.render(report, "md").splitlines() if "`ca-sb803:13`" in x)
    assert "not stated" in md_line
    html_line = next(x for x in cov.render(report, "html").splitlines() if "ca-sb803:13<" in x)
    assert "not stated" in html_line
    form = list(csv.reader(io.StringIO(cov.render(report, "calmhsa"))))
    assert form[13][2] == "covered, rule cannot be judged: training hours not stated (A)"
    assert form[13][3] == "not stated"
    md_form = cov.render(report, "calmhsa-md").splitlines()
    assert "| not stated |" in next(x for x in md_form if x.startswith("| 13 |"))


def test_the_total_says_how_many_modules_state_their_hours() -> None:
    report = cov.coverage(
        syllabus(
            {"id": "A", "title": "a", "hours": 2, "competencies": ["1"]},
            {"id": "B", "title": "b", "hours": 3, "competencies": ["2"]},
            {"id": "C", "title": "c", "competencies": ["3"]},
        ),
        "ca-sb803",
        translate=no_crosswalk,
    )
    text = cov.render(report, "table")
    assert "total hours not stated (2 of 3 modules state theirs, 5 hours between them" in text
    assert report.syllabus.modules_stating_hours == 2
    assert report.syllabus.module_hours == 5


def test_missing_hours_make_the_hours_check_cannot_be_judged_and_the_verdict_not_met() -> None:
    modules = all_seventeen(hours=4.75)  # 80.75 hours
    del modules[6]["hours"]  # module 7 states no hours; all else meets CalMHSA's rule
    report = cov.coverage(syllabus(*modules), "ca-sb803", translate=no_crosswalk)
    check = report.requirement
    assert check is not None
    assert report.verdict is cov.CurriculumVerdict.CANNOT_BE_JUDGED
    assert report.met is False
    assert check.reasons == ()
    assert check.unknown[0] == (
        "ca-sb803:7 (Group facilitation skills.): training hours not stated (M7)"
    )
    assert "80 hours required cannot be judged" in check.unknown[1]
    assert "CANNOT BE JUDGED" in cov.render(report, "table")
    assert "MET" not in cov.render(report, "table").replace("CANNOT BE JUDGED", "")


def test_stated_hours_that_reach_the_required_total_meet_it_though_one_module_states_none() -> None:
    modules = all_seventeen(hours=5)  # 85 hours
    modules.append({"id": "X", "title": "extra"})
    report = cov.coverage(syllabus(*modules), "ca-sb803", translate=no_crosswalk)
    assert report.total_hours is None
    assert report.verdict is cov.CurriculumVerdict.MET


def test_an_unmet_rule_beside_missing_hours_makes_the_verdict_not_met() -> None:
    modules = all_seventeen(hours=None)
    modules[0]["measures"] = []
    report = cov.coverage(syllabus(*modules), "ca-sb803", translate=no_crosswalk)
    assert report.verdict is cov.CurriculumVerdict.NOT_MET
    assert report.requirement is not None
    assert report.requirement.reasons == (
        "ca-sb803:1 (The concepts of hope, recovery, and wellness.): no measure of competency",
    )
    assert len(report.requirement.unknown) == 18  # 17 competencies and the total


# --- programme-level figures --------------------------------------------------------------------


def test_a_programme_total_is_the_total_and_the_report_says_it_came_from_the_programme() -> None:
    report = cov.coverage(syllabus(*all_seventeen(hours=None), hours=80), "ca-sb803")
    assert report.total_hours == 80
    assert report.hours_level == "programme"
    table = cov.render(report, "table")
    assert "80 hours (programme total; no module states its hours)" in table
    data = json.loads(cov.render(report, "json"))
    assert (data["totals"]["hours"], data["totals"]["hours_level"]) == (80, "programme")
    assert data["program"]["hours"] == 80
    check = report.requirement
    assert check is not None
    # the total is known; each competency's share of it is not
    assert not any("total hours" in u for u in check.unknown)
    assert report.verdict is cov.CurriculumVerdict.CANNOT_BE_JUDGED


def test_all_modules_stating_hours_make_a_total_from_the_modules() -> None:
    report = cov.coverage(syllabus(*all_seventeen(hours=5)), "ca-sb803", translate=no_crosswalk)
    assert (report.total_hours, report.hours_level) == (85, "modules")
    assert "85 hours (all 17 modules state theirs)" in cov.render(report, "table")


def test_module_hours_beyond_the_programme_total_are_refused_where_the_total_is() -> None:
    with pytest.raises(pc.InputError, match="more than the programme's 4") as info:
        syllabus({"id": "A", "title": "a", "hours": 5}, hours=4)
    assert info.value.where == "$.program.hours"
    assert info.value.file == "test.yaml"
    with pytest.raises(pc.InputError, match="hours ≥ 0") as info:
        syllabus({"id": "A", "title": "a"}, hours=-1)
    assert info.value.where == "$.program.hours"


@pytest.mark.parametrize(
    ("program", "where", "problem"),
    [
        ({"measures": "final exam"}, "$.program.measures", "expected a list of texts"),
        ({"measures": [1]}, "$.program.measures[0]", "expected str"),
        ({"hours": True}, "$.program.hours", "expected a number"),
        ({"hours": "80"}, "$.program.hours", "expected a number"),
    ],
)
def test_programme_hours_and_measures_are_read_as_strictly_as_a_module_s(
    program: dict[str, Any], where: str, problem: str
) -> None:
    with pytest.raises(pc.InputError, match=problem) as info:
        syllabus({"id": "A", "title": "a"}, **program)
    assert info.value.where == where


def test_programme_measures_count_for_every_credited_competency_marked_programme_wide() -> None:
    modules = all_seventeen()
    for module in modules:
        module["measures"] = []
    report = cov.coverage(
        syllabus(*modules, measures=["final written exam"]), "ca-sb803", translate=no_crosswalk
    )
    assert report.verdict is cov.CurriculumVerdict.MET
    one = row(report, "ca-sb803:1")
    assert one.measures == ()
    assert one.programme_measures == ("final written exam",)
    form = list(csv.reader(io.StringIO(cov.render(report, "calmhsa"))))
    assert form[1][-1] == "final written exam (programme-wide)"
    assert "final written exam (programme-wide)" in cov.render(report, "md")


def test_programme_measures_do_not_reach_a_competency_the_syllabus_does_not_credit() -> None:
    report = cov.coverage(
        syllabus({"id": "A", "title": "a", "hours": 1, "competencies": ["1"]}, measures=["exam"]),
        "ca-sb803",
        translate=no_crosswalk,
    )
    assert row(report, "ca-sb803:2").programme_measures == ()
    assert row(report, "ca-sb803:1").all_measures == ("exam",)


def test_cli_coverage_exits_2_when_the_requirement_cannot_be_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.json"
    data = {"program": {"title": "T", "framework": "ca-sb803"}, "modules": all_seventeen(None)}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["coverage", str(path)]) == 2
    assert "CANNOT BE JUDGED" in capsys.readouterr().out


# --- the real published programme ----------------------------------------------------------------


def test_the_real_programme_states_no_hours_and_its_report_says_so() -> None:
    syllabus = cov.read_syllabus(REAL)
    assert len(syllabus.modules) == 10
    assert syllabus.modules[0].title == "Activist Roots"
    assert all(m.hours is None for m in syllabus.modules)
    report = cov.coverage(syllabus, "ca-sb803")
    assert report.total_hours is None
    text = cov.render(report, "table")
    assert "hours not stated (no module states its hours, and no programme total)" in text
    assert not re.search(r"\b0(\.0)? hours", text)
    assert row(report, "ca-sb803:1").hours is None
    # no measure is published, so CalMHSA's rule is not met, whatever the hours
    assert report.verdict is cov.CurriculumVerdict.NOT_MET


# --- properties ---------------------------------------------------------------------------------

CODES = [str(n) for n in range(1, 18)]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(CODES), min_size=0, max_size=3, unique=True),
            st.one_of(st.none(), st.floats(0, 40, allow_nan=False)),
        ),
        min_size=1,
        max_size=6,
    ),
    st.one_of(st.none(), st.just(1000.0)),
)
def test_hours_are_known_exactly_when_every_module_that_gives_them_states_them(
    modules: list[tuple[list[str], float | None]], programme: float | None
) -> None:
    data = []
    for n, (codes, hours) in enumerate(modules):
        module: dict[str, Any] = {"id": f"M{n}", "title": "t", "competencies": codes}
        if hours is not None:
            module["hours"] = hours
        data.append(module)
    extra = {} if programme is None else {"hours": programme}
    report = cov.coverage(
        syllabus(*data, **extra), "ca-sb803", translate=no_crosswalk, suggest_unmapped=False
    )
    unstated = {f"M{n}" for n, (_, hours) in enumerate(modules) if hours is None}
    for r in report.competencies:
        assert (r.hours is None) == bool(set(r.modules) & unstated)
        assert r.hours is None or r.hours == pytest.approx(r.stated_hours)
    if programme is not None:
        assert report.total_hours == programme
    else:
        assert (report.total_hours is None) == bool(unstated)
    credited = sum(h or 0.0 for codes, h in modules if codes)
    assert sum(r.stated_hours for r in report.competencies) == pytest.approx(credited)


def test_a_syllabus_whose_modules_state_no_hours_gives_no_module_hours_in_json() -> None:
    report = cov.coverage(cov.read_syllabus(REAL), "ca-sb803")
    totals = json.loads(cov.render(report, "json"))["totals"]
    assert totals["modules_stating_hours"] == 0
    assert totals["module_hours"] is None
