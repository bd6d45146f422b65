"""Reading a syllabus: from data already decoded (YAML, JSON, TOML) and from files, including
CSV files and Excel sheets of one module a row, with their size limits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .._decoders import DECODERS
from .._errors import InputError, every_problem
from .._files import read_text
from .._structure import strict_converter, structure
from .._tables import column_letters, csv_rows, sheet_rows
from ._syllabus import _FIX, Module, Program, Syllabus, _checked

__all__ = ["MAX_SYLLABUS_BYTES", "SYLLABUS_SUFFIXES", "read_syllabus", "syllabus_from"]

MAX_SYLLABUS_BYTES = 20 * 1024 * 1024
SYLLABUS_SUFFIXES = (*DECODERS, ".csv", ".xlsx")  # .yaml .yml .json .toml .csv .xlsx
"""The file name endings :func:`read_syllabus` reads."""

CSV_COLUMNS = ("id", "title", "description", "hours", "competencies", "measures", "delivery")
_COLUMNS_FIX = f"use the columns {', '.join(CSV_COLUMNS)}"
_CONVERTER = strict_converter()
_CELLS = strict_converter(from_text=True)


def syllabus_from(data: object, file: str = "<data>") -> Syllabus:
    """A syllabus from already decoded data (a mapping with ``program`` and ``modules``);
    ``file`` is its source."""
    if not isinstance(data, dict):
        raise InputError(
            "a syllabus is a table with 'program' and 'modules'", file=file, where="$", fix=_FIX
        )
    extra = sorted(repr(k) if not isinstance(k, str) else k for k in data if k not in _KEYS)
    if extra:
        raise InputError(
            f"unknown field{'s' if len(extra) > 1 else ''} {', '.join(extra)}",
            file=file,
            where="$",
            fix="the source is the file's name"
            if "source" in extra
            else f"a syllabus has only {' and '.join(_KEYS)}",
        )
    record = {**data, "modules": _codes_as_text(data.get("modules")), "source": file}
    return _checked(structure(_CONVERTER, record, Syllabus, file, _FIX), "$.modules")


def _code(value: object) -> object:
    """A competency code written as a whole number (YAML, JSON or TOML ``13``) as the code it
    stands for, ``"13"``; anything else as it is (a decimal such as ``1.10`` is refused later:
    as a number it has lost its last zero)."""
    return str(value) if type(value) is int else value


def _codes_as_text(modules: object) -> object:
    """``modules`` with the competency codes written as whole numbers read as text."""
    if not isinstance(modules, list):
        return modules
    found = []
    for module in modules:
        if isinstance(module, dict):
            module = dict(module)
            if isinstance(module.get("competencies"), list):
                module["competencies"] = [_code(c) for c in module["competencies"]]
            if isinstance(module.get("hours_by_competency"), dict):
                named = module["hours_by_competency"]
                codes = [_code(k) for k in named]
                if len(set(codes)) == len(codes):  # 13 and "13" both: left for the check
                    module["hours_by_competency"] = dict(zip(codes, named.values(), strict=True))
        found.append(module)
    return found


_KEYS = ("program", "modules")


# --- CSV files and sheets: one module a row ---------------------------------------------------


def _label(index: int, sheet: bool) -> str:
    """A column's name where it has none: its letter in a sheet, its number in a CSV file."""
    return column_letters(index) if sheet else str(index + 1)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(number: int, cells: Sequence[object], file: str, sheet: bool) -> list[str | None]:
    """The canonical column name of every cell of the header row (None: a column with no
    name), names compared without case or surrounding white space."""
    names: list[str | None] = []
    for index, cell in enumerate(cells):
        name = None if _blank(cell) else str(cell).strip().lower()
        where = f"row {number}, column {_label(index, sheet)}"
        if name is not None and name not in CSV_COLUMNS:
            semicolons = not sheet and ";" in name
            raise InputError(
                f"unknown column {str(cell).strip()!r}",
                file=file,
                where=where,
                fix="separate the columns with commas, not semicolons"
                if semicolons
                else _COLUMNS_FIX,
            )
        if name is not None and name in names:
            first = _label(names.index(name), sheet)
            raise InputError(
                f"column {name!r} repeats column {first}",
                file=file,
                where=where,
                fix="keep one of them",
            )
        names.append(name)
    missing = [key for key in ("id", "title") if key not in names]
    if missing:
        raise InputError(
            f"the first row must name the columns, among them id and title "
            f"(no {' or '.join(missing)} column)",
            file=file,
            where=f"row {number}",
            fix=_COLUMNS_FIX,
        )
    return names


def _text(value: object) -> object:
    """A cell of a text column as text: a number as written (a sheet may hold an id as 12)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value.strip() if isinstance(value, str) else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _split(cell: object) -> list[str]:
    text = _text(cell)
    if not isinstance(text, str):
        return [text]  # type: ignore[list-item]  # refused, located, by the converter
    return [part.strip() for part in text.split(";") if part.strip()]


def _module(number: int, cells: Mapping[str, object], file: str) -> Module:
    record: dict[str, object] = {}
    for key, value in cells.items():
        if key in ("id", "title"):
            record[key] = "" if value is None else _text(value)  # empty: refused by Module
        elif _blank(value):
            continue
        elif key in ("competencies", "measures"):
            record[key] = _split(value)
        elif key == "hours":
            record[key] = value
        else:
            record[key] = _text(value)
    try:
        return structure(_CELLS, record, Module, file, _FIX)
    except InputError as exc:
        placed = []
        for problem in exc.problems:
            column = re.match(r"\$\.(\w+)", problem.where or "")
            where = f"row {number}" + (f", column {column.group(1)}" if column else "")
            placed.append(InputError(problem.problem, file=file, where=where, fix=problem.fix))
        raise every_problem(placed) from None


def _record(
    number: int, cells: Sequence[object], names: list[str | None], file: str, sheet: bool
) -> dict[str, object]:
    """The cells of one row by column name; a value in a column with no name is refused."""
    record: dict[str, object] = {}
    for index, value in enumerate(cells):
        name = names[index] if index < len(names) else None
        if name is not None:
            record[name] = value
        elif not _blank(value):
            where = f"row {number}, column {_label(index, sheet)}"
            problem = (
                "the row has more cells than the header has columns"
                if index >= len(names)
                else "a value in a column with no name"
            )
            raise InputError(
                problem,
                file=file,
                where=where,
                fix="name the column in the first row, or remove the value"
                + ("" if sheet else "; a cell holding a comma goes in double quotes"),
            )
    return record


def _table(rows: Iterable[tuple[int, Sequence[object]]], file: str, sheet: bool) -> Syllabus:
    """A syllabus from numbered rows (a CSV file's or a sheet's): the first that is not empty
    names the columns, each later one that is not empty is a module."""
    names: list[str | None] | None = None
    modules: list[Module] = []
    numbers: list[int] = []
    problems: list[InputError] = []  # every row's, reported together
    for number, cells in rows:
        if all(_blank(c) for c in cells):
            continue
        if names is None:
            names = _header(number, cells, file, sheet)
            continue
        try:
            modules.append(_module(number, _record(number, cells, names, file, sheet), file))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        numbers.append(number)
    if problems:
        raise every_problem(problems)
    if names is None:
        raise InputError(
            "the first sheet is empty" if sheet else "the file is empty",
            file=file,
            where="row 1",
            fix=_COLUMNS_FIX,
        )
    syllabus = Syllabus(Program(Path(file).stem), tuple(modules), file, tuple(numbers))
    return _checked(syllabus, "row 2")


def read_syllabus(path: str | Path) -> Syllabus:
    """Read a syllabus from ``.yaml``/``.yml``, ``.json``, ``.toml``, ``.csv`` or ``.xlsx``.

    A CSV file (or the first sheet of an Excel workbook) has a header row naming the columns,
    among ``id, title, description, hours, competencies, measures, delivery`` (in any order and
    case), then one row per module; several ids or measures in one cell are separated by ``;``;
    empty rows, and empty columns with no name, are skipped. Every problem raises
    :class:`InputError` naming the file, the place (``row 4, column hours`` in a CSV file or a
    sheet, ``$.modules[3].hours`` otherwise) and the fix.
    """
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SYLLABUS_SUFFIXES:
        raise InputError(
            f"unknown syllabus format {suffix or '(no suffix)'!r}",
            file=file,
            fix=f"use {', '.join(SYLLABUS_SUFFIXES[:-1])} or {SYLLABUS_SUFFIXES[-1]}",
        )
    if suffix == ".xlsx":
        return _table(sheet_rows(path, file, MAX_SYLLABUS_BYTES), file, sheet=True)
    text = read_text(path, MAX_SYLLABUS_BYTES)
    if suffix == ".csv":
        return _table(csv_rows(text, file), file, sheet=False)
    return syllabus_from(DECODERS[suffix](text, file), file)
