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

import math
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .._didyoumean import did_you_mean
from .._errors import InputError, UnknownIdError
from .._load import database
from .._model import Framework, Item
from .._terminal import progress
from ._credit import (
    CrosswalkHit,
    Translate,
    _crosswalk,
    _path,
    _predicate,
    _translated,
    crosswalk_credit,
)
from ._hours import Listed, _full_id, _named_hours, _split_hours, _twice
from ._requirements import (
    CurriculumRequirement,
    check_requirement,
    competency_findings,
    curriculum_requirement,
)
from ._result import (
    CompetencyCoverage,
    CoverageReport,
    CoverageStatus,
    CreditEntry,
    CreditLevel,
    Reach,
    Via,
    _lazy_row,
)
from ._suggest import Suggestion, suggest_many, targets
from ._syllabus import Module, Syllabus, program_framework

if TYPE_CHECKING:
    from ..crosswalk import Correspondence

__all__ = ["coverage"]


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
    translated: Sequence[Correspondence | CrosswalkHit],
    within: Callable[[Item], Sequence[tuple[Item, Via]]] | None = None,
) -> list[Reach]:
    """The targets one listed item credits (``within``: :func:`_within` for this framework,
    when the caller keeps its answers)."""
    within = within or (lambda found: _within(found, target_ids))
    if item.framework_id == framework.id:
        return [Reach(t, via, via is Via.DIRECT) for t, via in within(item)]
    best: dict[str, tuple[CreditLevel, Reach]] = {}
    for tr in translated:
        hit = framework.get(tr.target_id)
        if hit is None:
            continue
        credit = crosswalk_credit(tr)
        predicate, path = _predicate(tr), _path(tr)
        correspondence = None if isinstance(tr, CrosswalkHit) else tr
        for target, via in within(hit):
            # an item above or below the competency gives it part credit at most
            level = credit if via is Via.DIRECT else min(credit, CreditLevel.PART)
            known = best.get(target.id)
            if known is None or (level, tr.confidence) > (known[0], known[1].confidence):
                reach = Reach(
                    target,
                    Via.CROSSWALK,
                    level is CreditLevel.FULL,
                    tr.confidence,
                    predicate,
                    path,
                    hint=level is CreditLevel.HINT,
                    correspondence=correspondence,
                )
                best[target.id] = (level, reach)
    return [reach for _, reach in best.values()]


class _Table:
    """A shipped framework's reach table for the shipped crosswalk (or none): each id, as a
    module writes it made a full id, to its :class:`Listed` (what it credits and how its hours
    go). The same for every module and every report, so filled once per process as ids are met;
    what the crosswalk says of an id is asked once per framework (:func:`_translated`)."""

    def __init__(self, framework: Framework, via_crosswalk: bool) -> None:
        self.framework = framework
        self.via_crosswalk = via_crosswalk
        self.targets = targets(framework)
        self.target_ids = {t.id: t for t in self.targets}
        self.by_entry: dict[str, Listed] = {}
        self._by_item: dict[str, Listed] = {}
        self._within: dict[str, Sequence[tuple[Item, Via]]] = {}

    def within(self, item: Item) -> Sequence[tuple[Item, Via]]:
        """:func:`_within`, kept per item (many ids reach the same item of the framework)."""
        found = self._within.get(item.id)
        if found is None:
            found = self._within[item.id] = tuple(_within(item, self.target_ids))
        return found

    def fill(self, full_id: str) -> Listed | None:
        """The id's :class:`Listed`, worked out and kept; None for an unknown id."""
        item = database().get(full_id)
        if item is None:
            return None
        found = self._by_item.get(item.id)
        if found is None:
            fw = self.framework
            foreign = self.via_crosswalk and item.framework_id != fw.id
            translated = _translated(item.id, fw.id) if foreign else ()
            found = Listed(item, _reach(item, fw, self.target_ids, translated, self.within))
        with _LOCK:
            if len(self.by_entry) >= _MOST:  # (only a process meeting spellings without end)
                self.by_entry.clear()
                self._by_item.clear()
            found = self._by_item.setdefault(item.id, found)
            self.by_entry[full_id] = found
        return found


_MOST = 65536
_LOCK = threading.Lock()
_TABLES: dict[tuple[str, bool], _Table] = {}


def _table(framework: Framework, via_crosswalk: bool) -> _Table:
    with _LOCK:
        found = _TABLES.get((framework.id, via_crosswalk))
        if found is None or found.framework is not framework:
            found = _TABLES[framework.id, via_crosswalk] = _Table(framework, via_crosswalk)
        return found


def _listed_shipped(module: Module, n: int, syllabus: Syllabus, table: _Table) -> list[Listed]:
    """:func:`_listed` through the framework's table (the same items, or the same error)."""
    by_entry = table.by_entry
    prefix = f"{syllabus.program.framework or table.framework.id}:"
    listed = []
    for entry in module.competencies:
        key = entry if ":" in entry else prefix + entry
        found = by_entry.get(key) or table.fill(key)
        if found is None:
            break  # an unknown id: _listed says where, with its fix
        listed.append(found)
    else:
        if len(listed) == 1 or len({i.item.id for i in listed}) == len(listed):
            return listed
    _listed(module, n, syllabus, table.framework)  # raises the first error, at its place
    raise AssertionError("unreachable: _listed raises")  # pragma: no cover


def _listed_translated(
    module: Module,
    n: int,
    syllabus: Syllabus,
    framework: Framework,
    target_ids: Mapping[str, Item],
    translate: Translate,
    via_crosswalk: bool,
) -> list[Listed]:
    """The module's ids with what each credits through a ``translate`` of the caller's."""
    items = _listed(module, n, syllabus, framework)
    foreign = [i.id for i in items if i.framework_id != framework.id]
    translated = translate(foreign, framework.id) if via_crosswalk and foreign else {}
    return [Listed(i, _reach(i, framework, target_ids, translated.get(i.id, ()))) for i in items]


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
    table = _table(fw, via_crosswalk) if translate is None else None
    target_list = table.targets if table is not None else targets(fw)
    target_ids = {t.id: t for t in target_list}
    credits: dict[str, list[CreditEntry]] = {t.id: [] for t in target_list}
    uncredited: list[tuple[str, str]] = []
    unmapped: list[Module] = []
    modules: Iterable[tuple[int, Module]] = enumerate(syllabus.modules)
    if show_progress:
        modules = progress(modules, len(syllabus.modules), "coverage")
    for n, module in modules:
        if not module.competencies:
            unmapped.append(module)
            continue
        if table is not None:  # the shipped crosswalk: the framework's reach table
            listed = _listed_shipped(module, n, syllabus, table)
        else:
            listed = _listed_translated(
                module, n, syllabus, fw, target_ids, translate or _crosswalk, via_crosswalk
            )
        for i in listed:
            if i.uncredited:
                uncredited.append((module.id, i.item.id))
        named = _named_hours(module, listed, syllabus, fw, n)
        _split_hours(module, listed, named, syllabus, n, credits)
    req = curriculum_requirement(fw.id)
    programme = syllabus.program.measures
    rows = [_row(target, credits[target.id], programme, req) for target in target_list]
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


def _row(
    target: Item,
    found: list[CreditEntry],
    programme: tuple[str, ...],
    req: CurriculumRequirement | None,
) -> CompetencyCoverage:
    """One competency's coverage from the credits it got (a credit's measures count unless it
    is a hint or a passing mention: part credit with no hours)."""
    measures: dict[str, None] = {}
    counted: list[CreditEntry] = []
    full = False
    for entry in found:
        reach, module, _, hours = entry
        if reach.hint:
            continue
        counted.append(entry)
        if reach.full:
            full = True
        elif hours is not None and hours <= 0:
            continue  # a passing mention assesses nothing
        for measure in module.measures:
            measures[measure] = None
    status = (
        CoverageStatus.COVERED
        if full
        else CoverageStatus.PARTIAL
        if counted
        else CoverageStatus.HINTED
        if found
        else CoverageStatus.MISSING
    )
    stated = math.fsum(e[3] for e in counted if e[3] is not None)
    unstated = tuple(dict.fromkeys(e[1].id for e in counted if e[3] is None))
    row = _lazy_row(
        target,
        status,
        None if unstated else stated,
        tuple(dict.fromkeys(e[1].id for e in counted)),
        tuple(measures),
        tuple(found),
        stated,
        unstated,
        programme if counted else (),
    )
    if req is not None and status is CoverageStatus.COVERED:
        unmet, unjudged = competency_findings(req, row)
        if unmet or unjudged:
            row = _lazy_row(
                target,
                CoverageStatus.COVERED_RULE_UNMET
                if unmet
                else CoverageStatus.COVERED_RULE_UNJUDGED,
                row.hours,
                row.modules,
                row.measures,
                tuple(found),
                stated,
                unstated,
                row.programme_measures,
                tuple(unmet or unjudged),
            )
    return row
