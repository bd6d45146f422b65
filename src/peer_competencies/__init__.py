"""peer_competencies: the US peer-support-worker competency standards as typed, cited data.

>>> import peer_competencies as pc
>>> pc.lookup("samhsa-2015:VIII.4").text[:40]
'Takes action to address distress or a cr'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._api import framework, frameworks, get, lookup, parse_framework, read_framework
from ._deprecated import renamed
from ._errors import InputError, PeerCompetenciesError, UnknownIdError
from ._model import Citation, Framework, Item, Kind, Note, Origin

if TYPE_CHECKING:
    from ._export import (
        FORMATS,
        case_package,
        render,
        to_case,
        to_csv,
        to_ctdl,
        to_json,
        to_markdown,
    )
    from ._model import converter
    from ._schemas import schema
    from ._search import Match, search

# Exports, search and the converter are made on first use, so that ``import peer_competencies``
# stays fast.
_LAZY = {
    "FORMATS": "._export",
    "converter": "._model",
    "case_package": "._export",
    "render": "._export",
    "to_case": "._export",
    "to_csv": "._export",
    "to_ctdl": "._export",
    "to_json": "._export",
    "to_markdown": "._export",
    "schema": "._schemas",
    "Match": "._search",
    "search": "._search",
}


# Old names, kept until 0.3 with a DeprecationWarning (the table: _deprecated.RENAMED).
_renamed = renamed(__name__)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    return _renamed(name)


__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Citation",
    "Framework",
    "InputError",
    "Item",
    "Kind",
    "Match",
    "Note",
    "Origin",
    "PeerCompetenciesError",
    "UnknownIdError",
    "__version__",
    "case_package",
    "converter",
    "framework",
    "frameworks",
    "get",
    "lookup",
    "parse_framework",
    "read_framework",
    "render",
    "schema",
    "search",
    "to_case",
    "to_csv",
    "to_ctdl",
    "to_json",
    "to_markdown",
]
