"""The crosswalk: what a competency corresponds to in another framework, how sure we are, and
who says so.

The mappings ship as an SSSOM/TSV mapping set (``peer_competencies/data/crosswalk/``); this
package reads it with the frameworks into a ``networkx.MultiDiGraph`` and answers queries::

    >>> from peer_competencies import crosswalk
    >>> str(crosswalk.mappings("ca-sb803:13", to="samhsa-2015")[0])
    'samhsa-2015:VIII skos:closeMatch ca-sb803:13 (0.90)'
    >>> t = crosswalk.translate(["samhsa-2015:VIII.1"], to="ca-sb803")
    >>> next(iter(t.targets))  # the finest mapping first: VIII.1 is skill 13.S4, word for word
    'ca-sb803:13.S4'
    >>> t.get("ca-sb803:13").predicate.label
    'broad'

networkx is imported here only, and only when a graph is first needed. See
``docs/crosswalk.md`` for the predicates, the inference rules and the data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._deprecated import module_getattr
from ._crosswalk import Crosswalk, default
from ._csv import to_csv
from ._export import FORMATS, render, to_graphml, to_json, to_sssom
from ._matrix import Matrix, matrix, matrix_csv, matrix_html, matrix_text, matrix_xlsx
from ._model import (
    NO_TERM_FOUND,
    Cell,
    Completeness,
    CompletenessEntry,
    Correspondence,
    Justification,
    MappingRecord,
    MappingSet,
    PairFigures,
    Predicate,
    Problem,
    Step,
    Translation,
)
from ._sssom import parse_sssom
from ._user_files import load_mappings as read_mappings

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import networkx as nx

__all__ = [
    "FORMATS",
    "NO_TERM_FOUND",
    "Cell",
    "Completeness",
    "CompletenessEntry",
    "Correspondence",
    "Crosswalk",
    "Justification",
    "MappingRecord",
    "MappingSet",
    "Matrix",
    "PairFigures",
    "Predicate",
    "Problem",
    "Step",
    "Translation",
    "completeness",
    "default",
    "graph",
    "mapping_sets",
    "mappings",
    "matrix",
    "matrix_csv",
    "matrix_html",
    "matrix_text",
    "matrix_xlsx",
    "parse_sssom",
    "problems",
    "read_mappings",
    "render",
    "to_csv",
    "to_graphml",
    "to_json",
    "to_sssom",
    "translate",
]

# Old names, kept until 0.3 with a DeprecationWarning (the table: _deprecated.RENAMED).
__getattr__ = module_getattr(__name__)


def graph() -> nx.MultiDiGraph[str]:
    """The shipped crosswalk as a ``networkx.MultiDiGraph`` (see :meth:`Crosswalk.graph`)."""
    return default().graph()


def mappings(
    item_id: str, to: str | None = None, inferred: bool = False
) -> tuple[MappingRecord, ...]:
    """The mappings of an item in the shipped crosswalk (see :meth:`Crosswalk.mappings`)."""
    return default().mappings(item_id, to=to, inferred=inferred)


def translate(
    ids: Iterable[str],
    to: str,
    *,
    predicates: Iterable[Predicate | str] | None = None,
    min_confidence: float = 0.0,
) -> Translation:
    """What items of framework ``to`` a set of items corresponds to, with the evidence (see
    :meth:`Crosswalk.translate`)."""
    return default().translate(ids, to, predicates=predicates, min_confidence=min_confidence)


def problems() -> tuple[Problem, ...]:
    """The consistency problems of the shipped mappings (empty when consistent)."""
    return default().problems()


def completeness(frameworks: Sequence[str] | None = None, *, level: str = "top") -> Completeness:
    """How completely the shipped mappings cover the frameworks' items at ``level`` (see
    :meth:`Crosswalk.completeness`)."""
    return default().completeness(frameworks, level=level)


def mapping_sets() -> tuple[MappingSet, ...]:
    """The shipped mapping sets."""
    return default().mapping_sets
