"""The crosswalk's queries: an item's mappings (asserted, or inferred by inversion and
chaining) and the translation of items into another framework, each best first.

:class:`Paths` keeps each item's searched paths and best paths (the crosswalk never changes, so
every query after an item's first reuses them); the rest ranks and words the answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from .._model import Item
from ._infer import BROADER, Found, Link, Negatives, rank, search
from ._model import (
    Correspondence,
    Justification,
    MappingRecord,
    Predicate,
    Step,
    Translation,
    effective_confidence,
    other_framework,
    step_of,
)

__all__ = ["Paths", "climbs", "inverted", "mappings", "translate"]

Kept = tuple[tuple[tuple[object, ...], Found], ...]


class Paths:
    """Every item's paths out, searched once and kept: all of them for filtered queries
    (translate asks per target framework), only the best per target for unfiltered ones
    (fewer objects for the collector). Filled by one thread or another, each entry the same
    whoever computes it."""

    def __init__(
        self, links: Callable[[], Mapping[str, Sequence[Link]]], negatives: Negatives
    ) -> None:
        self._links = links
        self._negatives = negatives
        self._found: dict[tuple[str, int], Kept] = {}
        self._best: dict[tuple[str, int], Mapping[str, Found]] = {}

    def best(
        self, item_id: str, max_hops: int, accept: Callable[[Found], bool] | None = None
    ) -> Mapping[str, Found]:
        """The best accepted path to every item reachable from ``item_id``: an asserted mapping
        between the two (read either way) wins over any chain, else the best-ranked chain that
        no curated negative denies. Accepting every path, the answer is kept for the next call."""
        if accept is None:
            kept = self._best.get((item_id, max_hops))
            if kept is not None:
                return kept
        best: dict[str, tuple[tuple[object, ...], Found]] = {}
        every = self._found.get((item_id, max_hops))
        if every is None and accept is not None:
            every = self._found[(item_id, max_hops)] = tuple(self._paths(item_id, max_hops))
        for key, found in self._paths(item_id, max_hops) if every is None else every:
            if accept is not None and not accept(found):
                continue
            current = best.get(found.target)
            if (
                current is None
                or key < current[0]
                or (key == current[0] and _path_rank(found) < _path_rank(current[1]))
            ):
                best[found.target] = (key, found)
        paths = MappingProxyType({target: found for target, (_, found) in best.items()})
        if accept is None:
            self._best[(item_id, max_hops)] = paths
        return paths

    def _paths(self, item_id: str, max_hops: int) -> Iterator[tuple[tuple[object, ...], Found]]:
        """Every path out of ``item_id`` that no curated negative denies (a one-step path is an
        asserted mapping, which stands), with its rank key."""
        for found in search(item_id, self._links(), max_hops):
            if len(found.steps) == 1 or not self._negatives.blocks(
                item_id, found.predicate, found.target
            ):
                yield _path_key(found), found  # the wording breaks ties only: made only then


def mappings(
    paths: Paths,
    items: Mapping[str, Item],
    involved: Sequence[MappingRecord],
    item_id: str,
    to: str | None,
    inferred: bool,
    max_hops: int,
) -> tuple[MappingRecord, ...]:
    """:meth:`Crosswalk.mappings` on checked arguments; ``involved`` holds the asserted
    mappings with the item on one side."""
    if not inferred:
        found = [r for r in involved if to is None or other_framework(r, item_id) == to]
        return tuple(sorted(found, key=_record_rank))
    oriented = [r if r.subject_id == item_id else inverted(r) for r in involved]
    direct = [r for r in oriented if to is None or other_framework(r, item_id) == to]
    linked = {r.object_id for r in oriented if r.positive}  # an asserted mapping wins
    chained = [
        _chained(items, item_id, found)
        for found in paths.best(item_id, max_hops).values()
        if found.target not in linked and (to is None or found.target.startswith(f"{to}:"))
    ]
    return tuple(sorted([*direct, *chained], key=_record_rank))


def translate(
    paths: Paths,
    involved: Mapping[str, Sequence[MappingRecord]],
    source_ids: tuple[str, ...],
    to: str,
    wanted: frozenset[Predicate],
    min_confidence: float,
    max_hops: int,
) -> Translation:
    """:meth:`Crosswalk.translate` on checked arguments; ``involved`` maps each item id to the
    asserted mappings with it on one side."""
    best: dict[str, Correspondence] = {}
    reached: set[str] = set()
    no_match: dict[str, tuple[MappingRecord, ...]] = {}

    def accept(found: Found) -> bool:
        return (
            found.target.startswith(f"{to}:")
            and found.predicate in wanted
            and round(found.confidence, 4) >= min_confidence
        )

    for source_id in source_ids:
        candidates: list[Correspondence] = []
        if source_id.startswith(f"{to}:"):
            candidates.append(
                Correspondence(
                    source_id=source_id,
                    target_id=source_id,
                    predicate=Predicate.EXACT,
                    confidence=1.0,
                    justification=Justification.LOGICAL_REASONING,
                )
            )
        for found in paths.best(source_id, max_hops, accept).values():
            steps = found.steps
            record = steps[0].record
            if len(steps) == 1 and record is not None and not steps[0].inverted:
                justification = record.justification
            elif len(steps) == 1:
                justification = Justification.MAPPING_INVERSION
            else:
                justification = Justification.MAPPING_CHAINING
            candidates.append(
                Correspondence(
                    source_id=source_id,
                    target_id=found.target,
                    predicate=found.predicate,
                    confidence=round(found.confidence, 4),
                    justification=justification,
                    path=steps,
                )
            )
        kept = [c for c in candidates if c.predicate in wanted and c.confidence >= min_confidence]
        if kept:
            reached.add(source_id)
        for candidate in kept:
            current = best.get(candidate.target_id)
            if current is None or _rank(candidate) < _rank(current):
                best[candidate.target_id] = candidate
        negatives = tuple(
            r if r.subject_id == source_id else inverted(r)
            for r in involved.get(source_id, ())
            if not r.positive and other_framework(r, source_id) == to
        )
        if negatives:
            no_match[source_id] = negatives
    ordered = sorted(best.values(), key=lambda c: (_rank(c)[:4], c.target_id))
    return Translation(
        to=to,
        source_ids=source_ids,
        targets={c.target_id: c for c in ordered},
        unmatched=tuple(s for s in source_ids if s not in reached),
        no_match=no_match,
    )


def _chained(items: Mapping[str, Item], item_id: str, found: Found) -> MappingRecord:
    """The record of a chain (two steps or more: a one-step path is an asserted mapping,
    which :func:`mappings` lists itself, inverted where need be)."""
    steps = found.steps
    return MappingRecord(
        subject_id=item_id,
        predicate=found.predicate,
        object_id=found.target,
        justification=Justification.MAPPING_CHAINING,
        confidence=round(found.confidence, 4),
        subject_label=items[item_id].text,
        object_label=items[found.target].text,
        comment="chained: " + " ; ".join(map(str, steps)),
        path=steps,
    )


def inverted(record: MappingRecord) -> MappingRecord:
    """The record read from its object's side (``semapv:MappingInversion``), its path the one
    inverted step and its comment saying where the original was read."""
    step = step_of(record, inverted=True)
    why = "inverted from " + (
        f"{Path(record.file).name}:{record.line}" if record.file and record.line else record.where
    )
    return MappingRecord(
        subject_id=record.object_id,
        predicate=record.predicate.inverse,
        object_id=record.subject_id,
        justification=Justification.MAPPING_INVERSION,
        confidence=record.confidence,
        negated=record.negated,
        subject_label=record.object_label,
        object_label=record.subject_label,
        subject_source=record.object_source,
        object_source=record.subject_source,
        author_id=record.author_id,
        author_label=record.author_label,
        mapping_date=record.mapping_date,
        comment=f"{why}: {record.comment}" if record.comment else why,
        mapping_set_id=record.mapping_set_id,
        path=(step,),
    )


# -- ranking: best first ----------------------------------------------------------------------


def climbs(steps: Sequence[Step]) -> int:
    """How many steps a path climbs its source's own hierarchy (child to parent) before its
    first mapping: 0 for a path that starts from the item's own mappings, 1 for one that
    starts from its parent's. The fewer, the finer the evidence."""
    n = 0
    for step in steps:
        if step.relation != BROADER:
            break
        n += 1
    return n


def _path_key(found: Found) -> tuple[object, ...]:
    """:func:`_path_rank` without its last part (the steps' wording), which only breaks ties."""
    return (
        len(found.steps) != 1,
        climbs(found.steps),
        -round(found.confidence, 9),
        -found.predicate.strength,
        len(found.steps),
    )


def _path_rank(found: Found) -> tuple[object, ...]:
    """Best first: an asserted mapping before any chain, then the finest chain (fewest climbs
    up the source's hierarchy: a chain through the item's own statement-level mappings before
    one through its category's), then :func:`rank`."""
    return (
        len(found.steps) != 1,
        climbs(found.steps),
        *rank(found.confidence, found.predicate, found.steps),
    )


def _record_rank(record: MappingRecord) -> tuple[object, ...]:
    """Finest first: positive mappings, asserted before chained, chains through the item's own
    mappings before those through its parents', then confidence, predicate strength, path
    length and ids."""
    return (
        not record.positive,
        len(record.path) > 1,
        climbs(record.path),
        -round(effective_confidence(record), 9),
        -record.predicate.strength,
        len(record.path),
        record.object_id,
        record.subject_id,
    )


def _rank(c: Correspondence) -> tuple[object, ...]:
    """Finest first, as :func:`_path_rank`: direct, then fewest climbs, then :func:`rank`."""
    return (not c.direct, climbs(c.path), *rank(c.confidence, c.predicate, c.path))
