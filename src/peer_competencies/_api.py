"""The lookup functions of the public face: ``frameworks``, ``framework``, ``get``, ``lookup``."""

from __future__ import annotations

from ._load import database
from ._model import Framework, Item

__all__ = ["framework", "frameworks", "get", "lookup"]


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
