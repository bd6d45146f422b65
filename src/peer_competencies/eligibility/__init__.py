"""Certification eligibility: dated, cited rules checked against one applicant or a roster.

>>> from peer_competencies import eligibility
>>> result = eligibility.check({"date_of_birth": "2000-01-01"}, "ca-pss")
>>> result.outcome.value, result.requirement("age").status.value
('INCOMPLETE', 'MET')
"""

from __future__ import annotations

from .._deprecated import module_getattr, warn
from ._applicant import (
    Applicant,
    Certification,
    CollegeCredits,
    ContinuingEducation,
    Education,
    Exam,
    Letter,
    LetterKind,
    LivedExperience,
    Training,
    WorkExperience,
    read_applicant,
)
from ._applicant import parse_applicant as _parse_applicant
from ._check import Outcome, RequirementResult, Result, check
from ._credential import Credential, CredentialNote, Group, Pathway, Requirement, Verification
from ._explain import explain
from ._predicates import Status, Vocabulary
from ._roster import RESULT_COLUMNS, RosterResult, check_roster, write_results
from ._roster_read import MAX_ROW_BYTES, RosterRow, read_roster, roster_columns
from ._rules import credential, credentials, parse_credential, read_credential, vocabulary

__all__ = [
    "MAX_ROW_BYTES",
    "RESULT_COLUMNS",
    "Applicant",
    "Certification",
    "CollegeCredits",
    "ContinuingEducation",
    "Credential",
    "CredentialNote",
    "Education",
    "Exam",
    "Group",
    "Letter",
    "LetterKind",
    "LivedExperience",
    "Outcome",
    "Pathway",
    "Requirement",
    "RequirementResult",
    "Result",
    "RosterResult",
    "RosterRow",
    "Status",
    "Training",
    "Verification",
    "Vocabulary",
    "WorkExperience",
    "check",
    "check_roster",
    "credential",
    "credentials",
    "explain",
    "parse_applicant",
    "parse_credential",
    "read_applicant",
    "read_credential",
    "read_roster",
    "roster_columns",
    "vocabulary",
    "write_results",
]


def parse_applicant(
    data: object, *, source: str | None = None, file: str | None = None
) -> Applicant:
    """Structure data already in memory (a mapping of field names, as decoded from JSON or
    YAML) into an :class:`Applicant`; raises :class:`InputError` naming ``source``, the path
    (``$.trainings[2].hours``) and the expected type. ``file=`` is the old name of ``source=``
    (deprecated, until 0.3)."""
    if file is not None:
        warn("parse_applicant(data, file=...)", "source=...")
    return _parse_applicant(data, file=source or file)


# Old names, kept until 0.3 with a DeprecationWarning (the table: _deprecated.RENAMED).
__getattr__ = module_getattr(__name__)
