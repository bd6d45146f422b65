"""The shared outline around every predicate: its context, its finding, and how an UNKNOWN is told.

A predicate's ``evaluate`` looks at an applicant as of a date (:class:`Context`) and returns a
:class:`Finding`: MET, UNMET or UNKNOWN, the reason in numbers, the applicant fields to supply
when a fact is missing, and the step to take when the requirement is not met. :func:`evaluate`
wraps every predicate: it names the fields to supply and the names the vocabulary does not know.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple, Protocol, TypeVar

import attrs

from .._applicant import Applicant
from ._logic import INF, Status, Tri, all_of, any_of, combined, status_of
from ._vocabulary import Group, Vocabulary

_RECORD_NOUNS = {
    "trainings": "training",
    "continuing_education": "continuing-education record",
    "exams": "exam",
    "certifications": "certification",
}


def quoted(text: str) -> str:
    """``text`` in double quotes, with quotes and control characters escaped."""
    return json.dumps(text, ensure_ascii=False)


@attrs.frozen
class Unrecognised:
    """A name in an applicant's record that the vocabulary does not know (``field`` is its
    place, ``trainings[0].topic``), and the names it could be for the requirements that looked
    at it, the closest first. Such a record *may* count: it makes those requirements UNKNOWN."""

    field: str
    given: str
    could_be: tuple[str, ...]

    @property
    def step(self) -> str:
        """What to do: name the record as one of the names it could be."""
        record = self.field.split("[", 1)[0]
        noun = _RECORD_NOUNS.get(record, "record")
        names = ", ".join(quoted(n) for n in self.could_be)
        return (
            f"name {noun} {self.field} {quoted(self.given)} as one of: {names} "
            '(or "other" if it is none of them)'
        )


@attrs.frozen
class Finding:
    """What a predicate found: status, the reason in numbers, fields to supply, step to take.

    ``explained`` says that the reason already names what is missing (a field not given at
    all); otherwise the shared outline (:func:`evaluate`) appends the record fields to supply
    and the unrecognised names to the reason of an UNKNOWN finding.
    """

    status: Status
    reason: str
    missing: tuple[str, ...] = ()
    step: str | None = None
    unrecognised: tuple[Unrecognised, ...] = ()
    explained: bool = False
    steps: tuple[str, ...] = ()


@attrs.define(eq=False)
class Context:
    """What every predicate evaluates against: the applicant, the check date and today.

    Not frozen, so that one is cheap to make (one per check, and one per leaf whose finding is
    read); nothing assigns its fields after it is made."""

    applicant: Applicant
    as_of: dt.date
    today: dt.date
    vocabulary: Vocabulary
    states_with_credential: frozenset[str] = frozenset()

    @property
    def recorded_on(self) -> dt.date:
        """The day the applicant's undated figures (age, years in recovery …) were true."""
        return self.applicant.recorded_on or self.today

    _names: dict[str, tuple[Group, str, list[str]]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _kept: dict[int, tuple[object, Any]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _notes: int = attrs.field(default=0, init=False, eq=False, repr=False)

    def again(self) -> Context:
        """A context for the same check with names of its own, sharing the work kept by
        :func:`once` (a leaf's finding, made after its status, reuses its status's work)."""
        other = Context(
            self.applicant, self.as_of, self.today, self.vocabulary, self.states_with_credential
        )
        other._kept = self._kept
        return other

    def named(self, group: Group, text: str | None, keys: Iterable[str], where: str) -> Tri:
        """Whether the name ``text`` (at ``where`` in the record) names one of ``keys``; None
        when it is not given or not a name the vocabulary knows. An unknown name is remembered,
        with ``keys`` as the names it could be, for the requirement being evaluated."""
        keys = tuple(keys)
        found = self.vocabulary.matches(group, text, keys)
        if found is None and text is not None:
            entry = self._names.setdefault(where, (group, text, []))
            entry[2].extend(k for k in keys if k not in entry[2])
            self._notes += 1
        return found

    def happened(self, date: dt.date | None) -> Tri:
        """Whether an event with this date had happened by the check date (None: not known)."""
        if date is None:
            return True if self.as_of >= self.today else None
        return date <= self.as_of


_T = TypeVar("_T")


def once(ctx: Context, owner: object, work: Callable[[Context], _T]) -> _T:
    """``work(ctx)`` done once per check for ``owner`` (a predicate): a leaf's status and,
    when read, its finding share it (contexts made by :meth:`Context.again` share what is
    kept). Work that noted a name the vocabulary does not know is done again when asked
    again, so that the context asking notes the names too (such names are rare)."""
    kept = ctx._kept
    key = id(owner)
    found = kept.get(key)
    if found is not None and found[0] is owner:
        return found[1]  # type: ignore[no-any-return]
    notes = ctx._notes
    value = work(ctx)
    if ctx._notes == notes:
        kept[key] = (owner, value)  # the owner kept alive: its id stays its own
    return value


@functools.lru_cache(maxsize=4096)
def number(value: float) -> str:
    """A figure as the rules write it: ``1,550``, ``19.5``, ``8`` (remembered: reasons repeat
    the same few figures)."""
    if value == INF:
        return "an unknown number of"
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".")


def plural(value: float, noun: str, nouns: str | None = None) -> str:
    """A figure with its noun: ``1 hour``, ``2 hours``, ``1.5 hours``, ``1 year``."""
    many = nouns or noun + "s"
    return f"{number(value)} {noun if value == 1 else many}"


def window_text(ctx: Context, years: int | None, previous_calendar_year: bool = False) -> str:
    if previous_calendar_year:
        return f" in {ctx.as_of.year - 1}"
    if years is None:
        return ""
    span = "year" if years == 1 else f"{number(years)} years"
    return f" in the {span} to {ctx.as_of.isoformat()}"


def _unknown_tail(missing: Sequence[str]) -> str:
    shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
    return f"; not known whether some records count (supply {shown})" if missing else ""


def missing_fact(field: str, finding_reason: str) -> Finding:
    return Finding(Status.UNKNOWN, finding_reason, missing=(field,), explained=True)


def evaluate(test: Predicate, ctx: Context) -> Finding:
    """The shared outline around every predicate: evaluate ``test``, and when the answer is
    UNKNOWN say why in the reason: the record fields to supply and the names given that the
    vocabulary does not know (each with the names it could be, closest first). A field whose
    value was given but not recognised is named, never asked for again."""
    ctx._names.clear()
    found = test.evaluate(ctx)
    if found.status is not Status.UNKNOWN:
        return found
    names = tuple(
        Unrecognised(where, given, ctx.vocabulary.closest(group, given, keys))
        for where, (group, given, keys) in ctx._names.items()
        if keys
    )
    fields = {u.field for u in names}
    missing = tuple(dict.fromkeys(m for m in found.missing if m not in fields))
    reason = found.reason
    if missing and not found.explained:
        reason += _unknown_tail(missing)
    for u in names:
        reason += f"; {u.field} {quoted(u.given)} is not a name this package knows, so it may count"
    return Finding(found.status, reason, missing, found.step, names, found.explained, found.steps)


class Predicate(Protocol):
    """What every predicate offers."""

    kind: ClassVar[str]

    def evaluate(self, ctx: Context) -> Finding:
        """Look at the applicant in ``ctx``."""
        ...

    def describe(self, vocabulary: Vocabulary) -> str:
        """One sentence: exactly what is checked."""
        ...


# --- the outline: what counts, then MET / UNMET / UNKNOWN ------------------------------------


class Tally(NamedTuple):
    """A sum over records kept as a range: ``lo`` what certainly counts, ``hi`` what may count
    (infinite when a record that may count has no figure). A named tuple: one is made for every
    requirement checked, so it is cheap to make."""

    lo: float
    hi: float

    def status(self, need: float) -> Status:
        """MET when ``lo`` reaches ``need``, UNMET when ``hi`` cannot, UNKNOWN in between."""
        if self.lo >= need:
            return Status.MET
        return Status.UNMET if self.hi < need else Status.UNKNOWN


def tally(records: Iterable[tuple[Tri, float | None]]) -> Tally:
    """The range sum of ``(counts, figure)`` pairs: a record that counts adds its figure to
    ``lo`` (nothing when the figure is not given); one that may count adds it to ``hi`` (an
    unknown figure makes ``hi`` infinite)."""
    lo = hi = 0.0
    for counts, figure in records:
        if counts is True:
            lo += figure or 0.0
        if counts is not False:
            hi += INF if figure is None else figure
    return Tally(lo, hi)


Text = str | Callable[[], str]
"""A text, or how to make it when it is needed (a step is worked out only for UNMET)."""


def _text(text: Text) -> str:
    return text if isinstance(text, str) else text()


def settle(
    statuses: Sequence[Status],
    reason: str,
    *,
    step: Text,
    missing: Iterable[str] = (),
    steps: Sequence[str] = (),
) -> Finding:
    """The finding of a requirement made of parts (a total and its minimums): UNMET, with the
    step to take, when a part cannot be met; UNKNOWN, with the fields to supply, when a part
    may not be; MET otherwise."""
    status = combined(statuses)
    if status is Status.UNMET:
        return Finding(Status.UNMET, reason, step=_text(step))
    if status is Status.UNKNOWN:
        return Finding(Status.UNKNOWN, reason, missing=tuple(missing), steps=tuple(steps))
    return Finding(Status.MET, reason)


def not_counted(why_not: Sequence[str], limit: int | None = None) -> str:
    """The records given that do not count, each with why: "; not counted: trainings[1]: on
    another topic; …" (the first ``limit``, and how many more)."""
    if not why_not:
        return ""
    shown = why_not if limit is None else why_not[:limit]
    more = "" if limit is None or len(why_not) <= limit else f"; and {len(why_not) - limit} more"
    return "; not counted: " + "; ".join(shown) + more


class OneRecord(NamedTuple):
    """Whether one record in a list counts, three-valued: True when one certainly does, False
    when none can, None otherwise; the fields that would settle the records that may count;
    why each record that does not count does not."""

    counts: Tri
    missing: tuple[str, ...]
    why_not: tuple[str, ...]

    @property
    def status(self) -> Status:
        """MET when one record certainly counts, UNMET when none can, else UNKNOWN."""
        return status_of(self.counts)

    def finding(self, need: str, *, met: str, unmet: Text, step: Text | None = None) -> Finding:
        """MET, UNMET (naming the records not counted, and the step) or UNKNOWN (with the
        fields to supply)."""
        if self.counts is True:
            return Finding(Status.MET, f"{need}; {met}")
        if self.counts is False:
            reason = f"{need}; {_text(unmet)}{not_counted(self.why_not)}"
            return Finding(Status.UNMET, reason, step=None if step is None else _text(step))
        return Finding(Status.UNKNOWN, need, missing=self.missing)


def one_record(
    records: str,
    checks: Iterable[Mapping[str, Tri]],
    why: Callable[[int, Mapping[str, Tri]], str] | None = None,
) -> OneRecord:
    """Whether one of the ``records`` (the applicant field, ``trainings``) counts, from the
    conditions on each (``{"topic": True, "date": None}``); a record counts when all its
    conditions hold. ``why`` says why the record at an index does not count."""
    verdicts: list[Tri] = []
    missing: list[str] = []
    why_not: list[str] = []
    for i, conditions in enumerate(checks):
        verdict = all_of(*conditions.values())
        verdicts.append(verdict)
        if verdict is None:
            missing += [f"{records}[{i}].{k}" for k, v in conditions.items() if v is None]
        elif verdict is False and why is not None:
            why_not.append(f"{records}[{i}]: {why(i, conditions)}")
    return OneRecord(any_of(verdicts), tuple(missing), tuple(why_not))


class OneRecordRule:
    """The outline of a requirement met by one record of a list (a training on a topic, a
    certification held): the list not given is UNKNOWN, asking for it; otherwise one record
    that certainly counts meets it, none that can leaves it UNMET, and the fields that would
    settle the others are asked for (:func:`one_record`). A rule states only its list, the
    conditions on each record, why a record does not count, and its words (:meth:`need`,
    :attr:`met`, :meth:`none`, :meth:`step`)."""

    __slots__ = ()

    records: ClassVar[str]
    """The applicant field holding the list (``trainings``)."""

    def conditions(self, ctx: Context, index: int, record: Any) -> dict[str, Tri]:
        """Each condition on the record at ``index``, three-valued."""
        raise NotImplementedError

    def why_not(self, ctx: Context, record: Any, conditions: Mapping[str, Tri]) -> str:
        """Why a record does not count."""
        raise NotImplementedError

    def need(self, ctx: Context) -> str:
        """What is required, in words."""
        raise NotImplementedError

    met: ClassVar[str]
    """What a record that counts is, in the reason (``completed``, ``held``)."""

    def none(self, ctx: Context) -> str:
        """The reason's words when no record counts."""
        raise NotImplementedError

    def step(self, ctx: Context) -> str:
        """What to do when no record counts."""
        raise NotImplementedError

    def _one(self, ctx: Context) -> OneRecord:
        """Whether one of the records given counts, once per check (:func:`once`)."""
        return once(ctx, self, self._judge)

    def _judge(self, ctx: Context) -> OneRecord:
        given = getattr(ctx.applicant, self.records)
        return one_record(
            self.records,
            (self.conditions(ctx, i, r) for i, r in enumerate(given)),
            lambda i, checks: self.why_not(ctx, given[i], checks),
        )

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        given = getattr(ctx.applicant, self.records)
        return Status.UNKNOWN if given is None else self._one(ctx).status

    def evaluate(self, ctx: Context) -> Finding:
        need = self.need(ctx)
        given = getattr(ctx.applicant, self.records)
        if given is None:
            return missing_fact(self.records, f"{need}; no {self.records} given")
        return self._one(ctx).finding(
            need, met=self.met, unmet=lambda: self.none(ctx), step=lambda: self.step(ctx)
        )
