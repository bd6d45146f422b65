"""The curriculum requirement's findings for one competency (``coverage/_requirements.py``,
a test of that private module): the report never calls plainly covered a competency the
framework's rule finds unmet."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from peer_competencies import coverage as cov
from peer_competencies.coverage import CoverageStatus as S
from peer_competencies.coverage._requirements import competency_findings
from tests.test_coverage_credit import no_crosswalk, syllabus

CODES = [str(n) for n in range(1, 18)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(CODES), max_size=3, unique=True),
            st.one_of(st.none(), st.integers(0, 10)),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_competency_that_fails_the_rule_is_never_plainly_covered(
    modules: list[tuple[list[str], int | None, bool]],
) -> None:
    data = []
    for n, (codes, hours, measured) in enumerate(modules):
        module: dict[str, Any] = {"id": f"M{n}", "title": "t", "competencies": codes}
        if hours is not None:
            module["hours"] = hours
        if measured:
            module["measures"] = ["quiz"]
        data.append(module)
    report = cov.coverage(
        syllabus(*data), "ca-sb803", translate=no_crosswalk, suggest_unmapped=False
    )
    req = cov.curriculum_requirement("ca-sb803")
    assert req is not None
    for r in report.competencies:
        unmet, unjudged = competency_findings(req, r)
        if r.status is S.COVERED:
            assert not unmet
            assert not unjudged
        if r.status.covered and unmet:
            assert r.status is S.COVERED_RULE_UNMET
    if report.verdict is cov.CurriculumVerdict.MET:
        assert all(r.status is S.COVERED for r in report.competencies)


# --- crosswalk credit rules -------------------------------------------------------------------
