"""Reading user-supplied files: size, encoding and JSON syntax checked, then strict structuring
into attrs classes, every failure a located error.

Every file the package reads from a user (a framework, a syllabus, an applicant, a roster row)
goes through :func:`structure`: types are checked exactly (no ``"5"`` taken for ``5``, no
``1`` for ``True``), unknown keys are refused, and the first problem becomes an
:class:`InputError` naming the file, the JSON path (``$.modules[3].hours``) and the fix.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, NewType, TypeVar

import cattrs

from ._errors import InputError

__all__ = [
    "Hours",
    "check_readable",
    "decode",
    "parse_json",
    "parse_yaml",
    "read_text",
    "strict_converter",
    "structure",
]

T = TypeVar("T")

Hours = NewType("Hours", float)
"""A number of hours: any number ≥ 0 (structured from an int or a float)."""


def _exactly(kind: type[Any]) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
        return value

    return hook


def _number(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__} {value!r}")
    return float(value)


def _hours(value: Any, _: Any) -> Hours:
    number = _number(value, _)
    if not number >= 0:
        raise ValueError(f"expected a number of hours ≥ 0, got {value!r}")
    return Hours(number)


def _date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a date YYYY-MM-DD, got {type(value).__name__} {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def strict_converter() -> cattrs.Converter:
    """A new cattrs converter that checks types exactly and refuses unknown keys.

    Register hooks for your own enums after this (an enum built on ``str`` would otherwise be
    taken by the ``str`` hook).
    """
    conv = cattrs.Converter(forbid_extra_keys=True)
    for kind in (str, int, bool):
        conv.register_structure_hook(kind, _exactly(kind))
    conv.register_structure_hook(float, _number)
    conv.register_structure_hook(Hours, _hours)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    return conv


def _describe(exc: BaseException, type_: Any) -> str:
    # the hooks above raise plain ValueError / TypeError with a sentence made for the reader
    if type(exc) in (ValueError, TypeError) and str(exc):
        return str(exc)
    from cattrs.v import format_exception

    return format_exception(exc, type_)


def structure(
    converter: cattrs.Converter, data: object, cls: type[T], file: str, fix: str, root: str = "$"
) -> T:
    """``converter.structure(data, cls)``, with any failure raised as a located InputError.

    ``root`` is the path of ``data`` inside the file (``$``, or ``row 4`` for a CSV row);
    ``fix`` says where the reader finds the expected keys and types.
    """
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path=root, format_exception=_describe)
        problem, _, where = messages[0].rpartition(" @ ")
        more = f" (and {len(messages) - 1} more problems)" if len(messages) > 1 else ""
        raise InputError(problem + more, file=file, where=where, fix=fix) from None
    except (ValueError, TypeError) as exc:
        raise InputError(str(exc), file=file, where=root, fix=fix) from None


def check_readable(path: Path, limit: int) -> None:
    """Raise InputError unless ``path`` is a readable file of at most ``limit`` bytes."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", file=str(path), fix="check the path"
        ) from None
    if size > limit:
        raise InputError(
            f"file is {size:,} bytes, more than the {limit:,} allowed",
            file=str(path),
            fix="split it, or check it is the right file",
        )


def decode(raw: bytes, file: str) -> str:
    """``raw`` as UTF-8 text (a byte-order mark is dropped)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            file=file,
            fix="save the file as UTF-8",
        ) from None


def read_text(path: Path, limit: int) -> str:
    """The text of a UTF-8 file of at most ``limit`` bytes, problems raised as InputError."""
    check_readable(path, limit)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", file=str(path), fix="check the path"
        ) from None
    return decode(raw, str(path))


def parse_json(text: str, file: str) -> object:
    """Decoded JSON, a syntax error raised as InputError naming line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}",
            file=file,
            where=f"line {exc.lineno}, column {exc.colno}",
            fix="check the JSON syntax near that place",
        ) from None


def parse_yaml(text: str, file: str) -> object:
    """Decoded YAML (safe loading), a syntax error raised as InputError naming line and column."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = None if mark is None else f"line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or "syntax error"
        raise InputError(
            f"not valid YAML: {problem}",
            file=file,
            where=where,
            fix="check the YAML syntax near that place",
        ) from None
