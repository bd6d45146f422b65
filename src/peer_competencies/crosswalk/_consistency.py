"""Consistency of asserted mappings: the problems :meth:`Crosswalk.problems` reports, and the
check that a mapping set names only known frameworks and items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._didyoumean import closest, did_you_mean
from .._errors import InputError
from .._model import Framework, Item
from ._infer import Negatives, negatives_of
from ._model import NO_TERM_FOUND, MappingRecord, MappingSet, Predicate, Problem

__all__ = ["find_problems", "validate_ids"]


def find_problems(
    records: Sequence[MappingRecord], items: Mapping[str, Item], negatives: Negatives
) -> tuple[Problem, ...]:
    """The consistency problems of ``records`` (see :meth:`Crosswalk.problems`); ``negatives``
    are their curated negatives."""
    found: list[Problem] = []
    seen: dict[tuple[str | None, str, str, Predicate, bool], MappingRecord] = {}
    for record in records:
        dangling = [
            i
            for i in (record.subject_id, record.object_id)
            if i != NO_TERM_FOUND and i not in items
        ]
        for item_id in dangling:
            found.append(
                Problem("dangling-id", f"{item_id} is not an item of the crosswalk", (record,))
            )
        if record.subject_id == record.object_id:
            found.append(Problem("self-mapping", f"{record} maps an item to itself", (record,)))
        elif (
            not record.no_term_found
            and record.subject_id.partition(":")[0] == record.object_id.partition(":")[0]
        ):
            found.append(
                Problem("same-framework", f"{record} maps within one framework", (record,))
            )
        key = (record.mapping_set_id, *_statement_key(record))
        if key in seen:
            found.append(
                Problem("stated-twice", f"{record} repeats {seen[key]}", (seen[key], record))
            )
        else:
            seen[key] = record
    for record in records:
        if not record.positive:
            continue
        for source, predicate, target in (
            (record.subject_id, record.predicate, record.object_id),
            (record.object_id, record.predicate.inverse, record.subject_id),
        ):
            if negatives.blocks(source, predicate, target):
                denying = tuple(
                    r
                    for r in records
                    if not r.positive and negatives_of([r]).blocks(source, predicate, target)
                )
                found.append(
                    Problem(
                        "contradiction",
                        f"{record} is denied by {', '.join(map(str, denying))}",
                        (record, *denying),
                    )
                )
                break
    return tuple(found)


def _statement_key(record: MappingRecord) -> tuple[str, str, Predicate, bool]:
    """The statement a record makes, the same whichever way round it is written."""
    subject = record.subject_id
    obj = record.object_id
    if record.subject_id == NO_TERM_FOUND:
        subject = f"{NO_TERM_FOUND}@{record.subject_source}"
    if record.object_id == NO_TERM_FOUND:
        obj = f"{NO_TERM_FOUND}@{record.object_source}"
    forward = (subject, obj, record.predicate, record.negated)
    backward = (obj, subject, record.predicate.inverse, record.negated)
    return min(forward, backward)


def validate_ids(
    mapping_set: MappingSet, frameworks: Mapping[str, Framework], items: Mapping[str, Item]
) -> None:
    """Raise :class:`InputError` at the first mapping that names an unknown framework or item."""
    for record in mapping_set.records:
        for column, value, source in (
            ("subject", record.subject_id, record.subject_source),
            ("object", record.object_id, record.object_source),
        ):
            framework_id = source if value == NO_TERM_FOUND else value.partition(":")[0]
            name = f"{column}_id"
            where = name
            if record.line is not None:
                number = (
                    f", column {mapping_set.columns.index(name) + 1}"
                    if name in mapping_set.columns
                    else ""
                )
                where = f"line {record.line}{number} ({name})"
            if framework_id is not None and framework_id not in frameworks:
                hint = did_you_mean(closest(framework_id, frameworks))
                hint = f"; {hint}" if hint else ""
                raise InputError(
                    f"{value if value != NO_TERM_FOUND else framework_id!r} names the unknown "
                    f"framework {framework_id!r}{hint}",
                    file=mapping_set.file,
                    where=where,
                    fix="read that framework first (read_framework) and pass it along",
                )
            if value != NO_TERM_FOUND and value not in items:
                hint = did_you_mean(
                    closest(value, (i for i in items if i.startswith(f"{framework_id}:")))
                )
                hint = f"; {hint}" if hint else ""
                raise InputError(
                    f"{value!r} is not an item of {framework_id}{hint}",
                    file=mapping_set.file,
                    where=where,
                    fix="use the code the framework gives the item",
                )
