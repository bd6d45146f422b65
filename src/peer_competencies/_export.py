"""Exports of a framework by format name: JSON (the model), CSV (one row per item), 1EdTech CASE
1.1 and 1.0 (``_case``), Credential Engine CTDL-ASN (``_ctdl``), Markdown."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._case import DATA_CHANGED, NAMESPACE, case_package, to_case, uri_for, uuid_for
from ._ctdl import to_ctdl
from ._markup import csv_writer, markdown_text
from ._model import Framework, Item, converter
from ._structure import choose

if TYPE_CHECKING:
    from .crosswalk import Crosswalk

__all__ = [
    "DATA_CHANGED",
    "FORMATS",
    "MAPPING_FORMATS",
    "NAMESPACE",
    "case_package",
    "export",
    "render",
    "to_case",
    "to_csv",
    "to_ctdl",
    "to_json",
    "to_markdown",
    "uri_for",
    "uuid_for",
]

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


def _case_1_0(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_case(framework, crosswalk=crosswalk, version="1.0")


def _case_1_1(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_case(framework, crosswalk=crosswalk)


def _ctdl(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_ctdl(framework, crosswalk=crosswalk)


FORMATS: Mapping[str, Callable[[Framework], str]] = MappingProxyType(
    {
        "json": to_json,
        "csv": to_csv,
        "case": _case_1_1,
        "case-1.0": _case_1_0,
        "ctdl": _ctdl,
        "markdown": to_markdown,
    }
)
"""The framework formats of :func:`render` (``export ID --format …``), read-only: ``case`` is
CASE 1.1, ``case-1.0`` CASE 1.0, ``ctdl`` CTDL-ASN JSON-LD."""

MAPPING_FORMATS = frozenset({"case", "case-1.0", "ctdl"})
"""The formats that can carry a crosswalk's mappings (``render(..., crosswalk=...)``)."""


def render(framework: Framework, format: str, *, crosswalk: Crosswalk | None = None) -> str:
    """The framework in one of :data:`FORMATS` as text; raises :class:`InputError` for another
    format. ``crosswalk`` adds the framework's mappings in it to the formats that carry them
    (:data:`MAPPING_FORMATS`); the command line passes the shipped crosswalk."""
    writer = choose(FORMATS, format, "export format")
    if crosswalk is not None and format in MAPPING_FORMATS:
        return {"case": _case_1_1, "case-1.0": _case_1_0, "ctdl": _ctdl}[format](
            framework, crosswalk
        )
    return writer(framework)


export = render  # the old name (deprecated in the public face)
