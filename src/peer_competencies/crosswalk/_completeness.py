"""Completeness of the crosswalk: whether each item has a mapping, a curated no-match or
nothing into each other framework, counted at one level.

Which frameworks the curators map into each other is a fact about a mapping set, so the set
states it: ``curated_frameworks=<id> <id> …`` in its header's ``other`` slot (SSSOM's place for
key=value pairs it does not model, ``|`` between pairs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .._model import Framework
from ._levels import STATEMENT_KINDS, level_items
from ._model import (
    Completeness,
    CompletenessEntry,
    MappingRecord,
    MappingSet,
    other_framework,
    other_id,
)

__all__ = ["completeness", "curated_frameworks"]  # and CURATED_FRAMEWORKS, read when asked for

_KEY = "curated_frameworks"


def curated_frameworks(mapping_sets: Iterable[MappingSet]) -> tuple[str, ...]:
    """The frameworks whose items the sets' curators map into each other, as each set's
    header states them (``other: curated_frameworks=samhsa-2015 ca-sb803 …``), in order,
    each once."""
    found: list[str] = []
    for mapping_set in mapping_sets:
        other = mapping_set.extra.get("other")
        for pair in other.split("|") if isinstance(other, str) else ():
            key, equals, value = pair.partition("=")
            if equals and key.strip() == _KEY:
                found += value.split()
    return tuple(dict.fromkeys(found))


def __getattr__(name: str) -> tuple[str, ...]:
    # CURATED_FRAMEWORKS: the shipped sets' curated frameworks, read from the data when asked for
    if name == "CURATED_FRAMEWORKS":
        from ._crosswalk import shipped_mapping_sets

        return curated_frameworks(shipped_mapping_sets())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
