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
import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal, Protocol

import attrs

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
    "Vocabulary",
    "add_years",
    "number",
]

Tri = bool | None
"""Three-valued truth: True, False, or None (not known)."""

INF = math.inf


class Status(str, enum.Enum):
    """Whether one requirement is met by the applicant's record."""

    MET = "MET"
    UNMET = "UNMET"
    UNKNOWN = "UNKNOWN"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Finding:
    """What a predicate found: status, the reason in numbers, fields to supply, step to take."""

    status: Status
    reason: str
    missing: tuple[str, ...] = ()
    step: str | None = None


@attrs.frozen
class Name:
    """A thing records name (a topic, an exam, a credential): its display name and aliases."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@attrs.frozen
class Vocabulary:
    """The names applicant records use for topics, exams and credentials, with their aliases.

    A record's name matches a key when, lower-cased and with everything but letters and digits
    removed, it equals the key, the display name or an alias.
    """

    topics: Mapping[str, Name]
    exams: Mapping[str, Name]
    credentials: Mapping[str, Name]
    _index: Mapping[str, Mapping[str, frozenset[str]]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        index = {}
        for group in ("topics", "exams", "credentials"):
            table: dict[str, set[str]] = {}
            for name in getattr(self, group).values():
                for alias in (name.key, name.name, *name.aliases):
                    table.setdefault(_norm(alias), set()).add(name.key)
            index[group] = {alias: frozenset(keys) for alias, keys in table.items()}
        object.__setattr__(self, "_index", index)

    def keys(self, group: Literal["topics", "exams", "credentials"], text: str) -> frozenset[str]:
        """The keys ``text`` names in ``group`` ("Law and Ethics" names both ``ethics`` and
        ``law-and-ethics``); empty when it names none we know."""
        return self._index[group].get(_norm(text), frozenset())

    def matches(
        self,
        group: Literal["topics", "exams", "credentials"],
        text: str | None,
        keys: Iterable[str],
    ) -> Tri:
        """Whether ``text`` names one of ``keys``; None when ``text`` is not given."""
        if text is None:
            return None
        return not self.keys(group, text).isdisjoint(keys)

    def names(self, group: Literal["topics", "exams", "credentials"], keys: Iterable[str]) -> str:
        """The display names of ``keys`` joined with "or"."""
        table: Mapping[str, Name] = getattr(self, group)
        return " or ".join(table[k].name for k in keys)


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


def add_years(date: dt.date, years: int) -> dt.date:
    """``date`` moved by whole years; 29 February becomes 28 February in other years."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


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
    return f" in the {number(years)} years to {ctx.as_of.isoformat()}"


def _unknown_tail(missing: Sequence[str]) -> str:
    shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
    return f"; not known whether some records count (supply {shown})" if missing else ""


def _need(field: str, finding_reason: str) -> Finding:
    return Finding(Status.UNKNOWN, finding_reason, missing=(field,))


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
        need = f"at least {self.years} years of age required"
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
    """The code of ethics signed, on or before the check date."""

    kind: ClassVar[str] = "code-of-ethics"

    def evaluate(self, ctx: Context) -> Finding:
        signed = ctx.applicant.code_of_ethics_signed
        if signed is None:
            return Finding(
                Status.UNKNOWN,
                "a signed code of ethics required; no signing date given",
                missing=("code_of_ethics_signed",),
                step="sign the code of ethics",
            )
        if signed <= ctx.as_of:
            return Finding(Status.MET, "a signed code of ethics required; signed")
        return Finding(
            Status.UNMET,
            f"a signed code of ethics required; not yet signed on {ctx.as_of.isoformat()}",
            step="sign the code of ethics",
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return "`code_of_ethics_signed` is a date on or before the check date"


@attrs.frozen
class YearsInRecovery:
    """At least ``years`` in recovery on the check date."""

    kind: ClassVar[str] = "years-in-recovery"
    years: float

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.years_in_recovery
        need = f"at least {number(self.years)} years in recovery required"
        if given is None:
            return _need("years_in_recovery", f"{need}; not given")
        then = given - (ctx.recorded_on - ctx.as_of).days / 365.25
        text = f"{need}; {number(max(then, 0))} on {ctx.as_of.isoformat()}"
        if then >= self.years:
            return Finding(Status.MET, text)
        return Finding(Status.UNMET, text, step="wait until the recovery time is reached")

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"`years_in_recovery` on the check date ≥ {number(self.years)}"


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
        return Finding(Status.UNKNOWN, f"{need}; not known", missing=missing)

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
    "trainings": ("training hours", "complete"),
    "continuing_education": ("continuing-education hours", "earn"),
    "college_credits": ("college credit hours", "earn"),
}


@attrs.frozen
class Part:
    """A minimum inside an hours requirement: hours on one topic, or peer-specific hours."""

    hours: float
    topic: str | None = None
    peer_specific: bool = False
    label: str | None = None

    def matches(self, record: HourRecord, vocabulary: Vocabulary) -> Tri:
        if self.peer_specific:
            return getattr(record, "peer_specific", None)
        return vocabulary.matches("topics", getattr(record, "topic", None), [self.topic or ""])

    def name(self, vocabulary: Vocabulary) -> str:
        if self.label:
            return self.label
        if self.peer_specific:
            return "peer-specific topics"
        return vocabulary.topics[self.topic or ""].name


@attrs.frozen
class _Counted:
    index: int
    counts: Tri
    hours: float | None
    record: HourRecord
    missing: tuple[str, ...]


@attrs.frozen
class Hours:
    """At least ``total`` hours in a list of records (trainings, continuing education, college
    credits), with per-topic minimums (``parts``).

    Only records on one of ``topics`` count (any topic when None); ``approved_only`` counts only
    trainings from approved providers; ``within_years`` only records dated in that many years
    before the check date, ``previous_calendar_year`` only those of the calendar year before it;
    ``after`` (another hours requirement, by reference) only trainings dated after the day that
    requirement was completed.
    """

    kind: ClassVar[str] = "hours"
    records: Literal["trainings", "continuing_education", "college_credits"]
    total: float
    topics: tuple[str, ...] | None = None
    parts: tuple[Part, ...] = ()
    approved_only: bool = False
    within_years: int | None = None
    previous_calendar_year: bool = False
    after: str | None = None
    after_rule: Hours | None = attrs.field(default=None, eq=False, repr=False)

    def _window(self, ctx: Context) -> tuple[dt.date, dt.date] | None:
        if self.previous_calendar_year:
            year = ctx.as_of.year - 1
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if self.within_years is not None:
            return add_years(ctx.as_of, -self.within_years), ctx.as_of
        return None

    def counted(self, ctx: Context) -> list[_Counted] | None:
        """Each record with whether it counts (three-valued), or None when no list is given."""
        records: tuple[HourRecord, ...] | None = getattr(ctx.applicant, self.records)
        if records is None:
            return None
        window = self._window(ctx)
        after = self.after_rule.completed(ctx) if self.after_rule else None
        found = []
        for i, rec in enumerate(records):
            checks: dict[str, Tri] = {"date": ctx.happened(rec.date)}
            if window is not None:
                inside = None if rec.date is None else window[0] <= rec.date <= window[1]
                checks["date"] = _all(checks["date"], inside)
            if self.approved_only:
                checks["approved"] = getattr(rec, "approved", None)
            if self.topics is not None:
                checks["topic"] = ctx.vocabulary.matches(
                    "topics", getattr(rec, "topic", None), self.topics
                )
            if after is not None:
                earliest, latest = after
                if rec.date is None or earliest is None:
                    checks["date"] = _all(checks["date"], None)
                elif rec.date <= earliest:
                    checks["date"] = False
                elif latest is None or rec.date <= latest:
                    checks["date"] = _all(checks["date"], None)
            counts = _all(*checks.values())
            missing: list[str] = []
            if counts is None:
                missing = [f"{self.records}[{i}].{k}" for k, v in checks.items() if v is None]
            if counts is not False and rec.hours is None:
                missing.append(f"{self.records}[{i}].hours")
            found.append(_Counted(i, counts, rec.hours, rec, tuple(missing)))
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
        window = _window_text(ctx, self.within_years, self.previous_calendar_year)
        need = f"{number(self.total)} {noun} required{window}"
        counted = self.counted(ctx)
        if counted is None:
            return _need(self.records, f"{need}; no {self.records.replace('_', ' ')} given")
        lo = sum(c.hours or 0.0 for c in counted if c.counts is True)
        hi = sum(INF if c.hours is None else c.hours for c in counted if c.counts is not False)
        statuses = [_status(lo, hi, self.total)]
        short: list[tuple[str, float]] = []
        for part in self.parts:
            p_lo = p_hi = 0.0
            for c in counted:
                m = _all(c.counts, part.matches(c.record, ctx.vocabulary))
                if m is True:
                    p_lo += c.hours or 0.0
                if m is not False:
                    p_hi += INF if c.hours is None else c.hours
            statuses.append(_status(p_lo, p_hi, part.hours))
            if p_lo < part.hours:
                short.append((part.name(ctx.vocabulary), part.hours - p_lo))
        rest = (self.total - lo) - sum(s for _, s in short)
        pieces = [f"{number(s)} more needed in {name}" for name, s in short]
        if rest > 0:
            pieces.append(f"{number(rest)} more needed" + (" in any topic" if short else ""))
        found = f"{number(lo)} found"
        if hi > lo:  # records whose topic, date or approval is not given may still count
            found += " (and some of unknown hours" if hi == INF else f" (and {number(hi - lo)}"
            found += " that may count once the missing facts are given)"
        text = f"{need}, {found}" + (": " + ", ".join(pieces) if pieces else "")
        if Status.UNMET in statuses:
            step = f"{verb} " + ", ".join(p.replace("needed", noun) for p in pieces)
            return Finding(Status.UNMET, text, step=step)
        if Status.UNKNOWN in statuses:
            missing = tuple(m for c in counted for m in c.missing)
            return Finding(Status.UNKNOWN, text + _unknown_tail(missing), missing=missing)
        return Finding(Status.MET, text)

    def describe(self, vocabulary: Vocabulary) -> str:
        noun = _NOUNS[self.records][0]
        text = f"the `hours` of `{self.records}` add up to ≥ {number(self.total)}"
        if self.topics is not None:
            text += " counting topics " + ", ".join(f"`{t}`" for t in self.topics)
        if self.approved_only:
            text += ", approved providers only"
        if self.within_years is not None:
            text += f", dated in the {self.within_years} years before the check date"
        if self.previous_calendar_year:
            text += ", dated in the calendar year before the check date"
        if self.after is not None:
            text += f", dated after `{self.after}` was completed"
        for part in self.parts:
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
            return Finding(Status.UNKNOWN, need + _unknown_tail(missing), missing=tuple(missing))
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
        for i, t in enumerate(trainings):
            topic = ctx.vocabulary.matches("topics", t.topic, self.topics)
            done = ctx.happened(t.date)
            found.append(_all(topic, done))
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
            return Finding(Status.UNMET, f"{need}; not found", step=f"complete the {names}")
        return Finding(Status.UNKNOWN, need + _unknown_tail(missing), missing=tuple(missing))

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
                ctx.vocabulary.matches("topics", t.topic, self.training_topics),
                None
                if t.date is None
                else t.date <= date <= add_years(t.date, self.within_years_of_training),
            )
            for t in trainings
        )

    def _attempts_ok(self, ctx: Context, date: dt.date | None) -> Tri:
        if self.max_attempts is None:
            return True
        exams = ctx.applicant.exams or ()
        if date is None:
            return None
        sure = maybe = 0
        for e in exams:
            named = ctx.vocabulary.matches("exams", e.exam, self.exams)
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
            )
        verdicts: list[Tri] = []
        missing: list[str] = []
        failed_on = ""
        for i, e in enumerate(exams):
            checks = {
                "exam": ctx.vocabulary.matches("exams", e.exam, self.exams),
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
                    failed_on = (
                        f"; passed more than {self.within_years_of_training} year(s) after "
                        "the training"
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
            tried = sum(ctx.vocabulary.matches("exams", e.exam, self.exams) is True for e in exams)
            text = failed_on or (
                f"; {tried} attempt(s), none passed" if tried else "; no attempt recorded"
            )
            return Finding(Status.UNMET, need + text, step=f"pass the {name}")
        missing = list(dict.fromkeys(missing))
        return Finding(Status.UNKNOWN, need + _unknown_tail(missing), missing=tuple(missing))

    def describe(self, vocabulary: Vocabulary) -> str:
        exams = ", ".join(f"`{e}`" for e in self.exams)
        text = f"an `exams` record for {exams} with `passed` yes"
        if self.pass_score is not None:
            text += f" (or, when `passed` is not given, `score` ≥ {number(self.pass_score)})"
        if self.max_attempts is not None:
            text += f", at most {self.max_attempts} attempts up to the pass"
        if self.within_years_of_training is not None:
            topics = ", ".join(f"`{t}`" for t in self.training_topics)
            text += (
                f", within {self.within_years_of_training} year(s) after a training with topic "
                f"{topics}"
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
        for i, rec in enumerate(records):
            checks = _work_filters(rec, self.peer_role, self.supervised, self.verified)
            end = _end(ctx, rec)
            if (rec.start is not None and rec.start > ctx.as_of) or (
                start is not None and end is not None and end < start
            ):
                checks["dates"] = False
            elif end is not None and end <= ctx.as_of:
                # a record begun before the period straddles its start: part may count
                straddles = start is not None and (rec.start is None or rec.start < start)
                checks["dates"] = None if straddles else True
            elif end is None and ctx.as_of >= ctx.today and start is None:
                checks["dates"] = True
            else:
                checks["dates"] = None
            counts = _all(*checks.values())
            if counts is True:
                lo += rec.hours or 0.0
            if counts is not False:
                hi += INF if rec.hours is None else rec.hours
                if rec.hours is None:
                    missing.append(f"work_experience[{i}].hours")
            if counts is None:
                missing += [
                    f"work_experience[{i}].{'start/end' if k == 'dates' else k}"
                    for k, v in checks.items()
                    if v is None
                ]
        status = _status(lo, hi, self.hours)
        text = f"{need}, {number(lo)} found"
        if lo < self.hours:
            text += f": {number(self.hours - lo)} more needed"
        if status is Status.UNMET:
            return Finding(status, text, step=f"work {number(self.hours - lo)} more {noun}")
        if status is Status.UNKNOWN:
            return Finding(status, text + _unknown_tail(missing), missing=tuple(missing))
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
    """At least ``days`` of work (any role unless ``peer_role``) in the ``within_years`` before
    the check date, overlapping stretches counted once."""

    kind: ClassVar[str] = "work-duration"
    days: int
    within_years: int
    peer_role: bool | None = None
    label: str | None = None

    def evaluate(self, ctx: Context) -> Finding:
        span = self.label or f"{self.days} days"
        need = f"{span} of work required{_window_text(ctx, self.within_years)}"
        records = ctx.applicant.work_experience
        if records is None:
            return _need("work_experience", f"{need}; no work experience given")
        start = add_years(ctx.as_of, -self.within_years)
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
        days = 0
        reach: dt.date | None = None
        for first, last in sorted(sure):
            if reach is not None and first <= reach:
                first = reach + dt.timedelta(days=1)
            if first <= last:
                days += (last - first).days + 1
            reach = last if reach is None else max(reach, last)
        text = f"{need}, {days} days found"
        if days >= self.days:
            return Finding(Status.MET, text)
        text += f": {self.days - days} more days needed"
        if unsure:
            return Finding(Status.UNKNOWN, text + _unknown_tail(missing), missing=tuple(missing))
        return Finding(Status.UNMET, text, step=f"work {self.days - days} more days")

    def describe(self, vocabulary: Vocabulary) -> str:
        role = " in peer roles" if self.peer_role else ""
        return (
            f"the days covered by `work_experience` `start` to `end`{role} in the "
            f"{self.within_years} years before the check date add up to ≥ {self.days}"
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
            found.append(_all(_flag(rec.peer_role, self.peer_role), began, lasted))
            if found[-1] is None:
                missing.append(f"work_experience[{i}].start/end/peer_role")
        result = _any(found)
        if result is True:
            return Finding(Status.MET, f"{need}; found")
        if result is False:
            return Finding(Status.UNMET, f"{need}; not found")
        return Finding(Status.UNKNOWN, need + _unknown_tail(missing), missing=tuple(missing))

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
        need = f"{number(self.hours)} hours of supervision required"
        if given is None:
            return _need("supervision_hours", f"{need}; not given")
        text = f"{need}, {number(given)} found"
        if given < self.hours:
            return Finding(
                Status.UNMET,
                f"{text}: {number(self.hours - given)} more needed",
                step=f"receive {number(self.hours - given)} more hours of supervision",
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
    ``other_than`` excludes one issuing state; ``state_issued`` asks for a state's credential;
    ``current`` for one not expired; ``no_discipline`` for one with no discipline pending.
    """

    kind: ClassVar[str] = "certification-held"
    credentials: tuple[str, ...] | None = None
    other_than: str | None = None
    state_issued: bool = False
    current: bool = True
    no_discipline: bool = False

    def verdict(self, ctx: Context, c: Certification) -> dict[str, Tri]:
        """Each condition on one certification record, three-valued."""
        checks: dict[str, Tri] = {"issued_on": ctx.happened(c.issued_on)}
        if self.credentials is not None:
            checks["credential"] = ctx.vocabulary.matches(
                "credentials", c.credential, self.credentials
            )
        if self.other_than is not None:
            checks["jurisdiction"] = (
                None if c.jurisdiction is None else c.jurisdiction != self.other_than
            )
        if self.state_issued:
            checks["jurisdiction"] = None if c.jurisdiction is None else True
        if self.current:
            checks["expires_on"] = None if c.expires_on is None else c.expires_on >= ctx.as_of
        if self.no_discipline:
            pending = c.discipline_pending
            checks["discipline_pending"] = None if pending is None else not pending
        return checks

    def _what(self, ctx: Context) -> str:
        if self.credentials is not None:
            what = ctx.vocabulary.names("credentials", self.credentials) + " certification"
        elif self.other_than is not None:
            what = f"peer certification from a state other than {self.other_than}"
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
        for i, c in enumerate(held):
            checks = self.verdict(ctx, c)
            found.append(_all(*checks.values()))
            if found[-1] is None:
                missing += [f"certifications[{i}].{k}" for k, v in checks.items() if v is None]
        result = _any(found)
        if result is True:
            return Finding(Status.MET, f"{need}; held")
        if result is False:
            return Finding(Status.UNMET, f"{need}; none held", step=f"hold a {self._what(ctx)}")
        return Finding(Status.UNKNOWN, need + _unknown_tail(missing), missing=tuple(missing))

    def describe(self, vocabulary: Vocabulary) -> str:
        parts = ["a `certifications` record"]
        if self.credentials is not None:
            parts.append("for " + ", ".join(f"`{c}`" for c in self.credentials))
        if self.other_than is not None:
            parts.append(f"with `jurisdiction` other than `{self.other_than}`")
        if self.state_issued:
            parts.append("with a `jurisdiction`")
        if self.current:
            parts.append("with `expires_on` on or after the check date")
        if self.no_discipline:
            parts.append("with `discipline_pending` no")
        return " ".join(parts)


@attrs.frozen
class RenewalWindow:
    """The check date no earlier than ``days`` before the held certification expires."""

    kind: ClassVar[str] = "renewal-window"
    days: int
    credentials: tuple[str, ...]

    def evaluate(self, ctx: Context) -> Finding:
        name = ctx.vocabulary.names("credentials", self.credentials)
        need = f"renewal opens {self.days} days before the {name} certification expires"
        held = ctx.applicant.certifications
        if held is None:
            return _need("certifications", f"{need}; no certifications given")
        expiries = [
            c.expires_on
            for c in held
            if ctx.vocabulary.matches("credentials", c.credential, self.credentials)
        ]
        if not expiries:
            return Finding(Status.UNMET, f"{need}; no such certification held")
        if any(e is None for e in expiries):
            return _need("certifications[].expires_on", f"{need}; expiry date not given")
        expiry = max(e for e in expiries if e is not None)
        opens = expiry - dt.timedelta(days=self.days)
        text = f"{need}; it expires {expiry.isoformat()}, so renewal opens {opens.isoformat()}"
        if ctx.as_of >= opens:
            return Finding(Status.MET, text)
        return Finding(Status.UNMET, text, step=f"apply on or after {opens.isoformat()}")

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"the check date ≥ the certification's `expires_on` minus {self.days} days"


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
        if Status.UNMET in statuses:
            wanted = ", ".join(lacking) or f"{self.count - lo} more"
            return Finding(Status.UNMET, text, step=f"obtain letters: {wanted}")
        if Status.UNKNOWN in statuses:
            return Finding(
                Status.UNKNOWN,
                text + _unknown_tail(missing or ["recommendation_letters[].date"]),
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
    """A current state peer credential, where the state of work has one.

    The states known to have one are those of the state credentials this package ships; in
    another state the answer is UNKNOWN unless a current state credential is held.
    """

    kind: ClassVar[str] = "state-credential-where-applies"

    def evaluate(self, ctx: Context) -> Finding:
        held = CertificationHeld(state_issued=True).evaluate(ctx)
        need = "a current state credential where one applies required"
        if held.status is Status.MET:
            return Finding(Status.MET, f"{need}; held")
        state = ctx.applicant.work_jurisdiction or ctx.applicant.residence_jurisdiction
        if state is None:
            return _need("work_jurisdiction", f"{need}; the state of work not given")
        if state not in ctx.states_with_credential:
            return Finding(
                Status.UNKNOWN,
                f"{need}; whether {state} has a state peer credential is not known to this package",
                missing=("certifications",),
            )
        if held.status is Status.UNKNOWN:
            return Finding(Status.UNKNOWN, f"{need}; {state} has one", missing=held.missing)
        return Finding(
            Status.UNMET,
            f"{need}; {state} has one and none is held",
            step=f"earn the {state} peer credential",
        )

    def describe(self, vocabulary: Vocabulary) -> str:
        return (
            "a current `certifications` record with a `jurisdiction`, when `work_jurisdiction` "
            "(else `residence_jurisdiction`) is a state whose credential this package ships"
        )


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
    )
}
"""Every predicate class by the ``kind`` the credential files use."""
