"""Letters of recommendation: how many, of which kinds, on letterhead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import attrs

from .._applicant import Letter, LetterKind
from ._logic import Status, Tri, all_of, any_of, combined, status_of
from ._outline import Context, Finding, missing_fact, settle, tally
from ._vocabulary import Vocabulary


@attrs.frozen
class Letters:
    """Letters of recommendation: at least ``count``, with one of each of ``kinds``, those of
    the ``letterhead`` kinds on agency letterhead."""

    kind: ClassVar[str] = "letters"
    count: int
    kinds: tuple[LetterKind, ...] = ()
    letterhead: tuple[LetterKind, ...] = ()

    def _kinds(self, letters: Sequence[Letter], had: Sequence[Tri]) -> list[Tri]:
        """For each of ``kinds``, whether a letter of it counts (``had``: whether each letter
        was written by the check date)."""
        return [
            any_of(
                all_of(
                    h,
                    None if x.kind is None else x.kind is kind,
                    x.on_letterhead if kind in self.letterhead else True,
                )
                for x, h in zip(letters, had, strict=True)
            )
            for kind in self.kinds
        ]

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        letters = ctx.applicant.recommendation_letters
        if letters is None:
            return Status.UNKNOWN
        had = [ctx.happened(x.date) for x in letters]
        statuses = [tally((h, 1) for h in had).status(self.count)]
        statuses += [status_of(found) for found in self._kinds(letters, had)]
        return combined(statuses)

    def evaluate(self, ctx: Context) -> Finding:
        kinds = f" ({', '.join(k.value for k in self.kinds)})" if self.kinds else ""
        need = f"{self.count} letters of recommendation{kinds} required"
        letters = ctx.applicant.recommendation_letters
        if letters is None:
            return missing_fact("recommendation_letters", f"{need}; none given")
        had = [ctx.happened(x.date) for x in letters]
        total = tally((h, 1) for h in had)
        lo = int(total.lo)
        statuses = [total.status(self.count)]
        lacking: list[str] = []
        missing: list[str] = []
        for kind, found in zip(self.kinds, self._kinds(letters, had), strict=True):
            statuses.append({True: Status.MET, False: Status.UNMET, None: Status.UNKNOWN}[found])
            if found is not True:
                lacking.append(kind.value + (" on letterhead" if kind in self.letterhead else ""))
            if found is None:
                missing.append(f"recommendation_letters[].kind/on_letterhead/date ({kind.value})")
        text = f"{need}, {lo} found" + (f": lacking {', '.join(lacking)}" if lacking else "")
        later = [f"recommendation_letters[{i}]" for i, h in enumerate(had) if h is False]
        if later:
            text += f"; not counted: {', '.join(later)}: dated after {ctx.as_of.isoformat()}"
        return settle(
            statuses,
            text,
            step=lambda: f"obtain letters: {', '.join(lacking) or f'{self.count - lo} more'}",
            missing=missing or ["recommendation_letters[].date"],
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        text = f"≥ {self.count} `recommendation_letters` dated by the check date"
        if self.kinds:
            text += ", with `kind` " + ", ".join(f"`{k.value}`" for k in self.kinds)
        if self.letterhead:
            text += "; " + ", ".join(k.value for k in self.letterhead) + " on letterhead"
        return text
