"""The compiled check gives what the plain tree walk (``tests/check_reference.py``) gives, on
generated applicants and every pathway of every shipped credential; a test that tells its
status alone (``status``, what the compiled check asks first) tells its finding's status."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peer_competencies import eligibility as el
from peer_competencies.eligibility._predicates import Context, evaluate
from tests.check_reference import walked_check

TODAY = dt.date.today()
DAYS = st.dates(dt.date(2008, 1, 1), TODAY)
AS_OF = st.sampled_from([dt.date(2026, 6, 1), dt.date(2025, 1, 15), dt.date(2024, 7, 1)])
VOCABULARY = el.vocabulary()


def _named(group: str) -> st.SearchStrategy[str]:
    names = sorted(getattr(VOCABULARY, group))
    return st.sampled_from([*names, "Not A Known Name"])


def _records(fields: dict[str, st.SearchStrategy[Any]], most: int) -> st.SearchStrategy[Any]:
    entry = st.fixed_dictionaries({}, optional=fields)
    return st.none() | st.lists(entry, max_size=most)


YES_NO = st.booleans()
HOURS = st.sampled_from([0, 1.5, 4, 10, 20, 40, 80, 500, 2000])

APPLICANT = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["A-1", "A-2"]),
        "recorded_on": DAYS,
        "date_of_birth": st.dates(dt.date(1950, 1, 1), dt.date(2010, 1, 1)),
        "age": st.integers(15, 70),
        "education": st.sampled_from([e.value for e in el.Education]),
        "lived_experience": st.sampled_from([e.value for e in el.LivedExperience]),
        "years_in_recovery": st.sampled_from([0, 0.5, 1, 2, 5]),
        "willing_to_share": YES_NO,
        "dedicated_to_recovery": YES_NO,
        "background_check_cleared": YES_NO,
        "registry_check_cleared": YES_NO,
        "guardian_of_youth_in_services": YES_NO,
        "code_of_ethics_signed": DAYS,
        "residence_jurisdiction": st.sampled_from(["CA", "GA", "TX", "ZZ"]),
        "work_jurisdiction": st.sampled_from(["CA", "WA", "ZZ"]),
        "applying_in": st.sampled_from(["CA", "GA", "WA"]),
        "supervision_hours": HOURS,
        "trainings": _records(
            {
                "topic": _named("topics"),
                "hours": HOURS,
                "date": DAYS,
                "approved": YES_NO,
                "face_to_face": YES_NO,
            },
            4,
        ),
        "exams": _records(
            {
                "exam": _named("exams"),
                "passed": YES_NO,
                "score": st.sampled_from([50, 70, 90]),
                "date": DAYS,
            },
            3,
        ),
        "work_experience": _records(
            {
                "peer_role": YES_NO,
                "hours": HOURS,
                "start": DAYS,
                "end": DAYS,
                "current": YES_NO,
                "supervised": YES_NO,
                "verified": YES_NO,
            },
            3,
        ),
        "continuing_education": _records(
            {"topic": _named("topics"), "hours": HOURS, "date": DAYS, "peer_specific": YES_NO}, 3
        ),
        "certifications": _records(
            {
                "credential": _named("credentials"),
                "jurisdiction": st.sampled_from(["CA", "GA", "TX"]),
                "issued_on": DAYS,
                "expires_on": st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
                "discipline_pending": YES_NO,
            },
            2,
        ),
        "recommendation_letters": _records(
            {
                "kind": st.sampled_from([k.value for k in el.LetterKind]),
                "on_letterhead": YES_NO,
                "date": DAYS,
            },
            3,
        ),
        "college_credits": _records({"hours": HOURS, "date": DAYS}, 2),
    },
)


def _json(data: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text, as JSON gives them."""

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {k: plain(v) for k, v in data.items()}


@pytest.mark.parametrize("credential", [c.id for c in el.credentials()])
@settings(max_examples=15, deadline=None)
@given(data=APPLICANT, as_of=AS_OF)
def test_the_compiled_check_gives_the_results_of_the_plain_tree_walk(
    credential: str, data: dict[str, Any], as_of: dt.date
) -> None:
    applicant = el.parse_applicant(_json(data))
    for pathway in el.credential(credential).pathways:
        if not any(leaf.in_force(as_of) for leaf in pathway.leaves):
            continue
        compiled = el.check(applicant, credential, pathway.id, as_of)
        assert compiled == walked_check(applicant, credential, pathway.id, as_of)
        assert (
            compiled.to_dict() == walked_check(applicant, credential, pathway.id, as_of).to_dict()
        )


LEAVES = [
    (leaf, status)
    for cred in el.credentials()
    for pathway in cred.pathways
    for leaf in pathway.leaves
    if (status := getattr(leaf.test, "status", None)) is not None
]


@settings(max_examples=60, deadline=None)
@given(data=APPLICANT, as_of=AS_OF)
def test_a_test_that_tells_its_status_alone_tells_the_status_of_its_finding(
    data: dict[str, Any], as_of: dt.date
) -> None:
    applicant = el.parse_applicant(_json(data))
    ctx = Context(applicant=applicant, as_of=as_of, today=TODAY, vocabulary=VOCABULARY)
    for leaf, status in LEAVES:
        # the finding in a context of its own: worked out whole, not from what the status kept
        own = Context(applicant=applicant, as_of=as_of, today=TODAY, vocabulary=VOCABULARY)
        assert status(ctx) is evaluate(leaf.test, own).status, leaf.id


def test_a_result_worked_out_on_demand_prints_hashes_and_pickles_as_one_made_whole() -> None:
    applicant = el.parse_applicant(
        {"id": "A-1", "trainings": [{"topic": "ca-pss-core", "hours": 40, "approved": True}]}
    )
    as_of = dt.date(2026, 6, 1)
    walked = walked_check(applicant, "ca-pss", None, as_of)
    for read in (repr, hash, lambda r: pickle.loads(pickle.dumps(r))):
        lazy = el.check(applicant, "ca-pss", as_of=as_of)  # fresh: nothing worked out yet
        assert read(lazy.requirements) == read(walked.requirements)
    lazy = el.check(applicant, "ca-pss", as_of=as_of)
    with pytest.raises(AttributeError):
        lazy.requirements.status = el.Status.MET
