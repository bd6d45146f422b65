"""A leaf's finding, read after the check told its status, reuses the work its status did
(the records counted, the attempts judged) instead of doing it again; the finding is the
same as one worked out whole. The day a check takes as today is remembered while it lasts."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from peer_competencies import eligibility as el
from peer_competencies.eligibility._predicates import (
    ExamPassed,
    Hours,
    TrainingCompleted,
    WorkDuration,
    WorkHours,
)
from tests.check_reference import walked_check

AS_OF = dt.date(2026, 6, 1)

APPLICANT = {
    "id": "A-1",
    "trainings": [
        {"topic": "ca-pss-core", "hours": 40, "approved": True, "date": "2024-01-10"},
        {"topic": "Not A Known Name", "hours": 20, "date": "2024-02-10"},
    ],
    "exams": [{"exam": "ca-pss", "passed": False, "date": "2025-02-01"}],
    "work_experience": [
        {"start": "2023-01-01", "end": "2024-06-30", "hours": 900, "peer_role": True},
        {"start": "2025-01-01", "current": True, "hours": 300},
    ],
}
KNOWN_NAMES = {**APPLICANT, "trainings": APPLICANT["trainings"][:1]}


@pytest.mark.parametrize(
    ("cls", "work"),
    [
        (Hours, "_counting"),
        (ExamPassed, "_judge_given"),
        (TrainingCompleted, "_judge"),
        (WorkHours, "_counting"),
        (WorkDuration, "_covering"),
    ],
)
def test_reading_a_finding_after_its_status_does_the_work_once(
    monkeypatch: pytest.MonkeyPatch, cls: type, work: str
) -> None:
    calls: list[object] = []
    real = getattr(cls, work)

    def counted(self: object, ctx: object) -> object:
        calls.append(self)
        return real(self, ctx)

    monkeypatch.setattr(cls, work, counted)
    seen = 0
    for credential in el.credentials():
        for pathway in credential.pathways:
            if not any(isinstance(x.test, cls) and x.in_force(AS_OF) for x in pathway.leaves):
                continue
            calls.clear()
            result = el.check(KNOWN_NAMES, credential, pathway.id, AS_OF)
            asked = len(calls)
            assert asked, (credential.id, pathway.id)
            result.to_dict()  # every reason and step read
            assert len(calls) == asked, (credential.id, pathway.id)
            seen += 1
    assert seen


@pytest.mark.parametrize("applicant", [APPLICANT, KNOWN_NAMES])
def test_a_finding_made_from_the_work_its_status_kept_is_the_one_worked_out_whole(
    applicant: dict[str, object],
) -> None:
    for credential in el.credentials():
        for pathway in credential.pathways:
            if not any(leaf.in_force(AS_OF) for leaf in pathway.leaves):
                continue
            lazy = el.check(applicant, credential, pathway.id, AS_OF)
            whole = walked_check(el.parse_applicant(applicant), credential, pathway.id, AS_OF)
            assert lazy.to_dict() == whole.to_dict()


def test_the_day_a_check_takes_as_today_is_remembered_only_while_it_lasts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from peer_competencies.eligibility import _applicant

    assert el.check({}, "ca-pss").as_of == dt.date.today()
    long_ago = dt.date(2000, 1, 1)
    now = time.time()
    monkeypatch.setattr(_applicant, "_DAY", [now - 60, now + 60, long_ago])  # remembered
    assert _applicant.today() == long_ago
    monkeypatch.setattr(_applicant, "_DAY", [now - 120, now - 60, long_ago])  # that day is over
    assert _applicant.today() == dt.date.today()
    assert el.check({}, "ca-pss").as_of == dt.date.today()
