"""The levels at which the crosswalk is counted and drawn: a framework's items at each level.

The completeness report and the matrix both count by these levels, so a new level is a change
here only.
"""

from __future__ import annotations

from .._errors import InputError
from .._model import Framework, Item, Kind, top_items

__all__ = ["LEVELS", "STATEMENT_KINDS", "level_items", "require_level", "top_items"]

LEVELS = ("top", "competency", "statement")
"""The levels at which the crosswalk is counted and drawn (see :func:`level_items`)."""

COMPETENCY_KINDS = frozenset({Kind.COMPETENCY, Kind.SUB_COMPETENCY, Kind.STATEMENT, Kind.PRINCIPLE})
"""The kinds of item that are competency statements."""

STATEMENT_KINDS = COMPETENCY_KINDS | {Kind.SKILL}
"""The kinds of item that are statements at the finest level (competency statements, skills)."""


def require_level(level: str) -> None:
    """Raise :class:`InputError` for a level that is not one of :data:`LEVELS`."""
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r}", fix=f"use one of {', '.join(LEVELS)}")


def level_items(framework: Framework, level: str) -> tuple[Item, ...]:
    """A framework's items at one level, in the framework's order:

    - ``top``: the roots, less qualifications (SAMHSA's 12 categories, SB 803's 17
      competencies …);
    - ``competency``: the highest items that are competency statements (of kind competency,
      sub-competency, statement or principle): SAMHSA's 62 competencies, SB 803's 17
      competencies, IC&RC's 31 statements, the RFC's 29 sub-competencies;
    - ``statement``: the finest statements, those (of those kinds, or skills) with no such
      statement below them: as ``competency``, but CalMHSA's 184 skills for SB 803.

    Values, themes, field examples and qualifications are on no level. An unknown level
    raises :class:`InputError`."""
    require_level(level)
    if level == "top":
        return top_items(framework)
    if level == "competency":
        return tuple(
            i
            for i in framework.items
            if i.kind in COMPETENCY_KINDS
            and not any(a.kind in COMPETENCY_KINDS for a in i.ancestors)
        )
    return tuple(
        i
        for i in framework.items
        if i.kind in STATEMENT_KINDS and not any(c.kind in STATEMENT_KINDS for c in i.children)
    )
