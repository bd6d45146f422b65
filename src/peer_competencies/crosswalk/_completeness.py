"""Completeness of the crosswalk: whether each item has a mapping, a curated no-match or
nothing into each other framework, counted at one level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._model import Framework
from ._levels import STATEMENT_KINDS, level_items
from ._model import (
    Completeness,
    CompletenessEntry,
    MappingRecord,
    other_framework,
    other_id,
)

__all__ = ["CURATED_FRAMEWORKS", "completeness"]

CURATED_FRAMEWORKS = ("samhsa-2015", "ca-sb803", "peer-support-17", "icrc-pr", "rfc-forensic-2017")
"""The frameworks whose top items the curators map into each other (see :func:`completeness`)."""


def completeness(
    frameworks: Mapping[str, Framework],
    involved: Mapping[str, Sequence[MappingRecord]],
    framework_ids: Sequence[str],
    level: str,
) -> Completeness:
    """:meth:`Crosswalk.completeness` on checked arguments: ``frameworks`` by id, ``involved``
    the asserted mappings of each item id."""
    entries = []
    counted: dict[str, frozenset[str]] = {}
    if level != "top":  # a mapping counts when it reaches a competency or finer
        for framework_id in framework_ids:
            fine = level_items(frameworks[framework_id], "competency")
            counted[framework_id] = frozenset(
                i.id for top in fine for i in (top, *top.descendants) if i.kind in STATEMENT_KINDS
            )
    for framework_id in framework_ids:
        for item in level_items(frameworks[framework_id], level):
            records = involved.get(item.id, ())
            for other in framework_ids:
                if other == framework_id:
                    continue
                positive = tuple(
                    r
                    for r in records
                    if r.positive
                    and other_framework(r, item.id) == other
                    and (level == "top" or other_id(r, item.id) in counted[other])
                )
                negative = tuple(
                    r for r in records if not r.positive and other_framework(r, item.id) == other
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
    return Completeness(frameworks=tuple(framework_ids), entries=tuple(entries), level=level)
