"""The small typed predicates a requirement's ``test`` names, by the record they look at.

Each predicate is a frozen attrs class whose fields are the parameters written in the credential
files (``{"kind": "min-age", "years": 18}``). ``evaluate`` looks at an applicant as of a date
and returns a :class:`Finding`: MET, UNMET or UNKNOWN, the reason in numbers, the applicant fields
to supply when a fact is missing, and the step to take when the requirement is not met.
``describe`` says in one sentence exactly what is checked, for ``explain``.

Missing facts are handled with three-valued logic (:mod:`._logic`): a record whose topic, date or
approval is not given *may* count. Sums are kept as a range, from what certainly counts (``lo``)
to what may count (``hi``, infinite when an hours figure is missing): a requirement is MET only
when ``lo`` reaches it, UNMET only when ``hi`` cannot, and UNKNOWN in between (:mod:`._outline`).

Where each thing lives: the outline every predicate shares in ``_outline``, three-valued truth in
``_logic``, date arithmetic in ``_calendar``, the names records use in ``_vocabulary``; the
predicates by the record they look at in ``person``, ``hours``, ``exams``, ``work``,
``credentials`` and ``letters``; this module holds the one predicate that looks at no record
(:class:`NotChecked`) and the table of every predicate by ``kind``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from ._calendar import add_months, add_years
from ._logic import Status
from ._outline import Context, Finding, Predicate, Unrecognised, evaluate, number, plural, quoted
from ._vocabulary import Name, Vocabulary
from .credentials import (
    CertificationHeld,
    CertificationPeriod,
    RenewalWindow,
    StateCredentialWhereApplies,
)
from .exams import ExamPassed
from .hours import FaceToFace, Hours, Part, TrainingCompleted
from .letters import Letters
from .person import (
    ApplyBy,
    CodeOfEthics,
    Flag,
    HighSchool,
    LivedExperienceOf,
    LivesOrWorksIn,
    MinAge,
    YearsInRecovery,
)
from .work import EmployedOn, SupervisionHours, WorkDuration, WorkHours

__all__ = [
    "PREDICATES",
    "ApplyBy",
    "CertificationHeld",
    "CertificationPeriod",
    "CodeOfEthics",
    "Context",
    "EmployedOn",
    "ExamPassed",
    "FaceToFace",
    "Finding",
    "Flag",
    "HighSchool",
    "Hours",
    "Letters",
    "LivedExperienceOf",
    "LivesOrWorksIn",
    "MinAge",
    "Name",
    "NotChecked",
    "Part",
    "Predicate",
    "RenewalWindow",
    "StateCredentialWhereApplies",
    "Status",
    "SupervisionHours",
    "TrainingCompleted",
    "Unrecognised",
    "Vocabulary",
    "WorkDuration",
    "WorkHours",
    "YearsInRecovery",
    "add_months",
    "add_years",
    "evaluate",
    "number",
    "plural",
    "quoted",
]


@attrs.frozen
class NotChecked:
    """A requirement no applicant record can show (a photo ID, a board's approval, a criminal
    background review …): it is never MET or UNMET here but NOT_CHECKED, for a person to confirm
    by hand, and every result it could change names it."""

    kind: ClassVar[str] = "not-checked"

    def status(self, ctx: Context) -> Status:
        """NOT_CHECKED, for everyone."""
        return Status.NOT_CHECKED

    def evaluate(self, ctx: Context) -> Finding:
        return Finding(
            Status.NOT_CHECKED, "not checked: no applicant field records this; confirm it by hand"
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return "not checked: no applicant field records this, so a person confirms it by hand"


PREDICATES: Mapping[str, type[Any]] = {
    p.kind: p
    for p in (
        MinAge,
        HighSchool,
        LivedExperienceOf,
        Flag,
        CodeOfEthics,
        YearsInRecovery,
        LivesOrWorksIn,
        ApplyBy,
        Hours,
        FaceToFace,
        TrainingCompleted,
        ExamPassed,
        WorkHours,
        WorkDuration,
        EmployedOn,
        SupervisionHours,
        CertificationHeld,
        RenewalWindow,
        Letters,
        StateCredentialWhereApplies,
        NotChecked,
    )
}
"""Every predicate class by the ``kind`` the credential files use."""
