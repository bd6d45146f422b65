"""Reading SSSOM/TSV (a ``#``-commented YAML header, then one mapping a row), and the format's
slots and columns, which the writer (``_sssom_write``) shares.

About 600 lines, one topic: every header slot and column the crosswalk models is checked here,
each with its own message and fix. The reader raises :class:`InputError` naming the file, the
line and column, and the fix; the SSSOM columns and header slots it does not model are kept as
read (``MappingRecord.extra``, ``MappingSet.extra``) and written back. Item CURIEs are turned into
item ids here (see ``_curie``); whether those items exist is checked against the frameworks by
``_consistency``.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .._decoders import parse_yaml
from .._didyoumean import closest, did_you_mean
from .._errors import InputError, every_problem
from .._files import read_text
from ._curie import (
    BASE_IRI,
    BUILTIN_PREFIXES,
    CURIE,
    PROJECT_PREFIX,
    resolve_framework,
    resolve_item,
)
from ._model import NO_TERM_FOUND, Justification, MappingRecord, MappingSet, Predicate

__all__ = ["COLUMNS", "HEADER_KEYS", "REQUIRED_COLUMNS", "parse_sssom", "read_sssom_file"]

SET_SLOTS = frozenset(
    """sssom_version curie_map mapping_set_id mapping_set_version mapping_set_source
    mapping_set_title mapping_set_description mapping_set_confidence creator_id creator_label
    license subject_type subject_source subject_source_version object_type object_source
    object_source_version predicate_type mapping_provider cardinality_scope mapping_tool
    mapping_tool_id mapping_tool_version mapping_date publication_date subject_match_field
    object_match_field subject_preprocessing object_preprocessing similarity_measure
    curation_rule curation_rule_text see_also issue_tracker other comment
    extension_definitions""".split()
)
"""The slots of an SSSOM mapping set (the header's keys), from the SSSOM schema."""

MAPPING_SLOTS = frozenset(
    """record_id subject_id subject_label subject_category predicate_id predicate_label
    predicate_modifier object_id object_label object_category mapping_justification author_id
    author_label reviewer_id reviewer_label creator_id creator_label license subject_type
    subject_source subject_source_version object_type object_source object_source_version
    predicate_type mapping_provider mapping_source mapping_cardinality cardinality_scope
    mapping_tool mapping_tool_id mapping_tool_version mapping_date publication_date review_date
    confidence reviewer_agreement curation_rule curation_rule_text subject_match_field
    object_match_field match_string subject_preprocessing object_preprocessing
    similarity_score similarity_measure see_also issue_tracker_item other comment""".split()
)
"""The slots of an SSSOM mapping (the table's columns), from the SSSOM schema."""

REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")

COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "author_label",
    "reviewer_id",
    "creator_id",
    "license",
    "mapping_date",
    "subject_source",
    "object_source",
    "comment",
)
"""The columns the crosswalk models, in the order :func:`write_sssom` writes them (a column no
row fills is left out); the records' other columns (``MappingRecord.extra``) follow."""

HEADER_KEYS = (
    "curie_map",
    "mapping_set_id",
    "mapping_set_version",
    "mapping_set_title",
    "mapping_set_description",
    "license",
    "creator_id",
    "mapping_date",
    "comment",
)
"""The header slots the crosswalk models, in the order :func:`write_sssom` writes them; the set's
other slots (``MappingSet.extra``) follow. (``subject_source`` and ``object_source`` in a header
fill the rows that leave them empty, and are written with the rows.)"""

ROW_DEFAULTS = ("subject_source", "object_source")
_ITEM_FIX = (
    "write a CURIE whose prefix the curie_map maps to "
    "https://peer-competencies.github.io/id/<framework-id>/ or whose prefix is the "
    "framework id with '_' for '-' (samhsa_2015:VIII.4)"
)
_FRAMEWORK_FIX = f"name the framework as {PROJECT_PREFIX}:<framework-id>"

IRI = re.compile(r"https?://\S+")
_PREDICATES = ", ".join(p.value for p in Predicate)


class _Header:
    """The YAML header, with the line each top-level key stands on (for messages)."""

    def __init__(self, data: Mapping[str, Any], lines: Mapping[str, int], file: str) -> None:
        self.data = data
        self.lines = lines
        self.file = file

    def error(self, key: str, problem: str, fix: str) -> InputError:
        line = self.lines.get(key)
        where = f"line {line} ({key})" if line else f"header ({key})"
        return InputError(problem, file=self.file, where=where, fix=fix)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise InputError(
                    f"the header has no {key}",
                    file=self.file,
                    where="header",
                    fix=f"add a '# {key}: …' line to the header",
                )
            return None
        if isinstance(value, (dict, list)):
            raise self.error(key, f"{key} must be a single value", f"write '# {key}: value'")
        return str(value)

    def iri(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not IRI.fullmatch(value):
            raise self.error(
                key, f"{key} {value!r} is not an absolute http(s) IRI", "write the full IRI"
            )
        return value

    def required_iri(self, key: str) -> str:
        value = self.iri(key, required=True)
        assert value is not None  # iri(required=True) raises instead
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        values = value if isinstance(value, list) else str(value).split("|")
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, f"{key} must be text or a list of texts", "quote the values")
        return tuple(v.strip() for v in values if v.strip())

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if isinstance(value, dt.datetime):  # YAML reads 2024-01-02 10:00:00 as a datetime
            raise self.error(
                key, f"{key} {value} is a date and a time", "write the date alone, as YYYY-MM-DD"
            )
        if value is None or isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.error(
                key, f"{key} {value!r} is not a date", "write it as YYYY-MM-DD"
            ) from None


def _split_header(text: str) -> tuple[list[str], int]:
    lines = text.split("\n")
    header: list[str] = []
    for line in lines:
        if not line.startswith("#"):
            break
        body = line[1:]
        header.append(body[1:] if body.startswith(" ") else body)
    return header, len(header)


def _parse_header(lines: Sequence[str], file: str) -> _Header:
    source = "\n".join(lines)
    data = (
        parse_yaml(
            source,
            file,
            part="header",
            indent=2,
            fix="the header is YAML behind '# ' at the start of each line",
        )
        if source.strip()
        else {}
    )
    if not isinstance(data, dict):
        raise InputError(
            "the header must be YAML keys and values",
            file=file,
            where="line 1",
            fix="write lines like '# mapping_set_id: https://…'",
        )
    key_lines: dict[str, int] = {}
    for n, line in enumerate(lines, start=1):
        key, colon, _ = line.partition(":")
        if colon and key and not key[0].isspace() and key not in key_lines:
            key_lines[key] = n
    header = _Header(data, key_lines, file)
    extensions = _extension_slots(header)
    for key in data:
        if not isinstance(key, str) or (key not in SET_SLOTS and key not in extensions):
            hint = did_you_mean(closest(str(key), sorted(SET_SLOTS), n=1))
            raise header.error(
                str(key),
                f"{key!r} is not an SSSOM mapping set slot",
                hint or "see the SSSOM schema for the mapping set slots",
            )
    return header


def _extension_slots(header: _Header) -> frozenset[str]:
    definitions = header.data.get("extension_definitions") or []
    if not isinstance(definitions, list):
        raise header.error(
            "extension_definitions",
            "extension_definitions must be a list",
            "write one '- slot_name: …' entry per extension slot",
        )
    names = {d.get("slot_name") for d in definitions if isinstance(d, dict)}
    return frozenset(n for n in names if isinstance(n, str))


def _curie_map(header: _Header) -> dict[str, str]:
    raw = header.data.get("curie_map") or {}
    if not isinstance(raw, dict):
        raise header.error(
            "curie_map", "curie_map must map prefixes to IRIs", "write '#   prefix: https://…'"
        )
    curie_map: dict[str, str] = {}
    for prefix, iri in raw.items():
        if not isinstance(prefix, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", prefix):
            raise header.error(
                "curie_map",
                f"curie_map prefix {prefix!r} is not a valid prefix name",
                "use letters, digits and '_' starting with a letter",
            )
        if not isinstance(iri, str) or not IRI.fullmatch(iri):
            raise header.error(
                "curie_map",
                f"curie_map[{prefix}] {iri!r} is not an absolute http(s) IRI",
                "write the IRI the prefix stands for",
            )
        builtin = BUILTIN_PREFIXES.get(prefix)
        if builtin is not None and builtin != iri:
            raise header.error(
                "curie_map",
                f"curie_map redefines the built-in prefix {prefix!r} as {iri!r}",
                f"use {builtin} or remove the line",
            )
        curie_map[prefix] = iri
    return curie_map


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
            f"{_FRAMEWORK_FIX}, with '{PROJECT_PREFIX}: {BASE_IRI}' in the curie_map",
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

    def __init__(self, header: _Header) -> None:
        self.subject_source = _set_framework(header, "subject_source")
        self.object_source = _set_framework(header, "object_source")
        self.mapping_date = header.date("mapping_date")


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
    predicate_text = row.required("predicate_id")
    try:
        predicate = Predicate(predicate_text)
    except ValueError:
        raise row.error(
            "predicate_id",
            f"predicate {predicate_text!r} is not one the crosswalk uses",
            f"use one of {_PREDICATES}",
        ) from None
    modifier = row.get("predicate_modifier")
    if modifier not in (None, "Not"):
        raise row.error(
            "predicate_modifier",
            f"predicate_modifier {modifier!r} is not 'Not'",
            "write Not for a curated non-match, or leave it empty",
        )
    justification_text = row.required("mapping_justification")
    try:
        justification = Justification(justification_text)
    except ValueError:
        hint = did_you_mean(closest(justification_text, (j.value for j in Justification), n=1))
        raise row.error(
            "mapping_justification",
            f"{justification_text!r} is not a semapv mapping justification",
            hint or "use e.g. semapv:ManualMappingCuration",
        ) from None
    confidence_text = row.get("confidence")
    confidence = None
    if confidence_text is not None:
        try:
            confidence = float(confidence_text)
        except ValueError:
            confidence = -1.0
        if not 0.0 <= confidence <= 1.0:
            raise row.error(
                "confidence",
                f"confidence {confidence_text!r} is not a number from 0 to 1",
                "write e.g. 0.8",
            )
    date_text = row.get("mapping_date")
    mapping_date = defaults.mapping_date
    if date_text is not None:
        try:
            mapping_date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise row.error(
                "mapping_date", f"mapping_date {date_text!r} is not a date", "write YYYY-MM-DD"
            ) from None
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
        predicate=predicate,
        object_id=object_id,
        justification=justification,
        confidence=confidence,
        negated=modifier == "Not",
        subject_label=row.get("subject_label"),
        object_label=row.get("object_label"),
        subject_source=subject_source,
        object_source=object_source,
        author_id=row.curies("author_id"),
        author_label=row.texts("author_label"),
        reviewer_id=row.curies("reviewer_id"),
        creator_id=row.curies("creator_id"),
        license=license_value,
        mapping_date=mapping_date,
        comment=row.get("comment"),
        extra={c: v for c in extra_columns if (v := row.get(c)) is not None},
        mapping_set_id=set_id,
        file=row.file,
        line=row.line,
    )


def _set_framework(header: _Header, key: str) -> str | None:
    value = header.text(key)
    if value is None:
        return None
    try:
        return resolve_framework(value, _curie_map(header))
    except ValueError as exc:
        raise header.error(key, str(exc), _FRAMEWORK_FIX) from None


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
    header_lines, first = _split_header(text)
    header = _parse_header(header_lines, file)
    curie_map = _curie_map(header)
    set_id = header.required_iri("mapping_set_id")
    license_iri = header.required_iri("license")
    lines = text.split("\n")
    if first >= len(lines) or not lines[first].strip():
        raise InputError(
            "there is no table after the header",
            file=file,
            where=f"line {first + 1}",
            fix="write the tab-separated column names, then one mapping a line",
        )
    columns = [c.strip() for c in lines[first].split("\t")]
    extensions = _extension_slots(header)
    index: dict[str, int] = {}
    for n, name in enumerate(columns):
        where = f"line {first + 1}, column {n + 1}"
        if name not in MAPPING_SLOTS and name not in extensions:
            hint = did_you_mean(closest(name, sorted(MAPPING_SLOTS), n=1))
            raise InputError(
                f"{name!r} is not an SSSOM mapping slot",
                file=file,
                where=where,
                fix=hint or "see the SSSOM schema for the mapping slots",
            )
        if name in index:
            raise InputError(
                f"column {name!r} repeats column {index[name] + 1}",
                file=file,
                where=where,
                fix="keep one column of each name",
            )
        index[name] = n
    for name in REQUIRED_COLUMNS:
        if name not in index:
            raise InputError(
                f"the table has no {name} column",
                file=file,
                where=f"line {first + 1}",
                fix=f"add {name}; SSSOM requires {', '.join(REQUIRED_COLUMNS)}",
            )
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
        raise InputError(
            "a '#' line inside the table",
            file=file,
            where=f"line {number}",
            fix="keep the '#' header lines at the top of the file",
        )
    fields = line.split("\t")
    if len(fields) != len(columns):
        raise InputError(
            f"{len(fields)} tab-separated fields where the header has {len(columns)}",
            file=file,
            where=f"line {number}",
            fix="separate the fields with single tabs, leaving empty ones empty",
        )
    extra_columns = [c for c in columns if c not in COLUMNS]
    return _record(_Row(fields, index, number, file, curie_map), defaults, set_id, extra_columns)


def read_sssom_file(path: str | Path) -> MappingSet:
    """Read an SSSOM/TSV file from disk; raises :class:`InputError`."""
    path = Path(path)
    return parse_sssom(read_text(path), source=str(path))
