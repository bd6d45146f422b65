"""The lookup and reading functions of the public face: ``frameworks``, ``framework``, ``get``,
``lookup``; ``read_framework`` and ``parse_framework`` for a framework of one's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._load import database, read_framework_file
from ._load import parse_framework as _parse_framework
from ._model import Framework, Item

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["framework", "frameworks", "get", "lookup", "parse_framework", "read_framework"]


def frameworks() -> tuple[Framework, ...]:
    """Every shipped framework, ordered by id."""
    return database().frameworks()


def framework(framework_id: str) -> Framework:
    """The framework with this id (``"samhsa-2015"``); raises :class:`UnknownIdError`."""
    return database().framework(framework_id)


def get(item_id: str) -> Item | None:
    """The item with this id (``"samhsa-2015:VIII.4"``), or None when there is none."""
    return database().get(item_id)


def lookup(item_id: str) -> Item:
    """The item with this id; raises :class:`UnknownIdError` (a ``LookupError``) naming the
    closest known ids when there is none."""
    return database().lookup(item_id)


def read_framework(path: str | Path) -> Framework:
    """Read and check a framework file of the shipped format (``docs/data-format.md``); every
    problem raises :class:`InputError` naming the file, the place in it and the fix."""
    return read_framework_file(path)


def parse_framework(data: object, *, source: str | None = None) -> Framework:
    """A framework from data already in memory (the shipped format, as decoded from JSON);
    ``source`` names it in errors (default ``<data>``)."""
    return _parse_framework(data, source or "<data>")
