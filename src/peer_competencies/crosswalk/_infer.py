"""Inference over the crosswalk: reading mappings backwards, and chaining them.

A chain composes the predicates of its steps (``compose``); hierarchy moves count as
``broadMatch`` (child to parent) and ``narrowMatch`` (parent to child). Its confidence is the
product of the steps' confidences times :data:`DECAY` for every step after the first, so a
longer chain is always less sure than its parts. A curated negative (``Not``, or
``sssom:NoTermFound``) blocks the inferences it denies.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType

import attrs

from ._model import NO_TERM_FOUND, MappingRecord, Predicate, Step

__all__ = [
    "DECAY",
    "MAX_HOPS",
    "Link",
    "Negatives",
    "compose",
    "denies",
    "negatives_of",
    "rank",
    "search",
]

DECAY = 0.9
"""What each step after the first multiplies a chain's confidence by."""

MAX_HOPS = 3
"""How many steps a chain may take by default (``max_hops``; 1 means asserted mappings only)."""

BROADER = "skos:broader"
NARROWER = "skos:narrower"

E, C, B, N, R = (
    Predicate.EXACT,
    Predicate.CLOSE,
    Predicate.BROAD,
    Predicate.NARROW,
    Predicate.RELATED,
)

_TABLE: Mapping[tuple[Predicate, Predicate], Predicate] = {
    (C, C): R,  # closeMatch is not transitive: two near-equivalences only say "related"
    (C, B): B,
    (B, C): B,
    (C, N): N,
    (N, C): N,
    (C, R): R,
    (R, C): R,
    (B, B): B,  # broader of a broader is broader
    (N, N): N,
    (N, B): R,  # both contain the same item: they overlap
    (N, R): R,  # what contains an item related to x is related to x
    (R, B): R,  # what is related to an item is related to what contains it
}


def compose(first: Predicate, second: Predicate) -> Predicate | None:
    """The predicate of ``a first b`` then ``b second c`` read as ``a ? c``, or None.

    ``exactMatch`` is neutral on either side; ``broad`` then ``narrow`` (two items under one
    broader item) and chains of ``relatedMatch`` give nothing.
    """
    if first is E:
        return second
    if second is E:
        return first
    return _TABLE.get((first, second))


def denies(negative: Predicate, positive: Predicate) -> bool:
    """True when a curated ``negative`` (a ``Not`` or a no-match with this predicate) rules out
    a mapping with predicate ``positive``: the same predicate; an exact match when not even a
    close one holds; anything when not even a related one holds."""
    return (
        negative is positive
        or (negative is Predicate.CLOSE and positive is Predicate.EXACT)
        or negative is Predicate.RELATED
    )


Link = tuple[Predicate, Step]
"""One way out of an item: the step it takes (from the item, by an asserted mapping read
forwards or backwards, or a hierarchy move) and the predicate that step counts as in a chain."""


@attrs.frozen
class Negatives:
    """The curated negatives, oriented from each item: on a pair, and into a framework."""

    pairs: Mapping[tuple[str, str], tuple[Predicate, ...]]
    frameworks: Mapping[tuple[str, str], tuple[Predicate, ...]]

    def blocks(self, source: str, predicate: Predicate, target: str) -> bool:
        """True when a curated negative denies ``source predicate target``."""
        framework = target.partition(":")[0]
        denied = (
            *self.pairs.get((source, target), ()),
            *self.frameworks.get((source, framework), ()),
        )
        return any(denies(q, predicate) for q in denied)


def negatives_of(records: Iterable[MappingRecord]) -> Negatives:
    """The curated negatives among ``records``, oriented from each side."""
    pairs: dict[tuple[str, str], list[Predicate]] = {}
    frameworks: dict[tuple[str, str], list[Predicate]] = {}
    for record in records:
        if record.positive:
            continue
        s, o, p = record.subject_id, record.object_id, record.predicate
        if s == NO_TERM_FOUND and record.subject_source:
            frameworks.setdefault((o, record.subject_source), []).append(p.inverse)
        elif o == NO_TERM_FOUND and record.object_source:
            frameworks.setdefault((s, record.object_source), []).append(p)
        else:
            pairs.setdefault((s, o), []).append(p)
            pairs.setdefault((o, s), []).append(p.inverse)
    return Negatives(
        pairs=MappingProxyType({k: tuple(v) for k, v in pairs.items()}),
        frameworks=MappingProxyType({k: tuple(v) for k, v in frameworks.items()}),
    )


@attrs.frozen
class Found:
    """A candidate inference: where a path ends, with what predicate and confidence."""

    target: str
    predicate: Predicate
    confidence: float
    steps: tuple[Step, ...]


def rank(confidence: float, predicate: Predicate, steps: Sequence[Step]) -> tuple[object, ...]:
    """Sort key, best first: higher confidence, stronger predicate, shorter path, then ids."""
    return (-round(confidence, 9), -predicate.strength, len(steps), [str(s) for s in steps])


def search(
    source: str,
    links: Mapping[str, Sequence[Link]],
    max_hops: int,
) -> Iterator[Found]:
    """Every path of 1 to ``max_hops`` steps out of ``source`` whose predicates compose, ending
    outside the source's framework. Paths never revisit an item."""
    home = source.partition(":")[0]
    stack: list[tuple[str, Predicate | None, float, tuple[Step, ...], frozenset[str]]] = [
        (source, None, 1.0, (), frozenset({source}))
    ]
    while stack:
        node, predicate, confidence, steps, seen = stack.pop()
        for counts_as, step in links.get(node, ()):
            target = step.object_id
            if target in seen:
                continue
            composed = counts_as if predicate is None else compose(predicate, counts_as)
            if composed is None:
                continue
            path = (*steps, step)
            product = confidence * step.confidence
            if target.partition(":")[0] != home:
                yield Found(target, composed, product * DECAY ** (len(path) - 1), path)
            if len(path) < max_hops:
                stack.append((target, composed, product, path, seen | {target}))
