"""Old public names kept for one minor release: the one table of them, :data:`RENAMED`, and the
one module ``__getattr__`` of every public package, which still hands each one out with a
:class:`DeprecationWarning` naming its replacement (until 0.3) and imports the package's lazy
names on first use. A renamed public name is one line in the table."""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["RENAMED", "UNTIL", "module_getattr", "warn"]

UNTIL = "0.3"
"""The release in which the old names go."""

_INTERNAL = "the public API (it is internal)"
_THRESHOLDS = "the documented thresholds (docs/coverage.md)"
_CASE = "peer_competencies.case_package(framework, crosswalk=...)"

RENAMED: Mapping[str, Mapping[str, tuple[str, str]]] = {
    # package: {old name: ("module:attribute" where the value lives, relative to the package
    # (no ":attribute" when it is the old name), what to use instead, as the warning says it)}
    "peer_competencies": {
        "export": ("._export:render", "peer_competencies.render(framework, format)"),
        "read_framework_file": ("._api:read_framework", "peer_competencies.read_framework"),
    },
    "peer_competencies.coverage": {
        "CrosswalkHit": ("._credit", "crosswalk.Correspondence, which a translate gives"),
        "PARTIAL": ("._credit", _THRESHOLDS),
        "REPORT_FORMATS": ("._report", "coverage.FORMATS"),
        "Requirement": ("._requirements:CurriculumRequirement", "coverage.CurriculumRequirement"),
        "RequirementCheck": ("._requirements:CurriculumCheck", "coverage.CurriculumCheck"),
        "RequirementVerdict": ("._requirements:CurriculumVerdict", "coverage.CurriculumVerdict"),
        "STRONG": ("._credit", _THRESHOLDS),
        "SYLLABUS_SUFFIXES": ("._syllabus_read", "read_syllabus, which names them"),
        "Status": ("._result:CoverageStatus", "CoverageStatus"),
        "crosswalk_credit": ("._credit", "Credit.level"),
        "requirement": ("._requirements:curriculum_requirement", "coverage.curriculum_requirement"),
        "syllabus_from": ("._syllabus_read", "coverage.parse_syllabus(data, source=...)"),
        "targets": ("._suggest", "the framework's items (peer_competencies.framework)"),
    },
    "peer_competencies.crosswalk": {
        "BASE_IRI": ("._curie", _INTERNAL),
        "CURATED_FRAMEWORKS": ("._completeness", "completeness()'s default"),
        "CURATORS": ("._curie", _INTERNAL),
        "DECAY": ("._infer", "Correspondence.confidence, which applies it"),
        "EXPORT_FORMATS": ("._export:FORMATS", "crosswalk.FORMATS"),
        "FrameworkMapping": ("._export", "crosswalk.mappings(item_id)"),
        "LEVELS": ("._levels", "the levels named in docs/crosswalk.md"),
        "case_associations": ("._export", _CASE),
        "case_package": ("._export", _CASE),
        "check": (".:problems", "crosswalk.problems()"),
        "compose": ("._infer", "crosswalk.translate, which composes mappings"),
        "curie_for": ("._curie", _INTERNAL),
        "effective_confidence": ("._model", "MappingRecord.confidence (None counts as 1.0)"),
        "export": ("._export", "crosswalk.render(crosswalk, format)"),
        "framework_mappings": ("._export", "crosswalk.mappings(item_id)"),
        "level_items": ("._levels", "the framework's items"),
        "load_framework": ("._user_files", "peer_competencies.read_framework"),
        "load_mappings": ("._user_files", "crosswalk.read_mappings"),
        "prefix_for": ("._curie", _INTERNAL),
        "to_case": ("._export", "peer_competencies.to_case(framework, crosswalk=...)"),
        "top_items": ("._levels", "Framework.roots (less qualifications)"),
        "write_sssom": ("._sssom_write", "crosswalk.to_sssom(mapping_set)"),
    },
    "peer_competencies.eligibility": {
        "EMPTY_ROW": ("._roster", "RosterResult.skipped"),
        "markdown_pages": ("._explain", "explain(credential, 'markdown')"),
    },
}
"""Every old public name, by package, in one place (the CHANGELOG lists the same renames)."""


def warn(what: str, use: str, stacklevel: int = 2) -> None:
    """Warn that ``what`` is deprecated and goes in :data:`UNTIL`, naming what to ``use``;
    ``stacklevel`` counts from the caller of this function (2: the caller's caller)."""
    warnings.warn(
        f"{what} is deprecated and goes in {UNTIL}: use {use}",
        DeprecationWarning,
        stacklevel=stacklevel + 1,
    )


def module_getattr(package: str, lazy: Mapping[str, str] | None = None) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: a name of ``lazy`` (name: the module, relative
    to ``package``, that defines it) is imported on first use and kept in the package; an old
    name of :data:`RENAMED` is handed out with a warning pointing at the line that used it; any
    other name is an :class:`AttributeError`."""
    old = RENAMED.get(package, {})
    later = lazy or {}

    def __getattr__(name: str) -> Any:
        if name in later:
            value = getattr(importlib.import_module(later[name], package), name)
            setattr(sys.modules[package], name, value)
            return value
        if name not in old:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        place, use = old[name]
        module, _, attribute = place.partition(":")
        warn(f"{package}.{name}", use)
        return getattr(importlib.import_module(module, package), attribute or name)

    return __getattr__
