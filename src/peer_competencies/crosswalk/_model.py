"""The crosswalk's typed model: predicates, justifications, mapping records and query results.

Every class is frozen; collections are tuples or read-only ``Mapping`` views, so nothing the
crosswalk hands out can change the shipped data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from .._enum import TextEnum
from .._structure import frozen_mapping

__all__ = [
    "NO_TERM_FOUND",
    "Cell",
    "Completeness",
    "CompletenessEntry",
    "Correspondence",
    "Justification",
    "MappingRecord",
    "MappingSet",
    "PairFigures",
    "Predicate",
    "Problem",
    "Step",
    "Translation",
    "effective_confidence",
    "other_framework",
    "other_id",
    "step_of",
]

NO_TERM_FOUND = "sssom:NoTermFound"
"""The SSSOM placeholder for "no item of that framework matches" (with ``*_source`` naming it)."""


def _frozen(value: object) -> object:
    """A YAML value made read-only: lists become tuples, mappings read-only views."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def _frozen_map(value: Mapping[str, object]) -> Mapping[str, object]:
    """A read-only copy of a header's slots, the values inside frozen too (``frozen_mapping``
    copies one level only; a header slot may hold lists and mappings)."""
    return MappingProxyType({k: _frozen(v) for k, v in value.items()})


class Predicate(TextEnum):
    """The SKOS mapping predicates the crosswalk uses. The value is the CURIE written in SSSOM."""

    EXACT = "skos:exactMatch"
    CLOSE = "skos:closeMatch"
    BROAD = "skos:broadMatch"
    NARROW = "skos:narrowMatch"
    RELATED = "skos:relatedMatch"

    @property
    def strength(self) -> int:
        """4 exact, 3 close, 2 broad or narrow, 1 related: how much the mapping claims."""
        return _STRENGTH[self]

    @property
    def inverse(self) -> Predicate:
        """The predicate read from the object's side (broad and narrow swap; the rest are
        symmetric)."""
        return _INVERSE.get(self, self)

    @property
    def symmetric(self) -> bool:
        """True for exact, close and related matches."""
        return self not in _INVERSE

    @property
    def label(self) -> str:
        """A short English name: ``exact``, ``close``, ``broad``, ``narrow``, ``related``."""
        return self.value.removeprefix("skos:").removesuffix("Match")


_STRENGTH = {
    Predicate.EXACT: 4,
    Predicate.CLOSE: 3,
    Predicate.BROAD: 2,
    Predicate.NARROW: 2,
    Predicate.RELATED: 1,
}
_INVERSE = {Predicate.BROAD: Predicate.NARROW, Predicate.NARROW: Predicate.BROAD}


class Justification(TextEnum):
    """The semapv mapping justifications SSSOM allows. The value is the CURIE."""

    MANUAL_MAPPING_CURATION = "semapv:ManualMappingCuration"
    MAPPING_REVIEW = "semapv:MappingReview"
    LOGICAL_REASONING = "semapv:LogicalReasoning"
    LEXICAL_MATCHING = "semapv:LexicalMatching"
    COMPOSITE_MATCHING = "semapv:CompositeMatching"
    UNSPECIFIED_MATCHING = "semapv:UnspecifiedMatching"
    SEMANTIC_SIMILARITY_THRESHOLD_MATCHING = "semapv:SemanticSimilarityThresholdMatching"
    LEXICAL_SIMILARITY_THRESHOLD_MATCHING = "semapv:LexicalSimilarityThresholdMatching"
    MAPPING_CHAINING = "semapv:MappingChaining"
    MAPPING_INVERSION = "semapv:MappingInversion"
    STRUCTURAL_MATCHING = "semapv:StructuralMatching"
    INSTANCE_BASED_MATCHING = "semapv:InstanceBasedMatching"
    BACKGROUND_KNOWLEDGE_BASED_MATCHING = "semapv:BackgroundKnowledgeBasedMatching"


@attrs.frozen
class Step:
    """One link of the path that explains a mapping.

    ``relation`` is a predicate CURIE for a mapping, or ``skos:broader`` / ``skos:narrower``
    for a move inside one framework's hierarchy. ``record`` is the asserted mapping the step
    uses (None for a hierarchy move); ``inverted`` is true when the step reads that mapping
    from its object's side.
    """

    subject_id: str
    relation: str
    object_id: str
    confidence: float
    record: MappingRecord | None = None
    inverted: bool = False

    def __str__(self) -> str:
        return f"{self.subject_id} {self.relation} {self.object_id}"


@attrs.frozen(kw_only=True)
class MappingRecord:
    """One mapping: a row of an SSSOM mapping set, or one the crosswalk inferred.

    ``subject_id`` and ``object_id`` are item ids (``samhsa-2015:VIII.4``) or
    :data:`NO_TERM_FOUND`, in which case ``subject_source`` / ``object_source`` names the
    framework in which nothing matches. ``negated`` is SSSOM's ``predicate_modifier: Not``.
    Inferred records carry the ``path`` that explains them; asserted records have an empty
    path and, when read from a file, its name and line. ``extra`` keeps the row's other SSSOM
    columns (``reviewer_label``, ``similarity_score``, a declared extension slot …) as written,
    by column name, so that writing the set back loses nothing.
    """

    # SSSOM's slots in the order of its specification (keyword-only, so order is free)
    subject_id: str
    subject_label: str | None = None
    subject_source: str | None = None
    predicate: Predicate
    negated: bool = False
    object_id: str
    object_label: str | None = None
    object_source: str | None = None
    justification: Justification
    author_id: tuple[str, ...] = ()
    author_label: tuple[str, ...] = ()
    reviewer_id: tuple[str, ...] = ()
    creator_id: tuple[str, ...] = ()
    license: str | None = None
    mapping_date: dt.date | None = None
    confidence: float | None = None
    comment: str | None = None
    # the package's own: not hashed (a read-only view has no hash), so that a record stays hashable
    extra: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_mapping, hash=False)
    mapping_set_id: str | None = None
    file: str | None = None
    line: int | None = None
    path: tuple[Step, ...] = ()

    @property
    def no_term_found(self) -> bool:
        """True when one side is :data:`NO_TERM_FOUND`: a curated "nothing matches"."""
        return NO_TERM_FOUND in (self.subject_id, self.object_id)

    @property
    def positive(self) -> bool:
        """True for a mapping that says two items correspond (not negated, not a no-match)."""
        return not self.negated and not self.no_term_found

    @property
    def inferred(self) -> bool:
        """True for a mapping the crosswalk derived (by inversion or chaining)."""
        return bool(self.path)

    @property
    def where(self) -> str:
        """``file:line`` where the record was read, or its mapping set, or ``inferred``."""
        if self.file is not None and self.line is not None:
            return f"{self.file}:{self.line}"
        return self.mapping_set_id or ("inferred" if self.path else "(unknown)")

    def __str__(self) -> str:
        modifier = "not " if self.negated else ""
        conf = "" if self.confidence is None else f" ({self.confidence:.2f})"
        subject, obj = self.subject_id, self.object_id
        if subject == NO_TERM_FOUND:
            subject = f"{NO_TERM_FOUND} in {self.subject_source}"
        if obj == NO_TERM_FOUND:
            obj = f"{NO_TERM_FOUND} in {self.object_source}"
        return f"{subject} {modifier}{self.predicate.value} {obj}{conf}"


@attrs.frozen(kw_only=True)
class MappingSet:
    """An SSSOM mapping set: its metadata (the YAML header) and its records in file order.

    ``file`` and ``columns`` (the table's column names, in order) say where it was read from.
    ``extra`` keeps the header's other SSSOM slots (``see_also``, ``extension_definitions`` …)
    as read (lists as tuples, mappings as read-only views), so that writing it back loses nothing.
    """

    id: str
    license: str
    records: tuple[MappingRecord, ...]
    version: str | None = None
    title: str | None = None
    description: str | None = None
    curie_map: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_mapping)
    creator_id: tuple[str, ...] = ()
    mapping_date: dt.date | None = None
    comment: str | None = None
    extra: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_map)
    file: str | None = None
    columns: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.records)


def effective_confidence(record: MappingRecord) -> float:
    """The confidence a query gives a mapping: its own, or 1.0 when it states none (SSSOM's
    ``confidence`` is optional; a curated row without one is taken at its word). Edge choice,
    inference, ranking and the matrix all read confidence through this one function."""
    return 1.0 if record.confidence is None else record.confidence


def step_of(record: MappingRecord, *, inverted: bool = False) -> Step:
    """The step an asserted mapping takes: subject to object, or (``inverted``) object to
    subject by the inverse predicate; at the record's confidence (see
    :func:`effective_confidence`)."""
    predicate = record.predicate.inverse if inverted else record.predicate
    ends = (
        (record.object_id, record.subject_id) if inverted else (record.subject_id, record.object_id)
    )
    return Step(ends[0], predicate.value, ends[1], effective_confidence(record), record, inverted)


def other_id(record: MappingRecord, item_id: str) -> str:
    """The id on the record's other side from ``item_id`` (which is one of its two sides)."""
    return record.object_id if record.subject_id == item_id else record.subject_id


def other_framework(record: MappingRecord, item_id: str) -> str:
    """The framework on the record's other side from ``item_id``: that item's framework, or
    the one a no-match names (empty when it names none)."""
    if record.subject_id == item_id:
        other, source = record.object_id, record.object_source
    else:
        other, source = record.subject_id, record.subject_source
    return (source or "") if other == NO_TERM_FOUND else other.partition(":")[0]


@attrs.frozen
class Problem:
    """A consistency problem in the crosswalk: what kind, a sentence, and the records involved.

    ``kind`` is one of ``dangling-id``, ``self-mapping``, ``same-framework``, ``stated-twice``,
    ``contradiction``.
    """

    kind: str
    message: str
    records: tuple[MappingRecord, ...] = ()

    def __str__(self) -> str:
        where = ", ".join(r.where for r in self.records)
        return f"{self.kind}: {self.message}" + (f" [{where}]" if where else "")


@attrs.frozen(kw_only=True)
class Correspondence:
    """The best evidence that a source item corresponds to a target item.

    ``path`` is the chain of steps from ``source_id`` to ``target_id``: one step for a direct
    mapping, more for a chain; empty when the source already is the target.
    """

    source_id: str
    target_id: str
    predicate: Predicate
    confidence: float
    justification: Justification
    path: tuple[Step, ...] = ()

    @property
    def via(self) -> tuple[str, ...]:
        """The ids along the path, source first, target last."""
        if not self.path:
            return (self.source_id,)
        return (self.path[0].subject_id, *(s.object_id for s in self.path))

    @property
    def direct(self) -> bool:
        """True when one asserted mapping (read either way) explains it."""
        return len(self.path) <= 1


@attrs.frozen(kw_only=True)
class Translation:
    """What a set of source items corresponds to in one target framework.

    ``targets`` maps each target item id to its best :class:`Correspondence` (highest
    confidence, then strongest predicate, then shortest path), ordered best first.
    ``unmatched`` lists the source ids that reach nothing in the target; ``no_match`` holds,
    per source id, the curated statements that the target has no counterpart.
    """

    to: str
    source_ids: tuple[str, ...]
    targets: Mapping[str, Correspondence] = attrs.field(converter=frozen_mapping)
    unmatched: tuple[str, ...] = ()
    no_match: Mapping[str, tuple[MappingRecord, ...]] = attrs.field(
        factory=dict, converter=frozen_mapping
    )

    def __len__(self) -> int:
        return len(self.targets)

    def __contains__(self, target_id: object) -> bool:
        return target_id in self.targets

    def get(self, target_id: str) -> Correspondence | None:
        """The best correspondence for this target item, or None."""
        return self.targets.get(target_id)

    def from_source(self, source_id: str) -> tuple[Correspondence, ...]:
        """The correspondences whose best evidence starts at ``source_id``."""
        return tuple(c for c in self.targets.values() if c.source_id == source_id)


@attrs.frozen(kw_only=True)
class CompletenessEntry:
    """Whether one item has a mapping (``mapped``), a curated no-match (``no-match``) or nothing
    (``missing``) into one other framework."""

    item_id: str
    framework_id: str
    status: str
    records: tuple[MappingRecord, ...] = ()


@attrs.frozen(kw_only=True)
class PairFigures:
    """How completely one framework's items are mapped into another: of ``items`` items,
    ``mapped`` have a mapping into it, ``no_match`` only a curated no-match, ``missing``
    neither."""

    framework_id: str
    into: str
    items: int
    mapped: int
    no_match: int
    missing: int

    @property
    def complete(self) -> float:
        """The share of items with a mapping or a curated no-match, from 0 to 1 (1 for none)."""
        return 1.0 if not self.items else (self.mapped + self.no_match) / self.items

    def __str__(self) -> str:
        return (
            f"{self.framework_id} -> {self.into}: {self.mapped + self.no_match}/{self.items} "
            f"({self.complete:.0%}; {self.mapped} mapped, {self.no_match} curated no-match, "
            f"{self.missing} missing)"
        )


@attrs.frozen(kw_only=True)
class Completeness:
    """The completeness of the crosswalk over some frameworks' items at one ``level``
    (``top``: the top items; ``competency``, ``statement``: see :func:`level_items`)."""

    frameworks: tuple[str, ...]
    entries: tuple[CompletenessEntry, ...]
    level: str = "top"

    def pairs(self) -> tuple[PairFigures, ...]:
        """The figures of every (framework, other framework) pair, in order."""
        counts: dict[tuple[str, str], list[int]] = {}
        for entry in self.entries:
            source = entry.item_id.partition(":")[0]
            tally = counts.setdefault((source, entry.framework_id), [0, 0, 0])
            tally[("mapped", "no-match", "missing").index(entry.status)] += 1
        return tuple(
            PairFigures(
                framework_id=source,
                into=into,
                items=sum(tally),
                mapped=tally[0],
                no_match=tally[1],
                missing=tally[2],
            )
            for (source, into), tally in counts.items()
        )

    def pair(self, framework_id: str, into: str) -> PairFigures:
        """The figures of one pair; raises KeyError when the pair was not counted."""
        for figures in self.pairs():
            if (figures.framework_id, figures.into) == (framework_id, into):
                return figures
        raise KeyError((framework_id, into))

    @property
    def items(self) -> tuple[str, ...]:
        """Every item considered, in order."""
        return tuple(dict.fromkeys(e.item_id for e in self.entries))

    @property
    def missing(self) -> tuple[CompletenessEntry, ...]:
        """The (item, framework) pairs with neither a mapping nor a curated no-match."""
        return tuple(e for e in self.entries if e.status == "missing")

    @property
    def complete_items(self) -> tuple[str, ...]:
        """The items with a mapping or a curated no-match into every other framework."""
        incomplete = {e.item_id for e in self.missing}
        return tuple(i for i in self.items if i not in incomplete)

    def __str__(self) -> str:
        return f"{len(self.complete_items)}/{len(self.items)} items complete"


@attrs.frozen(kw_only=True)
class Cell:
    """One cell of a crosswalk matrix: the strongest asserted mapping between a row item (or an
    item below it) and a column item (or an item below it), read from the row's side.

    ``direct`` is true when the mapping links the two top items themselves; ``negated`` marks a
    curated non-match on exactly that pair when there is no positive mapping.
    """

    predicate: Predicate
    confidence: float | None
    direct: bool
    negated: bool = False
    records: tuple[MappingRecord, ...] = ()
