"""Writing SSSOM/TSV: a mapping set as the ``#``-commented YAML header, then one mapping a row,
in the column order ``_sssom_slots`` defines; what the set kept as read is written back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .._errors import InputError
from ._curie import (
    BASE_IRI,
    BUILTIN_PREFIXES,
    PROJECT_PREFIX,
    curie_for,
    framework_iri,
    framework_source,
)
from ._model import NO_TERM_FOUND, MappingRecord, MappingSet
from ._sssom_slots import COLUMNS, HEADER_KEYS, REQUIRED_COLUMNS, ROW_DEFAULTS

__all__ = ["write_sssom"]


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    if "\t" in value or "\n" in value or "\r" in value:
        raise InputError(
            f"value {value[:40]!r} holds a tab or a line break",
            fix="SSSOM/TSV values are single lines without tabs",
        )
    return value


def write_sssom(mapping_set: MappingSet, framework_iris: Mapping[str, str] | None = None) -> str:
    """The mapping set as SSSOM/TSV text: the YAML header behind ``# ``, then the table.

    Item ids are written as CURIEs of the framework prefixes; ``framework_iris`` overrides the
    IRI a framework's prefix expands to (user frameworks keep the IRI their file gave).
    """
    import yaml

    iris = dict(framework_iris or {})
    records = mapping_set.records
    used_frameworks = sorted(
        {
            r_id.partition(":")[0]
            for r in records
            for r_id in (r.subject_id, r.object_id)
            if r_id != NO_TERM_FOUND
        }
    )
    curie_map: dict[str, str] = {
        prefix: iri
        for prefix, iri in mapping_set.curie_map.items()
        if not any(iri == framework_iri(f) or iri == iris.get(f) for f in used_frameworks)
    }
    curie_map.setdefault(PROJECT_PREFIX, BASE_IRI)
    for framework_id in used_frameworks:
        prefix = curie_for(f"{framework_id}:x").partition(":")[0]
        curie_map[prefix] = iris.get(framework_id, framework_iri(framework_id))
    for prefix in ("semapv", "skos", "sssom"):
        curie_map.setdefault(prefix, BUILTIN_PREFIXES[prefix])
    header: dict[str, Any] = {"curie_map": dict(sorted(curie_map.items()))}
    header["mapping_set_id"] = mapping_set.id
    for key, value in (
        ("mapping_set_version", mapping_set.version),
        ("mapping_set_title", mapping_set.title),
        ("mapping_set_description", mapping_set.description),
    ):
        if value is not None:
            header[key] = value
    header["license"] = mapping_set.license
    if mapping_set.creator_id:
        header["creator_id"] = list(mapping_set.creator_id)
    if mapping_set.mapping_date is not None:
        header["mapping_date"] = mapping_set.mapping_date.isoformat()
    if mapping_set.comment is not None:
        header["comment"] = mapping_set.comment
    for key, slot in mapping_set.extra.items():
        if key in HEADER_KEYS or key in ROW_DEFAULTS:
            raise InputError(
                f"the set's extra slot {key!r} is one the mapping set models",
                fix=f"set {key} on the MappingSet itself",
            )
        header[key] = _thawed(slot)
    dumped = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100)
    lines = [f"# {line}" if line else "#" for line in dumped.rstrip("\n").split("\n")]
    rows = [_row_values(record, mapping_set.mapping_date) for record in records]
    columns = [
        c for c in COLUMNS if c in REQUIRED_COLUMNS or any(row[c] is not None for row in rows)
    ]
    columns += dict.fromkeys(c for record in records for c in record.extra)
    # SSSOM propagates a set-level value only to a set whose rows have no such column: once a
    # row needs its own value, every row states its value, the set's where it has none
    for column, value in (
        (
            "mapping_date",
            None if mapping_set.mapping_date is None else mapping_set.mapping_date.isoformat(),
        ),
        ("license", mapping_set.license),
    ):
        if column in columns and value is not None:
            for row in rows:
                if row[column] is None:
                    row[column] = value
    lines.append("\t".join(columns))
    lines.extend("\t".join(_cell(row.get(c)) for c in columns) for row in rows)
    return "\n".join(lines) + "\n"


def _thawed(value: object) -> object:
    """A value of ``MappingSet.extra`` as YAML writes it: tuples as lists, mappings as dicts."""
    if isinstance(value, Mapping):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


def _entity(item_id: str) -> str:
    return item_id if item_id == NO_TERM_FOUND else curie_for(item_id)


def _row_values(record: MappingRecord, set_date: dt.date | None) -> dict[str, str | None]:
    def joined(values: tuple[str, ...]) -> str | None:
        return "|".join(values) or None

    for column in record.extra:
        if column in COLUMNS:
            raise InputError(
                f"the extra column {column!r} of {record} is one the record models",
                fix=f"set {column} on the MappingRecord itself",
            )

    subject_framework = record.subject_source or record.subject_id.partition(":")[0]
    object_framework = record.object_source or record.object_id.partition(":")[0]
    return {
        "subject_id": _entity(record.subject_id),
        "subject_label": record.subject_label,
        "predicate_id": record.predicate.value,
        "predicate_modifier": "Not" if record.negated else None,
        "object_id": _entity(record.object_id),
        "object_label": record.object_label,
        "mapping_justification": record.justification.value,
        # the shortest text that reads back as the same number: 0.9, 1.0, 0.8125
        "confidence": None if record.confidence is None else repr(record.confidence),
        "author_id": joined(record.author_id),
        "author_label": joined(record.author_label),
        "reviewer_id": joined(record.reviewer_id),
        "creator_id": joined(record.creator_id),
        "license": record.license,
        "mapping_date": (
            None
            if record.mapping_date is None or record.mapping_date == set_date
            else record.mapping_date.isoformat()
        ),
        "subject_source": framework_source(subject_framework),
        "object_source": framework_source(object_framework),
        "comment": record.comment,
        **record.extra,
    }
