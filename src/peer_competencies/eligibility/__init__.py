"""Certification eligibility: dated, cited rules checked against one applicant or a roster.

>>> from peer_competencies import eligibility
>>> result = eligibility.check({"date_of_birth": "2000-01-01"}, "ca-pss")
>>> result.outcome.value, result.requirement("age").status.value
('INCOMPLETE', 'MET')
"""

from __future__ import annotations

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
    parse_applicant,
    read_applicant,
)
from ._check import Outcome, RequirementResult, Result, check
from ._explain import explain, markdown_pages
from ._predicates import Status, Vocabulary
from ._roster import (
    EMPTY_ROW,
    MAX_ROW_BYTES,
    RESULT_COLUMNS,
    RosterResult,
    RosterRow,
    check_roster,
    read_roster,
    roster_columns,
    write_results,
)
from ._rules import (
    Credential,
    CredentialNote,
    Group,
    Pathway,
    Requirement,
    Verification,
    credential,
    credentials,
    vocabulary,
)

__all__ = [
    "EMPTY_ROW",
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
    "markdown_pages",
    "parse_applicant",
    "read_applicant",
    "read_roster",
    "roster_columns",
    "vocabulary",
    "write_results",
]
