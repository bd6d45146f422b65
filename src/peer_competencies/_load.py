"""Reading framework files into the model, and the lazily loaded, thread-safe database.

A framework file (see ``docs/data-format.md``) is structured with cattrs into private record
classes, checked, and turned into the public :class:`Framework`. Nothing is read at import time:
each shipped framework is built the first time something asks for it, from its compiled form
(``_compiled``), which a test holds equal to what this reader builds from its file.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import attrs

from ._decoders import parse_json
from ._didyoumean import closest
from ._errors import InputError, UnknownIdError
from ._files import decode, read_text
from ._model import Citation, Framework, Item, Kind, Note, Origin
from ._resources import Table
from ._structure import strict_converter, structure

__all__ = ["closest", "database", "parse_framework", "read_framework_file"]

FORMAT = 1
FRAMEWORK_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CODE = re.compile(r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*")


@attrs.frozen(eq=False)  # records are read once, never compared
class _FileItem:
    code: str
    kind: Kind
    text: str
    section: str
    description: str | None = None
    label: str | None = None
    parent: str | None = None
    origins: tuple[Origin, ...] = ()
    notes: tuple[str, ...] = ()
    source: Citation | None = None


@attrs.frozen(eq=False)  # records are read once, never compared
class _FileFramework:
    format: int
    id: str
    title: str
    version: str
    source: Citation
    items: tuple[_FileItem, ...]
    attribution_confirmed: bool = True
    attribution_note: str | None = None
    editorial_notes: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


def _squashed(text: str) -> bool:
    return " ".join(text.split()) == text


@functools.cache
def _converter() -> Any:
    """The strict converter of framework files, made when the first user file is read (making
    it is a tenth of ``import peer_competencies``; the shipped files never need it)."""
    return strict_converter()


def parse_framework(data: object, file: str) -> Framework:
    """Turn the decoded JSON of a framework file into a :class:`Framework`, checking it.

    Every problem raises :class:`InputError` naming ``file``, the JSON path and the fix.
    """

    def fail(problem: str, where: str, fix: str) -> InputError:
        return InputError(problem, file=file, where=where, fix=fix)

    if not isinstance(data, dict):
        raise fail("a framework file holds one JSON object", "$", "see docs/data-format.md")
    if data.get("format") != FORMAT:
        problem = f"unsupported format {data.get('format')!r}"
        raise fail(problem, "$.format", f'write "format": {FORMAT}')
    fix = "see docs/data-format.md for the keys and their types"
    record = structure(_converter(), data, _FileFramework, file, fix)
    fid = record.id
    if not FRAMEWORK_ID.fullmatch(fid):
        problem = f"framework id {fid!r} is not of the form lower-case-words-and-digits"
        raise fail(problem, "$.id", 'use e.g. "samhsa-2015"')
    codes: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    for n, it in enumerate(record.items):
        where = f"$.items[{n}]"
        if not CODE.fullmatch(it.code):
            problem = f"code {it.code!r} is not letters and digits joined by '.' or '-'"
            raise fail(problem, f"{where}.code", 'use e.g. "VIII.4"')
        if it.code in codes:
            problem = f"code {it.code!r} repeats $.items[{codes[it.code]}]"
            raise fail(problem, f"{where}.code", "give every item its own code")
        for key in ("text", "description", "section"):
            value = getattr(it, key)
            if value is not None and (not value or not _squashed(value)):
                fix = "write the text with single spaces and no leading or trailing space"
                raise fail(f"{key} is empty or has untidy white space", f"{where}.{key}", fix)
        if it.parent is not None:
            if it.parent not in codes:
                problem = f"parent {it.parent!r} is not the code of an earlier item"
                raise fail(problem, f"{where}.parent", "list parents before their children")
            children.setdefault(it.parent, []).append(f"{fid}:{it.code}")
        codes[it.code] = n
    items = tuple(
        Item(
            id=f"{fid}:{it.code}",
            framework_id=fid,
            code=it.code,
            kind=it.kind,
            text=it.text,
            citation=_item_citation(record.source, it),
            description=it.description,
            label=it.label,
            parent_id=None if it.parent is None else f"{fid}:{it.parent}",
            children_ids=tuple(children.get(it.code, ())),
            origins=it.origins,
            notes=it.notes,
        )
        for it in record.items
    )
    # the file's other fields are the framework's, by name
    fields = attrs.asdict(record, recurse=False, filter=lambda a, _: a.name not in _NOT_COPIED)
    return Framework(items=items, **fields)


_NOT_COPIED = ("format", "items")


def _item_citation(source: Citation, item: _FileItem) -> Citation:
    if item.source is not None:
        return (
            item.source if item.source.section else attrs.evolve(item.source, section=item.section)
        )
    return attrs.evolve(source, section=item.section)


def read_framework_file(path: str | Path) -> Framework:
    """Read and check a framework file of the shipped format from disk."""
    path = Path(path)
    return parse_framework(parse_json(read_text(path), str(path)), str(path))


def _parse_shipped(raw: bytes, file: str, framework_id: str) -> Framework:
    """A shipped framework: from its compiled form when that was made from these bytes (see
    ``_compiled``; a test holds the shipped ones current), else from the file itself, read
    strictly (a framework file edited in a checkout and not compiled again)."""
    from ._compiled import COMPILED, build, matches  # on first use: not needed to import

    compiled = COMPILED.read(framework_id)
    if compiled is not None:
        data = json.loads(compiled)
        if matches(data, raw):
            return build(data)
    return parse_framework(parse_json(decode(raw, file), file), file)


class _Database:
    """The shipped frameworks (the ``frameworks`` table), each parsed once on first use; safe to
    share between threads."""

    def __init__(self) -> None:
        self._table = Table("frameworks", _parse_shipped)
        self._frameworks = self._table.loaded

    def framework_ids(self) -> tuple[str, ...]:
        return self._table.names()

    def shipped_id(self, framework_id: str) -> str | None:
        """The shipped framework id equal to ``framework_id`` ignoring case, or None."""
        if framework_id in self.framework_ids():
            return framework_id
        folded = framework_id.casefold()
        return next((f for f in self.framework_ids() if f == folded), None)

    def framework(self, framework_id: str) -> Framework:
        found = self._frameworks.get(framework_id)
        if found is not None:
            return found
        if not isinstance(framework_id, str):
            raise TypeError(f"a framework id is a str, not {type(framework_id).__name__}")
        framework_id = self.shipped_id(framework_id) or framework_id
        if framework_id not in self.framework_ids():
            raise UnknownIdError(
                framework_id, closest(framework_id, self.framework_ids()), "framework id"
            )
        return self._table[framework_id]

    def frameworks(self) -> tuple[Framework, ...]:
        return tuple(self.framework(fid) for fid in self.framework_ids())

    def get(self, item_id: str) -> Item | None:
        framework = (
            self._frameworks.get(item_id.partition(":")[0]) if type(item_id) is str else None
        )
        if framework is not None:  # a loaded framework: the id as it is, else the steps below
            found = framework._by_id.get(item_id)
            if found is not None:
                return found
        if not isinstance(item_id, str):
            raise TypeError(f"an item id is a str, not {type(item_id).__name__}")
        framework_id, sep, code = item_id.partition(":")
        shipped = self.shipped_id(framework_id) if sep else None
        if shipped is None:
            return None
        return self.framework(shipped).get(f"{shipped}:{code}")

    def lookup(self, item_id: str) -> Item:
        item = self.get(item_id)
        if item is not None:
            return item
        framework_id, sep, code = item_id.partition(":")
        if not sep:
            raise UnknownIdError(
                item_id,
                [f"{f}:{item_id}" for f in self.framework_ids() if self.framework(f).get(item_id)][
                    :3
                ],
                "item id",
            )
        shipped = self.shipped_id(framework_id)
        if shipped is None:
            raise UnknownIdError(
                item_id,
                [f"{f}:{code}" for f in closest(framework_id, self.framework_ids())],
                "item id",
            )
        return self.framework(shipped).lookup(f"{shipped}:{code}")  # raises, naming the closest


_DATABASE = _Database()


def database() -> _Database:
    """The process-wide database of shipped frameworks."""
    return _DATABASE
