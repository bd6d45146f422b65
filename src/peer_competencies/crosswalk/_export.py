"""Exports of the crosswalk: SSSOM/TSV, GraphML, node-link JSON; a framework's mappings read
from its side, which the CASE and CTDL exports of a framework carry."""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._case import case_package as _case_package
from .._errors import InputError
from .._model import Item
from .._structure import choose
from ._crosswalk import Crosswalk, default, shared_graph
from ._csv import to_csv
from ._model import MappingRecord, MappingSet, Predicate
from ._sssom_write import write_sssom

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "FrameworkMapping",
    "case_associations",
    "case_package",
    "export",
    "framework_mappings",
    "render",
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


def to_sssom(crosswalk: Crosswalk | MappingSet | None = None) -> str:
    """Every asserted mapping of the crosswalk (None: the shipped one) as one SSSOM/TSV mapping
    set; or one mapping set as SSSOM/TSV text (the YAML header behind ``# ``, then the table).

    With only the shipped set this is the shipped file itself. With added sets, their rows
    follow, in one set whose id is the shipped set's id with ``#combined`` and whose version
    joins the sets' versions; a row whose set has another license carries it in ``license``.
    """
    if isinstance(crosswalk, MappingSet):
        return write_sssom(crosswalk)
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


@attrs.frozen
class FrameworkMapping:
    """An asserted positive mapping read from one framework's side: ``origin`` is the
    framework's item, ``predicate`` the SKOS predicate from it to ``destination`` (broad and
    narrow swapped when the framework's item is the mapping's object), ``record`` the row."""

    origin: Item
    predicate: Predicate
    destination: Item
    record: MappingRecord

    def describe(self) -> str:
        """The mapping in words: predicate, confidence, justification, authors and comment."""
        record = self.record
        words = [f"{self.predicate.value} {self.destination.id}"]
        if record.confidence is not None:
            words.append(f"confidence {record.confidence:g}")
        words.append(record.justification.value)
        if record.author_id:
            words.append("by " + ", ".join(record.author_id))
        text = "; ".join(words)
        if record.comment:
            text += f". {record.comment}"
        return text


def framework_mappings(
    framework_id: str, crosswalk: Crosswalk | None = None, *, within: bool = True
) -> tuple[FrameworkMapping, ...]:
    """The asserted positive mappings of a framework's items, from each item's side, in the
    order of the mapping sets. A mapping between two items of the framework gives one entry
    per end when ``within``, none otherwise."""
    cw = _crosswalk(crosswalk)
    cw.framework(framework_id)  # raises UnknownIdError
    prefix = f"{framework_id}:"
    found: list[FrameworkMapping] = []
    for record in cw.records:
        if not record.positive:
            continue
        subject, target = cw.get(record.subject_id), cw.get(record.object_id)
        if subject is None or target is None:
            continue
        ends = [record.subject_id.startswith(prefix), record.object_id.startswith(prefix)]
        if all(ends) and not within:
            continue
        if ends[0]:
            found.append(FrameworkMapping(subject, record.predicate, target, record))
        if ends[1]:
            found.append(FrameworkMapping(target, record.predicate.inverse, subject, record))
    return tuple(found)


def _deprecated(old: str, new: str) -> None:
    warnings.warn(
        f"peer_competencies.crosswalk.{old} is deprecated and goes in 0.3: use {new}",
        DeprecationWarning,
        stacklevel=3,
    )


def case_associations(
    framework_id: str, base_uri: str = "", crosswalk: Crosswalk | None = None
) -> list[dict[str, Any]]:
    """Deprecated: the CASE 1.0 CFAssociations of a framework's mappings. Use
    ``peer_competencies.case_package(framework, crosswalk=...)``, whose associations include
    them."""
    _deprecated("case_associations", "peer_competencies.case_package(framework, crosswalk=...)")
    cw = _crosswalk(crosswalk)
    package = _case_package(
        cw.framework(framework_id), base_uri or None, crosswalk=cw, version="1.0"
    )
    links: list[dict[str, Any]] = package["CFAssociations"]
    return [a for a in links if a["associationType"] != "isChildOf"]


def case_package(
    framework_id: str, base_uri: str = "", crosswalk: Crosswalk | None = None
) -> dict[str, Any]:
    """Deprecated: use ``peer_competencies.case_package(framework, crosswalk=...)``; this
    writes CASE 1.0, as it did."""
    _deprecated("case_package", "peer_competencies.case_package(framework, crosswalk=...)")
    cw = _crosswalk(crosswalk)
    return _case_package(cw.framework(framework_id), base_uri or None, crosswalk=cw, version="1.0")


def to_case(framework_id: str, base_uri: str = "", crosswalk: Crosswalk | None = None) -> str:
    """Deprecated: use ``peer_competencies.to_case(framework, crosswalk=...)`` (CASE 1.1); this
    writes CASE 1.0, as it did."""
    _deprecated("to_case", "peer_competencies.to_case(framework, crosswalk=...)")
    cw = _crosswalk(crosswalk)
    package = _case_package(
        cw.framework(framework_id), base_uri or None, crosswalk=cw, version="1.0"
    )
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


FORMATS: Mapping[str, Callable[[Crosswalk | None], str]] = MappingProxyType(
    {
        "csv": to_csv,
        "graphml": to_graphml,
        "json": to_json,
        "sssom": to_sssom,
    }
)
"""The whole-crosswalk export formats (``export crosswalk --format …``), read-only: the one
list of their names, which the command line reads too (importing it imports no networkx)."""


EXPORT_FORMATS = FORMATS  # the old name (deprecated in the public face)


def render(crosswalk: Crosswalk | None, format: str) -> str:
    """The crosswalk (None: the shipped one) in one of :data:`FORMATS` as text; raises
    :class:`InputError` for another format."""
    writer = choose(FORMATS, format, "crosswalk export format")
    return writer(crosswalk)


def export(format: str, crosswalk: Crosswalk | None = None) -> str:
    """Deprecated: ``render(crosswalk, format)``, the arguments the other way round."""
    return render(crosswalk, format)
