"""Crosswalk credit: what a correspondence from another framework's id is worth (full, part or
a hint), the :data:`Translate` signature, and the shipped crosswalk's answers, cached per id.
The rules are the "How credit is given" part of the docstring of :mod:`._coverage`.

A credit through the crosswalk carries the crosswalk's own
:class:`~peer_competencies.crosswalk.Correspondence` (its predicate, confidence and path of
steps); :class:`CrosswalkHit`, the flat copy of it that coverage used to have, is kept until 0.3
for :data:`Translate` functions written against it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from ._result import CreditLevel

if TYPE_CHECKING:
    from ..crosswalk import Correspondence

__all__ = ["PARTIAL", "STRONG", "CrosswalkHit", "Translate", "crosswalk_credit"]

STRONG = 0.8
"""The least confidence of an exact or close crosswalk mapping that counts as full credit."""

PARTIAL = 0.75
"""The least confidence of an exact, close, broad or narrow crosswalk mapping that counts as
part credit. The crosswalk keeps rows built on a name alone at 0.7 or below, so these never
count; a chain's confidence (the product of its steps', less 10 % a step) must reach it too."""


@attrs.frozen
class CrosswalkHit:
    """Deprecated (goes in 0.3): a :data:`Translate` function gives the crosswalk's
    :class:`~peer_competencies.crosswalk.Correspondence` instead.

    What the crosswalk says one id of another framework corresponds to in the framework
    reported on. ``path`` is the chain of steps, each ``subject relation object``;
    ``step_confidences``, when given, the confidence of each step (else each step is taken at
    ``confidence``, the chain's own, which is never more than any step's)."""

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


def _steps(hit: Correspondence | CrosswalkHit) -> list[tuple[str, float]]:
    """Each step's relation and confidence."""
    if not isinstance(hit, CrosswalkHit):
        return [(step.relation, step.confidence) for step in hit.path]
    steps = []
    for n, step in enumerate(hit.path):
        parts = step.split()
        relation = parts[1] if len(parts) == 3 else ""
        own = hit.step_confidences[n] if n < len(hit.step_confidences) else hit.confidence
        steps.append((relation, own))
    return steps


def _predicate(hit: Correspondence | CrosswalkHit) -> str:
    """The predicate's CURIE."""
    return hit.predicate if isinstance(hit, CrosswalkHit) else hit.predicate.value


def _path(hit: Correspondence | CrosswalkHit) -> tuple[str, ...]:
    """The path as the report writes it: each step ``subject relation object``."""
    return hit.path if isinstance(hit, CrosswalkHit) else tuple(str(step) for step in hit.path)


def crosswalk_credit(hit: Correspondence | CrosswalkHit) -> CreditLevel:
    """The credit a crosswalk correspondence gives the item it reaches: the least of what its
    predicate gives at its confidence and what each step of its path gives alone (exact or
    close at :data:`STRONG`: full; exact, close, broad or narrow at :data:`PARTIAL`: part; a
    move within a hierarchy: part; anything else, a related match among them: a hint)."""
    level = _level(_predicate(hit), hit.confidence)
    for relation, confidence in _steps(hit):
        level = min(level, _level(relation, confidence))
    return level


Translate = Callable[[Sequence[str], str], "Mapping[str, Sequence[Correspondence | CrosswalkHit]]"]
"""``(ids of other frameworks, target framework id)`` → what each id corresponds to in the
target framework, as the crosswalk's :class:`~peer_competencies.crosswalk.Correspondence`
(a :class:`CrosswalkHit` is still taken until 0.3); :func:`coverage` takes one in place of the
shipped crosswalk."""


def _crosswalk(ids: Sequence[str], framework: str) -> Mapping[str, Sequence[Correspondence]]:
    """The shipped crosswalk's ``translate``, one source id at a time so each keeps its own
    evidence."""
    return {source: _translated(source, framework) for source in ids}


@functools.lru_cache(maxsize=65536)
def _translated(source: str, framework: str) -> tuple[Correspondence, ...]:
    # the shipped crosswalk never changes in a process, so one answer per id serves every module
    from ..crosswalk import translate

    return tuple(translate([source], to=framework).targets.values())
