"""The typed model: frozen attrs classes handed out by the package, and their cattrs converter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import cattrs

from ._enum import TextEnum
from ._errors import UnknownIdError

if TYPE_CHECKING:
    from ._load import _Database

__all__ = ["Citation", "Framework", "Item", "Kind", "Note", "Origin", "converter", "top_items"]


class Kind(TextEnum):
    """What an item is in its framework. The value is the word used in the data files."""

    CATEGORY = "category"
    COMPETENCY = "competency"
    SUB_COMPETENCY = "sub-competency"
    DOMAIN = "domain"
    BEST_PRACTICE = "best-practice"
    STATEMENT = "statement"
    SKILL = "skill"
    VALUE = "value"
    THEME = "theme"
    FIELD_EXAMPLE = "field-example"
    QUALIFICATION = "qualification"
    PRINCIPLE = "principle"


@attrs.frozen
class Citation:
    """Where a fact comes from: a document and, optionally, the place inside it."""

    title: str
    publisher: str
    year: int | None = None
    url: str | None = None
    section: str | None = None
    checked_on: dt.date | None = None

    def __str__(self) -> str:
        parts = [self.publisher, f"{self.title}"]
        if self.year is not None:
            parts[0] = f"{self.publisher} ({self.year})"
        text = ". ".join(parts)
        if self.section:
            text += f", {self.section}"
        if self.url:
            text += f". {self.url}"
        return text


@attrs.frozen
class Origin:
    """Where a compiled list says a statement came from.

    ``framework`` is the framework credited, ``code`` the domain or practice number the tag gives
    (None when it gives none), ``tag`` the tag as printed (None when the source prints none).
    """

    framework: str
    code: str | None = None
    tag: str | None = None


@attrs.frozen
class Note:
    """A note the source itself attaches to a framework (SAMHSA's FAQ answers)."""

    code: str
    title: str
    text: str
    source: Citation


class _Owned:
    """The slot in which an item keeps the framework it was first built into.

    Not an attrs field: it takes no part in ``==``, ``hash``, ``repr``, ``attrs.asdict`` or the
    converter, so an item still equals its round trip through ``converter``. A
    :class:`Framework` fills it once, when it is created (see ``Framework.__attrs_post_init__``),
    unless it is already set; an item built on its own (or copied with ``attrs.evolve``) has
    none. The shipped frameworks' items hold None there, which no framework overwrites: they
    find their framework in the database by ``framework_id``, so that no reference cycle ties
    each item to its framework (only the cyclic garbage collector frees those).
    """

    __slots__ = ("_owner",)


def _shipped_framework(framework_id: str) -> Framework:
    """The shipped framework of this id, from the database (imported on first use: it imports
    this module)."""
    global _database
    if _database is None:
        from ._load import database

        _database = database()
    return _database.framework(framework_id)


_database: _Database | None = None


def _short(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1].rstrip() + "…")


@attrs.frozen(repr=False)
class Item(_Owned):
    """One statement of a framework: a category, a competency, a skill, a principle …

    ``text`` and ``description`` are the source's wording verbatim (whitespace normalized);
    ``label`` is a short name of ours. Navigation (``parent``, ``children``, ``ancestors``,
    ``descendants``, ``framework``) goes through the framework the item belongs to: the first
    :class:`Framework` built with it (a shipped one, or a user's own read with
    ``read_framework_file``), else the shipped framework of its ``framework_id``.
    """

    id: str
    framework_id: str
    code: str
    kind: Kind
    text: str
    citation: Citation
    description: str | None = None
    label: str | None = None
    parent_id: str | None = None
    children_ids: tuple[str, ...] = ()
    origins: tuple[Origin, ...] = ()
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:  # short, for a REPL: the id says where to find the rest
        return f"Item(id={self.id!r}, kind={self.kind.value}, text={_short(self.text)})"

    @property
    def framework(self) -> Framework:
        """The framework this item belongs to (see the class's description)."""
        owner: Framework | None = getattr(self, "_owner", None)
        if owner is not None:
            return owner
        return _shipped_framework(self.framework_id)

    @property
    def parent(self) -> Item | None:
        """The item directly above this one, or None for a top-level item."""
        return None if self.parent_id is None else self.framework.lookup(self.parent_id)

    @property
    def children(self) -> tuple[Item, ...]:
        """The items directly below this one, in source order."""
        framework = self.framework
        return tuple(framework.lookup(i) for i in self.children_ids)

    @property
    def ancestors(self) -> tuple[Item, ...]:
        """Parent, grandparent … up to the top-level item."""
        found: list[Item] = []
        node = self.parent
        while node is not None:
            found.append(node)
            node = node.parent
        return tuple(found)

    @property
    def descendants(self) -> tuple[Item, ...]:
        """Every item below this one, depth first, in source order."""
        found: list[Item] = []
        for child in self.children:
            found.append(child)
            found.extend(child.descendants)
        return tuple(found)

    @property
    def statement(self) -> str:
        """The fullest verbatim wording: the description where there is one, else the text."""
        return self.description or self.text


@attrs.frozen(repr=False)
class Framework:
    """A competency framework: its metadata, its source, and every item in source order."""

    id: str
    title: str
    version: str
    source: Citation
    items: tuple[Item, ...]
    attribution_confirmed: bool = True
    attribution_note: str | None = None
    editorial_notes: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

    def __attrs_post_init__(self) -> None:
        # each item navigates through the first framework built with it (see ``_Owned``); a
        # framework built later from the same items (attrs.evolve, a subset) leaves it alone
        for item in self.items:
            if isinstance(item, Item) and not hasattr(item, "_owner"):
                object.__setattr__(item, "_owner", self)

    def __repr__(self) -> str:  # short, for a REPL: a shipped framework's fields run to 350 KB
        return f"Framework(id={self.id!r}, title={_short(self.title)}, {len(self.items)} items)"

    @cached_property
    def _by_id(self) -> Mapping[str, Item]:
        return MappingProxyType({item.id: item for item in self.items})

    @cached_property
    def _by_folded_id(self) -> Mapping[str, tuple[Item, ...]]:
        folded: dict[str, list[Item]] = {}
        for item in self.items:
            folded.setdefault(item.id.casefold(), []).append(item)
        return MappingProxyType({k: tuple(v) for k, v in folded.items()})

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __contains__(self, id_or_code: object) -> bool:
        return isinstance(id_or_code, str) and self.get(id_or_code) is not None

    def get(self, id_or_code: str) -> Item | None:
        """The item with this id (``samhsa-2015:VIII.4``) or code (``VIII.4``), or None.

        Upper and lower case may differ (``samhsa-2015:viii.4``) as long as only one item
        matches."""
        if not isinstance(id_or_code, str):
            return None
        item = self._by_id.get(id_or_code)
        if item is None:
            item = self._by_id.get(f"{self.id}:{id_or_code}")
        if item is None:
            found = self._matches_ignoring_case(id_or_code)
            item = found[0] if len(found) == 1 else None
        return item

    def _matches_ignoring_case(self, id_or_code: str) -> tuple[Item, ...]:
        folded = id_or_code.casefold()
        if not folded.startswith(f"{self.id}:"):
            folded = f"{self.id}:{folded}"
        return self._by_folded_id.get(folded, ())

    def lookup(self, id_or_code: str) -> Item:
        """The item with this id or code; raises :class:`UnknownIdError` naming the closest ids."""
        item = self.get(id_or_code)
        if item is None:
            from ._didyoumean import closest

            text = str(id_or_code)
            # several items that differ only in case: name them all
            same = [i.id for i in self._matches_ignoring_case(text)]
            raise UnknownIdError(text, same or closest(text, self._by_id), "item id")
        return item

    @property
    def roots(self) -> tuple[Item, ...]:
        """The top-level items, in source order."""
        return tuple(item for item in self.items if item.parent_id is None)

    def of_kind(self, *kinds: Kind | str) -> tuple[Item, ...]:
        """The items of the given kinds, in source order."""
        wanted = {Kind(k) for k in kinds}
        return tuple(item for item in self.items if item.kind in wanted)

    @property
    def kinds(self) -> Mapping[Kind, int]:
        """How many items of each kind the framework has."""
        counts: dict[Kind, int] = {}
        for item in self.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return MappingProxyType(counts)


def claimed_framework(*fields: Any) -> Framework:
    """``Framework(*fields)`` for a framework whose items are all claimed already (their
    ``_owner`` set to None by the database, see :class:`_Owned`): the same object, made without
    ``__attrs_post_init__``'s pass over the items, which would find nothing to do."""
    framework: Framework = object.__new__(Framework)
    for name, value in zip(attrs.fields_dict(Framework), fields, strict=True):
        object.__setattr__(framework, name, value)
    return framework


def top_items(framework: Framework) -> tuple[Item, ...]:
    """A framework's top-level statements: its roots, leaving out certification
    qualifications (which are requirements, not competencies). The crosswalk counts and draws
    its top level by them; coverage counts against them where a framework has no competencies."""
    return tuple(i for i in framework.roots if i.kind is not Kind.QUALIFICATION)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    return conv


if TYPE_CHECKING:
    converter: cattrs.Converter
    """The cattrs converter for every model class: ``converter.unstructure(framework)`` gives
    plain JSON-ready data, ``converter.structure(data, Framework)`` reads it back."""


def __getattr__(name: str) -> Any:
    # the converter is made on first use: making it is a third of this module's import time
    if name == "converter":
        made = globals().setdefault("converter", _make_converter())
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
