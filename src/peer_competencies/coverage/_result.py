"""The coverage report's model: the statuses and credit levels, one credit, one competency's
coverage, the tallies by category, and the report itself (what :func:`coverage` returns and the
renderers read).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._enum import TextEnum
from .._model import Framework, Item
from .._structure import frozen_mapping
from ._requirements import CurriculumCheck, CurriculumVerdict
from ._suggest import Suggestion
from ._syllabus import Module, Syllabus

if TYPE_CHECKING:
    from ..crosswalk import Correspondence

__all__ = [
    "CategoryTally",
    "CompetencyCoverage",
    "CoverageReport",
    "CoverageStatus",
    "Credit",
    "CreditLevel",
    "Reach",
    "Via",
]


class CoverageStatus(TextEnum):
    """How far a competency is covered (not to be confused with eligibility's statuses)."""

    COVERED = "covered"
    COVERED_RULE_UNMET = "covered, rule not met"
    COVERED_RULE_UNJUDGED = "covered, rule cannot be judged"
    PARTIAL = "partly covered"
    HINTED = "hinted only"
    MISSING = "missing"

    @property
    def covered(self) -> bool:
        """True for the three covered statuses (the rule met, not met, or not judged)."""
        return self in _COVERED


_COVERED = frozenset(
    {
        CoverageStatus.COVERED,
        CoverageStatus.COVERED_RULE_UNMET,
        CoverageStatus.COVERED_RULE_UNJUDGED,
    }
)


class CreditLevel(enum.IntEnum):
    """How much a correspondence credits: a hint (shown, never counted), part, or full."""

    HINT = 0
    PART = 1
    FULL = 2

    def __str__(self) -> str:
        return self.name.lower()


class Via(TextEnum):
    """How a module's id reaches a competency."""

    DIRECT = "direct"
    PART = "part"  # the id is below the competency
    WHOLE = "whole"  # the id is above the competency (a category)
    CROSSWALK = "crosswalk"


@attrs.frozen
class Credit:
    """One module's credit to one competency. A credit through the crosswalk carries the
    crosswalk's ``correspondence`` (None otherwise, and for a :class:`CrosswalkHit` given by a
    custom ``translate``); ``confidence``, ``predicate`` and ``path`` are its figures as the
    report writes them."""

    target_id: str
    module_id: str
    module_title: str
    listed_id: str
    via: Via
    full: bool
    hours: float | None  # None: the module states no hours
    confidence: float = 1.0
    predicate: str | None = None
    path: tuple[str, ...] = ()
    hint: bool = False  # a crosswalk hint: shown, never counted
    correspondence: Correspondence | None = attrs.field(default=None, repr=False)

    @property
    def level(self) -> CreditLevel:
        """Full, part, or hint."""
        if self.hint:
            return CreditLevel.HINT
        return CreditLevel.FULL if self.full else CreditLevel.PART


class _CreditsMadeWhenRead:
    """What lets a row made by :func:`_lazy_row` make its ``credits`` when they are first read:
    a slot for them as :func:`coverage` keeps them, outside the row's attrs fields (so equality,
    hashing, printing, ``attrs.evolve`` and ``asdict`` see only ``credits``)."""

    __slots__ = ("_pending",)

    _pending: tuple[CreditEntry, ...]

    if not TYPE_CHECKING:  # (so that mypy still reports a mistyped attribute)

        def __getattr__(self, name: str) -> Any:
            # called only when an attribute is unset: ``credits`` left for later by _lazy_row
            if name != "credits":
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            built = tuple(
                [
                    Credit(  # positional, in Credit's field order: the quickest to make
                        r.target.id,
                        module.id,
                        module.title,
                        listed_id,
                        r.via,
                        r.full,
                        hours,
                        r.confidence,
                        r.predicate,
                        r.path,
                        r.hint,
                        r.correspondence,
                    )
                    for r, module, listed_id, hours in object.__getattribute__(self, "_pending")
                ]
            )
            # (_pending stays: another thread may be reading it)
            object.__setattr__(self, "credits", built)
            return built


@attrs.frozen
class CompetencyCoverage(_CreditsMadeWhenRead):
    """The coverage of one competency.

    ``hours`` are the hours credited to it, or None when a module that credits it states no
    hours (unknown, never 0); ``stated_hours`` are those of the modules that state theirs and
    ``hours_not_stated`` the ids of the modules that do not. ``measures`` are the crediting
    modules' own; ``programme_measures`` the programme-wide ones, which count for every
    competency the syllabus credits.
    """

    item: Item
    status: CoverageStatus
    hours: float | None
    modules: tuple[str, ...]
    measures: tuple[str, ...]
    credits: tuple[Credit, ...]
    stated_hours: float = 0.0
    hours_not_stated: tuple[str, ...] = ()
    programme_measures: tuple[str, ...] = ()
    rule_findings: tuple[str, ...] = ()

    @property
    def counted(self) -> tuple[Credit, ...]:
        """The credits that count (full and part), hints left out."""
        return tuple(c for c in self.credits if not c.hint)

    @property
    def hints(self) -> tuple[Credit, ...]:
        """The crosswalk hints: shown in the report, never counted."""
        return tuple(c for c in self.credits if c.hint)

    @property
    def hinted_by(self) -> tuple[str, ...]:
        """The modules that only hint at this competency."""
        counted = set(self.modules)
        return tuple(dict.fromkeys(c.module_id for c in self.hints if c.module_id not in counted))

    @property
    def all_measures(self) -> tuple[str, ...]:
        """The modules' measures, then the programme-wide ones (each once)."""
        return tuple(dict.fromkeys((*self.measures, *self.programme_measures)))

    @property
    def direct(self) -> bool:
        """Whether some module lists this competency itself."""
        return any(c.via is Via.DIRECT for c in self.credits)

    @property
    def through_crosswalk(self) -> bool:
        """Whether the credit that decides the status comes only through the crosswalk."""
        deciding = [c for c in self.credits if c.full] or list(self.counted)
        return bool(deciding) and all(c.via is Via.CROSSWALK for c in deciding)

    @property
    def how(self) -> str:
        """``direct``, ``crosswalk``, ``hint`` or empty: how the deciding credit comes."""
        if self.counted:
            return "crosswalk" if self.through_crosswalk else "direct"
        return "hint" if self.credits else ""


@attrs.frozen
class CategoryTally:
    """How many competencies of one category (None: the framework's competencies have no
    category) are covered directly, covered through the crosswalk, partly covered, only hinted
    at, or missing."""

    category: Item | None
    direct: int
    crosswalk: int
    partly: int
    hinted: int
    missing: int

    @property
    def total(self) -> int:
        return self.direct + self.crosswalk + self.partly + self.hinted + self.missing


@attrs.frozen
class CoverageReport:
    """The coverage of ``framework`` by ``syllabus``."""

    syllabus: Syllabus
    framework: Framework
    via_crosswalk: bool
    competencies: tuple[CompetencyCoverage, ...]
    unmapped_modules: tuple[Module, ...]
    uncredited: tuple[tuple[str, str], ...]
    requirement: CurriculumCheck | None
    suggestions: Mapping[str, tuple[Suggestion, ...]] = attrs.field(
        factory=dict, converter=frozen_mapping, hash=False
    )

    def count(self, status: CoverageStatus) -> int:
        """How many competencies have exactly this status."""
        return sum(1 for c in self.competencies if c.status is status)

    @property
    def covered_count(self) -> int:
        """How many competencies are covered (whatever the requirement's rules say of them)."""
        return sum(1 for c in self.competencies if c.status.covered)

    @property
    def percent_covered(self) -> float:
        """Covered competencies as a percentage of all (partly covered and hinted ones not
        counted; covered ones whose rule is not met counted)."""
        return 100.0 * self.covered_count / len(self.competencies)

    def by_category(self) -> tuple[CategoryTally, ...]:
        """Per category, in framework order: covered directly, through the crosswalk, partly,
        hinted only, missing."""
        groups: dict[str | None, list[CompetencyCoverage]] = {}
        parents: dict[str | None, Item | None] = {}
        for row in self.competencies:
            parent = row.item.parent
            key = None if parent is None else parent.id
            groups.setdefault(key, []).append(row)
            parents[key] = parent
        tallies = []
        for key, rows in groups.items():
            covered = [r for r in rows if r.status.covered]
            tallies.append(
                CategoryTally(
                    category=parents[key],
                    direct=sum(1 for r in covered if not r.through_crosswalk),
                    crosswalk=sum(1 for r in covered if r.through_crosswalk),
                    partly=sum(1 for r in rows if r.status is CoverageStatus.PARTIAL),
                    hinted=sum(1 for r in rows if r.status is CoverageStatus.HINTED),
                    missing=sum(1 for r in rows if r.status is CoverageStatus.MISSING),
                )
            )
        return tuple(tallies)

    @property
    def total_hours(self) -> float | None:
        """The syllabus's total hours (the programme's stated total, or the modules' sum when
        every module states its hours); None when not stated. :attr:`hours_level` says which."""
        return self.syllabus.hours

    @property
    def hours_level(self) -> str | None:
        """Where :attr:`total_hours` comes from: ``"programme"``, ``"modules"`` or None."""
        return self.syllabus.hours_level

    @property
    def credited_hours(self) -> float | None:
        """Hours credited to some competency; None when a crediting module states no hours."""
        if any(c.hours is None for c in self.competencies):
            return None
        return math.fsum(c.stated_hours for c in self.competencies)

    @property
    def met(self) -> bool | None:
        """Whether the framework's curriculum requirement is judged met (None: it has none;
        False both when it is not met and when it cannot be judged: see :attr:`verdict`)."""
        return None if self.requirement is None else self.requirement.met

    @property
    def verdict(self) -> CurriculumVerdict | None:
        """Met, not met, or cannot be judged (a figure it needs is not stated); None when the
        framework has no curriculum requirement."""
        return None if self.requirement is None else self.requirement.verdict


@attrs.frozen
class Reach:
    """One competency a listed id reaches, how, and how fully."""

    target: Item
    via: Via
    full: bool
    confidence: float = 1.0
    predicate: str | None = None
    path: tuple[str, ...] = ()
    hint: bool = False
    correspondence: Correspondence | None = None


CreditEntry = tuple[Reach, Module, str, "float | None"]
"""One credit as :func:`coverage` keeps it: what the listed id reaches, the module, the listed
id, and the hours."""


def _lazy_row(
    item: Item,
    status: CoverageStatus,
    hours: float | None,
    modules: tuple[str, ...],
    measures: tuple[str, ...],
    entries: tuple[CreditEntry, ...],
    stated_hours: float,
    hours_not_stated: tuple[str, ...],
    programme_measures: tuple[str, ...],
    rule_findings: tuple[str, ...] = (),
) -> CompetencyCoverage:
    """A row whose credits are made from ``entries`` when first read: a report on a large
    syllabus holds tens of thousands of credits, which most readers (the status, the hours, the
    requirement) never look at one by one. The row is equal to, hashes and prints as the one
    built with every Credit made at once."""
    row = CompetencyCoverage(
        item,
        status,
        hours,
        modules,
        measures,
        (),
        stated_hours,
        hours_not_stated,
        programme_measures,
        rule_findings,
    )
    if entries:
        object.__setattr__(row, "_pending", entries)
        object.__delattr__(row, "credits")
    return row
