"""The crosswalk queries' arguments, checked where they come in: each wrong one raises
:class:`InputError` saying what to write instead."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .._errors import InputError
from ._infer import MAX_HOPS
from ._model import Predicate

__all__ = ["id_list", "max_hops", "min_confidence", "predicates", "require_text"]


def require_text(value: object, what: str, example: str) -> None:
    """Raise unless ``value`` is a str (``what`` it is, e.g. ``an item id``)."""
    if not isinstance(value, str):
        raise InputError(
            f"{what} is text, not {type(value).__name__} {value!r}", fix=f"write e.g. {example!r}"
        )


def id_list(value: object, name: str, what: str, example: str) -> tuple[str, ...]:
    """``value`` as a tuple of ids: a list (or other iterable) of texts, never one text."""
    if isinstance(value, str):
        raise InputError(
            f"{name} is a list of {what}, not one text {value!r}", fix=f"write [{value!r}]"
        )
    if not isinstance(value, Iterable):
        raise InputError(
            f"{name} is a list of {what}, not {type(value).__name__} {value!r}",
            fix=f"write e.g. [{example!r}]",
        )
    found = tuple(value)
    for n, entry in enumerate(found):
        if not isinstance(entry, str):
            raise InputError(
                f"{name}[{n}] is {type(entry).__name__} {entry!r}, not one of the {what}",
                fix=f"write e.g. {example!r}",
            )
    return found


_PREDICATE_VALUES = ", ".join(p.value for p in Predicate)


def predicates(value: Iterable[Predicate | str] | None) -> frozenset[Predicate]:
    """The predicates named (members or their CURIEs); every one for None."""
    if value is None:
        return frozenset(Predicate)
    names = id_list(value, "predicates", "predicates", Predicate.EXACT.value)
    if not names:
        raise InputError(
            "predicates is empty, so no mapping could count",
            fix="leave predicates out (all five count) or name at least one",
        )
    wanted = set()
    for name in names:
        try:
            wanted.add(Predicate(name))
        except ValueError:
            by_label = {p.label: p.value for p in Predicate}
            hint = f"did you mean {by_label[name]!r}? " if name in by_label else ""
            raise InputError(
                f"{name!r} is not a mapping predicate",
                fix=f"{hint}use Predicate members or their values: {_PREDICATE_VALUES}",
            ) from None
    return frozenset(wanted)


def min_confidence(value: object) -> float:
    """A number from 0 to 1, as a float."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0.0 <= value <= 1.0
    ):
        raise InputError(
            f"min_confidence {value!r} is not a number from 0 to 1", fix="write e.g. 0.5"
        )
    return float(value)


def max_hops(value: object) -> int:
    """A whole number of steps, at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"max_hops {value!r} is not a whole number of steps of at least 1",
            fix=f"write 1 (asserted mappings only) or more (chains); the default is {MAX_HOPS}",
        )
    return value
