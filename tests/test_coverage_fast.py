"""Coverage's fast path (a reach table per framework, credits made when first read) gives the
report the plain construction gives: each id translated through the public crosswalk, module
by module, every credit made at once. Speed itself is measured by
``benchmarks/bench_coverage.py``, never here."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import crosswalk as cw

FRAMEWORKS = [f.id for f in pc.frameworks()]
IDS = [i.id for f in pc.frameworks() for i in f.items if i.kind is not pc.Kind.QUALIFICATION]
CODES = {
    f.id: [i.code for i in f.items if i.kind is not pc.Kind.QUALIFICATION] for f in pc.frameworks()
}


def through_the_crosswalk(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Any]]:
    """The plain construction: the public crosswalk asked about each id, every time."""
    return {i: tuple(cw.translate([i], to=framework).targets.values()) for i in ids}


def eager(row: cov.CompetencyCoverage) -> cov.CompetencyCoverage:
    """The row built with its credits made at once (the public constructor)."""
    return cov.CompetencyCoverage(
        **{f.alias: getattr(row, f.name) for f in attrs.fields(type(row)) if f.init}
    )


@st.composite
def entry(draw: st.DrawFn, program: str | None) -> str:
    """A full id mostly; sometimes a bare code of the program's framework; rarely an unknown id
    (an error, which both paths must report alike)."""
    kind = draw(st.integers(0, 29))
    if kind == 0:
        return draw(st.sampled_from(["ca-sb803:99", "nope:1", "13, 14", "VIII"]))
    if kind < 6 and program is not None:
        return draw(st.sampled_from(CODES[program]))
    return draw(st.sampled_from(IDS))


@st.composite
def syllabi(draw: st.DrawFn) -> cov.Syllabus:
    program: dict[str, Any] = {"title": "Generated", "measures": ["final exam"]}
    if draw(st.booleans()):
        program["framework"] = draw(st.sampled_from(FRAMEWORKS))
    modules: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, 8))):
        listed = draw(st.lists(entry(program.get("framework")), max_size=4))
        module: dict[str, Any] = {
            "id": f"M{n}",
            "title": f"Module {n}",
            "competencies": listed,
            "measures": draw(st.sampled_from([[], ["quiz"], ["quiz", "role play"]])),
        }
        if draw(st.booleans()):
            module["hours"] = draw(st.sampled_from([0, 1, 2.5, 6]))
            if listed and module["hours"] >= 1 and draw(st.integers(0, 4)) == 0:
                module["hours_by_competency"] = {draw(st.sampled_from(listed)): 0.5}
        modules.append(module)
    return cov.parse_syllabus({"program": program, "modules": modules}, source="generated")


def outcome(syllabus: cov.Syllabus, framework: str, via: bool, **kwargs: Any) -> object:
    try:
        return cov.coverage(syllabus, framework, via_crosswalk=via, **kwargs)
    except pc.InputError as exc:
        return str(exc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(syllabi(), st.sampled_from(FRAMEWORKS), st.booleans())
def test_the_fast_path_gives_the_report_of_the_plain_construction(
    syllabus: cov.Syllabus, framework: str, via: bool
) -> None:
    fast = outcome(syllabus, framework, via)
    plain = outcome(syllabus, framework, via, translate=through_the_crosswalk)
    assert fast == plain  # the same report, credits and all, or the same error
    if isinstance(fast, cov.CoverageReport):
        assert tuple(eager(r) for r in fast.competencies) == fast.competencies


def test_a_credit_through_the_crosswalk_carries_the_crosswalks_correspondence() -> None:
    syllabus = cov.parse_syllabus(
        {
            "program": {"title": "T"},
            "modules": [
                {"id": "A", "title": "t", "hours": 2, "competencies": ["samhsa-2015:VIII.1"]}
            ],
        },
        source="t",
    )
    report = cov.coverage(syllabus, "ca-sb803")
    credits = [c for r in report.competencies for c in r.credits]
    assert credits
    translation = cw.translate(["samhsa-2015:VIII.1"], to="ca-sb803")
    for credit in credits:
        assert credit.via is cov.Via.CROSSWALK
        found = credit.correspondence
        assert found is not None
        assert translation.get(found.target_id) == found  # the competency, or an item below it
        assert found.source_id == credit.listed_id == "samhsa-2015:VIII.1"
        assert credit.predicate == found.predicate.value
        assert credit.confidence == found.confidence
        assert credit.path == tuple(str(step) for step in found.path)


def test_a_row_whose_credits_are_made_when_read_is_equal_to_one_built_at_once() -> None:
    syllabus = cov.read_syllabus("examples/ca-core-80h.toml")
    report = cov.coverage(syllabus, "samhsa-2015")
    rows = report.competencies
    built = tuple(eager(r) for r in cov.coverage(syllabus, "samhsa-2015").competencies)
    assert any(r.credits for r in built)
    fresh = cov.coverage(syllabus, "samhsa-2015").competencies
    assert [hash(r) for r in fresh] == [hash(r) for r in built]
    fresh = cov.coverage(syllabus, "samhsa-2015").competencies
    assert [repr(r) for r in fresh] == [repr(r) for r in built]
    fresh = cov.coverage(syllabus, "samhsa-2015").competencies
    assert tuple(copy.copy(r) for r in fresh) == built
    fresh = cov.coverage(syllabus, "samhsa-2015").competencies
    assert [attrs.asdict(r) for r in fresh] == [attrs.asdict(r) for r in built]
    assert attrs.evolve(rows[0], status=cov.CoverageStatus.MISSING).credits == built[0].credits
    assert rows == built
