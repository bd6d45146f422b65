"""Coverage of a framework by a syllabus: which competencies each module credits, with hours,
measures and the evidence; and whether the framework's curriculum requirement is met.

How credit is given, for every id a module lists:

- the id of a target competency itself: **direct**, full credit;
- an id below a target (a skill, theme or sub-item of it): **part** credit to that target;
- an id above targets (a SAMHSA category): **part** credit to each target below it;
- an id of another framework, with ``via_crosswalk``: the crosswalk's ``translate`` gives the
  items it corresponds to, each with its mapping path and confidence, credited by
  :func:`crosswalk_credit`: an exact or close mapping at :data:`STRONG` or more is full credit
  (part credit when it reaches an item above or below the competency); an exact, close, broad
  or narrow mapping at :data:`PARTIAL` or more is part credit; anything else (a related match,
  a weaker mapping, a chain whose steps compose to less) is a **hint**: shown in the report,
  never coverage, hours or measures. A chain gets no more than its weakest step.

A competency is *covered* when some module gives it full credit, *partly covered* when it has
only part credit, *hinted only* when it has only hints, *missing* otherwise. A covered
competency that fails a rule of the framework's requirement for one competency (CalMHSA: a
measure of competency, training hours) is *covered, rule not met*, or *covered, rule cannot be
judged* when the hours the rule needs are not stated.

How a module's hours go to the competencies it credits:

- ``hours_by_competency`` names hours for some of its listed ids or for competencies they
  credit (keys written like ``competencies``: full ids or bare codes); it needs the module's
  ``hours``, and the named hours may add up to at most those;
- hours named for a listed id are that id's hours; the rest of the module's hours (its hours
  less all the named ones) is split equally among the listed ids not named;
- each listed id's hours are split equally among the competencies it gives full credit to
  (among all it gives part credit to when none is full; a hint takes no hours);
- hours named for a competency are added to what it gets from the listed ids, never in their
  place;
- a remainder with no listed id left to share it (every id named, the named hours short of the
  module's) is an error, as is an id listed twice (``13`` and ``ca-sb803:13`` are one id).

So when every listed id credits something, the hours credited add up to the module's hours
exactly; the hours of an id that credits nothing in the framework are credited nowhere (it is
listed in ``uncredited``). Hours are kept as exact sums (no rounding) and rounded only when a
report is rendered. A module's measures count for every competency it gives full credit or
hours to.
"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from .._didyoumean import did_you_mean
from .._enum import TextEnum
from .._errors import InputError, UnknownIdError
from .._load import database
from .._model import Framework, Item
from .._structure import frozen_mapping
from .._terminal import progress
from ._requirements import (
    CurriculumCheck,
    CurriculumVerdict,
    check_requirement,
    competency_findings,
    curriculum_requirement,
)
from ._suggest import Suggestion, suggest_many, targets
from ._syllabus import Module, Syllabus, beyond, program_framework

__all__ = [
    "PARTIAL",
    "STRONG",
    "CategoryTally",
    "CompetencyCoverage",
    "CoverageReport",
    "CoverageStatus",
    "Credit",
    "CreditLevel",
    "CrosswalkHit",
    "Reach",
    "Translate",
    "Via",
    "coverage",
    "crosswalk_credit",
]

STRONG = 0.8
"""The least confidence of an exact or close crosswalk mapping that counts as full credit."""

PARTIAL = 0.75
"""The least confidence of an exact, close, broad or narrow crosswalk mapping that counts as
part credit. The crosswalk keeps rows built on a name alone at 0.7 or below, so these never
count; a chain's confidence (the product of its steps', less 10 % a step) must reach it too."""


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
    """One module's credit to one competency."""

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

    @property
    def level(self) -> CreditLevel:
        """Full, part, or hint."""
        if self.hint:
            return CreditLevel.HINT
        return CreditLevel.FULL if self.full else CreditLevel.PART


@attrs.frozen
class CompetencyCoverage:
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


@attrs.frozen
class CrosswalkHit:
    """What the crosswalk says one id of another framework corresponds to in the framework
    reported on (a :data:`Translate` function gives these).

    ``path`` is the chain of steps, each ``subject relation object``; ``step_confidences``,
    when given, the confidence of each step (else each step is taken at ``confidence``, the
    chain's own, which is never more than any step's)."""

    target_id: str
    predicate: str
    confidence: float
    path: tuple[str, ...]
    step_confidences: tuple[float, ...] = ()


_MATCHES = frozenset({"skos:exactMatch", "skos:closeMatch"})
_PARTS = _MATCHES | {"skos:broadMatch", "skos:narrowMatch"}
_HIERARCHY = frozenset({"skos:broader", "skos:narrower"})


def _level(relation: str, confidence: float) -> CreditLevel:
    if relation in _HIERARCHY:
        return CreditLevel.PART  # a move up or down one framework's hierarchy
    if relation in _MATCHES and confidence >= STRONG:
        return CreditLevel.FULL
    if relation in _PARTS and confidence >= PARTIAL:
        return CreditLevel.PART
    return CreditLevel.HINT


def crosswalk_credit(hit: CrosswalkHit) -> CreditLevel:
    """The credit a crosswalk correspondence gives the item it reaches: the least of what its
    predicate gives at its confidence and what each step of its path gives alone (exact or
    close at :data:`STRONG`: full; exact, close, broad or narrow at :data:`PARTIAL`: part; a
    move within a hierarchy: part; anything else, a related match among them: a hint)."""
    level = _level(hit.predicate, hit.confidence)
    for n, step in enumerate(hit.path):
        parts = step.split()
        relation = parts[1] if len(parts) == 3 else ""
        own = hit.step_confidences[n] if n < len(hit.step_confidences) else hit.confidence
        level = min(level, _level(relation, own))
    return level


Translate = Callable[[Sequence[str], str], Mapping[str, Sequence[CrosswalkHit]]]
"""``(ids of other frameworks, target framework id)`` → what each id corresponds to in the
target framework; :func:`coverage` takes one in place of the shipped crosswalk."""


def _crosswalk(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[CrosswalkHit]]:
    """The shipped crosswalk's ``translate``, one source id at a time so each keeps its own
    evidence; the path is the chain of steps, each ``subject predicate object``."""
    return {source: _translated(source, framework) for source in ids}


@functools.lru_cache(maxsize=65536)
def _translated(source: str, framework: str) -> tuple[CrosswalkHit, ...]:
    # the shipped crosswalk never changes in a process, so one answer per id serves every module
    from ..crosswalk import translate

    result = translate([source], to=framework)
    return tuple(
        CrosswalkHit(
            c.target_id,
            c.predicate.value,
            c.confidence,
            tuple(str(step) for step in c.path),
            tuple(step.confidence for step in c.path),
        )
        for c in result.targets.values()
    )


def _full_id(entry: str, syllabus: Syllabus, framework: Framework) -> str:
    """An id as a module writes it (``ca-sb803:13``, or the bare code ``13`` of the program's
    framework, else of the framework reported on) made a full id."""
    return entry if ":" in entry else f"{syllabus.program.framework or framework.id}:{entry}"


def _resolve(entry: str, syllabus: Syllabus, framework: Framework, n: int, m: int) -> Item:
    try:
        return database().lookup(_full_id(entry, syllabus, framework))
    except UnknownIdError as exc:
        where = syllabus.place(n, "competencies", m)
        if "," in entry:
            hint = "separate ids with ';' in a CSV cell, or list them one by one"
        elif exc.suggestions:
            hint = did_you_mean(exc.suggestions)
        else:
            hint = "use an id of a shipped framework, e.g. ca-sb803:13"
        raise InputError(
            f"unknown competency id {entry!r}", file=syllabus.source, where=where, fix=hint
        ) from None


def _twice(entry: str, first: str, item_id: str) -> str:
    if entry == first:
        return f"{entry!r} is there twice"
    return f"{first!r} and {entry!r} are both {item_id}"


def _listed(module: Module, n: int, syllabus: Syllabus, framework: Framework) -> list[Item]:
    """The items a module lists, each once."""
    items: dict[str, int] = {}
    listed = []
    for m, entry in enumerate(module.competencies):
        item = _resolve(entry, syllabus, framework, n, m)
        if item.id in items:
            raise InputError(
                _twice(entry, module.competencies[items[item.id]], item.id),
                file=syllabus.source,
                where=syllabus.place(n, "competencies", m),
                fix="list each competency once",
            )
        items[item.id] = m
        listed.append(item)
    return listed


def _within(item: Item, target_ids: Mapping[str, Item]) -> list[tuple[Item, Via]]:
    """The targets an item of the target framework reaches: itself, the one above, or all below."""
    if item.id in target_ids:
        return [(item, Via.DIRECT)]
    above = [a for a in item.ancestors if a.id in target_ids]
    if above:
        return [(above[0], Via.PART)]
    return [(d, Via.WHOLE) for d in item.descendants if d.id in target_ids]


def _reach(
    item: Item,
    framework: Framework,
    target_ids: Mapping[str, Item],
    translated: Sequence[CrosswalkHit],
) -> list[Reach]:
    """The targets one listed item credits."""
    if item.framework_id == framework.id:
        return [Reach(t, via, via is Via.DIRECT) for t, via in _within(item, target_ids)]
    best: dict[str, tuple[CreditLevel, Reach]] = {}
    for tr in translated:
        hit = framework.get(tr.target_id)
        if hit is None:
            continue
        credit = crosswalk_credit(tr)
        for target, via in _within(hit, target_ids):
            # an item above or below the competency gives it part credit at most
            level = credit if via is Via.DIRECT else min(credit, CreditLevel.PART)
            reach = Reach(
                target,
                Via.CROSSWALK,
                level is CreditLevel.FULL,
                tr.confidence,
                tr.predicate,
                tr.path,
                hint=level is CreditLevel.HINT,
            )
            known = best.get(target.id)
            if known is None or (level, reach.confidence) > (known[0], known[1].confidence):
                best[target.id] = (level, reach)
    return [reach for _, reach in best.values()]


@functools.lru_cache(maxsize=65536)
def _shipped_reach(item_id: str, framework: str, via_crosswalk: bool) -> tuple[Reach, ...]:
    """What one shipped item credits in a shipped framework through the shipped crosswalk (or
    without it): the same for every module that lists the item, so worked out once per process
    (the framework's reach table, filled as ids are met)."""
    fw = database().framework(framework)
    item = database().lookup(item_id)
    foreign = via_crosswalk and item.framework_id != fw.id
    translated = _translated(item_id, fw.id) if foreign else ()
    return tuple(_reach(item, fw, _target_ids(framework), translated))


@functools.lru_cache(maxsize=64)
def _target_ids(framework: str) -> Mapping[str, Item]:
    return frozen_mapping({t.id: t for t in targets(database().framework(framework))})


def coverage(
    syllabus: Syllabus,
    framework: str,
    via_crosswalk: bool = True,
    suggest_unmapped: bool = True,
    translate: Translate | None = None,
    show_progress: bool = False,
    matcher: str = "default",
) -> CoverageReport:
    """The coverage of ``framework`` (an id) by ``syllabus``.

    With ``via_crosswalk``, ids of other frameworks are credited through the crosswalk.
    With ``suggest_unmapped``, modules that list no competency get text suggestions (shown, never
    counted). ``translate`` replaces the crosswalk (for tests and custom mappings);
    ``show_progress`` draws a bar on a terminal for a large syllabus; ``matcher`` names the
    suggestion matcher (``"default"``, or ``"semantic"`` with its extra). Credit and hours are
    given as this module's docstring says; an unknown or repeated id, a mistyped
    ``program.framework``, or named hours that cannot be placed raise
    :class:`~peer_competencies.InputError` at their place in the syllabus's file.
    """
    program_framework(syllabus)  # a mistyped one is reported where it is written
    fw = database().framework(framework)
    target_list = targets(fw)
    target_ids = {t.id: t for t in target_list}
    translator = translate or _crosswalk
    credits: dict[str, list[Credit]] = {t.id: [] for t in target_list}
    measures: dict[str, dict[str, None]] = {t.id: {} for t in target_list}
    uncredited: list[tuple[str, str]] = []
    unmapped: list[Module] = []
    modules: Iterable[tuple[int, Module]] = enumerate(syllabus.modules)
    if show_progress:
        modules = progress(modules, len(syllabus.modules), "coverage")
    for n, module in modules:
        if not module.competencies:
            unmapped.append(module)
            continue
        listed = _listed(module, n, syllabus, fw)
        if translate is None:  # the shipped crosswalk: one reach table per framework
            reach = {i.id: _shipped_reach(i.id, fw.id, via_crosswalk) for i in listed}
        else:
            foreign = [i.id for i in listed if i.framework_id != fw.id]
            translated = translator(foreign, fw.id) if via_crosswalk and foreign else {}
            reach = {
                i.id: tuple(_reach(i, fw, target_ids, translated.get(i.id, ()))) for i in listed
            }
        uncredited += [(module.id, i.id) for i in listed if all(r.hint for r in reach[i.id])]
        named = _named_hours(module, listed, reach, syllabus, fw, n)
        assessed = dict.fromkeys(module.measures)
        for credit in _split_hours(module, listed, reach, named, syllabus, n):
            credits[credit.target_id].append(credit)
            passing = not credit.full and credit.hours is not None and credit.hours <= 0
            if not credit.hint and not passing:  # a hint or a passing mention assesses nothing
                measures[credit.target_id].update(assessed)
    req = curriculum_requirement(fw.id)
    rows = []
    for target in target_list:
        found = credits[target.id]
        counted = [c for c in found if not c.hint]
        status = (
            CoverageStatus.COVERED
            if any(c.full for c in counted)
            else CoverageStatus.PARTIAL
            if counted
            else CoverageStatus.HINTED
            if found
            else CoverageStatus.MISSING
        )
        stated = math.fsum(c.hours for c in counted if c.hours is not None)
        unstated = tuple(dict.fromkeys(c.module_id for c in counted if c.hours is None))
        row = CompetencyCoverage(
            item=target,
            status=status,
            hours=None if unstated else stated,
            modules=tuple(dict.fromkeys(c.module_id for c in counted)),
            measures=tuple(measures[target.id]),
            credits=tuple(found),
            stated_hours=stated,
            hours_not_stated=unstated,
            programme_measures=syllabus.program.measures if counted else (),
        )
        if req is not None and status is CoverageStatus.COVERED:
            unmet, unjudged = competency_findings(req, row)
            if unmet:
                row = attrs.evolve(
                    row, status=CoverageStatus.COVERED_RULE_UNMET, rule_findings=tuple(unmet)
                )
            elif unjudged:
                row = attrs.evolve(
                    row,
                    status=CoverageStatus.COVERED_RULE_UNJUDGED,
                    rule_findings=tuple(unjudged),
                )
        rows.append(row)
    suggestions: dict[str, tuple[Suggestion, ...]] = {}
    if suggest_unmapped and unmapped:
        texts = [" ".join(filter(None, (m.title, m.description))) for m in unmapped]
        ranked = suggest_many(texts, fw.id, k=3, matcher=matcher)
        suggestions = {m.id: s for m, s in zip(unmapped, ranked, strict=True)}
    report = CoverageReport(
        syllabus,
        fw,
        via_crosswalk,
        tuple(rows),
        tuple(unmapped),
        tuple(uncredited),
        None,
        suggestions,
    )
    return attrs.evolve(report, requirement=check_requirement(report))


def _named_hours(
    module: Module,
    listed: list[Item],
    reach: Mapping[str, Sequence[Reach]],
    syllabus: Syllabus,
    framework: Framework,
    n: int,
) -> dict[str, float]:
    """``hours_by_competency`` by full id, each key checked to be a listed id or a competency
    one of them credits."""
    if not module.hours_by_competency:
        return {}
    known = {i.id for i in listed} | {
        r.target.id for found in reach.values() for r in found if not r.hint
    }
    named: dict[str, float] = {}
    keys: dict[str, str] = {}
    for key, hours in module.hours_by_competency.items():
        where = syllabus.place(n, "hours_by_competency", key)
        item = database().get(_full_id(key, syllabus, framework))
        if item is None or item.id not in known:
            raise InputError(
                f"{key!r} is not one of the module's ids or the competencies they credit",
                file=syllabus.source,
                where=where,
                fix="name one of the module's competency ids, or a competency they credit",
            )
        if item.id in named:
            raise InputError(
                _twice(key, keys[item.id], item.id),
                file=syllabus.source,
                where=where,
                fix="name each competency once",
            )
        named[item.id] = hours
        keys[item.id] = key
    return named


def _split_hours(
    module: Module,
    listed: list[Item],
    reach: Mapping[str, Sequence[Reach]],
    named: Mapping[str, float],
    syllabus: Syllabus,
    n: int,
) -> Iterable[Credit]:
    """The module's credits with their hours, by the rules of the module docstring."""
    listed_ids = {i.id for i in listed}
    sharing = [i.id for i in listed if i.id not in named]
    total = module.hours or 0.0
    rest = max(total - math.fsum(named.values()), 0.0)
    if not sharing and beyond(rest, 0.0):
        raise InputError(
            f"the named hours leave {rest:g} of the module's {total:g} hours, and every listed "
            "id is named: none is left to take them",
            file=syllabus.source,
            where=syllabus.place(n, "hours_by_competency"),
            fix="name all the module's hours, or lower its hours",
        )
    share = rest / len(sharing) if sharing else 0.0
    given: set[str] = set()  # competencies whose named hours were handed out already
    for item in listed:
        found = reach[item.id]
        item_hours = named.get(item.id, share)
        # hours follow the strongest correspondence: to the full credits when there are any,
        # else to the part credits; a hint takes none
        full = any(r.full for r in found)
        paid = sum(1 for r in found if (r.full if full else not r.hint))
        for r in found:
            pays = r.full if full else not r.hint
            hours: float | None = item_hours / paid if pays else 0.0
            target = r.target.id
            if target in named and target not in listed_ids and target not in given:
                hours = (hours or 0.0) + named[target]
                given.add(target)
            if module.hours is None and pays:
                hours = None  # a share of hours the module does not state
            yield Credit(
                target_id=target,
                module_id=module.id,
                module_title=module.title,
                listed_id=item.id,
                via=r.via,
                full=r.full,
                hours=hours,
                confidence=r.confidence,
                predicate=r.predicate,
                path=r.path,
                hint=r.hint,
            )
