"""Coverage: a syllabus in, a compliance-grade coverage report out.

>>> from peer_competencies import coverage as cov
>>> syllabus = cov.read_syllabus("examples/ca-core-80h.toml")      # doctest: +SKIP
>>> report = cov.coverage(syllabus, "ca-sb803")                    # doctest: +SKIP
>>> print(cov.render(report, "table"))                             # doctest: +SKIP
"""

from __future__ import annotations

from ._coverage import STRONG, CompetencyCoverage, CoverageReport, Credit, Status, Via, coverage
from ._report import REPORT_FORMATS, render, to_data
from ._requirements import Requirement, RequirementCheck, Rule, requirement
from ._suggest import Evidence, Matcher, Suggestion, suggest, suggest_many, targets
from ._syllabus import Module, Program, Syllabus, read_syllabus, syllabus_from

__all__ = [
    "REPORT_FORMATS",
    "STRONG",
    "CompetencyCoverage",
    "CoverageReport",
    "Credit",
    "Evidence",
    "Matcher",
    "Module",
    "Program",
    "Requirement",
    "RequirementCheck",
    "Rule",
    "Status",
    "Suggestion",
    "Syllabus",
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
