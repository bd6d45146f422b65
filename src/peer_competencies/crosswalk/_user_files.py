"""A user's own crosswalk files: a framework file, and an SSSOM mapping set checked against the
crosswalk it joins."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .._errors import InputError
from .._load import database, read_framework_file
from .._model import Framework
from ._consistency import validate_ids
from ._crosswalk import Crosswalk
from ._model import MappingSet
from ._sssom import read_sssom_file

__all__ = ["load_framework", "load_mappings"]

_FIXES = {
    "stated-twice": "state each mapping once (a symmetric predicate in one direction; a broad "
    "match or its inverse narrow match, not both)",
    "contradiction": "keep the mapping or the negative, not both",
    "self-mapping": "map the item to an item of another framework",
    "same-framework": "map items of different frameworks",
}
"""What to do about each kind of problem a user's mapping set may bring into the crosswalk."""


def load_framework(path: str | Path) -> Framework:
    """Read a user's framework file (the shipped format, see ``docs/data-format.md``).

    Every problem raises :class:`InputError` naming the file and the place in it; a framework
    id that is already shipped is refused, since ids are a public contract.
    """
    framework = read_framework_file(path)
    if framework.id in database().framework_ids():
        raise InputError(
            f"framework id {framework.id!r} is a shipped framework",
            file=str(path),
            where="$.id",
            fix="give your framework an id of its own (e.g. prefix it with your organisation)",
        )
    return framework


def load_mappings(
    path: str | Path,
    frameworks: Iterable[Framework] = (),
    *,
    mapping_sets: Iterable[MappingSet] = (),
) -> MappingSet:
    """Read a user's SSSOM/TSV mapping set and check it against the crosswalk it joins.

    Its mappings may name the shipped frameworks' items and those of ``frameworks``. They are
    checked with the shipped mappings and any other ``mapping_sets`` the set is to join
    (as :meth:`Crosswalk.problems` would find them together): a mapping that a curated negative
    denies, or a negative that denies a mapping, is refused like a problem inside the file.
    Every problem raises :class:`InputError` naming the file, the line and column, and the fix.
    """
    frameworks = tuple(frameworks)
    mapping_set = read_sssom_file(path)
    known: dict[str, Framework] = {f.id: f for f in database().frameworks()}
    known.update((f.id, f) for f in frameworks)
    items = {item.id: item for f in known.values() for item in f.items}
    validate_ids(mapping_set, known, items)
    mine = {id(r) for r in mapping_set.records}
    own = [f for f in known.values() if f.id not in database().framework_ids()]
    joined = Crosswalk(own, (*mapping_sets, mapping_set), strict=False)
    problems = [p for p in joined.problems() if any(id(r) in mine for r in p.records)]
    if problems:
        first = problems[0]
        lines = sorted({r.line for r in first.records if id(r) in mine and r.line is not None})
        elsewhere = sorted({r.where for r in first.records if id(r) not in mine})
        raise InputError(
            first.message + (f"; see {', '.join(elsewhere)}" if elsewhere else ""),
            file=mapping_set.file,
            where=", ".join(f"line {n}" for n in lines) or None,
            fix=_FIXES.get(first.kind),
        )
    return mapping_set
