"""The package's exceptions: one base class, each subclass also a builtin exception."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["MAX_PROBLEMS", "InputError", "PeerCompetenciesError", "UnknownIdError", "every_problem"]


class PeerCompetenciesError(Exception):
    """Base class of every error this package raises on purpose."""


class UnknownIdError(PeerCompetenciesError, LookupError):
    """An id (of an item, a framework, a credential …) that is not known.

    ``suggestions`` holds the closest known ids, best first, so a caller can say
    "did you mean …".
    """

    def __init__(self, unknown: str, suggestions: Sequence[str] = (), what: str = "id") -> None:
        self.id = unknown
        self.suggestions = tuple(suggestions)
        self.what = what
        from ._didyoumean import did_you_mean

        hint = did_you_mean(self.suggestions)
        super().__init__(f"unknown {what} {unknown!r}" + (f"; {hint}" if hint else ""))

    def __str__(self) -> str:  # LookupError would quote the message as a key otherwise
        return str(self.args[0])


class InputError(PeerCompetenciesError, ValueError):
    """Input that cannot be used: names the file, the place inside it, and the fix.

    ``str(error)`` reads ``file: $.items[3].kind: problem (fix)``. When a file has several
    problems, the error is the first (its problem ending "(and 2 more problems)") and
    ``problems`` holds every one, each an InputError of its own, in the order of the file;
    otherwise ``problems`` is ``(error,)``.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        where: str | None = None,
        fix: str | None = None,
        problems: Sequence[InputError] = (),
    ) -> None:
        self.problem = problem
        self.file = file
        self.where = where
        self.fix = fix
        self.problems: tuple[InputError, ...] = tuple(problems) or (self,)
        parts = [p for p in (file, where) if p]
        message = ": ".join([*parts, problem])
        if fix:
            message += f" ({fix})"
        super().__init__(message)


MAX_PROBLEMS = 1000
"""The most problems one error lists (the count of the others is still given)."""


def every_problem(errors: Sequence[InputError]) -> InputError:
    """One error for all of ``errors`` (at least one), the first standing for them all: its
    problem says how many more there are, and ``problems`` lists them (at most
    :data:`MAX_PROBLEMS`)."""
    if len(errors) == 1:
        return errors[0]
    first = errors[0]
    return InputError(
        f"{first.problem} (and {len(errors) - 1} more problems)",
        file=first.file,
        where=first.where,
        fix=first.fix,
        problems=errors[:MAX_PROBLEMS],
    )
