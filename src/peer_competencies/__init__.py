"""peer_competencies: the US peer-support-worker competency standards as typed, cited data.

>>> import peer_competencies as pc
>>> pc.lookup("samhsa-2015:VIII.4").text[:40]
'Takes action to address distress or a cr'
"""

from __future__ import annotations

from ._api import framework, frameworks, get, lookup
from ._errors import InputError, PeerCompetenciesError, UnknownIdError
from ._export import case_package, export, to_case, to_csv, to_json
from ._load import read_framework_file
from ._model import Citation, Framework, Item, Kind, Note, Origin, converter
from ._search import Match, search

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
    "search",
    "to_case",
    "to_csv",
    "to_json",
]
