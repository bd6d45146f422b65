"""Reading user-supplied files: size, encoding and JSON or YAML syntax checked, then strict
structuring into attrs classes, every failure a located error.

Every file the package reads (a framework, a syllabus, a credential, a mapping set, an
applicant, a roster row) goes through this module: :func:`read_text` (or :func:`open_text` for a
stream), :func:`parse_json` / :func:`parse_yaml`, then :func:`structure` with a converter from
:func:`strict_converter`: types are checked exactly (no ``"5"`` taken for ``5``, no ``1`` for
``True``) unless the converter is made ``from_text``, unknown keys are refused, and the first
problem becomes an :class:`InputError` naming the file, the JSON path (``$.modules[3].hours``)
and the fix.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import json
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO, NewType, TypeVar, get_args, get_origin

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory

from ._errors import InputError, every_problem

__all__ = [
    "DECODERS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_HOURS",
    "FieldError",
    "Hours",
    "check_readable",
    "choose",
    "decode",
    "files_read",
    "frozen_mapping",
    "hours_problem",
    "open_file",
    "parse_json",
    "parse_toml",
    "parse_yaml",
    "read_bytes",
    "read_text",
    "recording_reads",
    "strict_converter",
    "structure",
]

T = TypeVar("T")

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The size above which a file is refused unless its reader gives its own limit."""

Hours = NewType("Hours", float)
"""A number of hours: a finite number from 0 to :data:`MAX_HOURS` (structured from an int or a
float)."""

MAX_HOURS = 1_000_000.0
"""The most hours one value may hold (a century of full-time work is 876,000 hours): anything
larger is a typing mistake, and sums of such values stay finite."""

_HOURS = f"a number of hours ≥ 0 (at most {MAX_HOURS:,.0f})"
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")

_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
_DATE = "a date written YYYY-MM-DD"


class FieldError(InputError):
    """A value an attrs validator refuses, naming the field it belongs to.

    :func:`structure` places it at the field's path (``$.trainings[2].hours``); raised outside
    structuring (a class built in Python) its place is the field's name.
    """

    def __init__(self, field: str, problem: str, fix: str | None = None) -> None:
        self.field = field
        super().__init__(problem, where=field, fix=fix)


def frozen_mapping(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """A read-only copy of ``value``: the converter of every mapping field the package hands
    out, so that a caller can change neither the object nor the mapping it was built from.
    (Typed with ``Any``: mypy's attrs plugin takes an ``__init__`` parameter's type from its
    converter, and a generic converter would leave it unsolved.)"""
    return MappingProxyType(dict(value))


def hours_problem(value: float) -> str | None:
    """What is wrong with ``value`` as a number of hours (see :data:`Hours`), or None."""
    if not (math.isfinite(value) and 0 <= value <= MAX_HOURS):
        return f"expected {_HOURS}"
    return None


class _Hooks:
    """The structure hooks of one converter; :func:`strict_converter` explains the options."""

    def __init__(self, from_text: bool, quote_values: bool) -> None:
        self.from_text = from_text
        self.quote_values = quote_values

    def refuse(self, expected: str, value: Any, wrong_type: bool = True) -> Exception:
        if not self.quote_values:
            got = ""
        elif wrong_type:
            got = f", got {type(value).__name__} {value!r}"
        else:
            got = f", got {value!r}"
        return (TypeError if wrong_type else ValueError)(f"expected {expected}{got}")

    def text(self, value: Any, cl: Any) -> Any:
        if _is_enum(cl):  # an enum built on str reaches the str hook
            return self.choice(value, cl)
        if type(value) is str or (self.from_text and isinstance(value, str)):
            return value
        raise self.refuse("text" if self.from_text else "str", value)

    def truth(self, value: Any, _: Any) -> bool:
        if type(value) is bool:
            return value
        word = value.strip().lower() if self.from_text and isinstance(value, str) else None
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise self.refuse("yes or no (true or false)" if self.from_text else "bool", value)

    def number(self, value: Any, _: Any) -> float:
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif self.from_text and isinstance(value, str):
            text = value.strip()
            if _THOUSANDS.fullmatch(text):  # "1,200"; "2,5" is no number (a decimal comma?)
                text = text.replace(",", "")
            with contextlib.suppress(ValueError):
                number = float(text)
        if number is None:
            raise self.refuse("a number", value)
        if not math.isfinite(number):
            raise self.refuse("a finite number", value, wrong_type=False)
        return number

    def whole(self, value: Any, cl: Any) -> Any:
        if _is_enum(cl):  # an enum built on int reaches the int hook
            return self.choice(value, cl)
        if type(value) is int:
            return value
        if not self.from_text:
            raise self.refuse("int", value)
        number = self.number(value, float)
        if not number.is_integer():
            raise self.refuse("a whole number", value)
        return int(number)

    def hours(self, value: Any, _: Any) -> Hours:
        try:
            number = self.number(value, float)
        except ValueError:  # not finite
            raise self.refuse(_HOURS, value, wrong_type=False) from None
        if hours_problem(number):
            raise self.refuse(_HOURS, value, wrong_type=False)
        return Hours(number)

    def sequence(self, cl: Any, converter: cattrs.Converter) -> Any:
        """The hook of a list type (``tuple[str, ...]``, ``list[int]``, ``Sequence[X]``): as
        cattrs makes it, but refusing a text, a mapping or a single value, which cattrs would
        take apart into characters or keys."""
        if get_origin(cl) in (list, MutableSequence):
            inner = list_structure_factory(cl, converter)
        else:
            inner = homogenous_tuple_structure_factory(cl, converter)
        (element, *_) = get_args(cl) or (Any,)
        expected = "a list of texts" if element is str else "a list"

        def structure_sequence(value: Any, _: Any) -> Any:
            if isinstance(value, Mapping):
                raise TypeError(f"expected {expected}, got a mapping")
            if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
                raise self.refuse(expected, value)
            return inner(value, cl)

        return structure_sequence

    def date(self, value: Any, _: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise self.refuse(_DATE, value)
        try:
            return dt.date.fromisoformat(value.strip() if self.from_text else value)
        except ValueError:
            raise self.refuse(_DATE, value, wrong_type=False) from None

    def choice(self, value: Any, kind: type[enum.Enum]) -> enum.Enum:
        if self.from_text and isinstance(value, str):
            wanted = value.strip().lower()
            for member in kind:
                if str(member.value).lower() == wanted:
                    return member
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(str(k.value) for k in kind)
            if not self.quote_values:
                raise TypeError(f"expected one of {known}") from None
            noun = re.sub(r"(?<!^)(?=[A-Z])", " ", kind.__name__).lower()
            raise ValueError(f"unknown {noun} {value!r}; expected one of {known}") from None


def _is_enum(cl: Any) -> bool:
    return isinstance(cl, type) and issubclass(cl, enum.Enum)


def _is_sequence(cl: Any) -> bool:
    """Whether ``cl`` is a list type: ``list[X]``, ``tuple[X, ...]`` or ``Sequence[X]``."""
    origin = get_origin(cl)
    if origin in (list, MutableSequence, Sequence):
        return True
    args = get_args(cl)
    return origin is tuple and len(args) == 2 and args[1] is Ellipsis


class _Converter(cattrs.Converter):
    """A cattrs converter that remembers whether its messages may quote the values given."""

    def __init__(self, quote_values: bool) -> None:
        super().__init__(forbid_extra_keys=True)
        self.quote_values = quote_values


def strict_converter(*, from_text: bool = False, quote_values: bool = True) -> cattrs.Converter:
    """A new cattrs converter that checks types exactly and refuses unknown keys.

    Enums (``Kind``, ``Education`` …) are structured from their values, a message listing the
    values when one is unknown. A list is a list: a text, a mapping or a single value where a
    list belongs is refused (cattrs would take a text apart into characters). Numbers are
    finite. Two options, for data typed by people rather than programs:

    - ``from_text``: a value may also be written as text, as a CSV cell or a hand-typed record
      holds it: ``"yes"``/``"no"`` (``true``/``false``, ``y``/``n``, ``1``/``0``) for a bool,
      ``"1,200"`` for a number (a comma only between groups of three digits: ``"2,5"`` is
      refused rather than read as 25), ``"30"`` or ``30.0`` for a whole number, an enum value
      in any case, white space around a number, a date or an enum value ignored;
    - ``quote_values=False``: no message repeats the value given, only what was expected (the
      data is personal: an applicant's record must not end up in a log).
    """
    hooks = _Hooks(from_text, quote_values)
    conv = _Converter(quote_values)
    conv.register_structure_hook(str, hooks.text)
    conv.register_structure_hook(int, hooks.whole)
    conv.register_structure_hook(bool, hooks.truth)
    conv.register_structure_hook(float, hooks.number)
    conv.register_structure_hook(enum.Enum, hooks.choice)
    conv.register_structure_hook(Hours, hooks.hours)
    conv.register_structure_hook(dt.date, hooks.date)
    conv.register_structure_hook_factory(_is_sequence, lambda cl: hooks.sequence(cl, conv))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    return conv


def _problems(
    exc: BaseException, path: str, type_: Any
) -> Iterator[tuple[str, BaseException, Any]]:
    """Every problem inside ``exc`` with its path and the type wanted there, in the order of
    ``cattrs.transform_error``; a :class:`FieldError` is placed at its field."""
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            step = f".{note.name}" if hasattr(note, "name") else f"[{note.index!r}]"
            yield from _problems(sub, path + step, note.type)
        for sub in without_notes:
            yield from _problems(sub, path, None)
    elif isinstance(exc, cattrs.BaseValidationError):
        for sub in exc.exceptions:
            yield from _problems(sub, path, None)
    elif isinstance(exc, FieldError):
        yield f"{path}.{exc.field}", exc, type_
    else:
        yield path, exc, type_


def _describe(exc: BaseException, type_: Any, quote_values: bool) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, FieldError):
        return exc.problem
    if isinstance(exc, ForbiddenExtraKeysError):
        names = sorted(str(name) for name in exc.extra_fields)
        return f"unknown field{'s' if len(names) > 1 else ''} {', '.join(names)}"
    # the hooks above raise plain ValueError / TypeError with a sentence made for the reader
    if type(exc) in (ValueError, TypeError) and str(exc):
        return str(exc)
    if isinstance(exc, AttributeError) and "object has no attribute" in str(exc):
        return "expected a mapping"  # cattrs looked for the keys of a class's fields
    from cattrs.v import format_exception

    text = format_exception(exc, type_)
    # "unknown error (…)", "invalid type (…)": the exception's own text may hold the value
    return text if quote_values else text.partition(" (")[0]


def structure(
    converter: cattrs.Converter,
    data: object,
    cls: type[T],
    file: str | None,
    fix: str,
    root: str = "$",
) -> T:
    """``converter.structure(data, cls)``, with any failure raised as a located InputError.

    ``root`` is the path of ``data`` inside the file (``$``, or ``row 4`` for a CSV row);
    ``fix`` says where the reader finds the expected keys and types (a :class:`FieldError`
    that names its own fix gives that one). The first problem is reported, with how many more
    there are, and the error's ``problems`` lists every one.
    """
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        quote = getattr(converter, "quote_values", True)
        found = [
            InputError(
                _describe(e, t, quote),
                file=file,
                where=where,
                fix=(e.fix if isinstance(e, FieldError) else None) or fix,
            )
            for where, e, t in _problems(exc, root, cls)
        ]
        found = found or [InputError("invalid value", file=file, where=root, fix=fix)]
        raise every_problem(found) from None
    except FieldError as exc:
        where = f"{root}.{exc.field}"
        raise InputError(exc.problem, file=file, where=where, fix=exc.fix or fix) from None
    except (ValueError, TypeError) as exc:
        raise InputError(str(exc), file=file, where=root, fix=fix) from None


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot read the file: {exc.strerror}", file=str(path), fix="check the path")


def _too_big(path: Path, size: int | str, limit: int) -> InputError:
    size = f"{size:,} bytes" if isinstance(size, int) else size
    return InputError(
        f"file is {size}, more than the {limit:,} allowed",
        file=str(path),
        fix="split it, or check it is the right file",
    )


_READ: contextvars.ContextVar[dict[tuple[int, int], str] | None] = contextvars.ContextVar(
    "peer_competencies_read", default=None
)


@contextlib.contextmanager
def recording_reads() -> Iterator[Mapping[tuple[int, int], str]]:
    """Within this block, every file :func:`open_file` opens is recorded: the mapping yielded
    gives the name of each by its identity on disk (device and inode), so that a command can
    refuse to write its output over a file it read, whatever name or link leads to it."""
    read: dict[tuple[int, int], str] = {}
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)


def files_read() -> Mapping[tuple[int, int], str]:
    """The files opened so far within :func:`recording_reads` (empty outside it)."""
    return _READ.get() or {}


def open_file(path: Path, limit: int | None = MAX_FILE_BYTES) -> BinaryIO:
    """``path`` opened to read bytes, once it is known to be a regular file (not a folder, a
    pipe or a device such as ``/dev/zero``, which could hang or never end) of at most ``limit``
    bytes as it stands now (None: any size). The caller reads it, and bounds the reading."""
    try:
        # non-blocking: opening a pipe waits for a writer otherwise; a regular file ignores it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                "not a regular file (a folder, a pipe or a device)",
                file=str(path),
                fix="name a file saved on disk",
            )
        if limit is not None and status.st_size > limit:
            raise _too_big(path, status.st_size, limit)
        read = _READ.get()
        if read is not None:
            read[(status.st_dev, status.st_ino)] = str(path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_readable(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """Raise InputError unless ``path`` is a readable regular file of at most ``limit`` bytes."""
    open_file(path, limit).close()


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refused when there are more than ``limit`` (counted
    while reading: a file that grows, or claims a size it does not have, is still bounded)."""
    with open_file(path, limit) as stream:
        try:
            raw = stream.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(raw) > limit:
        raise _too_big(path, "larger", limit)
    return raw


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


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The text of a UTF-8 regular file of at most ``limit`` bytes, problems raised as
    InputError."""
    return decode(read_bytes(path, limit), str(path))


class _RepeatedKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return found


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _repeated_key_positions(text: str) -> tuple[int, int]:
    """Where, in JSON text known to be valid but for a repeated key, the first repeated key
    stands and where it stood first (only read again to place the error: the standard decoder
    tells neither)."""
    from json import decoder, scanner

    # the pure-Python scanner, whose objects this parses (the C one parses its own); untyped
    whitespace: Any = getattr(decoder, "WHITESPACE")  # noqa: B009
    scanstring: Any = getattr(decoder, "scanstring")  # noqa: B009
    make_scanner: Any = getattr(scanner, "py_make_scanner")  # noqa: B009

    def skip(s: str, end: int) -> int:
        return int(whitespace.match(s, end).end())

    class Found(Exception):
        pass

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan: Any, *_: Any) -> Any:
        s, end = s_and_end
        seen: dict[str, int] = {}
        end = skip(s, end)
        while s[end] != "}":
            at = end
            key, end = scanstring(s, end + 1, strict)
            if key in seen:
                raise Found(at, seen[key])
            seen[key] = at
            _, end = scan(s, skip(s, skip(s, end) + 1))  # past the colon, the value
            end = skip(s, end)
            if s[end] == ",":
                end = skip(s, end + 1)
        return {}, end + 1

    finder: Any = json.JSONDecoder()
    finder.parse_object = parse_object
    try:
        make_scanner(finder)(text, skip(text, 0))
    except Found as found:
        return found.args[0], found.args[1]
    raise AssertionError("no repeated key")  # pragma: no cover - called only when there is one


MAX_DEPTH = 100
"""How deeply lists and mappings may nest in a JSON, YAML or TOML file (the package's own
files nest fewer than 10 levels): deeper is refused before it is decoded."""

MAX_ALIAS_NODES = 100_000
"""How many values YAML aliases (``*name``) may add to a document once expanded: more is
refused (a few lines of aliases can expand to billions of values)."""

_DIGITS = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
_LONG_NUMBER = re.compile(rf"\d{{{_DIGITS + 1},}}")

_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]')
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'|#[^\n]*|[\[{]|[\]}]"
)


def _too_deep(text: str, tokens: re.Pattern[str]) -> int | None:
    """Where in ``text`` brackets first nest beyond :data:`MAX_DEPTH` (strings and comments,
    as ``tokens`` finds them, skipped), or None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


_DOTTED = re.compile(r"[\w-]+(?:[ \t]*\.[ \t]*[\w-]+)+")


def _too_deep_dotted(text: str, tokens: re.Pattern[str]) -> int | None:
    """Where a TOML dotted key (``a.b.c = 1``, a table ``[a.b.c]``) first nests beyond
    :data:`MAX_DEPTH` (quoted parts count as one), or None."""
    if text.count(".") <= MAX_DEPTH:
        return None
    # each string or comment stands as one word, so that its dots do not count
    plain = tokens.sub(lambda m: m.group() if m.group() in "[]{}" else "s" * len(m.group()), text)
    for match in _DOTTED.finditer(plain):
        if match.group().count(".") > MAX_DEPTH:
            return match.start()
    return None


def _check_depth(text: str, file: str, tokens: re.Pattern[str]) -> None:
    """Refuse, before decoding, nesting beyond :data:`MAX_DEPTH`."""
    at = _too_deep(text, tokens)
    if at is None and tokens is _TOML_TOKENS:
        at = _too_deep_dotted(text, tokens)
    if at is not None:
        line, column = _line_column(text, at)
        raise InputError(
            f"lists or mappings nested more than {MAX_DEPTH} levels deep",
            file=file,
            where=f"line {line}, column {column}",
            fix="check the brackets; no file the package reads nests that deeply",
        )


def _long_number(text: str, file: str, tokens: re.Pattern[str]) -> InputError:
    """The error for a number too long to convert, placed at the first such number outside the
    strings and comments ``tokens`` finds."""
    quoted = [m.span() for m in tokens.finditer(text) if m.group()[0] in "\"'#"]
    where = None
    for match in _LONG_NUMBER.finditer(text):
        if not any(start <= match.start() < end for start, end in quoted):
            line, column = _line_column(text, match.start())
            where = f"line {line}, column {column}"
            break
    return InputError(
        f"a number of more than {_DIGITS:,} digits",
        file=file,
        where=where,
        fix="write it as text, in quotes, if it is an identifier",
    )


def parse_json(text: str, file: str) -> object:
    """Decoded JSON, a syntax error or a key repeated in one object (which JSON would resolve
    silently to the last) raised as InputError naming line and column, as are nesting beyond
    :data:`MAX_DEPTH` and a number too long to convert."""
    _check_depth(text, file, _JSON_TOKENS)
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}",
            file=file,
            where=f"line {exc.lineno}, column {exc.colno}",
            fix="check the JSON syntax near that place",
        ) from None
    except _RepeatedKey as exc:
        at, first = _repeated_key_positions(text)
        line, column = _line_column(text, at)
        first_line, first_column = _line_column(text, first)
        raise InputError(
            f"the key {exc.key!r} appears twice in one object (first at line {first_line}, "
            f"column {first_column})",
            file=file,
            where=f"line {line}, column {column}",
            fix="keep one of them",
        ) from None
    except ValueError:  # int() past the digit limit
        raise _long_number(text, file, _JSON_TOKENS) from None


def parse_toml(text: str, file: str) -> object:
    """Decoded TOML, a syntax error raised as InputError (with the line and column TOML gives),
    as are nesting beyond :data:`MAX_DEPTH` and a number too long to convert."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    _check_depth(text, file, _TOML_TOKENS)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem, _, place = str(exc).partition(" (at ")
        raise InputError(
            f"not valid TOML: {problem}",
            file=file,
            where=place.rstrip(")") or None,
            fix="check the TOML syntax near that place",
        ) from None
    except ValueError:  # int() past the digit limit
        raise _long_number(text, file, _TOML_TOKENS) from None


def _alias_nodes(root: Any, error: Any) -> None:
    """Raise ``error(problem, node)`` when YAML aliases in the document ``root`` expand it by
    more than :data:`MAX_ALIAS_NODES` values, or make a value hold itself."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Any) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise error("an alias refers to a value that holds it (a loop)", node)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        sizes[key] = total
        if total > len(sizes) + MAX_ALIAS_NODES:
            raise error(
                f"aliases expand the document by more than {MAX_ALIAS_NODES:,} values", node
            )
        return total

    if root is not None:
        size(root)


@functools.cache
def _yaml_loader() -> Any:
    """The package's one YAML loader: safe loading; a key repeated in one mapping refused (PyYAML
    keeps the last), as are nesting beyond :data:`MAX_DEPTH`, aliases that expand beyond
    :data:`MAX_ALIAS_NODES`, and a value PyYAML cannot build (an impossible date such as
    2024-02-30, a number too long to convert), each a YAML error with its place; its
    ``RepeatedKey`` is the error it raises for a repeated key."""
    import yaml

    class RepeatedKey(yaml.constructor.ConstructorError):
        def __init__(self, key: Any, first: Any, mark: Any) -> None:
            problem = (
                f"the key {key!r} appears twice in one mapping (first at line {first.line + 1})"
            )
            super().__init__(None, None, problem, mark)

    def refused(problem: str, node: Any) -> Exception:
        return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)

    class PackageLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        f"lists or mappings nested more than {MAX_DEPTH} levels deep",
                        self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                    )
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def compose_document(self) -> Any:
            node = super().compose_document()
            _alias_nodes(node, refused)
            return node

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, TypeError, OverflowError, AttributeError, LookupError) as exc:
                # PyYAML's own reading of a value failed: 2024-02-30, a 5,000-digit number
                # (messages that could quote the value are not repeated: it may be private)
                problem = str(exc).split(";")[0]
                if not problem or "'" in problem or '"' in problem:
                    problem = f"not a valid {node.tag.rpartition(':')[2]}"
                raise refused(f"cannot read this value: {problem}", node) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen: dict[Any, Any] = {}
                for key_node, _ in node.value:
                    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                        continue  # keys merged in (<<) may be overridden; written keys may not
                    key = self.construct_object(key_node)
                    if key in seen:
                        raise RepeatedKey(key, seen[key], key_node.start_mark)
                    seen[key] = key_node.start_mark
            return super().construct_mapping(node, deep)

    PackageLoader.RepeatedKey = RepeatedKey  # type: ignore[attr-defined]
    return PackageLoader


def parse_yaml(
    text: str,
    file: str,
    *,
    part: str | None = None,
    indent: int = 0,
    fix: str = "check the YAML syntax near that place",
) -> object:
    """Decoded YAML (safe loading, with the package's one loader), a syntax error, a key repeated
    in one mapping (which YAML would resolve silently to the last), a value YAML cannot build (an
    impossible date, a number too long to convert), nesting beyond :data:`MAX_DEPTH` and aliases
    expanding beyond :data:`MAX_ALIAS_NODES` raised as InputError naming line and column.

    For YAML that is one part of a file (the header of an SSSOM/TSV file): ``part`` names it
    (``"header"``: "the header is not valid YAML"; also the place when YAML gives no line),
    ``indent`` is how many characters each line of ``text`` stood behind in the file (2 for
    ``# ``), and ``fix`` says how that part is written.
    """
    import yaml

    loader = _yaml_loader()
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = part if mark is None else f"line {mark.line + 1}, column {mark.column + 1 + indent}"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if isinstance(exc, loader.RepeatedKey):
            subject, fix = (f"in the {part}, " if part else ""), "keep one of them"
        else:
            subject = f"the {part} is not valid YAML: " if part else "not valid YAML: "
        raise InputError(f"{subject}{problem}", file=file, where=where, fix=fix) from None


DECODERS: Mapping[str, Callable[[str, str], object]] = MappingProxyType(
    {".yaml": parse_yaml, ".yml": parse_yaml, ".json": parse_json, ".toml": parse_toml}
)
"""The decoders of structured text by file suffix, read-only: each takes the text and the file's
name and returns plain data, or raises :class:`InputError` naming the place. A new input format
is one entry here; the readers that take structured files (``read_syllabus``,
``read_applicant``) look their decoder up by suffix."""


def choose(options: Mapping[str, T], name: str, what: str) -> T:
    """The option called ``name`` (an export or report format …), or InputError listing them."""
    try:
        return options[name]
    except KeyError:
        fix = f"use one of {', '.join(options)}"
        raise InputError(f"unknown {what} {name!r}", fix=fix) from None
