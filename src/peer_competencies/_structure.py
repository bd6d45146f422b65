"""Strict structuring of decoded data into attrs classes, every failure a located error.

Every file the package reads (a framework, a syllabus, a credential, a mapping set, an
applicant, a roster row) is read by :mod:`._files` (size, regular file, UTF-8), decoded by
:mod:`._decoders` (JSON, YAML or TOML syntax, depth and alias limits), then structured here:
:func:`structure` with a converter from :func:`strict_converter`: types are checked exactly (no
``"5"`` taken for ``5``, no ``1`` for ``True``) unless the converter is made ``from_text``,
unknown keys are refused, and the first problem becomes an :class:`InputError` naming the file,
the JSON path (``$.modules[3].hours``) and the fix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import math
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, MutableSequence, Sequence
from types import MappingProxyType
from typing import Annotated, Any, NewType, TypeVar, get_args, get_origin

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory

from ._didyoumean import closest, did_you_mean
from ._errors import InputError, every_problem

__all__ = [
    "MAX_HOURS",
    "FieldError",
    "Hours",
    "Range",
    "choose",
    "frozen_mapping",
    "hours_problem",
    "strict_converter",
    "structure",
]

T = TypeVar("T")

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


class Refused(ValueError):
    """A value a structure hook refuses, with the fix to offer (a near miss: "did you mean
    semapv:ManualMappingCuration?"); :func:`structure` gives that fix instead of its own."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.fix = fix


class Range:
    """The bounds of a number, as the metadata of an ``Annotated`` type: a field typed
    ``Annotated[float, Range(0, 1)]`` is structured from a finite number from 0 to 1 (both
    included), anything else refused with the range in the message. (A plain class: an attrs
    class costs ``import peer_competencies`` a fraction of a millisecond to make.)"""

    __slots__ = ("high", "low")

    def __init__(self, low: float, high: float) -> None:
        self.low = low
        self.high = high

    def __repr__(self) -> str:
        return f"Range({self.low!r}, {self.high!r})"

    def __str__(self) -> str:
        return f"a number from {self.low:g} to {self.high:g}"


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

    def __init__(self, from_text: bool, quote_values: bool, fold_case: bool) -> None:
        self.from_text = from_text
        self.quote_values = quote_values
        self.fold_case = fold_case

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

    def ranged(self, cl: Any) -> Any:
        """The hook of ``Annotated[float, Range(low, high)]`` (or ``int``): the number, if it
        lies within the range."""
        kind, *extras = get_args(cl)
        (bounds,) = (e for e in extras if isinstance(e, Range))
        expected = f"{bounds}" if kind is float else f"a whole number from {bounds.low:g} to "
        expected += "" if kind is float else f"{bounds.high:g}"
        read = self.number if kind is float else self.whole

        def structure_in_range(value: Any, _: Any) -> Any:
            try:
                number = read(value, kind)
            except (TypeError, ValueError):
                number = None
            if number is None or not bounds.low <= number <= bounds.high:
                raise self.refuse(expected, value, wrong_type=False)
            return number

        return structure_in_range

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
        found = kind._value2member_map_.get(value) if isinstance(value, str) else None
        if found is not None:  # the value as written: one look-up
            return found
        if self.from_text and isinstance(value, str):
            wanted = value.strip().lower() if self.fold_case else value.strip()
            for member in kind:
                written = str(member.value)
                if (written.lower() if self.fold_case else written) == wanted:
                    return member
        try:
            return kind(value)
        except ValueError:
            known = [str(k.value) for k in kind]
            if not self.quote_values:
                raise TypeError(f"expected one of {', '.join(known)}") from None
            noun = re.sub(r"(?<!^)(?=[A-Z])", " ", kind.__name__).lower()
            problem = f"unknown {noun} {value!r}; expected one of {', '.join(known)}"
            hint = did_you_mean(closest(value, known, n=1)) if isinstance(value, str) else ""
            raise (Refused(problem, hint) if hint else ValueError(problem)) from None


def _is_optional(cl: Any) -> bool:
    """Whether ``cl`` is ``X | None`` for one type ``X``."""
    args = get_args(cl)
    return (
        get_origin(cl) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
    )


def _optional(cl: Any, converter: cattrs.Converter) -> Any:
    """The hook of ``X | None``: None, or ``X``'s hook, found once (cattrs would look it up for
    every value)."""
    (inner,) = (a for a in get_args(cl) if a is not type(None))
    hook = converter.get_structure_hook(inner)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def _is_ranged(cl: Any) -> bool:
    """Whether ``cl`` is ``Annotated[float, Range(…)]`` (or ``int``)."""
    return get_origin(cl) is Annotated and any(isinstance(e, Range) for e in get_args(cl)[1:])


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


def strict_converter(
    *, from_text: bool = False, quote_values: bool = True, fold_case: bool | None = None
) -> cattrs.Converter:
    """A new cattrs converter that checks types exactly and refuses unknown keys.

    Enums (``Kind``, ``Education`` …) are structured from their values, a message listing the
    values when one is unknown and its fix the nearest value, if one is near. A list is a list:
    a text, a mapping or a single value where a list belongs is refused (cattrs would take a
    text apart into characters). Numbers are finite; a field typed
    ``Annotated[float, Range(0, 1)]`` is in its range, :data:`Hours` from 0 to
    :data:`MAX_HOURS`. Dates are ``datetime.date`` (a datetime is taken as its date), written
    YYYY-MM-DD in text. Three options, for data typed by people rather than programs:

    - ``from_text``: a value may also be written as text, as a CSV cell or a hand-typed record
      holds it: ``"yes"``/``"no"`` (``true``/``false``, ``y``/``n``, ``1``/``0``) for a bool,
      ``"1,200"`` for a number (a comma only between groups of three digits: ``"2,5"`` is
      refused rather than read as 25), ``"30"`` or ``30.0`` for a whole number, an enum value
      in any case, white space around a number, a date or an enum value ignored;
    - ``fold_case``: whether an enum value written as text may be in any case (by default
      when ``from_text``; False for values that are case-sensitive identifiers, such as the
      CURIEs of an SSSOM file);
    - ``quote_values=False``: no message repeats the value given, only what was expected (the
      data is personal: an applicant's record must not end up in a log).
    """
    hooks = _Hooks(from_text, quote_values, from_text if fold_case is None else fold_case)
    conv = _Converter(quote_values)
    conv.register_structure_hook(str, hooks.text)
    conv.register_structure_hook(int, hooks.whole)
    conv.register_structure_hook(bool, hooks.truth)
    conv.register_structure_hook(float, hooks.number)
    conv.register_structure_hook(enum.Enum, hooks.choice)
    conv.register_structure_hook(Hours, hooks.hours)
    conv.register_structure_hook(dt.date, hooks.date)
    conv.register_structure_hook_factory(_is_sequence, lambda cl: hooks.sequence(cl, conv))
    conv.register_structure_hook_factory(_is_ranged, hooks.ranged)
    conv.register_structure_hook_factory(_is_optional, lambda cl: _optional(cl, conv))
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
    if type(exc) in (ValueError, TypeError, Refused) and str(exc):
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
                fix=(e.fix if isinstance(e, (FieldError, Refused)) else None) or fix,
            )
            for where, e, t in _problems(exc, root, cls)
        ]
        found = found or [InputError("invalid value", file=file, where=root, fix=fix)]
        raise every_problem(found) from None
    except FieldError as exc:
        where = f"{root}.{exc.field}"
        raise InputError(exc.problem, file=file, where=where, fix=exc.fix or fix) from None
    except (ValueError, TypeError) as exc:
        own_fix = exc.fix if isinstance(exc, Refused) else None
        raise InputError(str(exc), file=file, where=root, fix=own_fix or fix) from None


def choose(options: Mapping[str, T], name: str, what: str) -> T:
    """The option called ``name`` (an export or report format …), or InputError listing them."""
    try:
        return options[name]
    except KeyError:
        fix = f"use one of {', '.join(options)}"
        raise InputError(f"unknown {what} {name!r}", fix=fix) from None
