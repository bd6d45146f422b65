"""The whole crosswalk as one CSV table, for people who work in spreadsheets: one asserted
mapping a line, with item ids as the package writes them (``samhsa-2015:VIII.4``, not CURIEs)
and the wording of both items."""

from __future__ import annotations

import io

from .._markup import csv_writer
from ._crosswalk import Crosswalk, default
from ._model import NO_TERM_FOUND

__all__ = ["CSV_COLUMNS", "to_csv"]

CSV_COLUMNS = (
    "subject_id",
    "subject_text",
    "predicate",
    "not",
    "object_id",
    "object_text",
    "object_framework",
    "confidence",
    "justification",
    "author",
    "mapping_date",
    "comment",
)
"""The columns of :func:`to_csv`. ``not`` is ``Not`` for a curated non-match; an
``object_id`` of ``sssom:NoTermFound`` says that ``object_framework`` has no counterpart."""


def to_csv(crosswalk: Crosswalk | None = None) -> str:
    """Every asserted mapping of the crosswalk (the shipped one by default) as CSV, in the
    mapping sets' order: the same rows as the SSSOM export, in plain columns."""
    cw = default() if crosswalk is None else crosswalk
    buffer = io.StringIO()
    writer = csv_writer(buffer)  # formulas neutralised
    writer.writerow(CSV_COLUMNS)
    for record in cw.records:
        subject_framework = (
            record.subject_source
            if record.subject_id == NO_TERM_FOUND
            else record.subject_id.partition(":")[0]
        )
        object_framework = (
            record.object_source
            if record.object_id == NO_TERM_FOUND
            else record.object_id.partition(":")[0]
        )
        subject_text = record.subject_label or ""
        if record.subject_id == NO_TERM_FOUND:
            subject_text = f"(nothing in {subject_framework})"
        object_text = record.object_label or ""
        if record.object_id == NO_TERM_FOUND:
            object_text = f"(nothing in {object_framework})"
        writer.writerow(
            [
                record.subject_id,
                subject_text,
                record.predicate.value,
                "Not" if record.negated else "",
                record.object_id,
                object_text,
                object_framework or "",
                "" if record.confidence is None else repr(record.confidence),
                record.justification.value,
                "; ".join(record.author_id),
                "" if record.mapping_date is None else record.mapping_date.isoformat(),
                record.comment or "",
            ]
        )
    return buffer.getvalue()
