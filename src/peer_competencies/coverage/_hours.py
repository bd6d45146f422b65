"""Hours arithmetic: how a module's hours, and the hours it names for some ids, go to the
competencies it credits (the rules are the "How a module's hours go" part of the docstring of
:mod:`._coverage`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from .._errors import InputError
from .._load import database
from .._model import Framework, Item
from ._result import Credit, Reach
from ._syllabus import Module, Syllabus, beyond

__all__: list[str] = []


def _full_id(entry: str, syllabus: Syllabus, framework: Framework) -> str:
    """An id as a module writes it (``ca-sb803:13``, or the bare code ``13`` of the program's
    framework, else of the framework reported on) made a full id."""
    return entry if ":" in entry else f"{syllabus.program.framework or framework.id}:{entry}"


def _twice(entry: str, first: str, item_id: str) -> str:
    if entry == first:
        return f"{entry!r} is there twice"
    return f"{first!r} and {entry!r} are both {item_id}"


def _named_hours(
    module: Module,
    listed: list[Item],
    reach: Mapping[str, Sequence[Reach]],
    syllabus: Syllabus,
    framework: Framework,
    n: int,
) -> dict[str, float]:
    """``hours_by_competency`` by full id, each key checked to be a listed id or a competency
    one of them credits."""
    if not module.hours_by_competency:
        return {}
    known = {i.id for i in listed} | {
        r.target.id for found in reach.values() for r in found if not r.hint
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
    listed: list[Item],
    reach: Mapping[str, Sequence[Reach]],
    named: Mapping[str, float],
    syllabus: Syllabus,
    n: int,
) -> Iterable[Credit]:
    """The module's credits with their hours, by the rules of the module docstring."""
    listed_ids = {i.id for i in listed}
    sharing = [i.id for i in listed if i.id not in named]
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
    share = rest / len(sharing) if sharing else 0.0
    given: set[str] = set()  # competencies whose named hours were handed out already
    for item in listed:
        found = reach[item.id]
        item_hours = named.get(item.id, share)
        # hours follow the strongest correspondence: to the full credits when there are any,
        # else to the part credits; a hint takes none
        full = any(r.full for r in found)
        paid = sum(1 for r in found if (r.full if full else not r.hint))
        for r in found:
            pays = r.full if full else not r.hint
            hours: float | None = item_hours / paid if pays else 0.0
            target = r.target.id
            if target in named and target not in listed_ids and target not in given:
                hours = (hours or 0.0) + named[target]
                given.add(target)
            if module.hours is None and pays:
                hours = None  # a share of hours the module does not state
            yield Credit(
                target_id=target,
                module_id=module.id,
                module_title=module.title,
                listed_id=item.id,
                via=r.via,
                full=r.full,
                hours=hours,
                confidence=r.confidence,
                predicate=r.predicate,
                path=r.path,
                hint=r.hint,
            )
