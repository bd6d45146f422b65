"""A training syllabus: its program and modules, read from YAML, JSON, TOML, CSV or Excel."""

from __future__ import annotations

import csv
import io
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import InputError
from .._structure import (
    Hours,
    check_readable,
    parse_json,
    parse_yaml,
    read_text,
    strict_converter,
    structure,
)

__all__ = ["MAX_SYLLABUS_BYTES", "Module", "Program", "Syllabus", "read_syllabus", "syllabus_from"]

MAX_SYLLABUS_BYTES = 20 * 1024 * 1024
_FIX = "see docs/coverage.md for the syllabus keys and their types"
CSV_COLUMNS = ("id", "title", "description", "hours", "competencies", "measures", "delivery")


def _frozen_map(value: Mapping[str, Hours]) -> Mapping[str, Hours]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Program:
    """What the syllabus is: title, provider, and the framework it is written against."""

    title: str
    provider: str | None = None
    framework: str | None = None


@attrs.frozen
class Module:
    """One module of a syllabus.

    ``competencies`` are item ids (``ca-sb803:13``, ``samhsa-2015:VIII.4``) or codes of the
    program's framework (``13``); ``hours_by_competency`` optionally says how the module's hours
    divide among them (otherwise they are split equally); ``measures`` say how competency is
    assessed (role play, written test …); ``delivery`` is the mode (in person, online …).
    """

    id: str
    title: str
    description: str | None = None
    hours: Hours | None = None
    competencies: tuple[str, ...] = ()
    hours_by_competency: Mapping[str, Hours] = attrs.field(
        factory=dict,
        converter=_frozen_map,
        hash=False,
    )
    measures: tuple[str, ...] = ()
    delivery: str | None = None


@attrs.frozen
class Syllabus:
    """A program and its modules, in order; ``source`` names the file it was read from."""

    program: Program
    modules: tuple[Module, ...]
    source: str | None = None

    @property
    def hours(self) -> float:
        """Total hours of the modules that give their hours (to the millionth of an hour, so
        that 17 modules of 80/17 hours add up to 80)."""
        return round(math.fsum(m.hours or 0.0 for m in self.modules), 6)


_CONVERTER = strict_converter()


def syllabus_from(data: object, file: str = "<data>") -> Syllabus:
    """A syllabus from already decoded data (a mapping with ``program`` and ``modules``)."""
    if not isinstance(data, dict):
        raise InputError(
            "a syllabus is a table with 'program' and 'modules'", file=file, where="$", fix=_FIX
        )
    record = dict(data)
    record.setdefault("source", file)
    syllabus = structure(_CONVERTER, record, Syllabus, file, _FIX)
    if not syllabus.modules:
        raise InputError("the syllabus has no modules", file=file, where="$.modules", fix=_FIX)
    seen: dict[str, int] = {}
    for n, module in enumerate(syllabus.modules):
        if module.id in seen:
            raise InputError(
                f"module id {module.id!r} repeats $.modules[{seen[module.id]}]",
                file=file,
                where=f"$.modules[{n}].id",
                fix="give every module its own id",
            )
        seen[module.id] = n
    return syllabus


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _rows_to_data(rows: list[dict[str, Any]], file: str, title: str) -> dict[str, Any]:
    modules = []
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        where = f"row {n}"
        extra = sorted(k for k in row if k not in CSV_COLUMNS or k is None)
        if extra:
            raise InputError(
                f"unknown column {extra[0]!r}",
                file=file,
                where=where,
                fix=f"use the columns {', '.join(CSV_COLUMNS)}",
            )
        module: dict[str, Any] = {}
        for key in CSV_COLUMNS:
            value = row.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if key in ("competencies", "measures"):
                module[key] = list(_split(str(value)))
            elif key == "hours":
                module[key] = _hours_cell(value, file, f"{where}, column hours")
            else:
                module[key] = str(value).strip()
        for key in ("id", "title"):
            if key not in module:
                raise InputError(
                    f"the {key} is empty",
                    file=file,
                    where=f"{where}, column {key}",
                    fix=f"give every module a {key}",
                )
        modules.append(module)
    return {"program": {"title": title}, "modules": modules}


def _hours_cell(value: object, file: str, where: str) -> float:
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(str(value).strip())
        except ValueError:
            number = None
    if number is None or not number >= 0:
        raise InputError(
            f"expected a number of hours ≥ 0, got {value!r}",
            file=file,
            where=where,
            fix="write the hours as a number, e.g. 2.5",
        )
    return number


def _read_csv(text: str, file: str, title: str) -> dict[str, Any]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise InputError(
            "the first row must name the columns, among them id and title",
            file=file,
            where="row 1",
            fix=f"use the columns {', '.join(CSV_COLUMNS)}",
        )
    return _rows_to_data(list(reader), file, title)


def _read_xlsx(path: Path, file: str, title: str) -> dict[str, Any]:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InputError(
            "reading Excel files needs openpyxl",
            file=file,
            fix="pip install 'peer-competencies[excel]'",
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            f"not a readable .xlsx workbook ({exc})",
            file=file,
            fix="save the sheet as .xlsx, or export it as CSV",
        ) from None
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    if not rows:
        raise InputError(
            "the first sheet is empty",
            file=file,
            where="row 1",
            fix=f"use the columns {', '.join(CSV_COLUMNS)}",
        )
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    records = [
        dict(zip(header, r, strict=False)) for r in rows[1:] if any(c is not None for c in r)
    ]
    return _rows_to_data(records, file, title)


def _load_toml(text: str) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    return tomllib.loads(text)


def read_syllabus(path: str | Path) -> Syllabus:
    """Read a syllabus from ``.yaml``/``.yml``, ``.json``, ``.toml``, ``.csv`` or ``.xlsx``.

    A CSV (or the first sheet of an Excel workbook) has one row per module with the columns
    ``id, title, description, hours, competencies, measures, delivery``; several ids or measures
    in one cell are separated by ``;``. Every problem raises :class:`InputError` naming the file,
    the row or path, and the fix.
    """
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    readers = {".yaml", ".yml", ".json", ".toml", ".csv", ".xlsx"}
    if suffix not in readers:
        raise InputError(
            f"unknown syllabus format {suffix or '(no suffix)'!r}",
            file=file,
            fix="use .yaml, .json, .toml, .csv or .xlsx",
        )
    check_readable(path, MAX_SYLLABUS_BYTES)
    if suffix == ".xlsx":
        return syllabus_from(_read_xlsx(path, file, path.stem), file)
    text = read_text(path, MAX_SYLLABUS_BYTES)
    data: Any
    if suffix == ".csv":
        data = _read_csv(text, file, path.stem)
    elif suffix == ".json":
        data = parse_json(text, file)
    elif suffix == ".toml":
        try:
            data = _load_toml(text)
        except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
            raise InputError(
                f"not valid TOML: {exc}", file=file, fix="check the TOML syntax near that place"
            ) from None
    else:
        data = parse_yaml(text, file)
    return syllabus_from(data, file)
