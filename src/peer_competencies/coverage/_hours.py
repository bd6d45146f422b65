"""Hours arithmetic: how a module's hours, and the hours it names for some ids, go to the
competencies it credits (the rules are the "How a module's hours go" part of the docstring of
:mod:`._coverage`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .._errors import InputError
from .._load import database
from .._model import Framework, Item
from ._result import CreditEntry, Reach
from ._syllabus import Module, Syllabus, beyond

__all__ = ["Listed"]


def _full_id(entry: str, syllabus: Syllabus, framework: Framework) -> str:
    """An id as a module writes it (``ca-sb803:13``, or the bare code ``13`` of the program's
    framework, else of the framework reported on) made a full id."""
    return entry if ":" in entry else f"{syllabus.program.framework or framework.id}:{entry}"


def _twice(entry: str, first: str, item_id: str) -> str:
    if entry == first:
        return f"{entry!r} is there twice"
    return f"{first!r} and {entry!r} are both {item_id}"


class Listed:
    """One id a module lists, as coverage uses it: the item, what it reaches in the framework
    reported on, which of those take a share of its hours (``paying``: the full credits when
    there are any, else the part credits; a hint takes none), how many do (``paid``), and
    whether it credits nothing (``uncredited``: it reaches nothing, or only hints). The same
    for every module that lists the item, so a framework's table keeps one per id."""

    __slots__ = ("item", "paid", "paying", "reach", "uncredited")

    def __init__(self, item: Item, reach: Sequence[Reach]) -> None:
        self.item = item
        self.reach = tuple(reach)
        full = any(r.full for r in reach)
        self.paying = tuple((r, r.full if full else not r.hint, r.target.id) for r in reach)
        self.paid = sum(1 for _, pays, _ in self.paying if pays)
        self.uncredited = all(r.hint for r in reach)


def _named_hours(
    module: Module,
    listed: Sequence[Listed],
    syllabus: Syllabus,
    framework: Framework,
    n: int,
) -> dict[str, float]:
    """``hours_by_competency`` by full id, each key checked to be a listed id or a competency
    one of them credits."""
    if not module.hours_by_competency:
        return {}
    known = {i.item.id for i in listed} | {
        r.target.id for i in listed for r in i.reach if not r.hint
    }
    named: dict[str, float] = {}
    keys: dict[str, str] = {}
    for key, hours in module.hours_by_competency.items():
        where = syllabus.place(n, "hours_by_competency", key)
        item = database().get(_full_id(key, syllabus, framework))
        if item is None or item.id not in known:
            raise InputError(
                f"{key!r} is not one of the module's ids or the competencies they credit",
                file=syllabus.source,
                where=where,
                fix="name one of the module's competency ids, or a competency they credit",
            )
        if item.id in named:
            raise InputError(
                _twice(key, keys[item.id], item.id),
                file=syllabus.source,
                where=where,
                fix="name each competency once",
            )
        named[item.id] = hours
        keys[item.id] = key
    return named


def _split_hours(
    module: Module,
    listed: Sequence[Listed],
    named: Mapping[str, float],
    syllabus: Syllabus,
    n: int,
    into: Mapping[str, list[CreditEntry]],
) -> None:
    """The module's credits with their hours, by the rules of the module docstring, each put
    on the list of the competency it goes to (``into``, by id)."""
    sharing = len(listed) - sum(1 for i in listed if i.item.id in named) if named else len(listed)
    total = module.hours or 0.0
    rest = max(total - math.fsum(named.values()), 0.0)
    if not sharing and beyond(rest, 0.0):
        raise InputError(
            f"the named hours leave {rest:g} of the module's {total:g} hours, and every listed "
            "id is named: none is left to take them",
            file=syllabus.source,
            where=syllabus.place(n, "hours_by_competency"),
            fix="name all the module's hours, or lower its hours",
        )
    share = rest / sharing if sharing else 0.0
    stated = module.hours is not None
    if not named:  # each listed id takes an equal share, split among the credits that pay
        for found in listed:
            item_id = found.item.id
            paid = (share / found.paid if found.paid else 0.0) if stated else None
            for r, pays, target in found.paying:
                into[target].append((r, module, item_id, paid if pays else 0.0))
        return
    listed_ids = {i.item.id for i in listed}
    given: set[str] = set()  # competencies whose named hours were handed out already
    for found in listed:
        item_id = found.item.id
        item_hours = named.get(item_id, share)
        for r, pays, target in found.paying:
            hours: float | None = item_hours / found.paid if pays else 0.0
            if target in named and target not in listed_ids and target not in given:
                hours = (hours or 0.0) + named[target]
                given.add(target)
            if pays and not stated:
                hours = None  # a share of hours the module does not state
            into[target].append((r, module, item_id, hours))
