"""Crosswalk credit: what a correspondence from another framework's id is worth (full, part or
a hint), the :data:`Translate` signature, and the shipped crosswalk's answers, cached per id.
The rules are the "How credit is given" part of the docstring of :mod:`._coverage`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence

import attrs

from ._result import CreditLevel

__all__ = ["PARTIAL", "STRONG", "CrosswalkHit", "Translate", "crosswalk_credit"]

STRONG = 0.8
"""The least confidence of an exact or close crosswalk mapping that counts as full credit."""

PARTIAL = 0.75
"""The least confidence of an exact, close, broad or narrow crosswalk mapping that counts as
part credit. The crosswalk keeps rows built on a name alone at 0.7 or below, so these never
count; a chain's confidence (the product of its steps', less 10 % a step) must reach it too."""


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
