"""Three-valued truth: True, False or None (not known), and how such values combine.

A record whose topic, date or approval is not given *may* count: its verdict is None, and a
requirement it could change is UNKNOWN rather than MET or UNMET.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable

from ..._enum import TextEnum

Tri = bool | None
"""Three-valued truth: True, False, or None (not known)."""

INF = math.inf


class Status(TextEnum):
    """Whether one requirement is met by the applicant's record: MET, UNMET, UNKNOWN (a fact
    the record could give is missing), or NOT_CHECKED (no applicant record shows it, such as a
    photo ID: a person confirms it by hand)."""

    MET = "MET"
    UNMET = "UNMET"
    UNKNOWN = "UNKNOWN"
    NOT_CHECKED = "NOT_CHECKED"


def all_of(*values: Tri) -> Tri:
    """False when one is False; else None when one is not known; else True."""
    if False in values:  # the values are True, False or None: ``in`` finds exactly these
        return False
    return None if None in values else True


def any_of(values: Iterable[Tri]) -> Tri:
    """True when one is True; else None when one is not known; else False (none at all too)."""
    seen = values if isinstance(values, (list, tuple)) else tuple(values)
    if True in seen:
        return True
    return None if None in seen else False


def matches_flag(value: Tri, want: bool | None) -> Tri:
    """Whether a yes/no fact matches what a rule wants (any value when it wants None)."""
    if want is None:
        return True
    return None if value is None else value is want


_STATUS = {True: Status.MET, False: Status.UNMET, None: Status.UNKNOWN}


def status_of(value: Tri) -> Status:
    """MET for True, UNMET for False, UNKNOWN for not known."""
    return _STATUS[value]


def combined(statuses: Collection[Status]) -> Status:
    """The status of a requirement made of parts: UNMET when a part is, else UNKNOWN when a
    part is, else MET."""
    if Status.UNMET in statuses:
        return Status.UNMET
    return Status.UNKNOWN if Status.UNKNOWN in statuses else Status.MET
