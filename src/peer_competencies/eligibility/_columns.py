"""A roster's column plan: what each column of a header means, worked out once per file.

:func:`read_roster` gives each row as a list of cells in the header's order. For a header,
:func:`column_plan` works out once which field of :class:`Applicant` each column fills, which
structure hook of the strict converter (``_applicant._CONVERTER``) reads its cells, and which
columns make up each numbered list entry (``trainings.2.topic``, ``trainings.2.hours`` …). A row
is then read by walking that plan: no mapping of cells per row, no unflattening of dotted names,
no cattrs dispatch.

Work a roster repeats is done once: a cell text's value is remembered per column (the hooks are
pure: the same text, the same value; a text field is its text), and a list entry is remembered
whole, as the frozen record its texts make, so a roster whose applicants share a training
builds that ``Training`` once. Every record, the :class:`Applicant` included, is made by its
own class, converters and validators included, so the applicant a plan builds equals the one
the strict path (``_roster_read._unflatten``, then :func:`parse_applicant`) builds. A cell a hook
refuses, a validator's objection or a ``none`` list that also has entries makes
:meth:`ColumnPlan.applicant` answer None; the strict path then reads the row again and names
every problem with its row and column.
"""

from __future__ import annotations

import operator
import re
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ._applicant import _CONVERTER, _VALUE_VALIDATORS, Applicant

__all__ = ["EMPTY", "ColumnPlan", "column_plan"]

_ENTRY = re.compile(r"([a-z_]+)\.([1-9][0-9]*)\.([a-z_]+)")

_KNOWN_MAX = 4096
"""Values (or list entries) remembered per column: a roster repeats the same dates, hours,
words and trainings; a column of values that never repeat (ids) is cleared when it is full."""


class _Empty:
    """What :meth:`ColumnPlan.applicant` answers for a row whose every cell is blank."""

    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Any = _Empty()
"""The answer for a row whose every cell is blank: no applicant, a row to skip."""

_MISS: Any = object()  # a text not read yet


def _inner(hint: Any) -> Any:
    """``X`` of ``X | None``."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else hint


def _text_reader(kind: Any, field: Any = None) -> Callable[[str], Any]:
    """What reads one cell (white space around it ignored) into a value of ``kind``: None for a
    blank cell (a fact not given), else the strict converter's hook applied to the stripped
    text, as the strict path applies it. With ``field`` (an attrs field of Applicant), the value
    then goes through the field's converter and validator, as Applicant's ``__init__`` puts it
    through them. Raises what the hook or the validator raises."""
    hook = _CONVERTER.get_structure_hook(kind)
    convert = field.converter if field is not None else None
    validate = field.validator if field is not None else None

    def read(text: str) -> Any:
        text = text.strip()
        if not text:
            return None
        value = text if kind is str else hook(text, kind)
        if convert is not None:
            value = convert(value)
        if validate is not None:
            validate(None, field, value)
        return value

    return read


def _sets_fields_only(cls: type) -> bool:
    """Whether the ``__init__`` of the attrs class ``cls`` does no more than put each value
    through its field's converter (a plain function) and validator (one that looks at the value
    alone) and set it: then a plan that has done the first two may make an instance by setting
    the fields itself."""
    fields = attrs.fields(cls)
    return (
        "__slots__" in vars(cls)
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(f.default is None for f in fields)
        and all(f.converter is None or isinstance(f.converter, types.FunctionType) for f in fields)
        and all(f.validator is None or f.validator in _VALUE_VALIDATORS for f in fields)
    )


def _none_reader(text: str) -> Any:
    """A list column written alone: ``none`` (any case) says the list is known to be empty."""
    text = text.strip()
    if not text:
        return None
    if text.lower() != "none":
        raise ValueError("a list column holds none or nothing")
    return ()


def _remembering(
    read: Callable[[Any], Any], remember: bool, blank: Any
) -> tuple[dict[Any, Any], Callable[[Any], Any]]:
    """A table of what ``read`` made of each key (texts, or tuples of them) and the reader that
    fills it; ``blank``, the key of nothing given, is in it from the start (made None). The plan
    looks a key up first and calls the reader only on a miss."""
    known: dict[Any, Any] = {blank: None}
    if not remember:  # a text field: the stripped text, nothing worth remembering
        return known, read

    def read_and_remember(key: Any) -> Any:
        value = read(key)  # a text the hook refuses raises: nothing remembered
        if len(known) >= _KNOWN_MAX:
            known.clear()
            known[blank] = None
        known[key] = value
        return value

    return known, read_and_remember


_LIST_KINDS: dict[str, type] = {}
for _name, _hint in typing.get_type_hints(Applicant).items():
    _args = typing.get_args(_inner(_hint))
    if _args and attrs.has(_args[0]):
        _LIST_KINDS[_name] = _args[0]
_FIELDS = attrs.fields_dict(Applicant)
_SLOTS = {name: n for n, name in enumerate(_FIELDS)}
_DIRECT = _sets_fields_only(Applicant)
"""Whether a plan makes an Applicant by setting its fields (each value already converted and
validated as a cell is read) rather than through ``__init__``."""
_FIELD_KINDS = {
    cls: {name: _inner(hint) for name, hint in typing.get_type_hints(cls).items()}
    for cls in (Applicant, *_LIST_KINDS.values())
}

_Plain = tuple[int, int, dict[Any, Any] | None, Callable[[str], Any]]
"""A plain column: its index in the row, the field's place in Applicant, the table of texts
read (None for a text field, whose value is its stripped cell), the reader."""
_Entry = tuple[Callable[[Sequence[str]], Any], dict[Any, Any], Callable[[Any], Any]]
"""One numbered list entry: what takes its cells out of a row, the table of records made from
such cells, what makes one."""


def _taker(indexes: tuple[int, ...]) -> Callable[[Sequence[str]], Any]:
    """What takes the cells at ``indexes`` out of a row, as a tuple."""
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)
    (index,) = indexes

    def take(row: Sequence[str]) -> tuple[str, ...]:
        return (row[index],)

    return take


def _maker(kind: type, subs: tuple[str, ...]) -> Callable[[tuple[str, ...]], Any]:
    """What makes the record ``kind`` from the cells of its columns ``subs`` (by its own class,
    validators included): None when every cell is blank."""
    readers = tuple((sub, _text_reader(_FIELD_KINDS[kind][sub])) for sub in subs)

    def make(texts: tuple[str, ...]) -> Any:
        given = {}
        for (sub, read), text in zip(readers, texts, strict=True):
            value = read(text)
            if value is not None:
                given[sub] = value
        return kind(**given) if given else None

    return make


class ColumnPlan:
    """What each column of one header means; :meth:`applicant` reads a row with it."""

    def __init__(self, header: Sequence[str]) -> None:
        """Raises KeyError for a column that is not a roster column (never one of a header
        :func:`read_roster` accepts)."""
        if len(set(header)) < len(header):
            raise KeyError("a column named twice")
        self.width = len(header)
        plain: list[_Plain] = []
        numbered: dict[str, dict[int, dict[str, int]]] = {}
        for index, column in enumerate(header):
            m = _ENTRY.fullmatch(column)
            if column in _LIST_KINDS:
                known, read = _remembering(_none_reader, False, "")
                plain.append((index, _SLOTS[column], known, read))
            elif column in _SLOTS:
                kind, field = _FIELD_KINDS[Applicant][column], _FIELDS[column]
                read = _text_reader(kind, field if _DIRECT else None)
                if kind is str and not (field.converter or field.validator):
                    plain.append((index, _SLOTS[column], None, read))  # the text as it is
                    continue
                known, read = _remembering(read, True, "")
                plain.append((index, _SLOTS[column], known, read))
            elif m and m.group(1) in _LIST_KINDS:
                name, number, sub = m.group(1), int(m.group(2)), m.group(3)
                if sub not in _FIELD_KINDS[_LIST_KINDS[name]]:
                    raise KeyError(column)
                numbered.setdefault(name, {}).setdefault(number, {})[sub] = index
            else:
                raise KeyError(column)
        self.plain = tuple(plain)
        layouts: dict[tuple[str, tuple[str, ...]], tuple[dict[Any, Any], Callable[..., Any]]] = {}
        lists = []
        for name, entries in numbered.items():
            planned: list[_Entry] = []
            for number in sorted(entries):
                subs = tuple(entries[number])
                if (name, subs) not in layouts:  # entries laid out alike share their records
                    make = _maker(_LIST_KINDS[name], subs)
                    layouts[name, subs] = _remembering(make, True, ("",) * len(subs))
                known, make = layouts[name, subs]
                planned.append((_taker(tuple(entries[number].values())), known, make))
            lists.append((_SLOTS[name], tuple(planned)))
        self.lists = tuple(lists)
        self.applicant: Callable[[Sequence[str]], Any] = self._compiled()
        """The :class:`Applicant` a row's cells (in the header's order; fewer cells than
        columns: the rest are blank; more: those past the header are not read) describe, EMPTY
        when every cell is blank, or None when the strict path must read the row (it then
        builds the same applicant, or names every problem)."""

    def _compiled(self) -> Callable[[Sequence[str]], Any]:
        """:attr:`applicant` as one function written for this header, each column's step in
        line: a cell looked up in its column's table, read on a miss; each entry's cells looked
        up as one; the record made with every value in place. The code names only the plan's
        own objects (tables, readers) and numbers; never a cell or a column name."""
        names: dict[str, Any] = {"MISS": _MISS, "EMPTY": EMPTY, "Applicant": Applicant}
        code = [
            "def applicant(cells):",
            "    try:",
            f"        if len(cells) < {self.width}:",
            f"            cells = [*cells, *[''] * ({self.width} - len(cells))]",
        ]
        given: set[int] = set()
        for n, (index, slot, known, read) in enumerate(self.plain):
            given.add(slot)
            if known is None:  # a text field: the cell stripped (blank: not given)
                code.append(f"        v{slot} = cells[{index}].strip() or None")
                continue
            names[f"known{n}"], names[f"read{n}"] = known, read
            code += [
                f"        text = cells[{index}]",
                f"        v{slot} = known{n}.get(text, MISS)",
                f"        if v{slot} is MISS:",
                f"            v{slot} = read{n}(text)",
            ]
        for m, (slot, entries) in enumerate(self.lists):
            if slot not in given:
                code.append(f"        v{slot} = None")
                given.add(slot)
            code.append("        found = []")
            for n, (take, known, make) in enumerate(entries):
                names[f"take{m}_{n}"], names[f"known{m}_{n}"] = take, known
                names[f"make{m}_{n}"] = make
                code += [
                    f"        texts = take{m}_{n}(cells)",
                    f"        record = known{m}_{n}.get(texts, MISS)",
                    "        if record is MISS:",
                    f"            record = make{m}_{n}(texts)",
                    "        if record is not None:",
                    "            found.append(record)",
                ]
            code += [
                "        if found:",
                f"            if v{slot} is not None:",
                "                return None",  # none, yet entries: the strict path says so
                f"            v{slot} = tuple(found)",
            ]
        values = ", ".join(f"v{n}" if n in given else "None" for n in range(len(_SLOTS)))
        code += [
            f"        values = ({values},)",
            f"        if values.count(None) == {len(_SLOTS)}:",
            "            return EMPTY",
        ]
        if _DIRECT:  # each value converted and validated as read: set the fields
            names["new"] = object.__new__
            code.append("        made = new(Applicant)")
            for n, name in enumerate(_SLOTS):
                names[f"set{n}"] = vars(Applicant)[name].__set__
                code.append(f"        set{n}(made, values[{n}])")
            code.append("        return made")
        else:
            code.append("        return Applicant(*values)")
        code += [
            "    except Exception:",  # a cell refused, a validator's objection
            "        return None",
        ]
        exec("\n".join(code), names)  # our own code, of numbers and plan objects
        compiled: Callable[[Sequence[str]], Any] = names["applicant"]
        return compiled


_PLANS: dict[tuple[str, ...], ColumnPlan | None] = {}
_PLANS_MAX = 16
"""Plans remembered (each with its tables of values, at most _KNOWN_MAX a column): a program
reading rosters of many headers keeps a bounded few."""


def column_plan(header: Sequence[str]) -> ColumnPlan | None:
    """The plan of ``header`` (remembered), or None when a column is not a roster column."""
    try:
        key = tuple(header)
        return _PLANS[key]
    except KeyError:
        pass
    except TypeError:  # a column name that cannot be a key
        return None
    try:
        plan: ColumnPlan | None = ColumnPlan(key)
    except (KeyError, TypeError):
        plan = None
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[key] = plan
    return plan
