"""A training syllabus: its program and modules, each checked as it is made (the model; the
file readers are in :mod:`._syllabus_read`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import attrs

from .._didyoumean import did_you_mean
from .._errors import InputError, UnknownIdError, every_problem
from .._structure import FieldError, Hours, frozen_mapping, hours_problem

__all__ = ["Module", "Program", "Syllabus", "beyond", "program_framework"]

_FIX = "see docs/coverage.md for the syllabus keys and their types"


def beyond(hours: float, limit: float) -> bool:
    """Whether ``hours`` exceed ``limit`` by more than rounding (a billionth, of the limit or
    of one hour): how sums of hours are compared (named hours with a module's, a syllabus's
    total with a required one)."""
    return hours - limit > 1e-9 * max(1.0, limit)


def _check_program(program: Program) -> None:
    if program.hours is not None and hours_problem(program.hours):
        raise FieldError("hours", f"{hours_problem(program.hours)}, got {program.hours!r}")


@attrs.frozen
class Program:
    """What the syllabus is: title, provider, the framework it is written against, and what
    the programme states as a whole: its total ``hours`` (None: not stated) and the
    ``measures`` of competency it applies to the whole programme (a final exam, a practicum),
    as published programmes often give only these."""

    title: str
    provider: str | None = None
    framework: str | None = None
    hours: Hours | None = None
    measures: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_program(self)


def _strip(value: str) -> str:
    return value.strip() if isinstance(value, str) else value


def _strip_all(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(_strip(v) for v in values)


def _strip_keys(value: Mapping[str, Hours]) -> Mapping[str, Hours]:
    stripped: dict[str, Hours] = {}
    for key, hours in value.items():
        if _strip(key) in stripped:
            raise FieldError(
                f"hours_by_competency[{key!r}]",
                f"{key!r} repeats {_strip(key)!r}",
                fix="name each id once",
            )
        stripped[_strip(key)] = hours
    return frozen_mapping(stripped)


def _check_module(module: Module) -> None:
    if not module.id:
        raise FieldError("id", "the module id is empty", fix="give every module an id")
    if not module.title.strip():
        raise FieldError("title", "the title is empty", fix="give every module a title")
    if module.hours is not None and hours_problem(module.hours):
        raise FieldError("hours", f"{hours_problem(module.hours)}, got {module.hours!r}")
    for m, entry in enumerate(module.competencies):
        if not entry:
            raise FieldError(
                f"competencies[{m}]",
                "the competency id is empty",
                fix="write an id such as ca-sb803:13, or remove the entry",
            )
    named = module.hours_by_competency
    for key, hours in named.items():
        if not key:
            raise FieldError(f"hours_by_competency[{key!r}]", "the competency id is empty")
        if hours_problem(hours):
            raise FieldError(f"hours_by_competency[{key!r}]", f"{hours_problem(hours)}")
    if named and module.hours is None:
        raise FieldError(
            "hours_by_competency",
            "hours_by_competency divides the module's hours, and the module gives none",
            fix="give the module's hours",
        )
    total = math.fsum(named.values())
    if module.hours is not None and beyond(total, module.hours):
        raise FieldError(
            "hours_by_competency",
            f"the named hours add up to {total:g}, more than the module's {module.hours:g}",
            fix="make them add up to at most the module's hours",
        )


@attrs.frozen
class Module:
    """One module of a syllabus.

    ``competencies`` are item ids (``ca-sb803:13``, ``samhsa-2015:VIII.4``) or codes of the
    program's framework (``13``); ``hours_by_competency`` optionally says how many of the
    module's hours go to some of them (see :func:`~peer_competencies.coverage.coverage`; it
    needs ``hours``); ``measures`` say how competency is assessed (role play, written test …);
    ``delivery`` is the mode (in person, online …). White space around ids is dropped; an empty
    id or title, hours that are not a number ≥ 0, or named hours beyond the module's raise
    :class:`~peer_competencies.InputError`.
    """

    id: str = attrs.field(converter=_strip)
    title: str
    description: str | None = None
    hours: Hours | None = None
    competencies: tuple[str, ...] = attrs.field(default=(), converter=_strip_all)
    hours_by_competency: Mapping[str, Hours] = attrs.field(
        factory=dict,
        converter=_strip_keys,
        hash=False,
    )
    measures: tuple[str, ...] = ()
    delivery: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_module(self)


@attrs.frozen
class Syllabus:
    """A program and its modules, in order; ``source`` names the file it was read from, and
    ``rows``, for a syllabus read from a CSV file or a sheet, the row each module is on."""

    program: Program
    modules: tuple[Module, ...]
    source: str | None = None
    rows: tuple[int, ...] = ()

    def __attrs_post_init__(self) -> None:
        stated = self.program.hours
        if stated is not None and beyond(self.module_hours, stated):
            raise FieldError(
                "program.hours",
                f"the modules state {self.module_hours:g} hours, more than the programme's "
                f"{stated:g}",
                fix="make the programme's hours its total, at least the modules' hours",
            )

    @property
    def module_hours(self) -> float:
        """The hours of the modules that state theirs, added up (an exact sum)."""
        return math.fsum(m.hours for m in self.modules if m.hours is not None)

    @property
    def modules_stating_hours(self) -> int:
        """How many modules state their hours."""
        return sum(1 for m in self.modules if m.hours is not None)

    @property
    def hours_level(self) -> str | None:
        """Where the total hours come from: ``"programme"`` (the programme states its total),
        ``"modules"`` (every module states its hours), or None (not stated: a module without
        hours and no programme total)."""
        if self.program.hours is not None:
            return "programme"
        if self.modules and self.modules_stating_hours == len(self.modules):
            return "modules"
        return None

    @property
    def hours(self) -> float | None:
        """The syllabus's total hours: the programme's stated total, else the sum of the
        modules' hours when every module states them; None when that is not known (a module
        that states no hours has unknown hours, never 0)."""
        level = self.hours_level
        if level == "programme":
            return self.program.hours
        return self.module_hours if level == "modules" else None

    def place(self, n: int, key: str | None = None, index: object = None) -> str:
        """Where the ``n``-th module (its ``key``; the ``index``-th entry of that) is in the
        file: ``$.modules[3].competencies[0]``, or for a CSV file or a sheet
        ``row 5, column competencies``."""
        if n < len(self.rows):
            return f"row {self.rows[n]}" + (f", column {key}" if key else "")
        where = f"$.modules[{n}]" + (f".{key}" if key else "")
        return where if index is None else f"{where}[{index!r}]"


def program_framework(syllabus: Syllabus) -> str | None:
    """The id of the framework the syllabus is written against (its bare codes are codes of
    it), checked to be a shipped framework; None when the syllabus names none."""
    from .._load import database

    framework = syllabus.program.framework
    if framework is None:
        return None
    try:
        return database().framework(framework).id
    except UnknownIdError as exc:
        hint = (
            did_you_mean(exc.suggestions)
            if exc.suggestions
            else f"use one of {', '.join(database().framework_ids())}"
        )
        raise InputError(
            f"unknown framework id {framework!r}",
            file=syllabus.source,
            where="$.program.framework",
            fix=hint,
        ) from None


def _checked(syllabus: Syllabus, empty: str) -> Syllabus:
    """``syllabus``, once it has modules and no module id twice."""
    if not syllabus.modules:
        raise InputError("the syllabus has no modules", file=syllabus.source, where=empty, fix=_FIX)
    seen: dict[str, int] = {}
    repeats: list[InputError] = []
    for n, module in enumerate(syllabus.modules):
        if module.id in seen:
            repeats.append(
                InputError(
                    f"module id {module.id!r} repeats {syllabus.place(seen[module.id], 'id')}",
                    file=syllabus.source,
                    where=syllabus.place(n, "id"),
                    fix="give every module its own id",
                )
            )
        seen.setdefault(module.id, n)
    if repeats:
        raise every_problem(repeats)
    return syllabus
