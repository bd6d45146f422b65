""" "Did you mean": the known names closest to an unknown one, and the phrase that offers them.

Every error that names an unknown id, key, column or value offers its near misses through these
two functions, so that one measure decides what is "close" across the package: difflib's
similarity ratio of the case-folded strings of at least :data:`CUTOFF`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["CUTOFF", "closest", "did_you_mean"]

CUTOFF = 0.5
"""The least similarity (difflib's ratio, 0 to 1, of the case-folded strings) of a suggestion:
low enough for a dropped or swapped letter in a short id (``ca-pps`` → ``ca-pss``), high enough
that an unrelated word is not offered."""


def closest(unknown: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``unknown``, best first, at most ``n`` (upper and lower case
    weigh nothing)."""
    import difflib  # on first use: most runs never need it

    by_folded = {k.casefold(): k for k in known}
    found = difflib.get_close_matches(unknown.casefold(), list(by_folded), n=n, cutoff=CUTOFF)
    return [by_folded[f] for f in found]


def did_you_mean(suggestions: Sequence[str]) -> str:
    """``"did you mean a, b?"``, or ``""`` when there is nothing to suggest."""
    return f"did you mean {', '.join(suggestions)}?" if suggestions else ""
