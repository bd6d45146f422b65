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

import functools
import math
from collections.abc import Iterable, Mapping, Sequence

import attrs

from .._didyoumean import did_you_mean
from .._errors import InputError, UnknownIdError
from .._load import database
from .._model import Framework, Item
from .._structure import frozen_mapping
from .._terminal import progress
from ._credit import CrosswalkHit, Translate, _crosswalk, _translated, crosswalk_credit
from ._hours import _full_id, _named_hours, _split_hours, _twice
from ._requirements import (
    check_requirement,
    competency_findings,
    curriculum_requirement,
)
from ._result import (
    CompetencyCoverage,
    CoverageReport,
    CoverageStatus,
    Credit,
    CreditLevel,
    Reach,
    Via,
)
from ._suggest import Suggestion, suggest_many, targets
from ._syllabus import Module, Syllabus, program_framework

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
