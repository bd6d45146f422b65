"""The crosswalk: frameworks, mapping sets, the graph, and the queries over them.

A :class:`Crosswalk` is immutable. The shipped one (:func:`default`) holds every shipped
framework and the shipped mapping set; :meth:`Crosswalk.extended` adds a user's own frameworks
and mapping sets. The graph and the inference index are built once, on first use, under a lock.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .._didyoumean import closest, did_you_mean
from .._errors import InputError, UnknownIdError
from .._load import database, read_framework_file
from .._model import Framework, Item, Kind
from .._resources import Table
from .._structure import decode
from ._infer import BROADER, NARROWER, Found, Link, Negatives, rank, search
from ._model import (
    NO_TERM_FOUND,
    Completeness,
    CompletenessEntry,
    Correspondence,
    Justification,
    MappingRecord,
    MappingSet,
    Predicate,
    Problem,
    Step,
    Translation,
    effective_confidence,
)
from ._sssom import parse_sssom, read_sssom_file

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CURATED_FRAMEWORKS",
    "LEVELS",
    "Crosswalk",
    "default",
    "level_items",
    "load_framework",
    "load_mappings",
    "shared_graph",
    "shipped_mapping_sets",
    "top_items",
]

CURATED_FRAMEWORKS = ("samhsa-2015", "ca-sb803", "peer-support-17", "icrc-pr", "rfc-forensic-2017")
"""The frameworks whose top items the curators map into each other (see :func:`completeness`)."""

MAX_HOPS = 3
"""How many steps a chain may take by default (``max_hops``; 1 means asserted mappings only)."""


def top_items(framework: Framework) -> tuple[Item, ...]:
    """A framework's top-level statements: its roots, leaving out certification
    qualifications (which are requirements, not competencies)."""
    return tuple(i for i in framework.roots if i.kind is not Kind.QUALIFICATION)


LEVELS = ("top", "competency", "statement")
"""The levels at which the crosswalk is counted and drawn (see :func:`level_items`)."""

_COMPETENCY_KINDS = frozenset(
    {Kind.COMPETENCY, Kind.SUB_COMPETENCY, Kind.STATEMENT, Kind.PRINCIPLE}
)
_STATEMENT_KINDS = _COMPETENCY_KINDS | {Kind.SKILL}


def level_items(framework: Framework, level: str) -> tuple[Item, ...]:
    """A framework's items at one level, in the framework's order:

    - ``top``: :func:`top_items` (SAMHSA's 12 categories, SB 803's 17 competencies …);
    - ``competency``: the highest items that are competency statements (of kind competency,
      sub-competency, statement or principle): SAMHSA's 62 competencies, SB 803's 17
      competencies, IC&RC's 31 statements, the RFC's 29 sub-competencies;
    - ``statement``: the finest statements, those (of those kinds, or skills) with no such
      statement below them: as ``competency``, but CalMHSA's 184 skills for SB 803.

    Values, themes, field examples and qualifications are on no level. An unknown level
    raises :class:`InputError`."""
    if level == "top":
        return top_items(framework)
    if level == "competency":
        return tuple(
            i
            for i in framework.items
            if i.kind in _COMPETENCY_KINDS
            and not any(a.kind in _COMPETENCY_KINDS for a in i.ancestors)
        )
    if level == "statement":
        return tuple(
            i
            for i in framework.items
            if i.kind in _STATEMENT_KINDS
            and not any(c.kind in _STATEMENT_KINDS for c in i.children)
        )
    raise InputError(f"unknown level {level!r}", fix=f"use one of {', '.join(LEVELS)}")


def _parse_mapping_set(raw: bytes, file: str, name: str) -> MappingSet:
    return parse_sssom(decode(raw, file), source=file)


_MAPPING_SETS = Table("crosswalk", _parse_mapping_set, suffix=".sssom.tsv")


def shipped_mapping_sets() -> tuple[MappingSet, ...]:
    """The mapping sets shipped in ``peer_competencies/data/crosswalk/``, by file name (read
    once; the sets are immutable)."""
    return _MAPPING_SETS.all()


class _State:
    """What the crosswalk computes once: the inference index and the asserted edges; the
    networkx graph is built from them when first asked for (the queries never need it, nor
    networkx's import)."""

    def __init__(
        self,
        links: Mapping[str, Sequence[Link]],
        edges: Mapping[tuple[str, str, Predicate], tuple[MappingRecord, tuple[str | None, ...]]],
    ) -> None:
        self.links = links
        self.edges = edges
        self.graph: nx.MultiDiGraph[str] | None = None


class Crosswalk:
    """Frameworks and the mappings between them, with queries.

    ``frameworks`` and ``mapping_sets`` are added to the shipped ones (unless
    ``shipped=False``). A framework id may appear once; every mapping of an added set must name
    known items, else :class:`InputError` names its file, line and column (with
    ``strict=False`` such mappings are kept out of the graph and reported by :meth:`problems`).
    """

    def __init__(
        self,
        frameworks: Iterable[Framework] = (),
        mapping_sets: Iterable[MappingSet] = (),
        *,
        shipped: bool = True,
        strict: bool = True,
    ) -> None:
        self._extra_frameworks = tuple(frameworks)
        self._extra_sets = tuple(mapping_sets)
        self._shipped = shipped
        self._strict = strict
        found: dict[str, Framework] = {}
        if shipped:
            found.update((f.id, f) for f in database().frameworks())
        for framework in self._extra_frameworks:
            if framework.id in found:
                raise InputError(
                    f"framework id {framework.id!r} is already in the crosswalk",
                    fix="give your framework an id of its own",
                )
            found[framework.id] = framework
        self._frameworks: Mapping[str, Framework] = MappingProxyType(found)
        self._items: Mapping[str, Item] = MappingProxyType(
            {item.id: item for f in found.values() for item in f.items}
        )
        for mapping_set in self._extra_sets if strict else ():
            validate_ids(mapping_set, self._frameworks, self._items)
        sets = (shipped_mapping_sets() if shipped else ()) + self._extra_sets
        self._sets = sets
        self._records = tuple(r for s in sets for r in s.records)
        self._lock = threading.Lock()
        self._state: _State | None = None
        # kept answers (see _paths and _best_paths): filled by one thread or another, each
        # entry the same whoever computes it
        self._found: dict[tuple[str, int], tuple[tuple[tuple[object, ...], Found], ...]] = {}
        self._best: dict[tuple[str, int], Mapping[str, Found]] = {}
        self._negatives = _negatives(self._records)
        involved: dict[str, list[MappingRecord]] = {}
        for record in self._records:
            for end in dict.fromkeys((record.subject_id, record.object_id)):
                involved.setdefault(end, []).append(record)
        self._involved: Mapping[str, tuple[MappingRecord, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in involved.items()}
        )

    def extended(
        self, frameworks: Iterable[Framework] = (), mapping_sets: Iterable[MappingSet] = ()
    ) -> Crosswalk:
        """A new crosswalk with these frameworks and mapping sets added to this one's."""
        return Crosswalk(
            (*self._extra_frameworks, *frameworks),
            (*self._extra_sets, *mapping_sets),
            shipped=self._shipped,
            strict=self._strict,
        )

    # -- what it holds ---------------------------------------------------------------------

    @property
    def frameworks(self) -> Mapping[str, Framework]:
        """Every framework in the crosswalk, by id."""
        return self._frameworks

    @property
    def mapping_sets(self) -> tuple[MappingSet, ...]:
        """The mapping sets, the shipped ones first."""
        return self._sets

    @property
    def records(self) -> tuple[MappingRecord, ...]:
        """Every asserted mapping, in set and file order."""
        return self._records

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id; raises :class:`UnknownIdError`."""
        _require_text(framework_id, "a framework id", "samhsa-2015")
        found = self._frameworks.get(framework_id)
        if found is None:
            raise UnknownIdError(
                framework_id, closest(framework_id, self._frameworks), "framework id"
            )
        return found

    def get(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        return self._items.get(item_id) if isinstance(item_id, str) else None

    def lookup(self, item_id: str) -> Item:
        """The item with this id; raises :class:`UnknownIdError` naming the closest ids."""
        _require_text(item_id, "an item id", "samhsa-2015:VIII.4")
        found = self._items.get(item_id)
        if found is None:
            raise UnknownIdError(item_id, closest(item_id, self._items), "item id")
        return found

    # -- the graph ---------------------------------------------------------------------------

    def _built(self) -> _State:
        state = self._state
        if state is None:
            with self._lock:
                if self._state is None:
                    self._state = self._build()
                state = self._state
        return state

    def _build(self) -> _State:
        links: dict[str, list[Link]] = {}
        for framework in self._frameworks.values():
            for item in framework.items:
                if item.parent_id is not None:
                    links.setdefault(item.id, []).append(
                        Link(item.parent_id, BROADER, Predicate.BROAD, 1.0)
                    )
                    links.setdefault(item.parent_id, []).append(
                        Link(item.id, NARROWER, Predicate.NARROW, 1.0)
                    )
        best: dict[tuple[str, str, Predicate], MappingRecord] = {}
        sets: dict[tuple[str, str, Predicate], tuple[str | None, ...]] = {}
        for record in self._records:
            if not record.positive:
                continue
            if record.subject_id not in self._items or record.object_id not in self._items:
                continue  # reported by problems()
            triple = (record.subject_id, record.object_id, record.predicate)
            sets[triple] = (*sets.get(triple, ()), record.mapping_set_id)
            current = best.get(triple)
            if current is None or effective_confidence(record) > effective_confidence(current):
                best[triple] = record
        for record in best.values():
            confidence = effective_confidence(record)
            links.setdefault(record.subject_id, []).append(
                Link(record.object_id, record.predicate.value, record.predicate, confidence, record)
            )
            links.setdefault(record.object_id, []).append(
                Link(
                    record.subject_id,
                    record.predicate.inverse.value,
                    record.predicate.inverse,
                    confidence,
                    record,
                    inverted=True,
                )
            )
        return _State(
            MappingProxyType({k: tuple(v) for k, v in links.items()}),
            MappingProxyType({t: (r, sets[t]) for t, r in best.items()}),
        )

    def _network(self) -> nx.MultiDiGraph[str]:
        """The crosswalk's own graph, built once, on first use (see :meth:`graph`)."""
        state = self._built()
        if state.graph is None:
            with self._lock:
                if state.graph is None:
                    state.graph = self._graph_of(state)
        return state.graph

    def _graph_of(self, state: _State) -> nx.MultiDiGraph[str]:
        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
            name="peer_competencies crosswalk",
            frameworks={f.id: f.version for f in self._frameworks.values()},
            mapping_sets={s.id: s.version for s in self._sets},
        )
        items = [item for framework in self._frameworks.values() for item in framework.items]
        graph.add_nodes_from((item.id, _node_attributes(item)) for item in items)
        hierarchy = {"relation": "hierarchy"}
        # (subject, object, key, attributes): the stubs know only key-less tuples
        edges: list[Any] = [
            (item.id, item.parent_id, BROADER, hierarchy)
            for item in items
            if item.parent_id is not None
        ]
        edges += [
            (
                record.subject_id,
                record.object_id,
                record.predicate.value,
                {**_edge_attributes(record), "mapping_sets": sets},
            )
            for record, sets in state.edges.values()
        ]
        graph.add_edges_from(edges)  # one call: networkx checks its arguments once
        nx.freeze(graph)
        return graph

    def graph(self) -> nx.MultiDiGraph[str]:
        """The crosswalk as a ``networkx.MultiDiGraph``.

        Nodes are item ids with ``framework``, ``code``, ``kind``, ``text`` (and ``label``,
        ``description`` where the item has them). Edges run child → parent with key
        ``skos:broader`` (``relation="hierarchy"``) and subject → object for every positive
        asserted mapping with the predicate CURIE as key (``relation="mapping"``,
        ``justification``, ``confidence``, ``author_id``, ``comment``, ``mapping_sets``).
        ``graph.graph`` holds ``frameworks`` and ``mapping_sets`` (id → version).

        Every call returns a new copy, frozen (``networkx.freeze``), with attribute dicts of its
        own: changing them changes neither the crosswalk, its queries and exports, nor another
        caller's graph. To add nodes or edges, change a copy (``graph.copy()``).
        """
        import networkx as nx

        shared = self._network()
        copy = shared.copy()
        copy.graph.update({k: dict(v) for k, v in shared.graph.items() if isinstance(v, dict)})
        nx.freeze(copy)
        return copy

    # -- queries -----------------------------------------------------------------------------

    def mappings(
        self,
        item_id: str,
        to: str | None = None,
        inferred: bool = False,
        max_hops: int = MAX_HOPS,
    ) -> tuple[MappingRecord, ...]:
        """The mappings of an item, optionally only those into framework ``to``.

        Without ``inferred``, the asserted mappings in which the item is subject or object
        (curated negatives included), as asserted. With ``inferred``, every mapping is read from
        the item (subject = the item): asserted ones where it is the object are inverted
        (``semapv:MappingInversion``), and chains of up to ``max_hops`` steps through other
        items add one mapping per further target (``semapv:MappingChaining``), each with its
        path and a confidence that shrinks with every step. Best first. A target that a curated
        negative names is still reached by a chain the negative does not deny (a ``exactMatch
        Not`` leaves a chained ``broadMatch`` standing), as in :meth:`translate`.
        """
        self.lookup(item_id)
        if to is not None:
            self.framework(to)
        hops = _max_hops(max_hops)
        involved = self._involved.get(item_id, ())

        if not inferred:
            found = [r for r in involved if to is None or _other_framework(r, item_id) == to]
            return tuple(sorted(found, key=_record_rank))
        oriented = [r if r.subject_id == item_id else _inverted(r) for r in involved]
        direct = [r for r in oriented if to is None or _other_framework(r, item_id) == to]
        linked = {r.object_id for r in oriented if r.positive}  # an asserted mapping wins
        chained = [
            self._chained(item_id, found)
            for found in self._best_paths(item_id, hops).values()
            if found.target not in linked and (to is None or found.target.startswith(f"{to}:"))
        ]
        return tuple(sorted([*direct, *chained], key=_record_rank))

    def _best_paths(
        self,
        item_id: str,
        max_hops: int,
        accept: Callable[[Found], bool] | None = None,
    ) -> Mapping[str, Found]:
        """The best accepted path to every item reachable from ``item_id``: an asserted mapping
        between the two (read either way) wins over any chain, else the best-ranked chain that
        no curated negative denies. Accepting every path, the answer is kept for the next call."""
        if accept is None:
            kept = self._best.get((item_id, max_hops))
            if kept is not None:
                return kept
        best: dict[str, tuple[tuple[object, ...], Found]] = {}
        # every path is kept for filtered queries (translate asks per target framework); an
        # unfiltered one keeps only its answer, which holds fewer objects for the collector
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
        links = self._built().links
        for found in search(item_id, links, max_hops):
            if len(found.steps) == 1 or not self._negatives.blocks(
                item_id, found.predicate, found.target
            ):
                yield _path_key(found), found  # the wording breaks ties only: made only then

    def _chained(self, item_id: str, found: Found) -> MappingRecord:
        """The record of a chain (two steps or more: a one-step path is an asserted mapping,
        which :meth:`mappings` lists itself, inverted where need be)."""
        steps = found.steps
        return MappingRecord(
            subject_id=item_id,
            predicate=found.predicate,
            object_id=found.target,
            justification=Justification.MAPPING_CHAINING,
            confidence=round(found.confidence, 4),
            subject_label=self._items[item_id].text,
            object_label=self._items[found.target].text,
            comment="chained: " + " ; ".join(map(str, steps)),
            path=steps,
        )

    def translate(
        self,
        ids: Iterable[str],
        to: str,
        *,
        predicates: Iterable[Predicate | str] | None = None,
        min_confidence: float = 0.0,
        max_hops: int = MAX_HOPS,
    ) -> Translation:
        """The items of framework ``to`` that a set of source items corresponds to.

        For every target item, the best evidence from any source item: direct mappings (read
        either way) and chains of up to ``max_hops`` steps, keeping only ``predicates`` (all
        five by default) at ``min_confidence`` or more. A source already in ``to`` corresponds
        to itself (exact, 1.0). Sources reaching nothing are listed in ``unmatched``; curated
        statements that ``to`` has no counterpart are in ``no_match``.

        ``ids`` is a list of item ids (not one id as a str); ``predicates`` names at least one
        :class:`Predicate` (a member or its CURIE); ``min_confidence`` is a number from 0 to 1;
        ``max_hops`` a whole number ≥ 1. Anything else raises :class:`InputError`.
        """
        source_ids = tuple(dict.fromkeys(_id_list(ids, "ids", "item ids", "samhsa-2015:VIII.4")))
        self.framework(to)
        wanted = _predicates(predicates)
        min_confidence = _min_confidence(min_confidence)
        max_hops = _max_hops(max_hops)
        for source_id in source_ids:
            self.lookup(source_id)
        best: dict[str, Correspondence] = {}
        reached: set[str] = set()
        no_match: dict[str, tuple[MappingRecord, ...]] = {}
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

            def accept(found: Found) -> bool:
                return (
                    found.target.startswith(f"{to}:")
                    and found.predicate in wanted
                    and round(found.confidence, 4) >= min_confidence
                )

            for found in self._best_paths(source_id, max_hops, accept).values():
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
            kept = [
                c for c in candidates if c.predicate in wanted and c.confidence >= min_confidence
            ]
            if kept:
                reached.add(source_id)
            for candidate in kept:
                current = best.get(candidate.target_id)
                if current is None or _rank(candidate) < _rank(current):
                    best[candidate.target_id] = candidate
            negatives = tuple(
                r if r.subject_id == source_id else _inverted(r)
                for r in self._involved.get(source_id, ())
                if not r.positive and _other_framework(r, source_id) == to
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

    # -- checks ------------------------------------------------------------------------------

    def check(self) -> tuple[Problem, ...]:
        """Deprecated (until 0.3): :meth:`problems`; ``check`` is eligibility's word."""
        import warnings

        warnings.warn(
            "Crosswalk.check() is deprecated and goes in 0.3: use Crosswalk.problems()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.problems()

    def problems(self) -> tuple[Problem, ...]:
        """Consistency problems of the asserted mappings; empty when there are none.

        Dangling ids, an item mapped to itself or to an item of its own framework, the same
        statement made twice in one mapping set (a symmetric predicate in both directions, a
        broad match stated again as the inverse narrow match; two sets that make the same
        statement agree, and the graph's edge lists both), and contradictions, within a set or
        between sets: a mapping and a curated negative that denies it (``Not`` on the same
        pair, or ``sssom:NoTermFound`` into the framework), where ``closeMatch Not`` also
        denies an exact match and ``relatedMatch Not`` denies every mapping.
        """
        problems: list[Problem] = []
        seen: dict[tuple[str | None, str, str, Predicate, bool], MappingRecord] = {}
        for record in self._records:
            dangling = [
                i
                for i in (record.subject_id, record.object_id)
                if i != NO_TERM_FOUND and i not in self._items
            ]
            for item_id in dangling:
                problems.append(
                    Problem("dangling-id", f"{item_id} is not an item of the crosswalk", (record,))
                )
            if record.subject_id == record.object_id:
                problems.append(
                    Problem("self-mapping", f"{record} maps an item to itself", (record,))
                )
            elif (
                not record.no_term_found
                and record.subject_id.partition(":")[0] == record.object_id.partition(":")[0]
            ):
                problems.append(
                    Problem("same-framework", f"{record} maps within one framework", (record,))
                )
            key = (record.mapping_set_id, *_statement_key(record))
            if key in seen:
                problems.append(
                    Problem(
                        "stated-twice",
                        f"{record} repeats {seen[key]}",
                        (seen[key], record),
                    )
                )
            else:
                seen[key] = record
        for record in self._records:
            if not record.positive:
                continue
            for source, predicate, target in (
                (record.subject_id, record.predicate, record.object_id),
                (record.object_id, record.predicate.inverse, record.subject_id),
            ):
                if self._negatives.blocks(source, predicate, target):
                    denying = tuple(
                        r
                        for r in self._records
                        if not r.positive and _denies_record(r, source, predicate, target)
                    )
                    problems.append(
                        Problem(
                            "contradiction",
                            f"{record} is denied by {', '.join(map(str, denying))}",
                            (record, *denying),
                        )
                    )
                    break
        return tuple(problems)

    def completeness(
        self, frameworks: Sequence[str] = CURATED_FRAMEWORKS, *, level: str = "top"
    ) -> Completeness:
        """For every item of each framework at ``level`` (``top``, ``competency`` or
        ``statement``: see :func:`level_items`), whether it has an asserted mapping (any
        predicate, either direction) or a curated no-match (a ``Not`` on a pair, or
        ``sssom:NoTermFound``) into each of the other frameworks. At the top level a mapping to
        any item counts; at the other levels only one to a competency statement or finer (a
        SAMHSA competency, an SB 803 competency or skill, not a SAMHSA category, an IC&RC
        domain or a CalMHSA theme).

        ``frameworks`` is a list of two or more different framework ids."""
        frameworks = _id_list(frameworks, "frameworks", "framework ids", "samhsa-2015")
        for framework_id in frameworks:
            self.framework(framework_id)
        repeated = sorted({f for f in frameworks if frameworks.count(f) > 1})
        if repeated or len(frameworks) < 2:
            raise InputError(
                f"frameworks {list(frameworks)!r} "
                + (f"repeat {', '.join(repeated)}" if repeated else "name fewer than two"),
                fix="name two or more different frameworks, each once",
            )
        if level not in LEVELS:
            raise InputError(f"unknown level {level!r}", fix=f"use one of {', '.join(LEVELS)}")
        entries = []
        counted: dict[str, frozenset[str]] = {}
        if level != "top":  # a mapping counts when it reaches a competency or finer
            for framework_id in frameworks:
                fine = level_items(self._frameworks[framework_id], "competency")
                counted[framework_id] = frozenset(
                    i.id
                    for top in fine
                    for i in (top, *top.descendants)
                    if i.kind in _STATEMENT_KINDS
                )
        for framework_id in frameworks:
            for item in level_items(self._frameworks[framework_id], level):
                involved = self._involved.get(item.id, ())
                for other in frameworks:
                    if other == framework_id:
                        continue
                    positive = tuple(
                        r
                        for r in involved
                        if r.positive
                        and _other_framework(r, item.id) == other
                        and (level == "top" or _other_id(r, item.id) in counted[other])
                    )
                    negative = tuple(
                        r
                        for r in involved
                        if not r.positive and _other_framework(r, item.id) == other
                    )
                    status = "mapped" if positive else "no-match" if negative else "missing"
                    entries.append(
                        CompletenessEntry(
                            item_id=item.id,
                            framework_id=other,
                            status=status,
                            records=positive or negative,
                        )
                    )
        return Completeness(frameworks=tuple(frameworks), entries=tuple(entries), level=level)


def shared_graph(crosswalk: Crosswalk) -> nx.MultiDiGraph[str]:
    """The crosswalk's own graph, shared and never handed out: for the exports, which only read
    it (:meth:`Crosswalk.graph` gives callers a copy)."""
    return crosswalk._network()


# -- the queries' arguments, checked where they come in ------------------------------------


def _require_text(value: object, what: str, example: str) -> None:
    if not isinstance(value, str):
        raise InputError(
            f"{what} is text, not {type(value).__name__} {value!r}", fix=f"write e.g. {example!r}"
        )


def _id_list(value: object, name: str, what: str, example: str) -> tuple[str, ...]:
    """``value`` as a tuple of ids: a list (or other iterable) of texts, never one text."""
    if isinstance(value, str):
        raise InputError(
            f"{name} is a list of {what}, not one text {value!r}", fix=f"write [{value!r}]"
        )
    if not isinstance(value, Iterable):
        raise InputError(
            f"{name} is a list of {what}, not {type(value).__name__} {value!r}",
            fix=f"write e.g. [{example!r}]",
        )
    found = tuple(value)
    for n, entry in enumerate(found):
        if not isinstance(entry, str):
            raise InputError(
                f"{name}[{n}] is {type(entry).__name__} {entry!r}, not one of the {what}",
                fix=f"write e.g. {example!r}",
            )
    return found


_PREDICATE_VALUES = ", ".join(p.value for p in Predicate)


def _predicates(value: Iterable[Predicate | str] | None) -> frozenset[Predicate]:
    if value is None:
        return frozenset(Predicate)
    names = _id_list(value, "predicates", "predicates", Predicate.EXACT.value)
    if not names:
        raise InputError(
            "predicates is empty, so no mapping could count",
            fix="leave predicates out (all five count) or name at least one",
        )
    wanted = set()
    for name in names:
        try:
            wanted.add(Predicate(name))
        except ValueError:
            by_label = {p.label: p.value for p in Predicate}
            hint = f"did you mean {by_label[name]!r}? " if name in by_label else ""
            raise InputError(
                f"{name!r} is not a mapping predicate",
                fix=f"{hint}use Predicate members or their values: {_PREDICATE_VALUES}",
            ) from None
    return frozenset(wanted)


def _min_confidence(value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0.0 <= value <= 1.0
    ):
        raise InputError(
            f"min_confidence {value!r} is not a number from 0 to 1", fix="write e.g. 0.5"
        )
    return float(value)


def _max_hops(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"max_hops {value!r} is not a whole number of steps of at least 1",
            fix=f"write 1 (asserted mappings only) or more (chains); the default is {MAX_HOPS}",
        )
    return value


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


def _other_framework(record: MappingRecord, item_id: str) -> str:
    if record.subject_id == item_id:
        other, source = record.object_id, record.object_source
    else:
        other, source = record.subject_id, record.subject_source
    return (source or "") if other == NO_TERM_FOUND else other.partition(":")[0]


def _other_id(record: MappingRecord, item_id: str) -> str:
    return record.object_id if record.subject_id == item_id else record.subject_id


def _inverted(record: MappingRecord) -> MappingRecord:
    step = Step(
        record.object_id,
        record.predicate.inverse.value,
        record.subject_id,
        effective_confidence(record),
        record,
        inverted=True,
    )
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


def _statement_key(record: MappingRecord) -> tuple[str, str, Predicate, bool]:
    subject = record.subject_id
    obj = record.object_id
    if record.subject_id == NO_TERM_FOUND:
        subject = f"{NO_TERM_FOUND}@{record.subject_source}"
    if record.object_id == NO_TERM_FOUND:
        obj = f"{NO_TERM_FOUND}@{record.object_source}"
    forward = (subject, obj, record.predicate, record.negated)
    backward = (obj, subject, record.predicate.inverse, record.negated)
    return min(forward, backward)


def _negatives(records: Iterable[MappingRecord]) -> Negatives:
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


def _denies_record(record: MappingRecord, source: str, predicate: Predicate, target: str) -> bool:
    one = _negatives([record])
    return one.blocks(source, predicate, target)


def _node_attributes(item: Item) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "framework": item.framework_id,
        "code": item.code,
        "kind": item.kind.value,
        "text": item.text,
    }
    if item.label:
        attributes["label"] = item.label
    if item.description:
        attributes["description"] = item.description
    return attributes


def _edge_attributes(record: MappingRecord) -> dict[str, Any]:
    return {
        "relation": "mapping",
        "justification": record.justification.value,
        "confidence": record.confidence,
        "author_id": record.author_id,
        "comment": record.comment,
        "mapping_sets": (record.mapping_set_id,),
    }


def validate_ids(
    mapping_set: MappingSet, frameworks: Mapping[str, Framework], items: Mapping[str, Item]
) -> None:
    """Raise :class:`InputError` at the first mapping that names an unknown framework or item."""
    for record in mapping_set.records:
        for column, value, source in (
            ("subject", record.subject_id, record.subject_source),
            ("object", record.object_id, record.object_source),
        ):
            framework_id = source if value == NO_TERM_FOUND else value.partition(":")[0]
            name = f"{column}_id"
            where = name
            if record.line is not None:
                number = (
                    f", column {mapping_set.columns.index(name) + 1}"
                    if name in mapping_set.columns
                    else ""
                )
                where = f"line {record.line}{number} ({name})"
            if framework_id is not None and framework_id not in frameworks:
                hint = did_you_mean(closest(framework_id, frameworks))
                hint = f"; {hint}" if hint else ""
                raise InputError(
                    f"{value if value != NO_TERM_FOUND else framework_id!r} names the unknown "
                    f"framework {framework_id!r}{hint}",
                    file=mapping_set.file,
                    where=where,
                    fix="read that framework first (read_framework) and pass it along",
                )
            if value != NO_TERM_FOUND and value not in items:
                hint = did_you_mean(
                    closest(value, (i for i in items if i.startswith(f"{framework_id}:")))
                )
                hint = f"; {hint}" if hint else ""
                raise InputError(
                    f"{value!r} is not an item of {framework_id}{hint}",
                    file=mapping_set.file,
                    where=where,
                    fix="use the code the framework gives the item",
                )


_DEFAULT: Crosswalk | None = None
_DEFAULT_LOCK = threading.Lock()


def default() -> Crosswalk:
    """The shipped crosswalk: every shipped framework and mapping set (created once)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Crosswalk()
    return _DEFAULT


def load_framework(path: str | Path) -> Framework:
    """Read a user's framework file (the shipped format, see ``docs/data-format.md``).

    Every problem raises :class:`InputError` naming the file and the place in it; a framework
    id that is already shipped is refused, since ids are a public contract.
    """
    framework = read_framework_file(path)
    if framework.id in database().framework_ids():
        raise InputError(
            f"framework id {framework.id!r} is a shipped framework",
            file=str(path),
            where="$.id",
            fix="give your framework an id of its own (e.g. prefix it with your organisation)",
        )
    return framework


def load_mappings(
    path: str | Path,
    frameworks: Iterable[Framework] = (),
    *,
    mapping_sets: Iterable[MappingSet] = (),
) -> MappingSet:
    """Read a user's SSSOM/TSV mapping set and check it against the crosswalk it joins.

    Its mappings may name the shipped frameworks' items and those of ``frameworks``. They are
    checked with the shipped mappings and any other ``mapping_sets`` the set is to join
    (as :meth:`Crosswalk.problems` would find them together): a mapping that a curated negative
    denies, or a negative that denies a mapping, is refused like a problem inside the file.
    Every problem raises :class:`InputError` naming the file, the line and column, and the fix.
    """
    frameworks = tuple(frameworks)
    mapping_set = read_sssom_file(path)
    known: dict[str, Framework] = {f.id: f for f in database().frameworks()}
    known.update((f.id, f) for f in frameworks)
    items = {item.id: item for f in known.values() for item in f.items}
    validate_ids(mapping_set, known, items)
    mine = {id(r) for r in mapping_set.records}
    own = [f for f in known.values() if f.id not in database().framework_ids()]
    joined = Crosswalk(own, (*mapping_sets, mapping_set), strict=False)
    problems = [p for p in joined.problems() if any(id(r) in mine for r in p.records)]
    if problems:
        first = problems[0]
        lines = sorted({r.line for r in first.records if id(r) in mine and r.line is not None})
        elsewhere = sorted({r.where for r in first.records if id(r) not in mine})
        raise InputError(
            first.message + (f"; see {', '.join(elsewhere)}" if elsewhere else ""),
            file=mapping_set.file,
            where=", ".join(f"line {n}" for n in lines) or None,
            fix={
                "stated-twice": "state each mapping once (a symmetric predicate in one "
                "direction; a broad match or its inverse narrow match, not both)",
                "contradiction": "keep the mapping or the negative, not both",
                "self-mapping": "map the item to an item of another framework",
                "same-framework": "map items of different frameworks",
            }.get(first.kind),
        )
    return mapping_set
