"""The crosswalk: which frameworks and mapping sets it holds, and the one object the queries,
checks and exports are asked through.

A :class:`Crosswalk` is immutable. The shipped one (:func:`default`) holds every shipped
framework and the shipped mapping set; :meth:`Crosswalk.extended` adds a user's own frameworks
and mapping sets. Its methods check their arguments (``_arguments``) and hand the work to the
module that owns it: the graph (``_graph``, built once, on first use, under a lock), the queries
(``_queries``), consistency (``_consistency``) and completeness (``_completeness``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from .._didyoumean import closest
from .._errors import InputError, UnknownIdError
from .._files import decode
from .._load import database
from .._model import Framework, Item
from .._resources import Table
from . import _arguments as arguments
from ._arguments import require_text
from ._completeness import completeness, curated_frameworks
from ._consistency import find_problems, validate_ids
from ._graph import Index, build_index, to_networkx
from ._infer import MAX_HOPS, Link, negatives_of
from ._levels import require_level
from ._model import (
    Completeness,
    MappingRecord,
    MappingSet,
    Predicate,
    Problem,
    Translation,
)
from ._queries import Paths, mappings, translate
from ._sssom import parse_sssom

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Crosswalk",
    "default",
    "shared_graph",
    "shipped_mapping_sets",
]


def _parse_mapping_set(raw: bytes, file: str, name: str) -> MappingSet:
    return parse_sssom(decode(raw, file), source=file)


_MAPPING_SETS = Table("crosswalk", _parse_mapping_set, suffix=".sssom.tsv")


def shipped_mapping_sets() -> tuple[MappingSet, ...]:
    """The mapping sets shipped in ``peer_competencies/data/crosswalk/``, by file name (read
    once; the sets are immutable)."""
    return _MAPPING_SETS.all()


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
        self._index: Index | None = None
        self._negatives = negatives_of(self._records)
        self._paths = Paths(self._links, self._negatives)
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
        require_text(framework_id, "a framework id", "samhsa-2015")
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
        require_text(item_id, "an item id", "samhsa-2015:VIII.4")
        found = self._items.get(item_id)
        if found is None:
            raise UnknownIdError(item_id, closest(item_id, self._items), "item id")
        return found

    # -- the graph ---------------------------------------------------------------------------

    def _built(self) -> Index:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    self._index = build_index(self._frameworks.values(), self._records, self._items)
                index = self._index
        return index

    def _links(self) -> Mapping[str, Sequence[Link]]:
        return self._built().links

    def _network(self) -> nx.MultiDiGraph[str]:
        """The crosswalk's own graph, built once, on first use (see :meth:`graph`)."""
        index = self._built()
        if index.graph is None:
            with self._lock:
                if index.graph is None:
                    index.graph = to_networkx(index, tuple(self._frameworks.values()), self._sets)
        return index.graph

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
        hops = arguments.max_hops(max_hops)
        involved = self._involved.get(item_id, ())
        return mappings(self._paths, self._items, involved, item_id, to, inferred, hops)

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
        source_ids = tuple(
            dict.fromkeys(arguments.id_list(ids, "ids", "item ids", "samhsa-2015:VIII.4"))
        )
        self.framework(to)
        wanted = arguments.predicates(predicates)
        min_confidence = arguments.min_confidence(min_confidence)
        max_hops = arguments.max_hops(max_hops)
        for source_id in source_ids:
            self.lookup(source_id)
        return translate(
            self._paths, self._involved, source_ids, to, wanted, min_confidence, max_hops
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
        return find_problems(self._records, self._items, self._negatives)

    def completeness(
        self, frameworks: Sequence[str] | None = None, *, level: str = "top"
    ) -> Completeness:
        """For every item of each framework at ``level`` (``top``, ``competency`` or
        ``statement``: see :func:`level_items`), whether it has an asserted mapping (any
        predicate, either direction) or a curated no-match (a ``Not`` on a pair, or
        ``sssom:NoTermFound``) into each of the other frameworks. At the top level a mapping to
        any item counts; at the other levels only one to a competency statement or finer (a
        SAMHSA competency, an SB 803 competency or skill, not a SAMHSA category, an IC&RC
        domain or a CalMHSA theme).

        ``frameworks`` is a list of two or more different framework ids; by default, those
        the mapping sets' curators map into each other, as each set's header states them
        (``other: curated_frameworks=…``; the shipped set names SAMHSA 2015, SB 803,
        peer-support-17, IC&RC and the RFC best practices)."""
        if frameworks is None:
            frameworks = curated_frameworks(self._sets)
        frameworks = arguments.id_list(frameworks, "frameworks", "framework ids", "samhsa-2015")
        for framework_id in frameworks:
            self.framework(framework_id)
        repeated = sorted({f for f in frameworks if frameworks.count(f) > 1})
        if repeated or len(frameworks) < 2:
            raise InputError(
                f"frameworks {list(frameworks)!r} "
                + (f"repeat {', '.join(repeated)}" if repeated else "name fewer than two"),
                fix="name two or more different frameworks, each once",
            )
        require_level(level)
        return completeness(self._frameworks, self._involved, frameworks, level)


def shared_graph(crosswalk: Crosswalk) -> nx.MultiDiGraph[str]:
    """The crosswalk's own graph, shared and never handed out: for the exports, which only read
    it (:meth:`Crosswalk.graph` gives callers a copy)."""
    return crosswalk._network()


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
