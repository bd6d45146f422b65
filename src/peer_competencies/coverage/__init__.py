"""Coverage: a syllabus in, a compliance-grade coverage report out.

>>> from peer_competencies import coverage as cov
>>> syllabus = cov.read_syllabus("examples/ca-core-80h.toml")      # doctest: +SKIP
>>> report = cov.coverage(syllabus, "ca-sb803")                    # doctest: +SKIP
>>> print(cov.render(report, "table"))                             # doctest: +SKIP
"""

from __future__ import annotations

from ._coverage import (
    STRONG,
    CompetencyCoverage,
    CoverageReport,
    Credit,
    CrosswalkHit,
    Status,
    Translate,
    Via,
    coverage,
)
from ._report import REPORT_FORMATS, render, to_data
from ._requirements import Requirement, RequirementCheck, RequirementVerdict, Rule, requirement
from ._suggest import Evidence, Matcher, Suggestion, suggest, suggest_many, targets
from ._syllabus import SYLLABUS_SUFFIXES, Module, Program, Syllabus, read_syllabus, syllabus_from

__all__ = [
    "REPORT_FORMATS",
    "STRONG",
    "SYLLABUS_SUFFIXES",
    "CompetencyCoverage",
    "CoverageReport",
    "Credit",
    "CrosswalkHit",
    "Evidence",
    "Matcher",
    "Module",
    "Program",
    "Requirement",
    "RequirementCheck",
    "RequirementVerdict",
    "Rule",
    "Status",
    "Suggestion",
    "Syllabus",
    "Translate",
    "Via",
    "coverage",
    "read_syllabus",
    "render",
    "requirement",
    "suggest",
    "suggest_many",
    "syllabus_from",
    "targets",
    "to_data",
]
