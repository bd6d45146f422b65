"""Roster rows turned into applicants by a column plan: the quick road for rows that are fine.

:func:`read_roster` gives every row the header's columns in the header's order, so what each
column means (a plain field, a list written ``none``, one field of a numbered list entry) and
which structure hook reads its cells is worked out once per header, not once per cell. The plan
calls the very hooks of the strict converter (``_applicant._CONVERTER``) and builds the records
with their own constructors, validators included, so an applicant it builds equals the one the
strict path builds. Anything out of the ordinary (a cell a hook refuses, a validator's
objection, a ``none`` list that also has entries) makes :func:`planned_applicant` return None,
and the strict path reads the row again and reports every problem with its place.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ._applicant import _CONVERTER, Applicant

__all__ = ["planned_applicant"]

_ENTRY = re.compile(r"([a-z_]+)\.([1-9][0-9]*)\.([a-z_]+)")

Decoder = Callable[[str], Any]


def _inner(hint: Any) -> Any:
    """``X`` of ``X | None``."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else hint


_KNOWN_MAX = 4096
"""Cell texts remembered per field: a roster repeats the same dates, hours and words."""


def _decoder(kind: Any) -> Decoder:
    """What reads a (stripped, not blank) cell into a value of ``kind``: the strict converter's
    hook, each text's value remembered (hooks are pure: the same text, the same value). A text
    field keeps the cell as the text hook keeps it."""
    if kind is str:
        return lambda value: value
    hook = _CONVERTER.get_structure_hook(kind)
    known: dict[str, Any] = {}

    def decode(value: str) -> Any:
        try:
            return known[value]
        except KeyError:
            pass
        decoded = hook(value, kind)  # a text the hook refuses raises: the strict path says why
        if len(known) >= _KNOWN_MAX:
            known.clear()
        known[value] = decoded
        return decoded

    return decode


def _fields(cls: type) -> dict[str, Decoder]:
    hints = typing.get_type_hints(cls)
    return {a.name: _decoder(_inner(hints[a.name])) for a in attrs.fields(cls)}


def _list_kinds() -> dict[str, type]:
    """The list fields of :class:`Applicant` (``tuple[Training, ...] | None``) and their record
    class."""
    found = {}
    for name, hint in typing.get_type_hints(Applicant).items():
        args = typing.get_args(_inner(hint))
        if args and attrs.has(args[0]):
            found[name] = args[0]
    return found


_LISTS = _list_kinds()
_PLAIN = {name: f for name, f in _fields(Applicant).items() if name not in _LISTS}
_RECORD_FIELDS = {name: _fields(kind) for name, kind in _LISTS.items()}

# A column's plan: ("plain", name, decoder), ("none", name) or
# ("entry", name, number, sub, decoder).
_Step = tuple[Any, ...]
_PLANS: dict[tuple[str, ...], tuple[_Step, ...] | None] = {}
_PLANS_MAX = 64


def _plan(header: tuple[str, ...]) -> tuple[_Step, ...] | None:
    """What each column means, or None when a column is none of the known kinds."""
    steps: list[_Step] = []
    for column in header:
        m = _ENTRY.fullmatch(column)
        if column in _PLAIN:
            steps.append(("plain", column, _PLAIN[column]))
        elif column in _LISTS:
            steps.append(("none", column))
        elif m and m.group(1) in _LISTS and m.group(3) in _RECORD_FIELDS[m.group(1)]:
            name, sub = m.group(1), m.group(3)
            steps.append(("entry", name, int(m.group(2)), sub, _RECORD_FIELDS[name][sub]))
        else:
            return None
    return tuple(steps)


def _column_plan(header: tuple[str, ...]) -> tuple[_Step, ...] | None:
    try:
        return _PLANS[header]
    except KeyError:
        if len(_PLANS) >= _PLANS_MAX:
            _PLANS.clear()
        plan = _PLANS[header] = _plan(header)
        return plan


def planned_applicant(cells: Mapping[str, str]) -> Applicant | None:
    """The applicant a roster row's cells describe, or None when the row needs the strict
    path (which then reports its problems, or builds the same applicant)."""
    plan = _column_plan(tuple(cells))
    if plan is None:
        return None
    fields: dict[str, Any] = {}
    entries: dict[str, dict[int, dict[str, Any]]] = {}
    try:
        for step, value in zip(plan, cells.values(), strict=True):
            if type(value) is not str:
                return None
            value = value.strip()
            if not value:
                continue  # a blank cell: a fact not given
            kind = step[0]
            if kind == "plain":
                fields[step[1]] = step[2](value)
            elif kind == "entry":
                entry = entries.setdefault(step[1], {}).setdefault(step[2], {})
                entry[step[3]] = step[4](value)
            elif value.lower() == "none":
                fields[step[1]] = ()
            else:
                return None
        for name, numbered in entries.items():
            if name in fields:
                return None  # "none", yet entries are filled: the strict path says so
            kind = _LISTS[name]
            fields[name] = tuple(kind(**numbered[n]) for n in sorted(numbered))
        return Applicant(**fields)
    except Exception:  # any objection: the strict path names it
        return None
