"""Reading SSSOM/TSV: a ``#``-commented YAML header, then one mapping a row.

The reader raises :class:`InputError` naming the file, the line and column, and the fix. The
cells that hold a kind, a date or a number (predicate, justification, modifier, confidence,
mapping date) are structured by the package's one strict converter (``_structure``), as every
file the package reads is; the CURIEs and the frameworks they name are resolved here (see
``_curie``); whether those items exist is checked against the frameworks by ``_consistency``.
The SSSOM columns and header slots it does not model are kept as read
(``MappingRecord.extra``, ``MappingSet.extra``) and written back; the slots are listed in
``_sssom_slots``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated

import attrs

from .._enum import TextEnum
from .._errors import InputError, every_problem
from .._files import read_text
from .._structure import Range, structure
from ._curie import (
    BASE_IRI,
    BUILTIN_PREFIXES,
    CURIE,
    PROJECT_PREFIX,
    resolve_framework,
    resolve_item,
)
from ._model import NO_TERM_FOUND, Justification, MappingRecord, MappingSet, Predicate
from ._sssom_header import (
    FRAMEWORK_FIX,
    IRI,
    Header,
    converter,
    extension_slots,
    read_curie_map,
    read_header,
    set_framework,
    split_header,
    unknown_slot,
)
from ._sssom_slots import (
    COLUMNS,
    HEADER_KEYS,
    MAPPING_SLOTS,
    REQUIRED_COLUMNS,
    ROW_DEFAULTS,
)

__all__ = ["COLUMNS", "HEADER_KEYS", "REQUIRED_COLUMNS", "parse_sssom", "read_sssom_file"]

_ITEM_FIX = (
    "write a CURIE whose prefix the curie_map maps to "
    "https://peer-competencies.github.io/id/<framework-id>/ or whose prefix is the "
    "framework id with '_' for '-' (samhsa_2015:VIII.4)"
)


class PredicateModifier(TextEnum):
    """SSSOM's ``predicate_modifier``: ``Not`` makes a mapping a curated non-match."""

    NOT = "Not"


@attrs.frozen
class _Cells:
    """The cells of a row that hold a kind, a number or a date, structured by the converter
    from their text (an empty cell is left out: its default)."""

    predicate_id: Predicate
    mapping_justification: Justification
    predicate_modifier: PredicateModifier | None = None
    confidence: Annotated[float, Range(0, 1)] | None = None
    mapping_date: dt.date | None = None


_CELL_FIXES = {
    "predicate_id": "the crosswalk uses these SKOS mapping predicates only",
    "mapping_justification": "use e.g. semapv:ManualMappingCuration",
    "predicate_modifier": "write Not for a curated non-match, or leave it empty",
    "confidence": "write e.g. 0.8",
    "mapping_date": "write YYYY-MM-DD",
}


class _Row:
    def __init__(
        self,
        fields: Sequence[str],
        index: Mapping[str, int],
        line: int,
        file: str,
        curie_map: Mapping[str, str],
    ) -> None:
        self.fields = fields
        self.index = index
        self.line = line
        self.file = file
        self.curie_map = curie_map

    def error(self, column: str, problem: str, fix: str) -> InputError:
        where = f"line {self.line}, column {self.index[column] + 1} ({column})"
        return InputError(problem, file=self.file, where=where, fix=fix)

    def get(self, column: str) -> str | None:
        n = self.index.get(column)
        if n is None:
            return None
        value = self.fields[n].strip()
        return value or None

    def required(self, column: str) -> str:
        value = self.get(column)
        if value is None:
            raise self.error(column, f"{column} is empty", f"every mapping needs a {column}")
        return value

    def entity(self, column: str) -> str:
        value = self.required(column)
        if value == NO_TERM_FOUND:
            return value
        return self._resolved(column, value, resolve_item, _ITEM_FIX)

    def framework(self, column: str, default: str | None) -> str | None:
        value = self.get(column)
        if value is None:
            return default
        return self._resolved(
            column,
            value,
            resolve_framework,
            f"{FRAMEWORK_FIX}, with '{PROJECT_PREFIX}: {BASE_IRI}' in the curie_map",
        )

    def _resolved(
        self, column: str, value: str, resolve: Callable[[str, Mapping[str, str]], str], fix: str
    ) -> str:
        """``value`` resolved against the curie_map; its ValueError becomes this cell's error."""
        try:
            return resolve(value, self.curie_map)
        except ValueError as exc:
            raise self.error(column, str(exc), fix) from None

    def curies(self, column: str) -> tuple[str, ...]:
        value = self.get(column)
        if value is None:
            return ()
        found = []
        for part in (p.strip() for p in value.split("|")):
            match = CURIE.fullmatch(part)
            if IRI.fullmatch(part):
                found.append(part)
                continue
            if match is None:
                raise self.error(
                    column, f"{part!r} is not a CURIE or an IRI", "write prefix:local or https://…"
                )
            if match["prefix"] not in self.curie_map and match["prefix"] not in BUILTIN_PREFIXES:
                raise self.error(
                    column,
                    f"prefix {match['prefix']!r} of {part!r} is not declared in the curie_map",
                    "declare it in the header's curie_map",
                )
            found.append(part)
        return tuple(found)

    def texts(self, column: str) -> tuple[str, ...]:
        value = self.get(column)
        return () if value is None else tuple(p.strip() for p in value.split("|") if p.strip())


class _Defaults:
    """The header's values that propagate to every row that leaves them empty."""

    def __init__(self, header: Header) -> None:
        self.subject_source = set_framework(header, "subject_source")
        self.object_source = set_framework(header, "object_source")
        self.mapping_date = header.date("mapping_date")


def _cells(row: _Row) -> _Cells:
    """The row's kinds, number and date, structured by the converter; each problem placed at
    its cell, with the converter's fix (a near miss) or the column's."""
    row.required("predicate_id")
    row.required("mapping_justification")
    text = {column: value for column in _CELL_FIXES if (value := row.get(column)) is not None}
    try:
        return structure(converter(), text, _Cells, row.file, "", root="")
    except InputError as exc:
        raise every_problem(
            [
                row.error(column, p.problem, p.fix or _CELL_FIXES[column])
                for p in exc.problems
                if (column := (p.where or "").lstrip("."))
            ]
        ) from None


def _record(
    row: _Row, defaults: _Defaults, set_id: str, extra_columns: Sequence[str]
) -> MappingRecord:
    subject_id = row.entity("subject_id")
    object_id = row.entity("object_id")
    if subject_id == NO_TERM_FOUND and object_id == NO_TERM_FOUND:
        raise row.error(
            "object_id",
            f"both subject_id and object_id are {NO_TERM_FOUND}",
            "name the item that has no match on one side",
        )
    cells = _cells(row)
    subject_source = row.framework("subject_source", defaults.subject_source)
    object_source = row.framework("object_source", defaults.object_source)
    for column, entity, source in (
        ("subject_source", subject_id, subject_source),
        ("object_source", object_id, object_source),
    ):
        if entity == NO_TERM_FOUND and source is None:
            raise row.error(
                column.replace("source", "id"),
                f"{NO_TERM_FOUND} needs a {column} naming the framework searched",
                f"fill {column} with {PROJECT_PREFIX}:<framework-id>",
            )
        if entity != NO_TERM_FOUND and source is not None and entity.partition(":")[0] != source:
            raise row.error(
                column,
                f"{column} {source!r} is not the framework of {entity!r}",
                f"leave {column} empty or name {entity.partition(':')[0]}",
            )
    license_value = row.get("license")
    if license_value is not None and not IRI.fullmatch(license_value):
        raise row.error("license", f"license {license_value!r} is not an IRI", "write the IRI")
    return MappingRecord(
        subject_id=subject_id,
        predicate=cells.predicate_id,
        object_id=object_id,
        justification=cells.mapping_justification,
        confidence=cells.confidence,
        negated=cells.predicate_modifier is PredicateModifier.NOT,
        subject_label=row.get("subject_label"),
        object_label=row.get("object_label"),
        subject_source=subject_source,
        object_source=object_source,
        author_id=row.curies("author_id"),
        author_label=row.texts("author_label"),
        reviewer_id=row.curies("reviewer_id"),
        creator_id=row.curies("creator_id"),
        license=license_value,
        mapping_date=defaults.mapping_date if cells.mapping_date is None else cells.mapping_date,
        comment=row.get("comment"),
        extra={c: v for c in extra_columns if (v := row.get(c)) is not None},
        mapping_set_id=set_id,
        file=row.file,
        line=row.line,
    )


def parse_sssom(text: str, _file: str | None = None, /, *, source: str | None = None) -> MappingSet:
    """Parse SSSOM/TSV text into a :class:`MappingSet`; raises :class:`InputError` naming
    ``source`` (a file name, or ``<data>``). The file name as a second positional argument is
    deprecated (until 0.3): pass ``source=``."""
    if _file is not None:
        warnings.warn(
            "parse_sssom(text, file) is deprecated and goes in 0.3: use parse_sssom(text, "
            "source=file)",
            DeprecationWarning,
            stacklevel=2,
        )
    file = source or _file or "<data>"
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    header_lines, first = split_header(text)
    header = read_header(header_lines, file)
    curie_map = read_curie_map(header)
    set_id = header.required_iri("mapping_set_id")
    license_iri = header.required_iri("license")
    lines = text.split("\n")
    if first >= len(lines) or not lines[first].strip():
        fix = "write the tab-separated column names, then one mapping a line"
        raise _fail("there is no table after the header", file, first + 1, fix)
    columns = [c.strip() for c in lines[first].split("\t")]
    index = _column_index(columns, file, first + 1, extension_slots(header))
    records = []
    defaults = _Defaults(header)
    body = lines[first + 1 :]
    while body and not body[-1].strip():
        body.pop()
    problems: list[InputError] = []  # every row's, reported together
    for offset, line in enumerate(body):
        number = first + 2 + offset
        try:
            records.append(
                _table_row(line, number, columns, index, file, curie_map, defaults, set_id)
            )
        except InputError as exc:
            problems.append(exc)
    if problems:
        raise every_problem(problems)
    return MappingSet(
        id=set_id,
        license=license_iri,
        records=tuple(records),
        version=header.text("mapping_set_version"),
        title=header.text("mapping_set_title"),
        description=header.text("mapping_set_description"),
        curie_map=curie_map,
        creator_id=header.texts("creator_id"),
        mapping_date=header.date("mapping_date"),
        comment=header.text("comment"),
        extra={
            k: v
            for k, v in header.data.items()
            if k not in HEADER_KEYS and k not in ROW_DEFAULTS and v is not None
        },
        file=file,
        columns=tuple(columns),
    )


def _fail(problem: str, file: str, line: int, fix: str, column: int | None = None) -> InputError:
    """The error of a line of the table (or of its column ``column``, counted from 1)."""
    where = f"line {line}" if column is None else f"line {line}, column {column}"
    return InputError(problem, file=file, where=where, fix=fix)


def _column_index(
    columns: Sequence[str], file: str, line: int, extensions: frozenset[str]
) -> dict[str, int]:
    """The place of each column by name, once the names are known to be SSSOM mapping slots
    (or declared extensions), none repeated, the required ones all there."""
    index: dict[str, int] = {}
    for n, name in enumerate(columns):
        if name not in MAPPING_SLOTS and name not in extensions:
            problem, fix = unknown_slot(name, MAPPING_SLOTS, "mapping slot")
            raise _fail(problem, file, line, fix, n + 1)
        if name in index:
            problem = f"column {name!r} repeats column {index[name] + 1}"
            raise _fail(problem, file, line, "keep one column of each name", n + 1)
        index[name] = n
    for name in REQUIRED_COLUMNS:
        if name not in index:
            fix = f"add {name}; SSSOM requires {', '.join(REQUIRED_COLUMNS)}"
            raise _fail(f"the table has no {name} column", file, line, fix)
    return index


def _table_row(
    line: str,
    number: int,
    columns: Sequence[str],
    index: Mapping[str, int],
    file: str,
    curie_map: Mapping[str, str],
    defaults: _Defaults,
    set_id: str,
) -> MappingRecord:
    """The mapping on line ``number`` of the table."""
    if line.startswith("#"):
        fix = "keep the '#' header lines at the top of the file"
        raise _fail("a '#' line inside the table", file, number, fix)
    fields = line.split("\t")
    if len(fields) != len(columns):
        problem = f"{len(fields)} tab-separated fields where the header has {len(columns)}"
        fix = "separate the fields with single tabs, leaving empty ones empty"
        raise _fail(problem, file, number, fix)
    extra_columns = [c for c in columns if c not in COLUMNS]
    return _record(_Row(fields, index, number, file, curie_map), defaults, set_id, extra_columns)


def read_sssom_file(path: str | Path) -> MappingSet:
    """Read an SSSOM/TSV file from disk; raises :class:`InputError`."""
    path = Path(path)
    return parse_sssom(read_text(path), source=str(path))
