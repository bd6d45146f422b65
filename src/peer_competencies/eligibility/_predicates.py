"""The small typed predicates a requirement's ``test`` names, and the logic they share.

Each predicate is a frozen attrs class whose fields are the parameters written in the credential
files (``{"kind": "min-age", "years": 18}``). ``evaluate`` looks at an applicant as of a date
and returns a :class:`Finding`: MET, UNMET or UNKNOWN, the reason in numbers, the applicant fields
to supply when a fact is missing, and the step to take when the requirement is not met.
``describe`` says in one sentence exactly what is checked, for ``explain``.

Missing facts are handled with three-valued logic: a record whose topic, date or approval is not
given *may* count. Sums are kept as a range, from what certainly counts (``lo``) to what may count
(``hi``, infinite when an hours figure is missing): a requirement is MET only when ``lo`` reaches
it, UNMET only when ``hi`` cannot, and UNKNOWN in between.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Protocol

import attrs

from .._enum import TextEnum
from ._applicant import (
    Applicant,
    Certification,
    CollegeCredits,
    ContinuingEducation,
    Education,
    LetterKind,
    LivedExperience,
    Training,
    WorkExperience,
)

__all__ = [
    "PREDICATES",
    "Context",
    "Finding",
    "Predicate",
    "Status",
    "Unrecognised",
    "Vocabulary",
    "add_months",
    "add_years",
    "evaluate",
    "number",
    "plural",
    "quoted",
]

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


@attrs.frozen
class Name:
    """A thing records name (a topic, an exam, a credential): its display name and aliases."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """``text`` lower-cased, with everything but letters and digits removed (remembered: a
    roster names the same few trainings and exams on every row)."""
    return _NOT_ALNUM.sub("", text.lower())


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


_MINOR_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"})


def _words(text: str) -> frozenset[str]:
    """The words of a name that tell it apart (lower-cased, without "and", "of" …)."""
    return frozenset(re.findall(r"[a-z0-9]+", text.lower())) - _MINOR_WORDS


_Group = Literal["topics", "exams", "credentials"]


def _frozen_table(table: Mapping[str, Name]) -> Mapping[str, Name]:
    return MappingProxyType(dict(table))


@attrs.frozen
class Vocabulary:
    """The names applicant records use for topics, exams and credentials, with their aliases.

    A record's name matches a key when, lower-cased and with everything but letters and digits
    removed, it equals the key, the display name or an alias. The tables are read-only views.
    """

    topics: Mapping[str, Name] = attrs.field(converter=_frozen_table)
    exams: Mapping[str, Name] = attrs.field(converter=_frozen_table)
    credentials: Mapping[str, Name] = attrs.field(converter=_frozen_table)
    _index: Mapping[str, Mapping[str, frozenset[str]]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        index = {}
        for group in ("topics", "exams", "credentials"):
            table: dict[str, set[str]] = {}
            for name in getattr(self, group).values():
                for alias in (name.key, name.name, *name.aliases):
                    table.setdefault(_norm(alias), set()).add(name.key)
            index[group] = MappingProxyType(
                {alias: frozenset(keys) for alias, keys in table.items()}
            )
        object.__setattr__(self, "_index", MappingProxyType(index))

    def keys(self, group: _Group, text: str) -> frozenset[str]:
        """The keys ``text`` names in ``group`` ("Law and Ethics" names both ``ethics`` and
        ``law-and-ethics``); empty when it names none we know."""
        return self._index[group].get(_norm(text), frozenset())

    def matches(self, group: _Group, text: str | None, keys: Iterable[str]) -> Tri:
        """Whether ``text`` names one of ``keys``; None (it may) when ``text`` is not given or
        is not a name this vocabulary knows."""
        if text is None:
            return None
        found = self.keys(group, text)
        if not found:
            return None
        return not found.isdisjoint(keys)

    def names(self, group: _Group, keys: Iterable[str]) -> str:
        """The display names of ``keys`` joined with "or"."""
        table: Mapping[str, Name] = getattr(self, group)
        return " or ".join(table[k].name for k in keys)

    def closest(self, group: _Group, text: str, keys: Iterable[str]) -> tuple[str, ...]:
        """The display names of ``keys``, the closest to ``text`` first (by the best of a
        name's key, display name and aliases); ties keep the order given."""
        table: Mapping[str, Name] = getattr(self, group)
        wanted = text.casefold()
        words = _words(text)

        def score(key: str) -> tuple[float, float]:
            name = table[key]
            aliases = (name.key, name.name, *name.aliases)
            shared = max(len(words & _words(a)) / (len(words | _words(a)) or 1) for a in aliases)
            ratio = max(
                difflib.SequenceMatcher(None, wanted, a.casefold()).ratio() for a in aliases
            )
            return shared, ratio

        unique = list(dict.fromkeys(keys))
        scores = [score(k) for k in unique]
        ranked = sorted(range(len(unique)), key=lambda i: (-scores[i][0], -scores[i][1], i))
        return tuple(table[unique[i]].name for i in ranked)


@attrs.frozen
class Context:
    """What every predicate evaluates against: the applicant, the check date and today."""

    applicant: Applicant
    as_of: dt.date
    today: dt.date
    vocabulary: Vocabulary
    states_with_credential: frozenset[str] = frozenset()

    @property
    def recorded_on(self) -> dt.date:
        """The day the applicant's undated figures (age, years in recovery …) were true."""
        return self.applicant.recorded_on or self.today

    _names: dict[str, tuple[_Group, str, list[str]]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    def named(self, group: _Group, text: str | None, keys: Iterable[str], where: str) -> Tri:
        """Whether the name ``text`` (at ``where`` in the record) names one of ``keys``; None
        when it is not given or not a name the vocabulary knows. An unknown name is remembered,
        with ``keys`` as the names it could be, for the requirement being evaluated."""
        keys = tuple(keys)
        found = self.vocabulary.matches(group, text, keys)
        if found is None and text is not None:
            entry = self._names.setdefault(where, (group, text, []))
            entry[2].extend(k for k in keys if k not in entry[2])
        return found

    def happened(self, date: dt.date | None) -> Tri:
        """Whether an event with this date had happened by the check date (None: not known)."""
        if date is None:
            return True if self.as_of >= self.today else None
        return date <= self.as_of


# --- small helpers ---------------------------------------------------------------------------


def number(value: float) -> str:
    """A figure as the rules write it: ``1,550``, ``19.5``, ``8``."""
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


def add_years(date: dt.date, years: int) -> dt.date:
    """``date`` moved by whole years; 29 February becomes 28 February in other years."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` moved by whole calendar months; a day the month lacks becomes its last day
    (31 January + 1 month is 28 or 29 February)."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    first_of_next = dt.date(year + (month == 11), (month + 1) % 12 + 1, 1)
    last_day = (first_of_next - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(date.day, last_day))


def _whole_months(first: dt.date, last: dt.date) -> tuple[int, int]:
    """The calendar months from ``first`` through ``last`` (both days included), and the days
    left over: 2025-06-02 to 2026-06-01 is (12, 0), 2025-06-03 to 2026-06-01 is (11, 30)."""
    end = last + dt.timedelta(days=1)
    months = (end.year - first.year) * 12 + end.month - first.month
    if add_months(first, months) > end:
        months -= 1
    return months, (end - add_months(first, months)).days


_YEAR_DAYS = 365.25


def _years_back(date: dt.date, years: float) -> dt.date:
    """``date`` less ``years``: whole calendar years, then the fraction as whole days (rounded
    down, so the day found is never earlier than the figure allows)."""
    whole = math.floor(years)
    days = math.floor((years - whole) * _YEAR_DAYS)
    if whole >= date.year:
        return dt.date.min
    return add_years(date, -whole) - dt.timedelta(days=days)


def _years_on(date: dt.date, years: float) -> dt.date:
    """``date`` plus ``years``: whole calendar years, then the fraction as whole days (rounded
    up, so the day found is never earlier than the figure asks)."""
    whole = math.floor(years)
    days = math.ceil((years - whole) * _YEAR_DAYS)
    if date.year + whole > dt.MAXYEAR - 1:
        return dt.date.max
    return add_years(date, whole) + dt.timedelta(days=days)


def _years_between(start: dt.date, end: dt.date) -> float:
    """The years from ``start`` to ``end``, rounded *down* to 2 decimals: a figure below a
    threshold is never shown as the threshold."""
    if end <= start:
        return 0.0
    whole = end.year - start.year
    if add_years(start, whole) > end:
        whole -= 1
    rest = (end - add_years(start, whole)).days
    return math.floor((whole + rest / _YEAR_DAYS) * 100) / 100


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _all(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None


def _any(values: Iterable[Tri]) -> Tri:
    seen = list(values)
    if any(v is True for v in seen):
        return True
    return False if all(v is False for v in seen) else None


def _status(lo: float, hi: float, need: float) -> Status:
    if lo >= need:
        return Status.MET
    return Status.UNMET if hi < need else Status.UNKNOWN


def _flag(value: Tri, want: bool | None) -> Tri:
    """Whether a yes/no fact matches what a rule wants (any value when it wants None)."""
    if want is None:
        return True
    return None if value is None else value is want


def _window_text(ctx: Context, years: int | None, previous_calendar_year: bool = False) -> str:
    if previous_calendar_year:
        return f" in {ctx.as_of.year - 1}"
    if years is None:
        return ""
    span = "year" if years == 1 else f"{number(years)} years"
    return f" in the {span} to {ctx.as_of.isoformat()}"


def _unknown_tail(missing: Sequence[str]) -> str:
    shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
    return f"; not known whether some records count (supply {shown})" if missing else ""


def _not_counted(records: str, counted: Sequence[_Counted], limit: int = 5) -> str:
    """The records given that do not count, each with why: "; not counted: trainings[1] (10
    hours): on another topic"."""
    out = [
        f"{records}[{c.index}]"
        + ("" if c.hours is None else f" ({plural(c.hours, 'hour')})")
        + ": "
        + ", ".join(c.why_not)
        for c in counted
        if c.counts is False and c.why_not
    ]
    if not out:
        return ""
    more = f"; and {len(out) - limit} more" if len(out) > limit else ""
    return "; not counted: " + "; ".join(out[:limit]) + more


def _need(field: str, finding_reason: str) -> Finding:
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
    return attrs.evolve(found, reason=reason, missing=missing, unrecognised=names)


class Predicate(Protocol):
    """What every predicate offers."""

    kind: ClassVar[str]

    def evaluate(self, ctx: Context) -> Finding:
        """Look at the applicant in ``ctx``."""
        ...

    def describe(self, vocabulary: Vocabulary) -> str:
        """One sentence: exactly what is checked."""
        ...


# --- facts about the person ------------------------------------------------------------------


@attrs.frozen
class MinAge:
    """At least ``years`` of age on the check date (from date of birth, else from age)."""

    kind: ClassVar[str] = "min-age"
    years: int

    def evaluate(self, ctx: Context) -> Finding:
        a = ctx.applicant
        need = f"at least {plural(self.years, 'year')} of age required"
        if a.date_of_birth is not None:
            age = _age(a.date_of_birth, ctx.as_of)
            text = f"{need}; {age} on {ctx.as_of.isoformat()}"
            if age >= self.years:
                return Finding(Status.MET, text)
            return Finding(Status.UNMET, text, step=f"wait until the applicant is {self.years}")
        if a.age is None:
            return _need("date_of_birth", f"{need}; neither date of birth nor age given")
        # an age on ``recorded_on`` puts the birth date in a one-year range
        latest = add_years(ctx.recorded_on, -a.age)
        earliest = add_years(ctx.recorded_on, -a.age - 1) + dt.timedelta(days=1)
        low, high = _age(latest, ctx.as_of), _age(earliest, ctx.as_of)
        if low >= self.years:
            return Finding(Status.MET, f"{need}; at least {low} on {ctx.as_of.isoformat()}")
        if high < self.years:
            return Finding(
                Status.UNMET,
                f"{need}; at most {high} on {ctx.as_of.isoformat()}",
                step=f"wait until the applicant is {self.years}",
            )
        return _need(
            "date_of_birth",
            f"{need}; the age given ({a.age} on {ctx.recorded_on.isoformat()}) does not settle "
            f"the age on {ctx.as_of.isoformat()}",
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"age on the check date ≥ {self.years}, from `date_of_birth` (or `age`)"


@attrs.frozen
class HighSchool:
    """A high school diploma or equivalent (GED) or more."""

    kind: ClassVar[str] = "high-school"

    def evaluate(self, ctx: Context) -> Finding:
        education = ctx.applicant.education
        need = "a high school diploma or equivalent required"
        if education is None:
            return _need("education", f"{need}; education not given")
        if education is Education.NONE:
            return Finding(
                Status.UNMET, f"{need}; none recorded", step="earn a high school diploma or GED"
            )
        return Finding(Status.MET, f"{need}; {education.value} recorded")

    def describe(self, vocabulary: Vocabulary) -> str:
        return "`education` is `ged` or higher"


@attrs.frozen
class LivedExperienceOf:
    """Lived experience of recovery, as one of the accepted kinds (self, family)."""

    kind: ClassVar[str] = "lived-experience"
    accepted: tuple[LivedExperience, ...] = (LivedExperience.SELF, LivedExperience.FAMILY)

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.lived_experience
        kinds = " or ".join(k.value for k in self.accepted)
        need = f"lived experience of recovery ({kinds}) required"
        if given is None:
            return _need("lived_experience", f"{need}; not given")
        if given in self.accepted:
            return Finding(Status.MET, f"{need}; {given.value} recorded")
        return Finding(Status.UNMET, f"{need}; {given.value} recorded")

    def describe(self, vocabulary: Vocabulary) -> str:
        return "`lived_experience` is " + " or ".join(f"`{k.value}`" for k in self.accepted)


_FLAGS = (
    "willing_to_share",
    "dedicated_to_recovery",
    "background_check_cleared",
    "registry_check_cleared",
    "guardian_of_youth_in_services",
)


@attrs.frozen
class Flag:
    """A yes/no fact about the applicant that must be yes."""

    kind: ClassVar[str] = "flag"
    field: Literal[
        "willing_to_share",
        "dedicated_to_recovery",
        "background_check_cleared",
        "registry_check_cleared",
        "guardian_of_youth_in_services",
    ]

    def evaluate(self, ctx: Context) -> Finding:
        value: bool | None = getattr(ctx.applicant, self.field)
        words = self.field.replace("_", " ")
        if value is None:
            return _need(self.field, f"{words}: not given")
        if value:
            return Finding(Status.MET, f"{words}: yes")
        return Finding(Status.UNMET, f"{words}: no")

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"`{self.field}` is yes"


@attrs.frozen
class CodeOfEthics:
    """The code of ethics signed, on or before the check date; with ``certification_period``
    (a renewal), signed again: on or after the start of the period being renewed."""

    kind: ClassVar[str] = "code-of-ethics"
    certification_period: CertificationPeriod | None = None

    def evaluate(self, ctx: Context) -> Finding:
        signed = ctx.applicant.code_of_ethics_signed
        if signed is not None and signed <= ctx.as_of and self.certification_period is not None:
            start, missing = self.certification_period.start(ctx)
            need = "the code of ethics signed again for the renewal required"
            if start is None:
                return Finding(
                    Status.UNKNOWN,
                    f"{need}; signed {signed.isoformat()}, and the start of the certification "
                    "period is not known",
                    missing=missing,
                )
            text = f"{need}; signed {signed.isoformat()}, the period began {start.isoformat()}"
            if signed >= start:
                return Finding(Status.MET, text)
            return Finding(Status.UNMET, text, step="sign the code of ethics again")
        if signed is None:
            return Finding(
                Status.UNKNOWN,
                "a signed code of ethics required; no signing date given",
                missing=("code_of_ethics_signed",),
                step="sign the code of ethics",
                explained=True,
            )
        if signed <= ctx.as_of:
            return Finding(Status.MET, "a signed code of ethics required; signed")
        return Finding(
            Status.UNMET,
            f"a signed code of ethics required; not yet signed on {ctx.as_of.isoformat()}",
            step="sign the code of ethics",
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        text = "`code_of_ethics_signed` is a date on or before the check date"
        if self.certification_period is not None:
            text += ", on or after the start of the certification period being renewed"
        return text


@attrs.frozen
class YearsInRecovery:
    """At least ``years`` in recovery on the check date.

    Compared as dates: recovery began ``years_in_recovery`` before ``recorded_on`` (calendar
    years, the fraction in days), and the requirement is met on the day ``years`` after that.
    """

    kind: ClassVar[str] = "years-in-recovery"
    years: float

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.years_in_recovery
        need = f"at least {plural(self.years, 'year')} in recovery required"
        if given is None:
            return _need("years_in_recovery", f"{need}; not given")
        began = _years_back(ctx.recorded_on, given)
        reached = _years_on(began, self.years)
        if began == dt.date.min:  # a figure reaching back before the calendar does
            text = f"{need}; {plural(given, 'year')} recorded on {ctx.recorded_on.isoformat()}"
        else:
            text = (
                f"{need}; {plural(_years_between(began, ctx.as_of), 'year')} on "
                f"{ctx.as_of.isoformat()} (in recovery since {began.isoformat()}, so "
                f"{number(self.years)} reached on {reached.isoformat()})"
            )
        if reached <= ctx.as_of:
            return Finding(Status.MET, text)
        return Finding(Status.UNMET, text, step=f"wait until {reached.isoformat()}")

    def describe(self, vocabulary: Vocabulary) -> str:
        return (
            f"the day `years_in_recovery` before `recorded_on`, plus {number(self.years)} "
            "years, is on or before the check date"
        )


@attrs.frozen
class LivesOrWorksIn:
    """Lives or works (at least 51% of the time) in a state; ``state`` None means the state the
    applicant applies in (``applying_in``)."""

    kind: ClassVar[str] = "lives-or-works-in"
    state: str | None = None

    def evaluate(self, ctx: Context) -> Finding:
        a = ctx.applicant
        state = self.state or a.applying_in
        if state is None:
            return _need("applying_in", "the state whose board the applicant applies to not given")
        need = f"living or working in {state} required"
        found = _any(
            None if place is None else place == state
            for place in (a.residence_jurisdiction, a.work_jurisdiction)
        )
        if found is True:
            return Finding(Status.MET, f"{need}; found")
        if found is False:
            return Finding(Status.UNMET, f"{need}; neither residence nor work is in {state}")
        missing = tuple(
            f for f in ("residence_jurisdiction", "work_jurisdiction") if getattr(a, f) is None
        )
        return Finding(
            Status.UNKNOWN, f"{need}; {' and '.join(missing)} not given", missing, explained=True
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        where = f"`{self.state}`" if self.state else "`applying_in`"
        return f"`residence_jurisdiction` or `work_jurisdiction` is {where}"


@attrs.frozen
class ApplyBy:
    """A pathway open to applications made on or before ``date`` (the check date)."""

    kind: ClassVar[str] = "apply-by"
    date: dt.date

    def evaluate(self, ctx: Context) -> Finding:
        text = f"applications by {self.date.isoformat()}; checked as of {ctx.as_of.isoformat()}"
        if ctx.as_of <= self.date:
            return Finding(Status.MET, text)
        return Finding(Status.UNMET, f"{text}: this pathway has closed", step="use another pathway")

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"the check date is on or before {self.date.isoformat()}"


# --- hours of training, continuing education and college credit -----------------------------

HourRecord = Training | ContinuingEducation | CollegeCredits

_NOUNS = {
    "trainings": ("training hour", "complete"),
    "continuing_education": ("continuing-education hour", "earn"),
    "college_credits": ("college credit hour", "earn"),
}


@attrs.frozen
class Part:
    """A minimum inside an hours requirement: hours on one topic, or peer-specific hours; with
    ``hours`` None, one record on the topic of any length (Georgia's "1 Peer Ethics Training")."""

    hours: float | None = None
    topic: str | None = None
    peer_specific: bool = False
    label: str | None = None

    def matches(self, record: HourRecord, ctx: Context, where: str) -> Tri:
        if self.peer_specific:
            return getattr(record, "peer_specific", None)
        topic = getattr(record, "topic", None)
        return ctx.named("topics", topic, [self.topic or ""], f"{where}.topic")

    def name(self, vocabulary: Vocabulary) -> str:
        if self.label:
            return self.label
        if self.peer_specific:
            return "peer-specific topics"
        return vocabulary.topics[self.topic or ""].name


@attrs.frozen
class CertificationPeriod:
    """The period of the certification being renewed, for the records an hours requirement
    counts: from the held certificate's ``issued_on`` to the check date.

    The certificate is the applicant's record for one of ``credentials`` that expires last. A
    period is at most ``years`` long: it starts on ``issued_on`` or ``years`` before
    ``expires_on``, whichever is later (an ``issued_on`` earlier than that is taken to be the
    date of first certification, not the start of the period being renewed); with one of the
    two dates missing it starts on the other; with both missing it is not known.
    """

    credentials: tuple[str, ...]
    years: int

    def start(self, ctx: Context) -> tuple[dt.date | None, tuple[str, ...]]:
        """The first day of the period, or None and the applicant fields that would settle it."""
        held = ctx.applicant.certifications
        if held is None:
            return None, ("certifications",)
        verdicts = [
            ctx.named(
                "credentials", c.credential, self.credentials, f"certifications[{i}].credential"
            )
            for i, c in enumerate(held)
        ]
        named = [(i, c) for i, c in enumerate(held) if verdicts[i] is True]
        if not named:
            # not given, or a name the vocabulary does not know (named by the shared outline)
            unsure = [
                f"certifications[{i}].credential" for i, v in enumerate(verdicts) if v is None
            ]
            return None, tuple(unsure) or ("certifications",)
        if len(named) > 1 and any(c.expires_on is None for _, c in named):
            return None, tuple(
                f"certifications[{i}].expires_on" for i, c in named if c.expires_on is None
            )
        i, cert = max(named, key=lambda pair: pair[1].expires_on or dt.date.min)
        starts = [] if cert.issued_on is None else [cert.issued_on]
        if cert.expires_on is not None:
            starts.append(add_years(cert.expires_on, -self.years))
        if not starts:
            return None, (f"certifications[{i}].issued_on", f"certifications[{i}].expires_on")
        return max(starts), ()


@attrs.frozen
class _Counted:
    index: int
    counts: Tri
    hours: float | None
    record: HourRecord
    missing: tuple[str, ...]
    why_not: tuple[str, ...] = ()


@attrs.frozen
class Hours:
    """At least ``total`` hours in a list of records (trainings, continuing education, college
    credits), with per-topic minimums (``parts``).

    Only records on one of ``topics`` count (any topic when None); ``approved_only`` counts only
    trainings from approved providers; ``within_years`` only records dated in that many years
    before the check date, ``previous_calendar_year`` only those of the calendar year before it,
    ``certification_period`` only those dated in the period of the certification being renewed
    (UNKNOWN, never another window, when its dates are not given); ``after`` (another hours
    requirement, by reference) only trainings dated after the day that requirement was completed;
    ``dated_after`` only records dated after that day; ``approved_from`` counts a training dated
    on or after that day only when its provider is approved.
    """

    kind: ClassVar[str] = "hours"
    records: Literal["trainings", "continuing_education", "college_credits"]
    total: float
    topics: tuple[str, ...] | None = None
    parts: tuple[Part, ...] = ()
    approved_only: bool = False
    within_years: int | None = None
    previous_calendar_year: bool = False
    certification_period: CertificationPeriod | None = None
    after: str | None = None
    dated_after: dt.date | None = None
    approved_from: dt.date | None = None
    after_rule: Hours | None = attrs.field(default=None, eq=False, repr=False)

    def _window(self, ctx: Context) -> tuple[dt.date, dt.date] | None:
        """The first and last day records may be dated on; the first is ``date.min`` when the
        certification period's start is not known (see :meth:`_period_start`)."""
        if self.previous_calendar_year:
            year = ctx.as_of.year - 1
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if self.within_years is not None:
            return add_years(ctx.as_of, -self.within_years), ctx.as_of
        if self.certification_period is not None:
            start = self.certification_period.start(ctx)[0]
            return start or dt.date.min, ctx.as_of
        return None

    def _period_start(self, ctx: Context) -> tuple[dt.date | None, tuple[str, ...]]:
        if self.certification_period is None:
            return None, ()
        return self.certification_period.start(ctx)

    def _window_text(self, ctx: Context) -> str:
        if self.certification_period is None:
            return _window_text(ctx, self.within_years, self.previous_calendar_year)
        start, _ = self._period_start(ctx)
        if start is None:
            return " in the certification period (its start not known)"
        return f" in the certification period from {start.isoformat()} to {ctx.as_of.isoformat()}"

    def counted(self, ctx: Context) -> list[_Counted] | None:
        """Each record with whether it counts (three-valued), or None when no list is given."""
        records: tuple[HourRecord, ...] | None = getattr(ctx.applicant, self.records)
        if records is None:
            return None
        window = self._window(ctx)
        period_known = self._period_start(ctx)[0] is not None
        after = self.after_rule.completed(ctx) if self.after_rule else None
        found = []
        for i, rec in enumerate(records):
            why: list[str] = []  # why the record does not count, when it does not

            def check(verdict: Tri, because: str, why: list[str] = why) -> Tri:
                if verdict is False:
                    why.append(because)
                return verdict

            checks: dict[str, Tri] = {
                "date": check(ctx.happened(rec.date), f"dated after {ctx.as_of.isoformat()}")
            }
            if window is not None:
                inside = None if rec.date is None else window[0] <= rec.date <= window[1]
                if inside is False and rec.date is not None and rec.date < window[0]:
                    check(False, f"dated before {window[0].isoformat()}, outside the period")
                elif inside is False and checks["date"] is not False:
                    check(False, f"dated after {window[1].isoformat()}, outside the period")
                checks["date"] = _all(checks["date"], inside)
                if self.certification_period is not None and not period_known:
                    # dated by the check date, but whether in the period is not known
                    checks["period"] = None if checks["date"] is not False else False
            if self.dated_after is not None:
                later = None if rec.date is None else rec.date > self.dated_after
                day = self.dated_after.isoformat()
                checks["date"] = _all(checks["date"], check(later, f"completed by {day}"))
            if self.approved_only or self.approved_from is not None:
                approved: Tri = getattr(rec, "approved", None)
                if not self.approved_only and self.approved_from is not None:
                    needed = None if rec.date is None else rec.date >= self.approved_from
                    approved = _any([needed is False, approved]) if needed is not True else approved
                checks["approved"] = check(approved, "not from an approved provider")
            if self.topics is not None:
                topic = ctx.named(
                    "topics", getattr(rec, "topic", None), self.topics, f"{self.records}[{i}].topic"
                )
                checks["topic"] = check(topic, "on another topic")
            if after is not None:
                earliest, latest = after
                if rec.date is None or earliest is None:
                    checks["date"] = _all(checks["date"], None)
                elif rec.date <= earliest:
                    assert self.after_rule is not None
                    names = ctx.vocabulary.names("topics", self.after_rule.topics or ())
                    first = f" ({earliest.isoformat()})" if earliest == latest else ""
                    checks["date"] = check(False, f"taken before the {names} was completed{first}")
                elif latest is None or rec.date <= latest:
                    checks["date"] = _all(checks["date"], None)
            counts = _all(*checks.values())
            missing: list[str] = []
            if counts is None:
                missing = [
                    f"{self.records}[{i}].{k}"
                    for k, v in checks.items()
                    if v is None and k != "period"
                ]
            if counts is not False and rec.hours is None:
                missing.append(f"{self.records}[{i}].hours")
            found.append(
                _Counted(i, counts, rec.hours, rec, tuple(missing), tuple(dict.fromkeys(why)))
            )
        return found

    def completed(self, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
        """The earliest and latest day this requirement can have been completed on (None:
        not known): the day the records, in date order, first add up to its total."""
        counted = self.counted(ctx) or []

        def reached(include_maybe: bool) -> dt.date | None:
            dated = sorted(
                (c for c in counted if c.record.date is not None and c.hours is not None),
                key=lambda c: c.record.date or dt.date.min,
            )
            if include_maybe and any(
                c.counts is not False and (c.record.date is None or c.hours is None)
                for c in counted
            ):
                return None
            total = 0.0
            for c in dated:
                if c.counts is True or (include_maybe and c.counts is None):
                    total += c.hours or 0.0
                    if total >= self.total:
                        return c.record.date
            return None

        return reached(include_maybe=True), reached(include_maybe=False)

    def evaluate(self, ctx: Context) -> Finding:
        noun, verb = _NOUNS[self.records]
        need = f"{plural(self.total, noun)} required{self._window_text(ctx)}"
        counted = self.counted(ctx)
        if counted is None:
            return _need(self.records, f"{need}; no {self.records.replace('_', ' ')} given")
        period_missing = self._period_start(ctx)[1]
        lo = sum(c.hours or 0.0 for c in counted if c.counts is True)
        hi = sum(INF if c.hours is None else c.hours for c in counted if c.counts is not False)
        statuses = [_status(lo, hi, self.total)]
        short: list[tuple[str, float]] = []
        lacking: list[str] = []  # topics of which one record is needed and none counts
        for part in self.parts:
            p_lo = p_hi = 0.0
            for c in counted:
                m = _all(c.counts, part.matches(c.record, ctx, f"{self.records}[{c.index}]"))
                if m is True:
                    p_lo += (c.hours or 0.0) if part.hours is not None else 1
                if m is not False:
                    p_hi += INF if c.hours is None or part.hours is None else c.hours
            statuses.append(_status(p_lo, p_hi, 1 if part.hours is None else part.hours))
            if part.hours is None and p_lo < 1:
                lacking.append(part.name(ctx.vocabulary))
            elif part.hours is not None and p_lo < part.hours:
                short.append((part.name(ctx.vocabulary), part.hours - p_lo))
        rest = (self.total - lo) - sum(s for _, s in short)
        pieces = [f"{plural(s, 'more hour')} needed in {name}" for name, s in short]
        if rest > 0:
            pieces.append(
                f"{plural(rest, 'more hour')} needed" + (" in any topic" if short else "")
            )
        pieces += [f"one on {name} needed" for name in lacking]
        found = f"{number(lo)} found"
        if not lo:
            found = f"none{' certain' if hi else ''} by {ctx.as_of.isoformat()}"
        if hi > lo:  # records whose topic, date or approval is not given may still count
            found += " (and some of unknown hours" if hi == INF else f" (and {number(hi - lo)}"
            found += " that may count)"
        text = f"{need}, {found}" + (": " + ", ".join(pieces) if pieces else "")
        text += _not_counted(self.records, counted)
        if Status.UNMET in statuses:
            todo = [f"{plural(s, 'more ' + noun)} in {name}" for name, s in short]
            if rest > 0:
                todo.append(plural(rest, f"more {noun}") + (" in any topic" if short else ""))
            todo += [f"one on {name}" for name in lacking]
            return Finding(Status.UNMET, text, step=f"{verb} " + ", ".join(todo))
        if Status.UNKNOWN in statuses:
            missing = (*period_missing, *(m for c in counted for m in c.missing))
            return Finding(Status.UNKNOWN, text, missing=missing)
        return Finding(Status.MET, text)

    def describe(self, vocabulary: Vocabulary) -> str:
        noun = _NOUNS[self.records][0] + "s"
        text = f"the `hours` of `{self.records}` add up to ≥ {number(self.total)}"
        if self.topics is not None:
            text += " counting topics " + ", ".join(f"`{t}`" for t in self.topics)
        if self.approved_only:
            text += ", approved providers only"
        if self.within_years is not None:
            text += f", dated in the {self.within_years} years before the check date"
        if self.previous_calendar_year:
            text += ", dated in the calendar year before the check date"
        if self.certification_period is not None:
            period = self.certification_period
            creds = ", ".join(f"`{c}`" for c in period.credentials)
            text += (
                f", dated from the `issued_on` of the held {creds} `certifications` record (at "
                f"the latest {period.years} years before its `expires_on`) to the check date"
            )
        if self.after is not None:
            text += f", dated after `{self.after}` was completed"
        if self.dated_after is not None:
            text += f", dated after {self.dated_after.isoformat()}"
        if self.approved_from is not None:
            text += f", approved providers only for records dated from {self.approved_from}"
        for part in self.parts:
            if part.hours is None:
                text += f"; ≥ 1 record on {part.name(vocabulary)}, of any length"
            else:
                text += f"; ≥ {number(part.hours)} {noun} in {part.name(vocabulary)}"
            text += " (`peer_specific`)" if part.peer_specific else f" (topic `{part.topic}`)"
        return text


@attrs.frozen
class FaceToFace:
    """At least ``share`` of the training hours counted by the ``of`` requirement were given
    face to face."""

    kind: ClassVar[str] = "face-to-face"
    share: float
    of: str
    of_rule: Hours | None = attrs.field(default=None, eq=False, repr=False)

    def evaluate(self, ctx: Context) -> Finding:
        assert self.of_rule is not None, "resolved when the credential is loaded"
        need = f"at least {number(self.share * 100)}% of the training face to face required"
        counted = self.of_rule.counted(ctx)
        if counted is None:
            return _need("trainings", f"{need}; no trainings given")
        face = total = 0.0
        missing: list[str] = []
        for c in counted:
            if c.counts is False:
                continue
            ftf = getattr(c.record, "face_to_face", None)
            if c.counts is None or c.hours is None or ftf is None:
                missing.extend(c.missing)
                if ftf is None:
                    missing.append(f"trainings[{c.index}].face_to_face")
                continue
            total += c.hours
            face += c.hours if ftf else 0.0
        if missing:
            return Finding(Status.UNKNOWN, need, missing=tuple(missing))
        if total == 0:
            return Finding(Status.UNMET, f"{need}; no training hours found", step="complete it")
        text = f"{need}; {number(face)} of {number(total)} hours ({number(100 * face / total)}%)"
        if face >= self.share * total:
            return Finding(Status.MET, text)
        more = (self.share * total - face) / (1 - self.share) if self.share < 1 else INF
        return Finding(
            Status.UNMET, text, step=f"complete {number(math.ceil(more))} more face-to-face hours"
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return (
            f"of the trainings `{self.of}` counts, those with `face_to_face` yes hold ≥ "
            f"{number(self.share * 100)}% of the hours"
        )


@attrs.frozen
class TrainingCompleted:
    """A training on one of ``topics`` completed by the check date."""

    kind: ClassVar[str] = "training-completed"
    topics: tuple[str, ...]

    def evaluate(self, ctx: Context) -> Finding:
        names = ctx.vocabulary.names("topics", self.topics)
        need = f"the {names} required"
        trainings = ctx.applicant.trainings
        if trainings is None:
            return _need("trainings", f"{need}; no trainings given")
        found: list[Tri] = []
        missing: list[str] = []
        why: list[str] = []
        for i, t in enumerate(trainings):
            topic = ctx.named("topics", t.topic, self.topics, f"trainings[{i}].topic")
            done = ctx.happened(t.date)
            found.append(_all(topic, done))
            if topic is False:
                why.append(f"trainings[{i}]: on another topic")
            elif done is False:
                why.append(f"trainings[{i}]: dated after {ctx.as_of.isoformat()}")
            if found[-1] is None:
                missing += [
                    f"trainings[{i}].{k}"
                    for k, v in (("topic", topic), ("date", done))
                    if v is None
                ]
        result = _any(found)
        if result is True:
            return Finding(Status.MET, f"{need}; completed")
        if result is False:
            text = f"{need}; none by {ctx.as_of.isoformat()}"
            text += f"; not counted: {'; '.join(why)}" if why else ""
            return Finding(Status.UNMET, text, step=f"complete the {names}")
        return Finding(Status.UNKNOWN, need, missing=tuple(missing))

    def describe(self, vocabulary: Vocabulary) -> str:
        topics = ", ".join(f"`{t}`" for t in self.topics)
        return f"a training with topic {topics} dated on or before the check date"


# --- exams -----------------------------------------------------------------------------------


@attrs.frozen
class ExamPassed:
    """One of ``exams`` passed by the check date.

    An attempt passes when ``passed`` is yes, or, with ``pass_score`` set and ``passed`` not
    given, when its score reaches the pass mark. ``max_attempts`` limits the attempts up to and
    including the pass; ``within_years_of_training`` requires the pass to come within that many
    years after completing a training on one of ``training_topics``.
    """

    kind: ClassVar[str] = "exam-passed"
    exams: tuple[str, ...]
    pass_score: float | None = None
    max_attempts: int | None = None
    within_years_of_training: int | None = None
    training_topics: tuple[str, ...] = ()

    def _passed(self, passed: bool | None, score: float | None) -> Tri:
        if passed is not None:
            return passed
        if self.pass_score is not None and score is not None:
            return score >= self.pass_score
        return None

    def _after_training(self, ctx: Context, date: dt.date | None) -> Tri:
        if self.within_years_of_training is None:
            return True
        trainings = ctx.applicant.trainings
        if trainings is None or date is None:
            return None
        return _any(
            _all(
                ctx.named("topics", t.topic, self.training_topics, f"trainings[{i}].topic"),
                None
                if t.date is None
                else t.date <= date <= add_years(t.date, self.within_years_of_training),
            )
            for i, t in enumerate(trainings)
        )

    def _before_training(self, ctx: Context, date: dt.date | None) -> bool:
        """Whether every dated training on the topics came after ``date``."""
        dates = [
            t.date
            for t in ctx.applicant.trainings or ()
            if t.date is not None
            and ctx.vocabulary.matches("topics", t.topic, self.training_topics) is True
        ]
        return date is not None and bool(dates) and all(d > date for d in dates)

    def _attempts_ok(self, ctx: Context, date: dt.date | None) -> Tri:
        if self.max_attempts is None:
            return True
        exams = ctx.applicant.exams or ()
        if date is None:
            return None
        sure = maybe = 0
        for i, e in enumerate(exams):
            named = ctx.named("exams", e.exam, self.exams, f"exams[{i}].exam")
            before = None if e.date is None else e.date <= date
            both = _all(named, before)
            sure += both is True
            maybe += both is None
        if sure > self.max_attempts:
            return False
        return True if sure + maybe <= self.max_attempts else None

    def evaluate(self, ctx: Context) -> Finding:
        name = ctx.vocabulary.names("exams", self.exams)
        need = f"a pass in the {name} required"
        exams = ctx.applicant.exams
        if exams is None:
            return Finding(
                Status.UNKNOWN,
                f"{need}; no exams given",
                missing=("exams",),
                step=f"pass the {name}",
                explained=True,
            )
        verdicts: list[Tri] = []
        missing: list[str] = []
        failed_on = ""
        for i, e in enumerate(exams):
            checks = {
                "exam": ctx.named("exams", e.exam, self.exams, f"exams[{i}].exam"),
                "date": ctx.happened(e.date),
                "passed": self._passed(e.passed, e.score),
            }
            base = _all(*checks.values())
            if base is not False:
                attempts = self._attempts_ok(ctx, e.date)
                timely = self._after_training(ctx, e.date)
                if base is True and attempts is False:
                    failed_on = f"; passed only after more than {self.max_attempts} attempts"
                if base is True and timely is False:
                    years = plural(self.within_years_of_training or 0, "year")
                    failed_on = (
                        f"; passed before the training was completed, not within {years} after it"
                        if self._before_training(ctx, e.date)
                        else f"; passed more than {years} after the training"
                    )
                base = _all(base, attempts, timely)
            verdicts.append(base)
            if base is None:
                missing += [f"exams[{i}].{k}" for k, v in checks.items() if v is None]
                if self.within_years_of_training is not None:
                    missing.append("trainings")
        result = _any(verdicts)
        if result is True:
            return Finding(Status.MET, f"{need}; passed")
        if result is False:
            named = [e for e in exams if ctx.vocabulary.matches("exams", e.exam, self.exams)]
            by = [e for e in named if ctx.happened(e.date) is not False]
            later = len(named) - len(by)
            text = failed_on or (
                f"; {plural(len(by), 'attempt')} by {ctx.as_of.isoformat()}, none passed"
                if by
                else f"; none by {ctx.as_of.isoformat()}"
            )
            if later:
                text += f" ({plural(later, 'attempt')} dated after {ctx.as_of.isoformat()})"
            others = len(exams) - len(named)
            if others and not failed_on:
                text += f"; not counted: {plural(others, 'record')} of another exam"
            return Finding(Status.UNMET, need + text, step=f"pass the {name}")
        missing = list(dict.fromkeys(missing))
        return Finding(Status.UNKNOWN, need, missing=tuple(missing))

    def describe(self, vocabulary: Vocabulary) -> str:
        exams = ", ".join(f"`{e}`" for e in self.exams)
        text = f"an `exams` record for {exams} with `passed` yes"
        if self.pass_score is not None:
            text += f" (or, when `passed` is not given, `score` ≥ {number(self.pass_score)})"
        if self.max_attempts is not None:
            text += (
                f", at most {self.max_attempts} attempts up to the pass (every attempt recorded "
                "counts)"
            )
        if self.within_years_of_training is not None:
            topics = ", ".join(f"`{t}`" for t in self.training_topics)
            text += (
                f", within {plural(self.within_years_of_training, 'year')} after a training "
                f"with topic {topics}"
            )
        return text


# --- work experience, supervision ------------------------------------------------------------


def _work_filters(
    rec: WorkExperience, peer_role: bool | None, supervised: bool | None, verified: bool | None
) -> dict[str, Tri]:
    return {
        "peer_role": _flag(rec.peer_role, peer_role),
        "supervised": _flag(rec.supervised, supervised),
        "verified": _flag(rec.verified, verified),
    }


_WORK_WHY = {
    "peer_role": "not a peer role",
    "supervised": "not supervised",
    "verified": "not verified",
}


def _work_noun(peer_role: bool | None, supervised: bool | None, verified: bool | None) -> str:
    words = [
        w
        for w, on in (("verified", verified), ("supervised", supervised), ("peer-role", peer_role))
        if on
    ]
    return " ".join([*words, "work hours"])


def _end(ctx: Context, rec: WorkExperience) -> dt.date | None:
    if rec.end is not None:
        return rec.end
    return ctx.today if rec.current else None


@attrs.frozen
class WorkHours:
    """At least ``hours`` of work (peer role, supervised, verified as asked) by the check date,
    and within ``within_years`` before it when set.

    A record counts in full only when its whole span lies in the period; one that straddles the
    start of the period or the check date may count, so it makes the answer UNKNOWN when it
    matters: split it at that date.
    """

    kind: ClassVar[str] = "work-hours"
    hours: float
    peer_role: bool | None = True
    supervised: bool | None = None
    verified: bool | None = None
    within_years: int | None = None

    def evaluate(self, ctx: Context) -> Finding:
        noun = _work_noun(self.peer_role, self.supervised, self.verified)
        need = f"{number(self.hours)} {noun} required{_window_text(ctx, self.within_years)}"
        records = ctx.applicant.work_experience
        if records is None:
            return _need("work_experience", f"{need}; no work experience given")
        start = None if self.within_years is None else add_years(ctx.as_of, -self.within_years)
        lo = hi = 0.0
        missing: list[str] = []
        splits: list[str] = []  # records that straddle a date the count turns on
        not_counted: list[str] = []
        for i, rec in enumerate(records):
            checks = _work_filters(rec, self.peer_role, self.supervised, self.verified)
            why = [_WORK_WHY[k] for k, v in checks.items() if v is False]
            end = _end(ctx, rec)
            where = f"work_experience[{i}]"
            if rec.start is not None and rec.start > ctx.as_of:
                checks["dates"] = False
                why.append(f"begun after {ctx.as_of.isoformat()}")
            elif start is not None and end is not None and end < start:
                checks["dates"] = False
                why.append(f"ended before {start.isoformat()}, outside the period")
            else:
                checks["dates"] = True
                if start is not None and rec.start is None:
                    checks["dates"] = None
                    missing.append(f"{where}.start")
                elif start is not None and rec.start is not None and rec.start < start:
                    checks["dates"] = None  # part of it may count: split it at the start
                    splits.append(f"split {where} at {start.isoformat()}, the start of the period")
                if end is None:
                    if not (ctx.as_of >= ctx.today and start is None):
                        checks["dates"] = None
                        missing.append(f"{where}.end")
                elif end > ctx.as_of:
                    checks["dates"] = None  # part of it may count: split it at the check date
                    splits.append(f"split {where} at {ctx.as_of.isoformat()}, the check date")
            counts = _all(*checks.values())
            if counts is True:
                lo += rec.hours or 0.0
            if counts is False and why:
                hours = "" if rec.hours is None else f" ({plural(rec.hours, 'hour')})"
                not_counted.append(f"{where}{hours}: {', '.join(why)}")
            if counts is not False:
                hi += INF if rec.hours is None else rec.hours
                if rec.hours is None:
                    missing.append(f"{where}.hours")
            if counts is None:
                missing += [f"{where}.{k}" for k, v in checks.items() if v is None and k != "dates"]
        status = _status(lo, hi, self.hours)
        text = f"{need}, {number(lo)} found" if lo else f"{need}, none by {ctx.as_of.isoformat()}"
        if lo < self.hours:
            text += f": {plural(self.hours - lo, 'more hour')} needed"
        if not_counted:
            text += "; not counted: " + "; ".join(not_counted)
        if status is Status.UNMET:
            return Finding(status, text, step=f"work {plural(self.hours - lo, 'more hour')}")
        if status is Status.UNKNOWN:
            if splits:
                text += "; part of a record may count: " + "; ".join(splits)
            return Finding(status, text, missing=tuple(missing), steps=tuple(splits))
        return Finding(status, text)

    def describe(self, vocabulary: Vocabulary) -> str:
        text = f"the `hours` of `work_experience` add up to ≥ {number(self.hours)}"
        filters = [
            f"`{k}` yes"
            for k, v in (
                ("peer_role", self.peer_role),
                ("supervised", self.supervised),
                ("verified", self.verified),
            )
            if v
        ]
        if filters:
            text += ", counting records with " + " and ".join(filters)
        if self.within_years is not None:
            text += f", whose dates lie in the {self.within_years} years before the check date"
        return text


@attrs.frozen
class WorkDuration:
    """At least ``months`` calendar months of work (any role unless ``peer_role``, any hours) in
    the ``within_years`` before the check date (at any time before it when not set),
    overlapping stretches counted once.

    A stretch counts its whole calendar months from its first day (2025-06-02 to 2026-06-01 is
    12 months; to 2026-05-31, 11 months and 30 days), and the months of separate stretches add
    up. The days left over in separate stretches make up the missing months when there are at
    least 31 per missing month, and cannot when there are under 28; in between it is UNKNOWN.
    """

    kind: ClassVar[str] = "work-duration"
    months: int
    within_years: int | None = None
    peer_role: bool | None = None

    def evaluate(self, ctx: Context) -> Finding:
        need = (
            f"{plural(self.months, 'calendar month')} of work required"
            f"{_window_text(ctx, self.within_years)}"
        )
        records = ctx.applicant.work_experience
        if records is None:
            return _need("work_experience", f"{need}; no work experience given")
        start = (
            dt.date.min if self.within_years is None else add_years(ctx.as_of, -self.within_years)
        )
        sure: list[tuple[dt.date, dt.date]] = []
        unsure = False
        missing: list[str] = []
        for i, rec in enumerate(records):
            role = _flag(rec.peer_role, self.peer_role)
            end = _end(ctx, rec)
            if role is False:
                continue
            if rec.start is None or end is None:
                unsure = True
                missing.append(f"work_experience[{i}].start/end")
                continue
            first, last = max(rec.start, start), min(end, ctx.as_of)
            if first > last:
                continue
            if role is None:
                unsure = True
                missing.append(f"work_experience[{i}].peer_role")
                continue
            sure.append((first, last))
        stretches: list[tuple[dt.date, dt.date]] = []
        for first, last in sorted(sure):  # merge overlapping and adjoining stretches
            if stretches and first <= stretches[-1][1] + dt.timedelta(days=1):
                stretches[-1] = (stretches[-1][0], max(stretches[-1][1], last))
            else:
                stretches.append((first, last))
        months = days = partial = 0
        for first, last in stretches:
            whole, rest = _whole_months(first, last)
            months, days, partial = months + whole, days + rest, partial + (rest > 0)
        short = self.months - months
        found = plural(months, "month") + (f" and {plural(days, 'day')}" if days else "")
        text = f"{need}, {found} found"
        if short <= 0 or days >= 31 * short:
            return Finding(Status.MET, text)
        text += f": short of {plural(self.months, 'month')}"
        if unsure:
            return Finding(Status.UNKNOWN, text, missing=tuple(missing))
        if partial >= 2 and days >= 28 * short:
            return Finding(
                Status.UNKNOWN,
                f"{text}; whether {plural(days, 'day')} in separate stretches make "
                f"{plural(short, 'month')} is not settled",
            )
        return Finding(
            Status.UNMET,
            text,
            step=f"work until {plural(self.months, 'calendar month')} are reached",
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        role = " in peer roles" if self.peer_role else ""
        window = (
            "before the check date"
            if self.within_years is None
            else f"in the {self.within_years} years before the check date"
        )
        return (
            f"the calendar months covered by `work_experience` `start` to `end`{role} {window} "
            f"add up to ≥ {self.months}"
        )


@attrs.frozen
class EmployedOn:
    """In a peer role (or any role) on a given day."""

    kind: ClassVar[str] = "employed-on"
    date: dt.date
    peer_role: bool | None = True

    def evaluate(self, ctx: Context) -> Finding:
        role = "in a peer role " if self.peer_role else ""
        need = f"employed {role}on {self.date.isoformat()} required"
        if ctx.as_of < self.date:
            return Finding(Status.UNMET, f"{need}; that day is after the check date")
        records = ctx.applicant.work_experience
        if records is None:
            return _need("work_experience", f"{need}; no work experience given")
        found: list[Tri] = []
        missing: list[str] = []
        for i, rec in enumerate(records):
            end = _end(ctx, rec)
            began = None if rec.start is None else rec.start <= self.date
            lasted = None if end is None else end >= self.date
            in_role = _flag(rec.peer_role, self.peer_role)
            found.append(_all(in_role, began, lasted))
            if found[-1] is None:
                missing += [
                    f"work_experience[{i}].{k}"
                    for k, v in (("start", began), ("end", lasted), ("peer_role", in_role))
                    if v is None
                ]
        result = _any(found)
        if result is True:
            return Finding(Status.MET, f"{need}; found")
        if result is False:
            return Finding(Status.UNMET, f"{need}; not found")
        return Finding(Status.UNKNOWN, need, missing=tuple(missing))

    def describe(self, vocabulary: Vocabulary) -> str:
        role = " with `peer_role` yes" if self.peer_role else ""
        return f"a `work_experience` record{role} spanning {self.date.isoformat()}"


@attrs.frozen
class SupervisionHours:
    """At least ``hours`` of supervision received."""

    kind: ClassVar[str] = "supervision-hours"
    hours: float

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.supervision_hours
        need = f"{plural(self.hours, 'hour')} of supervision required"
        if given is None:
            return _need("supervision_hours", f"{need}; not given")
        text = f"{need}, {number(given)} found"
        if given < self.hours:
            more = plural(self.hours - given, "more hour")
            return Finding(
                Status.UNMET,
                f"{text}: {more} needed",
                step=f"receive {more} of supervision",
            )
        if ctx.as_of < ctx.recorded_on:
            return _need(
                "recorded_on",
                f"{text} by {ctx.recorded_on.isoformat()}; not known how many by "
                f"{ctx.as_of.isoformat()}",
            )
        return Finding(Status.MET, text)

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"`supervision_hours` ≥ {number(self.hours)}"


# --- certifications held, letters ------------------------------------------------------------


@attrs.frozen
class CertificationHeld:
    """A peer certification held on the check date.

    ``credentials`` names the credentials that count (any peer certification when None);
    ``other_than`` excludes one issuing state; ``state_issued`` asks for a state's credential,
    ``jurisdiction`` for one issued by that state; ``current`` for one not expired;
    ``no_discipline`` for one with no discipline pending.
    """

    kind: ClassVar[str] = "certification-held"
    credentials: tuple[str, ...] | None = None
    other_than: str | None = None
    state_issued: bool = False
    jurisdiction: str | None = None
    current: bool = True
    no_discipline: bool = False

    def verdict(self, ctx: Context, c: Certification, index: int) -> dict[str, Tri]:
        """Each condition on the certification record at ``index``, three-valued."""
        checks: dict[str, Tri] = {"issued_on": ctx.happened(c.issued_on)}
        if self.credentials is not None:
            checks["credential"] = ctx.named(
                "credentials", c.credential, self.credentials, f"certifications[{index}].credential"
            )
        if self.other_than is not None:
            checks["jurisdiction"] = (
                None if c.jurisdiction is None else c.jurisdiction != self.other_than
            )
        if self.state_issued:
            checks["jurisdiction"] = None if c.jurisdiction is None else True
        if self.jurisdiction is not None:
            checks["jurisdiction"] = (
                None if c.jurisdiction is None else c.jurisdiction == self.jurisdiction.upper()
            )
        if self.current:
            checks["expires_on"] = None if c.expires_on is None else c.expires_on >= ctx.as_of
        if self.no_discipline:
            pending = c.discipline_pending
            checks["discipline_pending"] = None if pending is None else not pending
        return checks

    def _why(self, ctx: Context, c: Certification, checks: Mapping[str, Tri]) -> list[str]:
        """Why a certification record does not count, one phrase per failed condition."""
        words = {
            "issued_on": f"issued after {ctx.as_of.isoformat()}",
            "credential": "another credential",
            "jurisdiction": f"issued by {c.jurisdiction}",
            "expires_on": f"expired {c.expires_on.isoformat() if c.expires_on else ''}",
            "discipline_pending": "discipline pending",
        }
        return [words[k] for k, v in checks.items() if v is False]

    def _what(self, ctx: Context) -> str:
        if self.credentials is not None:
            what = ctx.vocabulary.names("credentials", self.credentials) + " certification"
        elif self.other_than is not None:
            what = f"peer certification from a state other than {self.other_than}"
        elif self.jurisdiction is not None:
            what = f"{self.jurisdiction.upper()} state peer certification"
        else:
            what = "state peer certification" if self.state_issued else "peer certification"
        if self.current:
            what = "current " + what
        if self.no_discipline:
            what += " with no discipline pending"
        return what

    def evaluate(self, ctx: Context) -> Finding:
        need = f"a {self._what(ctx)} required"
        held = ctx.applicant.certifications
        if held is None:
            return _need("certifications", f"{need}; no certifications given")
        found: list[Tri] = []
        missing: list[str] = []
        why: list[str] = []
        for i, c in enumerate(held):
            checks = self.verdict(ctx, c, i)
            found.append(_all(*checks.values()))
            if found[-1] is None:
                missing += [f"certifications[{i}].{k}" for k, v in checks.items() if v is None]
            if found[-1] is False:
                why.append(f"certifications[{i}]: " + ", ".join(self._why(ctx, c, checks)))
        result = _any(found)
        if result is True:
            return Finding(Status.MET, f"{need}; held")
        if result is False:
            text = f"{need}; none held on {ctx.as_of.isoformat()}"
            text += f"; not counted: {'; '.join(why)}" if why else ""
            return Finding(Status.UNMET, text, step=f"hold a {self._what(ctx)}")
        return Finding(Status.UNKNOWN, need, missing=tuple(missing))

    def describe(self, vocabulary: Vocabulary) -> str:
        parts = ["a `certifications` record"]
        if self.credentials is not None:
            parts.append("for " + ", ".join(f"`{c}`" for c in self.credentials))
        if self.other_than is not None:
            parts.append(f"with `jurisdiction` other than `{self.other_than}`")
        if self.state_issued:
            parts.append("with a `jurisdiction`")
        if self.jurisdiction is not None:
            parts.append(f"with `jurisdiction` `{self.jurisdiction.upper()}`")
        if self.current:
            parts.append("with `expires_on` on or after the check date")
        if self.no_discipline:
            parts.append("with `discipline_pending` no")
        return " ".join(parts)


@attrs.frozen
class RenewalWindow:
    """The check date no earlier than ``days`` before the held certification expires, and no
    later than the day it expires."""

    kind: ClassVar[str] = "renewal-window"
    days: int
    credentials: tuple[str, ...]
    unsettled_days: int | None = None

    def evaluate(self, ctx: Context) -> Finding:
        name = ctx.vocabulary.names("credentials", self.credentials)
        need = f"renewal opens {self.days} days before the {name} certification expires"
        held = ctx.applicant.certifications
        if held is None:
            return _need("certifications", f"{need}; no certifications given")
        named = [
            (
                i,
                c,
                ctx.named(
                    "credentials", c.credential, self.credentials, f"certifications[{i}].credential"
                ),
            )
            for i, c in enumerate(held)
        ]
        expiries = [c.expires_on for _, c, m in named if m is True]
        if not expiries:
            unsure = [i for i, _, m in named if m is None]
            if not unsure:
                return Finding(Status.UNMET, f"{need}; no such certification held")
            return Finding(
                Status.UNKNOWN,
                f"{need}; not known whether a certification held is one",
                missing=tuple(
                    f"certifications[{i}].credential" for i in unsure if not held[i].credential
                ),
            )
        if any(e is None for e in expiries):
            return _need("certifications[].expires_on", f"{need}; expiry date not given")
        expiry = max(e for e in expiries if e is not None)
        opens = expiry - dt.timedelta(days=self.days)
        if ctx.as_of > expiry:
            return Finding(
                Status.UNMET,
                f"{need} and closes when it expires; it expired {expiry.isoformat()}",
                step="an expired certification cannot be renewed: apply for certification anew",
            )
        text = (
            f"{need} and closes when it expires; it expires {expiry.isoformat()}, so renewal "
            f"opens {opens.isoformat()}"
        )
        if ctx.as_of >= opens:
            return Finding(Status.MET, text)
        if self.unsettled_days is not None:
            earliest = expiry - dt.timedelta(days=self.unsettled_days)
            if ctx.as_of >= earliest:
                return Finding(
                    Status.UNKNOWN,
                    f"{text}; the sources disagree whether it opens {self.days} or "
                    f"{self.unsettled_days} days before, so from {earliest.isoformat()} it is "
                    "not settled",
                    steps=(f"apply on or after {opens.isoformat()} to be inside both",),
                    explained=True,
                )
        return Finding(Status.UNMET, text, step=f"apply on or after {opens.isoformat()}")

    def describe(self, vocabulary: Vocabulary) -> str:
        text = (
            f"the check date is from the certification's `expires_on` minus {self.days} days "
            "through `expires_on`"
        )
        if self.unsettled_days is not None:
            text += f" (from {self.unsettled_days} days before: not settled, UNKNOWN)"
        return text


@attrs.frozen
class Letters:
    """Letters of recommendation: at least ``count``, with one of each of ``kinds``, those of
    the ``letterhead`` kinds on agency letterhead."""

    kind: ClassVar[str] = "letters"
    count: int
    kinds: tuple[LetterKind, ...] = ()
    letterhead: tuple[LetterKind, ...] = ()

    def evaluate(self, ctx: Context) -> Finding:
        kinds = f" ({', '.join(k.value for k in self.kinds)})" if self.kinds else ""
        need = f"{self.count} letters of recommendation{kinds} required"
        letters = ctx.applicant.recommendation_letters
        if letters is None:
            return _need("recommendation_letters", f"{need}; none given")
        had = [ctx.happened(x.date) for x in letters]
        lo, hi = sum(h is True for h in had), sum(h is not False for h in had)
        statuses = [_status(lo, hi, self.count)]
        lacking: list[str] = []
        missing: list[str] = []
        for kind in self.kinds:
            found = _any(
                _all(
                    h,
                    None if x.kind is None else x.kind is kind,
                    x.on_letterhead if kind in self.letterhead else True,
                )
                for x, h in zip(letters, had, strict=True)
            )
            statuses.append({True: Status.MET, False: Status.UNMET, None: Status.UNKNOWN}[found])
            if found is not True:
                lacking.append(kind.value + (" on letterhead" if kind in self.letterhead else ""))
            if found is None:
                missing.append(f"recommendation_letters[].kind/on_letterhead/date ({kind.value})")
        text = f"{need}, {lo} found" + (f": lacking {', '.join(lacking)}" if lacking else "")
        later = [f"recommendation_letters[{i}]" for i, h in enumerate(had) if h is False]
        if later:
            text += f"; not counted: {', '.join(later)}: dated after {ctx.as_of.isoformat()}"
        if Status.UNMET in statuses:
            wanted = ", ".join(lacking) or f"{self.count - lo} more"
            return Finding(Status.UNMET, text, step=f"obtain letters: {wanted}")
        if Status.UNKNOWN in statuses:
            return Finding(
                Status.UNKNOWN,
                text,
                missing=tuple(missing or ["recommendation_letters[].date"]),
            )
        return Finding(Status.MET, text)

    def describe(self, vocabulary: Vocabulary) -> str:
        text = f"≥ {self.count} `recommendation_letters` dated by the check date"
        if self.kinds:
            text += ", with `kind` " + ", ".join(f"`{k.value}`" for k in self.kinds)
        if self.letterhead:
            text += "; " + ", ".join(k.value for k in self.letterhead) + " on letterhead"
        return text


@attrs.frozen
class StateCredentialWhereApplies:
    """A current peer credential of the applicant's state, where that state has one.

    The state is ``work_jurisdiction``, else ``residence_jurisdiction``; only a certification
    issued by that state counts. The states known to have a credential are those of the state
    credentials this package ships; in another state the answer is UNKNOWN unless a current
    certification of that state is held.
    """

    kind: ClassVar[str] = "state-credential-where-applies"

    def evaluate(self, ctx: Context) -> Finding:
        need = "a current state credential where one applies required"
        state = ctx.applicant.work_jurisdiction or ctx.applicant.residence_jurisdiction
        if state is None:
            return _need("work_jurisdiction", f"{need}; the state of work not given")
        held = CertificationHeld(jurisdiction=state).evaluate(ctx)
        if held.status is Status.MET:
            return Finding(Status.MET, f"{need}; a current {state} certification held")
        if state not in ctx.states_with_credential:
            return Finding(
                Status.UNKNOWN,
                f"{need}; whether {state} has a state peer credential is not known to this package",
                missing=("certifications",),
                explained=True,
            )
        if held.status is Status.UNKNOWN:
            return Finding(
                Status.UNKNOWN,
                f"{need}; {state} has one",
                missing=held.missing,
            )
        return Finding(
            Status.UNMET,
            f"{need}; {state} has one and no current {state} certification is held",
            step=f"earn the {state} peer credential",
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return (
            "a current `certifications` record whose `jurisdiction` is `work_jurisdiction` "
            "(else `residence_jurisdiction`), when that is a state whose credential this package "
            "ships"
        )


@attrs.frozen
class NotChecked:
    """A requirement no applicant record can show (a photo ID, a board's approval, a criminal
    background review …): it is never MET or UNMET here but NOT_CHECKED, for a person to confirm
    by hand, and every result it could change names it."""

    kind: ClassVar[str] = "not-checked"

    def evaluate(self, ctx: Context) -> Finding:
        return Finding(
            Status.NOT_CHECKED, "not checked: no applicant field records this; confirm it by hand"
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return "not checked: no applicant field records this, so a person confirms it by hand"


PREDICATES: Mapping[str, type[Any]] = {
    p.kind: p
    for p in (
        MinAge,
        HighSchool,
        LivedExperienceOf,
        Flag,
        CodeOfEthics,
        YearsInRecovery,
        LivesOrWorksIn,
        ApplyBy,
        Hours,
        FaceToFace,
        TrainingCompleted,
        ExamPassed,
        WorkHours,
        WorkDuration,
        EmployedOn,
        SupervisionHours,
        CertificationHeld,
        RenewalWindow,
        Letters,
        StateCredentialWhereApplies,
        NotChecked,
    )
}
"""Every predicate class by the ``kind`` the credential files use."""
