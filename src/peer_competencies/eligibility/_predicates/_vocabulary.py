"""The vocabulary: the names applicant records use for topics, exams and credentials."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from ._logic import Tri


@attrs.frozen
class Name:
    """A thing records name (a topic, an exam, a credential): its display name and aliases."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """``text`` lower-cased, with everything but letters and digits removed (remembered: a
    roster names the same few trainings and exams on every row)."""
    return _NOT_ALNUM.sub("", text.lower())


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


_MINOR_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"})


def _words(text: str) -> frozenset[str]:
    """The words of a name that tell it apart (lower-cased, without "and", "of" …)."""
    return frozenset(re.findall(r"[a-z0-9]+", text.lower())) - _MINOR_WORDS


Group = Literal["topics", "exams", "credentials"]


def _frozen_table(table: Mapping[str, Name]) -> Mapping[str, Name]:
    return MappingProxyType(dict(table))


@attrs.frozen
class Vocabulary:
    """The names applicant records use for topics, exams and credentials, with their aliases.

    A record's name matches a key when, lower-cased and with everything but letters and digits
    removed, it equals the key, the display name or an alias. The tables are read-only views.
    """

    topics: Mapping[str, Name] = attrs.field(converter=_frozen_table)
    exams: Mapping[str, Name] = attrs.field(converter=_frozen_table)
    credentials: Mapping[str, Name] = attrs.field(converter=_frozen_table)
    _index: Mapping[str, Mapping[str, frozenset[str]]] = attrs.field(init=False)
    _joined: dict[tuple[str, tuple[str, ...]], str] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        index = {}
        for group in ("topics", "exams", "credentials"):
            table: dict[str, set[str]] = {}
            for name in getattr(self, group).values():
                for alias in (name.key, name.name, *name.aliases):
                    table.setdefault(_norm(alias), set()).add(name.key)
            index[group] = MappingProxyType(
                {alias: frozenset(keys) for alias, keys in table.items()}
            )
        object.__setattr__(self, "_index", MappingProxyType(index))

    def keys(self, group: Group, text: str) -> frozenset[str]:
        """The keys ``text`` names in ``group`` ("Law and Ethics" names both ``ethics`` and
        ``law-and-ethics``); empty when it names none we know."""
        return self._index[group].get(_norm(text), frozenset())

    def matches(self, group: Group, text: str | None, keys: Iterable[str]) -> Tri:
        """Whether ``text`` names one of ``keys``; None (it may) when ``text`` is not given or
        is not a name this vocabulary knows."""
        if text is None:
            return None
        found = self.keys(group, text)
        if not found:
            return None
        return not found.isdisjoint(keys)

    def names(self, group: Group, keys: Iterable[str]) -> str:
        """The display names of ``keys`` joined with "or" (remembered: rules ask for the same
        few lists on every check)."""
        key = (group, tuple(keys))
        found = self._joined.get(key)
        if found is None:
            table: Mapping[str, Name] = getattr(self, group)
            found = self._joined[key] = " or ".join(table[k].name for k in key[1])
        return found

    def closest(self, group: Group, text: str, keys: Iterable[str]) -> tuple[str, ...]:
        """The display names of ``keys``, the closest to ``text`` first (by the best of a
        name's key, display name and aliases); ties keep the order given."""
        import difflib  # on first use: only a name the vocabulary does not know needs it

        table: Mapping[str, Name] = getattr(self, group)
        wanted = text.casefold()
        words = _words(text)

        def score(key: str) -> tuple[float, float]:
            name = table[key]
            aliases = (name.key, name.name, *name.aliases)
            shared = max(len(words & _words(a)) / (len(words | _words(a)) or 1) for a in aliases)
            ratio = max(
                difflib.SequenceMatcher(None, wanted, a.casefold()).ratio() for a in aliases
            )
            return shared, ratio

        unique = list(dict.fromkeys(keys))
        scores = [score(k) for k in unique]
        ranked = sorted(range(len(unique)), key=lambda i: (-scores[i][0], -scores[i][1], i))
        return tuple(table[unique[i]].name for i in ranked)
