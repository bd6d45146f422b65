"""Exports of a framework: JSON (the model), CSV (one row per item), 1EdTech CASE, Markdown."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ._markup import csv_writer, markdown_text
from ._model import Framework, Item, converter
from ._structure import choose

__all__ = [
    "FORMATS",
    "NAMESPACE",
    "export",
    "to_case",
    "to_csv",
    "to_json",
    "to_markdown",
    "uri_for",
    "uuid_for",
]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/peer-competencies/")
"""The UUID5 namespace of every identifier this package derives."""

DATA_CHANGED = "2026-11-23T00:00:00+00:00"
"""When the shipped data last changed: the ``lastChangeDateTime`` of every CASE object, so that
an export is the same from one run to the next."""

CSV_COLUMNS = (
    "id",
    "framework",
    "code",
    "kind",
    "parent_id",
    "text",
    "description",
    "label",
    "origins",
    "notes",
    "citation_title",
    "citation_publisher",
    "citation_year",
    "citation_url",
    "citation_section",
)


def uuid_for(name: str) -> str:
    """The deterministic UUID5 of an id (an item, framework or association name)."""
    return str(uuid.uuid5(NAMESPACE, name))


def to_json(framework: Framework) -> str:
    """The framework as JSON: every field of the model, every item with its full citation."""
    return json.dumps(converter.unstructure(framework), ensure_ascii=False, indent=2) + "\n"


def _origins(item: Item) -> str:
    return "; ".join(f"{o.framework}:{o.code}" if o.code else o.framework for o in item.origins)


def to_csv(framework: Framework) -> str:
    """The framework as CSV, one row per item in source order, columns :data:`CSV_COLUMNS`."""
    out = io.StringIO()
    writer = csv_writer(out)  # formulas neutralised
    writer.writerow(CSV_COLUMNS)
    for item in framework.items:
        c = item.citation
        writer.writerow(
            [
                item.id,
                item.framework_id,
                item.code,
                item.kind.value,
                item.parent_id or "",
                item.text,
                item.description or "",
                item.label or "",
                _origins(item),
                " | ".join(item.notes),
                c.title,
                c.publisher,
                "" if c.year is None else c.year,
                c.url or "",
                c.section or "",
            ]
        )
    return out.getvalue()


def uri_for(base_uri: str, identifier: str) -> str:
    """The URI of a CASE object: ``identifier`` under ``base_uri``, or ``urn:uuid:…`` when
    there is no base (the crosswalk's CASE associations use it too)."""
    if not base_uri:
        return f"urn:uuid:{identifier}"
    return f"{base_uri.rstrip('/')}/{identifier}"


def case_package(
    framework: Framework, base_uri: str = "", associations: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The framework as a 1EdTech CASE 1.0 CFPackage (a JSON-ready dict).

    Identifiers are UUID5 over the ids, so the package is the same from run to run. ``base_uri``
    (e.g. ``https://example.org/case/``) prefixes the URIs; by default they are ``urn:uuid:…``.
    ``associations`` are extra CFAssociations (the crosswalk's mappings) to include.
    """
    doc_id = uuid_for(framework.id)
    doc_uri = uri_for(base_uri, doc_id)
    doc_link = {"title": framework.title, "identifier": doc_id, "uri": doc_uri}
    source = framework.source
    document: dict[str, Any] = {
        "identifier": doc_id,
        "uri": doc_uri,
        "creator": source.publisher,
        "title": framework.title,
        "lastChangeDateTime": DATA_CHANGED,
        "publisher": source.publisher,
        "version": framework.version,
        "adoptionStatus": "Adopted" if framework.attribution_confirmed else "Unconfirmed",
        "language": "en",
        "notes": _document_notes(framework),
    }
    if source.url:
        document["officialSourceURL"] = source.url
    items = []
    for n, item in enumerate(framework.items):
        identifier = uuid_for(item.id)
        entry: dict[str, Any] = {
            "identifier": identifier,
            "fullStatement": item.statement,
            "uri": uri_for(base_uri, identifier),
            "humanCodingScheme": item.code,
            "listEnumeration": str(n + 1),
            "CFItemType": item.kind.value,
            "language": "en",
            "lastChangeDateTime": DATA_CHANGED,
            "CFDocumentURI": doc_link,
            "notes": " ".join([str(item.citation), *item.notes]),
        }
        if item.description:
            entry["abbreviatedStatement"] = item.text
        if item.label:
            entry["alternativeLabel"] = item.label
        items.append(entry)
    by_id = {item.id: item for item in framework.items}
    position = {root.id: n + 1 for n, root in enumerate(framework.roots)}
    for item in framework.items:
        position.update((child, n + 1) for n, child in enumerate(item.children_ids))
    links = [
        _association(
            "isChildOf",
            item,
            by_id[item.parent_id] if item.parent_id else None,
            framework,
            doc_link,
            base_uri,
            sequence=position[item.id],
        )
        for item in framework.items
    ]
    links.extend(associations or [])
    return {"CFDocument": document, "CFItems": items, "CFAssociations": links}


def _document_notes(framework: Framework) -> str:
    notes = [f"Transcribed verbatim from: {framework.source}."]
    if framework.attribution_note:
        notes.append(framework.attribution_note)
    notes.extend(framework.editorial_notes)
    return " ".join(notes)


def _association(
    kind: str,
    item: Item,
    parent: Item | None,
    framework: Framework,
    doc_link: dict[str, str],
    base_uri: str,
    sequence: int,
) -> dict[str, Any]:
    origin = {
        "title": item.text,
        "identifier": uuid_for(item.id),
        "uri": uri_for(base_uri, uuid_for(item.id)),
    }
    destination = (
        doc_link
        if parent is None
        else {
            "title": parent.text,
            "identifier": uuid_for(parent.id),
            "uri": uri_for(base_uri, uuid_for(parent.id)),
        }
    )
    name = f"{item.id}|{kind}|{parent.id if parent else framework.id}"
    identifier = uuid_for(name)
    return {
        "identifier": identifier,
        "associationType": kind,
        "sequenceNumber": sequence,
        "uri": uri_for(base_uri, identifier),
        "originNodeURI": origin,
        "destinationNodeURI": destination,
        "lastChangeDateTime": DATA_CHANGED,
        "CFDocumentURI": doc_link,
    }


def to_case(framework: Framework, base_uri: str = "") -> str:
    """The CASE CFPackage of :func:`case_package` as JSON text."""
    return json.dumps(case_package(framework, base_uri), ensure_ascii=False, indent=2) + "\n"


_md = markdown_text  # text made safe inside a Markdown line or table cell


def to_markdown(framework: Framework) -> str:
    """The framework as a Markdown page: its source, notes, and every item with id, text and
    citation, indented under its parent, so a reviewer can read the data without Python."""
    lines = [
        f"# {_md(framework.title)}",
        "",
        f"Framework id: `{framework.id}`, version "
        f"{_md(framework.version)}, {len(framework)} items.",
        "",
        f"Source: {_md(str(framework.source))}",
        "",
    ]
    if not framework.attribution_confirmed:
        lines += [f"**Attribution unconfirmed.** {_md(framework.attribution_note or '')}", ""]
    if framework.editorial_notes:
        lines += ["## Editorial notes (ours)", ""]
        lines += [f"- {_md(note)}" for note in framework.editorial_notes] + [""]
    lines += ["## Items", ""]
    depth = {item.id: 0 for item in framework.roots}
    for item in framework.items:
        level = depth.get(item.parent_id or "", -1) + 1
        depth[item.id] = level
        pad = "    " * level
        entry = [f"**`{item.id}`** ({item.kind.value}): {_md(item.text)}"]
        if item.description:
            entry.append(_md(item.description))
        if item.origins:
            entry.append("*Origin:* " + _md("; ".join(o.tag or o.framework for o in item.origins)))
        entry.append(f"*Citation:* {_md(str(item.citation))}")
        entry += [f"*Note (ours):* {_md(note)}" for note in item.notes]
        # one line each, broken with two trailing spaces, inside one list entry
        lines.append(f"{pad}- " + f"  \n{pad}  ".join(entry))
    if framework.notes:
        lines += ["", "## Notes from the source", ""]
        for note in framework.notes:
            lines += [
                f"### {note.code}. {_md(note.title)}",
                "",
                _md(note.text),
                "",
                f"*Citation:* {_md(str(note.source))}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


FORMATS: Mapping[str, Callable[[Framework], str]] = MappingProxyType(
    {
        "json": to_json,
        "csv": to_csv,
        "case": to_case,
        "markdown": to_markdown,
    }
)
"""The framework export formats (``export ID --format …``), read-only."""


def export(framework: Framework, format: str) -> str:
    """The framework in one of :data:`FORMATS` (``json``, ``csv``, ``case``, ``markdown``) as
    text; raises :class:`InputError` for another format."""
    writer = choose(FORMATS, format, "export format")
    return writer(framework)
