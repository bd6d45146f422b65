"""The shipped frameworks in compiled form: ``data/compiled/<id>.json``, built from fastest.

A framework file (``data/frameworks/<id>.json``) is the source: the format people write and
review, read by the strict reader with every check. Its compiled form holds the framework that
the strict reader builds from it, as columns: for each field of :class:`Item`, the list of the
items' values, ids, parents and children already made, each citation and origin written once and
referred to by number; the lists most items leave empty (children, origins, notes) are given
for the others only. Decoding it is quicker than decoding the source (no keys, no repeated
citations, no object per item), and the items are built by ``map(Item, *columns)``, with no
Python loop over them.

A compiled file records the CRC-32 of the source bytes it was made from; the loader uses it only
when that matches, so a framework file edited without compiling again is still read (from its
source, a little slower) and never from stale rows. ``python -m peer_competencies._compiled``
writes the compiled files; a test holds them current and the frameworks built from them equal to
those of the strict reader.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections import deque
from itertools import repeat
from typing import Any

from ._model import Citation, Framework, Item, Kind, Note, Origin, claimed_framework
from ._resources import Table, source_folder

__all__ = ["COMPILED", "FORMAT", "build", "compile_framework", "matches"]

FORMAT = 1
_KINDS = {kind.value: kind for kind in Kind}


def _parse(raw: bytes, file: str, framework_id: str) -> Framework:
    """A compiled file's framework, whatever source it was made from (for the tests)."""
    return build(json.loads(raw))


COMPILED = Table("compiled", _parse)
"""The compiled files by framework id; the loader reads their bytes (``COMPILED.read``)."""


def matches(data: dict[str, Any], source: bytes) -> bool:
    """Whether the decoded compiled file ``data`` was made from the framework file ``source``."""
    return data.get("format") == FORMAT and data.get("source_crc32") == zlib.crc32(source)


def compile_framework(framework: Framework, source: bytes) -> dict[str, Any]:
    """The compiled form of ``framework``, read (strictly) from the bytes ``source``."""
    citations: dict[Citation, int] = {}
    origins: dict[Origin, int] = {}

    def cite(citation: Citation) -> int:
        return citations.setdefault(citation, len(citations))

    items = framework.items
    columns = {
        "id": [i.id for i in items],
        "code": [i.code for i in items],
        "kind": [i.kind.value for i in items],
        "text": [i.text for i in items],
        "citation": [cite(i.citation) for i in items],
        "description": [i.description for i in items],
        "label": [i.label for i in items],
        "parent_id": [i.parent_id for i in items],
    }
    # the lists most items leave empty, as [row, values] for the others
    sparse = {
        "children_ids": [[n, list(i.children_ids)] for n, i in enumerate(items) if i.children_ids],
        "origins": [
            [n, [origins.setdefault(o, len(origins)) for o in i.origins]]
            for n, i in enumerate(items)
            if i.origins
        ],
        "notes": [[n, list(i.notes)] for n, i in enumerate(items) if i.notes],
    }
    head = {
        "format": FORMAT,
        "source_crc32": zlib.crc32(source),
        "id": framework.id,
        "title": framework.title,
        "version": framework.version,
        "source": cite(framework.source),
        "attribution_confirmed": framework.attribution_confirmed,
        "attribution_note": framework.attribution_note,
        "editorial_notes": list(framework.editorial_notes),
        "notes": [[n.code, n.title, n.text, cite(n.source)] for n in framework.notes],
    }
    return {
        **head,
        "citations": [
            [
                c.title,
                c.publisher,
                c.year,
                c.url,
                c.section,
                None if c.checked_on is None else c.checked_on.isoformat(),
            ]
            for c in citations
        ],
        "origins": [[o.framework, o.code, o.tag] for o in origins],
        "items": columns,
        "sparse": sparse,
    }


def build(data: dict[str, Any]) -> Framework:
    """The framework of a decoded compiled file. Its items keep no reference to it (see
    ``_model._Owned``): they find it in the database by ``framework_id``, so that it is freed
    without the cyclic garbage collector."""
    fid = data["id"]
    dates = {on: dt.date.fromisoformat(on) for on in {c[5] for c in data["citations"]} if on}
    citations = [
        Citation(title, publisher, year, url, section, dates.get(on))
        for title, publisher, year, url, section, on in data["citations"]
    ]
    origins = [Origin(*o) for o in data["origins"]]
    columns = data["items"]
    ids = columns["id"]
    count = len(ids)
    below: list[tuple[Any, ...]] = [()] * count
    came: list[tuple[Any, ...]] = [()] * count
    notes: list[tuple[Any, ...]] = [()] * count
    sparse = data["sparse"]
    for row, values in sparse["children_ids"]:
        below[row] = tuple(values)
    for row, numbers in sparse["origins"]:
        came[row] = tuple([origins[n] for n in numbers])
    for row, values in sparse["notes"]:
        notes[row] = tuple(values)
    items = list(
        map(  # one Item a row, called from C: no Python loop over the items
            Item,
            ids,
            repeat(fid, count),
            columns["code"],
            map(_KINDS.__getitem__, columns["kind"]),
            columns["text"],
            map(citations.__getitem__, columns["citation"]),
            columns["description"],
            columns["label"],
            columns["parent_id"],
            below,
            came,
            notes,
        )
    )
    # claimed by the database: no framework fills the slot
    deque(map(object.__setattr__, items, repeat("_owner", count), repeat(None, count)), 0)
    return claimed_framework(
        fid,
        data["title"],
        data["version"],
        citations[data["source"]],
        tuple(items),
        data["attribution_confirmed"],
        data["attribution_note"],
        tuple(data["editorial_notes"]),
        tuple(Note(code, title, text, citations[n]) for code, title, text, n in data["notes"]),
    )


def _write() -> None:  # pragma: no cover - a maintainer's tool
    """Write ``data/compiled/<id>.json`` for every shipped framework, from its source."""
    from ._load import read_framework_file

    folder = source_folder("compiled")
    folder.mkdir(exist_ok=True)
    for path in sorted(source_folder("frameworks").glob("*.json")):
        compiled = compile_framework(read_framework_file(path), path.read_bytes())
        text = json.dumps(compiled, separators=(",", ":"))  # ASCII: decoded faster
        (folder / path.name).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {folder / path.name}")


if __name__ == "__main__":  # pragma: no cover
    _write()
