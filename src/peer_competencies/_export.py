"""Exports of a framework by format name: JSON (the model), CSV (one row per item), 1EdTech CASE
1.1 and 1.0 (``_case``), Credential Engine CTDL-ASN (``_ctdl``), Markdown (``_markdown``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ._case import case_package, to_case
from ._ctdl import to_ctdl
from ._markdown import to_markdown
from ._markup import csv_writer
from ._model import Framework, Item, converter
from ._structure import choose

if TYPE_CHECKING:
    from .crosswalk import Crosswalk

__all__ = [
    "FORMATS",
    "MAPPING_FORMATS",
    "case_package",
    "render",
    "to_case",
    "to_csv",
    "to_ctdl",
    "to_json",
    "to_markdown",
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


def _case_1_0(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_case(framework, crosswalk=crosswalk, version="1.0")


def _case_1_1(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_case(framework, crosswalk=crosswalk)


def _ctdl(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_ctdl(framework, crosswalk=crosswalk)


def _markdown(framework: Framework, crosswalk: Crosswalk | None = None) -> str:
    return to_markdown(framework, crosswalk=crosswalk)


FORMATS: Mapping[str, Callable[[Framework], str]] = MappingProxyType(
    {
        "json": to_json,
        "csv": to_csv,
        "case": _case_1_1,
        "case-1.0": _case_1_0,
        "ctdl": _ctdl,
        "markdown": _markdown,
    }
)
"""The framework formats of :func:`render` (``export ID --format …``), read-only: ``case`` is
CASE 1.1, ``case-1.0`` CASE 1.0, ``ctdl`` CTDL-ASN JSON-LD, ``markdown`` the page the
documentation site shows."""

_WITH_MAPPINGS: Mapping[str, Callable[[Framework, Crosswalk], str]] = {
    "case": _case_1_1,
    "case-1.0": _case_1_0,
    "ctdl": _ctdl,
    "markdown": _markdown,
}

MAPPING_FORMATS = frozenset(_WITH_MAPPINGS)
"""The formats that can carry a crosswalk's mappings (``render(..., crosswalk=...)``)."""


def render(framework: Framework, format: str, *, crosswalk: Crosswalk | None = None) -> str:
    """The framework in one of :data:`FORMATS` as text; raises :class:`InputError` for another
    format. ``crosswalk`` adds the framework's mappings in it to the formats that carry them
    (:data:`MAPPING_FORMATS`); the command line passes the shipped crosswalk."""
    writer = choose(FORMATS, format, "export format")
    if crosswalk is not None and format in MAPPING_FORMATS:
        return _WITH_MAPPINGS[format](framework, crosswalk)
    return writer(framework)
