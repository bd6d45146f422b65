"""peer_competencies: the US peer-support-worker competency standards as typed, cited data.

>>> import peer_competencies as pc
>>> pc.lookup("samhsa-2015:VIII.4").text[:40]
'Takes action to address distress or a cr'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._api import framework, frameworks, get, lookup
from ._errors import InputError, PeerCompetenciesError, UnknownIdError
from ._load import read_framework_file
from ._model import Citation, Framework, Item, Kind, Note, Origin

if TYPE_CHECKING:
    from ._export import case_package, export, to_case, to_csv, to_ctdl, to_json, to_markdown
    from ._model import converter
    from ._schemas import schema
    from ._search import Match, search

# Exports, search and the converter are made on first use, so that ``import peer_competencies``
# stays fast.
_LAZY = {
    "converter": "._model",
    "case_package": "._export",
    "export": "._export",
    "to_case": "._export",
    "to_csv": "._export",
    "to_ctdl": "._export",
    "to_json": "._export",
    "to_markdown": "._export",
    "schema": "._schemas",
    "Match": "._search",
    "search": "._search",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
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
    "export",
    "framework",
    "frameworks",
    "get",
    "lookup",
    "read_framework_file",
    "schema",
    "search",
    "to_case",
    "to_csv",
    "to_ctdl",
    "to_json",
    "to_markdown",
]
