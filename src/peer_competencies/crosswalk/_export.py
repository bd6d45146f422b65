"""Exports of the crosswalk: SSSOM/TSV, GraphML, node-link JSON, and CASE packages whose
associations include the mappings (``exactMatchOf`` / ``isRelatedTo``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InputError
from .._export import DATA_CHANGED, uri_for, uuid_for
from .._export import case_package as _case_package
from .._structure import choose
from ._crosswalk import Crosswalk, default, shared_graph
from ._csv import to_csv
from ._model import MappingRecord, MappingSet
from ._sssom import write_sssom

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EXPORT_FORMATS",
    "case_associations",
    "case_package",
    "export",
    "to_case",
    "to_graphml",
    "to_json",
    "to_sssom",
]

CASE_TYPES: Mapping[str, str] = MappingProxyType({"skos:exactMatch": "exactMatchOf"})
"""The CASE association type of each predicate; every other positive mapping is
``isRelatedTo`` (CASE has no broader/narrower/close match between documents)."""


def _crosswalk(crosswalk: Crosswalk | None) -> Crosswalk:
    return default() if crosswalk is None else crosswalk


def to_sssom(crosswalk: Crosswalk | None = None) -> str:
    """Every asserted mapping of the crosswalk as one SSSOM/TSV mapping set.

    With only the shipped set this is the shipped file itself. With added sets, their rows
    follow, in one set whose id is the shipped set's id with ``#combined`` and whose version
    joins the sets' versions; a row whose set has another license carries it in ``license``.
    """
    cw = _crosswalk(crosswalk)
    sets = cw.mapping_sets
    if not sets:
        raise InputError("the crosswalk has no mapping set to export", fix="add a mapping set")
    if len(sets) == 1:
        return write_sssom(sets[0])
    first = sets[0]
    records = tuple(
        r if s.license == first.license or r.license else _with_license(r, s.license)
        for s in sets
        for r in s.records
    )
    curie_map: dict[str, str] = {}
    for s in reversed(sets):
        curie_map.update(s.curie_map)
    extra = dict(first.extra)
    definitions = _extension_definitions(sets)
    if definitions:  # every set's extension columns stay declared
        extra["extension_definitions"] = definitions
    combined = MappingSet(
        id=f"{first.id}#combined",
        license=first.license,
        records=records,
        version=" + ".join(s.version or "unversioned" for s in sets),
        title=first.title,
        description=(first.description or "")
        + " Combined with: "
        + ", ".join(s.id for s in sets[1:])
        + ".",
        curie_map=curie_map,
        creator_id=first.creator_id,
        mapping_date=None,
        comment=first.comment,
        extra=extra,
    )
    return write_sssom(combined, _framework_iris(sets))


def _extension_definitions(sets: tuple[MappingSet, ...]) -> tuple[object, ...]:
    """The sets' extension slot definitions, each slot once (the first set's wins)."""
    found: dict[object, object] = {}
    for s in sets:
        definitions = s.extra.get("extension_definitions", ())
        for definition in definitions if isinstance(definitions, tuple) else ():
            name = definition.get("slot_name") if isinstance(definition, Mapping) else None
            found.setdefault(name, definition)
    return tuple(found.values())


def _with_license(record: MappingRecord, license_iri: str) -> MappingRecord:
    return attrs.evolve(record, license=license_iri)


def _framework_iris(sets: tuple[MappingSet, ...]) -> Mapping[str, str]:
    from ._curie import BASE_IRI, prefix_for

    iris: dict[str, str] = {}
    for s in sets:
        for record in s.records:
            for item_id in (record.subject_id, record.object_id):
                framework_id = item_id.partition(":")[0]
                iri = s.curie_map.get(prefix_for(framework_id))
                if iri is not None and not iri.startswith(BASE_IRI):
                    iris.setdefault(framework_id, iri)
    return iris


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (tuple, list)):
        return "|".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def _flat(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy whose attributes are all GraphML scalars (no None, tuples joined by ``|``)."""
    import networkx as nx

    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update(
        {k: v for k, v in ((k, _scalar(v)) for k, v in graph.graph.items()) if v is not None}
    )
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: s for k, v in data.items() if (s := _scalar(v)) is not None})
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(
            source,
            target,
            key=key,
            **{k: s for k, v in data.items() if (s := _scalar(v)) is not None},
        )
    return flat


def to_graphml(crosswalk: Crosswalk | None = None) -> str:
    """The crosswalk graph as GraphML text (edge ids are the predicates; tuples joined by
    ``|``; the graph's framework and mapping-set versions as ``id=version; …``)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(_flat(shared_graph(_crosswalk(crosswalk))), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_json(crosswalk: Crosswalk | None = None) -> str:
    """The crosswalk graph as node-link JSON (``nodes``, ``edges`` with ``key``, ``graph``)."""
    import networkx as nx

    data = nx.node_link_data(shared_graph(_crosswalk(crosswalk)), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def case_associations(
    framework_id: str, base_uri: str = "", crosswalk: Crosswalk | None = None
) -> list[dict[str, Any]]:
    """The CFAssociations of a framework's asserted positive mappings to other frameworks:
    ``exactMatchOf`` for an exact match, ``isRelatedTo`` for the rest, from this framework's
    item to the other's, in the order of the mapping set."""
    cw = _crosswalk(crosswalk)
    framework = cw.framework(framework_id)
    doc_id = uuid_for(framework.id)
    doc_link = {"title": framework.title, "identifier": doc_id, "uri": uri_for(base_uri, doc_id)}
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in cw.records:
        if not record.positive:
            continue
        ends = [record.subject_id, record.object_id]
        mine = [e for e in ends if e.startswith(f"{framework_id}:")]
        if len(mine) != 1:
            continue
        origin = cw.get(mine[0])
        destination = cw.get(ends[1] if mine[0] == ends[0] else ends[0])
        if origin is None or destination is None:
            continue
        kind = CASE_TYPES.get(record.predicate.value, "isRelatedTo")
        name = f"{origin.id}|{kind}|{destination.id}|{record.predicate.value}"
        if name in seen:
            continue
        seen.add(name)
        identifier = uuid_for(name)
        links.append(
            {
                "identifier": identifier,
                "associationType": kind,
                "uri": uri_for(base_uri, identifier),
                "originNodeURI": {
                    "title": origin.text,
                    "identifier": uuid_for(origin.id),
                    "uri": uri_for(base_uri, uuid_for(origin.id)),
                },
                "destinationNodeURI": {
                    "title": destination.text,
                    "identifier": uuid_for(destination.id),
                    "uri": uri_for(base_uri, uuid_for(destination.id)),
                },
                "lastChangeDateTime": DATA_CHANGED,
                "CFDocumentURI": doc_link,
            }
        )
    return links


def case_package(
    framework_id: str, base_uri: str = "", crosswalk: Crosswalk | None = None
) -> dict[str, Any]:
    """The framework's CASE CFPackage (see ``peer_competencies.case_package``) with its
    crosswalk mappings added as associations."""
    cw = _crosswalk(crosswalk)
    return _case_package(
        cw.framework(framework_id),
        base_uri,
        associations=case_associations(framework_id, base_uri, cw),
    )


def to_case(framework_id: str, base_uri: str = "", crosswalk: Crosswalk | None = None) -> str:
    """:func:`case_package` as JSON text."""
    package = case_package(framework_id, base_uri, crosswalk)
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


EXPORT_FORMATS: Mapping[str, Callable[[Crosswalk | None], str]] = MappingProxyType(
    {
        "csv": to_csv,
        "graphml": to_graphml,
        "json": to_json,
        "sssom": to_sssom,
    }
)
"""The whole-crosswalk export formats (``export crosswalk --format …``), read-only: the one
list of their names, which the command line reads too (importing it imports no networkx)."""


def export(format: str, crosswalk: Crosswalk | None = None) -> str:
    """The crosswalk in one of :data:`EXPORT_FORMATS` as text; raises :class:`InputError`."""
    writer = choose(EXPORT_FORMATS, format, "crosswalk export format")
    return writer(crosswalk)
