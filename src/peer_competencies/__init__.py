"""peer_competencies: the US peer-support-worker competency standards as typed, cited data.

>>> import peer_competencies as pc
>>> pc.lookup("samhsa-2015:VIII.4").text[:40]
'Takes action to address distress or a cr'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._api import framework, frameworks, get, lookup, parse_framework, read_framework
from ._deprecated import module_getattr
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

# Exports, search and the converter are imported on first use, so that ``import
# peer_competencies`` stays fast; old names (_deprecated.RENAMED) warn until 0.3.
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

__getattr__ = module_getattr(__name__, _LAZY)


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
