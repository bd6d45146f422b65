"""The header of an SSSOM/TSV file: the ``#``-commented YAML before the table, its slots checked
and read, each error naming the line of its key."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import cattrs

from .._decoders import parse_yaml
from .._didyoumean import closest, did_you_mean
from .._errors import InputError
from .._structure import strict_converter
from ._curie import BUILTIN_PREFIXES, PROJECT_PREFIX, resolve_framework
from ._sssom_slots import SET_SLOTS

__all__ = [
    "FRAMEWORK_FIX",
    "IRI",
    "Header",
    "converter",
    "extension_slots",
    "read_curie_map",
    "read_header",
    "set_framework",
    "split_header",
    "unknown_slot",
]

IRI = re.compile(r"https?://\S+")


FRAMEWORK_FIX = f"name the framework as {PROJECT_PREFIX}:<framework-id>"


@functools.cache
def converter() -> cattrs.Converter:
    """The strict converter of SSSOM values written as text (a row's cells, a header's date),
    made on first use; enum values are matched with their case: CURIEs are case-sensitive."""
    return strict_converter(from_text=True, fold_case=False)


def unknown_slot(name: object, slots: frozenset[str], what: str) -> tuple[str, str]:
    """The problem and the fix of a header key or a column that is no SSSOM slot."""
    hint = did_you_mean(closest(str(name), sorted(slots), n=1))
    return f"{name!r} is not an SSSOM {what}", hint or f"see the SSSOM schema for the {what}s"


class Header:
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
        if value is None:
            return None
        try:  # the converter's date, as in a row (a number written 20240102 read as text)
            date: dt.date = converter().structure(
                value if isinstance(value, dt.date) else str(value), dt.date
            )
        except (TypeError, ValueError) as exc:
            raise self.error(key, str(exc), "write it as YYYY-MM-DD") from None
        return date


def split_header(text: str) -> tuple[list[str], int]:
    lines = text.split("\n")
    header: list[str] = []
    for line in lines:
        if not line.startswith("#"):
            break
        body = line[1:]
        header.append(body[1:] if body.startswith(" ") else body)
    return header, len(header)


def read_header(lines: Sequence[str], file: str) -> Header:
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
    header = Header(data, key_lines, file)
    extensions = extension_slots(header)
    for key in data:
        if not isinstance(key, str) or (key not in SET_SLOTS and key not in extensions):
            raise header.error(str(key), *unknown_slot(key, SET_SLOTS, "mapping set slot"))
    return header


def extension_slots(header: Header) -> frozenset[str]:
    definitions = header.data.get("extension_definitions") or []
    if not isinstance(definitions, list):
        raise header.error(
            "extension_definitions",
            "extension_definitions must be a list",
            "write one '- slot_name: …' entry per extension slot",
        )
    names = {d.get("slot_name") for d in definitions if isinstance(d, dict)}
    return frozenset(n for n in names if isinstance(n, str))


def read_curie_map(header: Header) -> dict[str, str]:
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


def set_framework(header: Header, key: str) -> str | None:
    value = header.text(key)
    if value is None:
        return None
    try:
        return resolve_framework(value, read_curie_map(header))
    except ValueError as exc:
        raise header.error(key, str(exc), FRAMEWORK_FIX) from None
