"""The crosswalk as a graph: the inference index and the asserted edges, built once, and the
networkx graph built from them only when asked for (the queries need neither it nor networkx's
import)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .._model import Framework, Item
from ._infer import BROADER, NARROWER, Link
from ._model import MappingRecord, MappingSet, Predicate, Step, effective_confidence, step_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Index", "build_index", "to_networkx"]

Edges = Mapping[tuple[str, str, Predicate], tuple[MappingRecord, tuple[str | None, ...]]]
"""(subject, object, predicate) → the best positive record and the ids of the sets stating it."""


class Index:
    """What the crosswalk computes once: the inference index (each item's ways out) and the
    asserted edges; ``graph`` holds the networkx graph once it is built from them."""

    def __init__(self, links: Mapping[str, Sequence[Link]], edges: Edges) -> None:
        self.links = links
        self.edges = edges
        self.graph: nx.MultiDiGraph[str] | None = None


def build_index(
    frameworks: Iterable[Framework], records: Iterable[MappingRecord], items: Mapping[str, Item]
) -> Index:
    """The links out of every item (hierarchy moves both ways; every positive mapping between
    known items, forwards and inverted, the most confident where a statement is made twice)
    and the asserted edges."""
    links: dict[str, list[Link]] = {}
    for framework in frameworks:
        for item in framework.items:
            if item.parent_id is not None:
                links.setdefault(item.id, []).append(
                    (Predicate.BROAD, Step(item.id, BROADER, item.parent_id, 1.0))
                )
                links.setdefault(item.parent_id, []).append(
                    (Predicate.NARROW, Step(item.parent_id, NARROWER, item.id, 1.0))
                )
    best: dict[tuple[str, str, Predicate], MappingRecord] = {}
    sets: dict[tuple[str, str, Predicate], tuple[str | None, ...]] = {}
    for record in records:
        if not record.positive:
            continue
        if record.subject_id not in items or record.object_id not in items:
            continue  # reported by problems()
        triple = (record.subject_id, record.object_id, record.predicate)
        sets[triple] = (*sets.get(triple, ()), record.mapping_set_id)
        current = best.get(triple)
        if current is None or effective_confidence(record) > effective_confidence(current):
            best[triple] = record
    for record in best.values():
        links.setdefault(record.subject_id, []).append((record.predicate, step_of(record)))
        links.setdefault(record.object_id, []).append(
            (record.predicate.inverse, step_of(record, inverted=True))
        )
    return Index(
        MappingProxyType({k: tuple(v) for k, v in links.items()}),
        MappingProxyType({t: (r, sets[t]) for t, r in best.items()}),
    )


def to_networkx(
    index: Index, frameworks: Sequence[Framework], mapping_sets: Sequence[MappingSet]
) -> nx.MultiDiGraph[str]:
    """The networkx graph of the frameworks' items and the index's edges, frozen (see
    :meth:`Crosswalk.graph` for its nodes, edges and attributes)."""
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        name="peer_competencies crosswalk",
        frameworks={f.id: f.version for f in frameworks},
        mapping_sets={s.id: s.version for s in mapping_sets},
    )
    items = [item for framework in frameworks for item in framework.items]
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
        for record, sets in index.edges.values()
    ]
    graph.add_edges_from(edges)  # one call: networkx checks its arguments once
    nx.freeze(graph)
    return graph


def _node_attributes(item: Item) -> dict[str, Any]:
    """An item's node attributes; its label and description only where it has them (GraphML
    has no null)."""
    attributes: dict[str, Any] = {
        "framework": item.framework_id,
        "code": item.code,
        "kind": item.kind.value,
        "text": item.text,
    }
    attributes.update((name, value) for name in _OPTIONAL if (value := getattr(item, name)))
    return attributes


_OPTIONAL = ("label", "description")


def _edge_attributes(record: MappingRecord) -> dict[str, Any]:
    return {
        "relation": "mapping",
        "justification": record.justification.value,
        "confidence": record.confidence,
        "author_id": record.author_id,
        "comment": record.comment,
    }
