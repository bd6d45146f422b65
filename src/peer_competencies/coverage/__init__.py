"""Coverage: a syllabus in, a compliance-grade coverage report out.

>>> from peer_competencies import coverage as cov
>>> syllabus = cov.read_syllabus("examples/ca-core-80h.toml")      # doctest: +SKIP
>>> report = cov.coverage(syllabus, "ca-sb803")                    # doctest: +SKIP
>>> print(cov.render(report, "table"))                             # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from typing import Any

from ._coverage import (
    PARTIAL,
    STRONG,
    CategoryTally,
    CompetencyCoverage,
    CoverageReport,
    CoverageStatus,
    Credit,
    CreditLevel,
    CrosswalkHit,
    Translate,
    Via,
    coverage,
    crosswalk_credit,
)
from ._report import REPORT_FORMATS, render, to_data
from ._requirements import Requirement, RequirementCheck, RequirementVerdict, Rule, requirement
from ._suggest import (
    MATCHERS,
    Calibration,
    Evidence,
    Matcher,
    Suggestion,
    calibration,
    suggest,
    suggest_many,
    targets,
)
from ._syllabus import SYLLABUS_SUFFIXES, Module, Program, Syllabus, read_syllabus, syllabus_from

__all__ = [
    "MATCHERS",
    "PARTIAL",
    "REPORT_FORMATS",
    "STRONG",
    "SYLLABUS_SUFFIXES",
    "Calibration",
    "CategoryTally",
    "CompetencyCoverage",
    "CoverageReport",
    "CoverageStatus",
    "Credit",
    "CreditLevel",
    "CrosswalkHit",
    "Evidence",
    "Matcher",
    "Module",
    "Program",
    "Requirement",
    "RequirementCheck",
    "RequirementVerdict",
    "Rule",
    "Suggestion",
    "Syllabus",
    "Translate",
    "Via",
    "calibration",
    "coverage",
    "crosswalk_credit",
    "read_syllabus",
    "render",
    "requirement",
    "suggest",
    "suggest_many",
    "syllabus_from",
    "targets",
    "to_data",
]


def __getattr__(name: str) -> Any:
    """``Status``, the old name of :class:`CoverageStatus`, still works, with a warning."""
    if name == "Status":
        warnings.warn(
            "peer_competencies.coverage.Status is deprecated: use CoverageStatus (eligibility "
            "has statuses of its own)",
            DeprecationWarning,
            stacklevel=2,
        )
        return CoverageStatus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
