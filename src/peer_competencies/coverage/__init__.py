"""Coverage: a syllabus in, a compliance-grade coverage report out.

>>> from peer_competencies import coverage as cov
>>> syllabus = cov.read_syllabus("examples/ca-core-80h.toml")      # doctest: +SKIP
>>> report = cov.coverage(syllabus, "ca-sb803")                    # doctest: +SKIP
>>> print(cov.render(report, "table"))                             # doctest: +SKIP
"""

from __future__ import annotations

from .._deprecated import module_getattr
from .._structure import Hours
from ._coverage import coverage
from ._credit import Translate
from ._report import REPORT_FORMATS as FORMATS
from ._report import render, to_data
from ._requirements import (
    CurriculumCheck,
    CurriculumRequirement,
    CurriculumVerdict,
    Rule,
    curriculum_requirement,
)
from ._result import (
    CategoryTally,
    CompetencyCoverage,
    CoverageReport,
    CoverageStatus,
    Credit,
    CreditLevel,
    Via,
)
from ._suggest import (
    MATCHERS,
    Calibration,
    Evidence,
    Matcher,
    Suggestion,
    calibration,
    suggest,
    suggest_many,
)
from ._syllabus import Module, Program, Syllabus
from ._syllabus_read import read_syllabus
from ._syllabus_read import syllabus_from as _syllabus_from

__all__ = [
    "FORMATS",
    "MATCHERS",
    "Calibration",
    "CategoryTally",
    "CompetencyCoverage",
    "CoverageReport",
    "CoverageStatus",
    "Credit",
    "CreditLevel",
    "CurriculumCheck",
    "CurriculumRequirement",
    "CurriculumVerdict",
    "Evidence",
    "Hours",
    "Matcher",
    "Module",
    "Program",
    "Rule",
    "Suggestion",
    "Syllabus",
    "Translate",
    "Via",
    "calibration",
    "coverage",
    "curriculum_requirement",
    "parse_syllabus",
    "read_syllabus",
    "render",
    "suggest",
    "suggest_many",
    "to_data",
]


def parse_syllabus(data: object, *, source: str | None = None) -> Syllabus:
    """A syllabus from data already in memory (a mapping with ``program`` and ``modules``, as
    decoded from YAML, JSON or TOML); ``source`` names it in errors (default ``<data>``)."""
    return _syllabus_from(data, source or "<data>")


# Old names, kept until 0.3 with a DeprecationWarning (the table: _deprecated.RENAMED).
__getattr__ = module_getattr(__name__)
