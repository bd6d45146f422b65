"""Hours of training, continuing education and college credit, and trainings completed."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import ClassVar, Literal, NamedTuple

import attrs

from .._applicant import CollegeCredits, ContinuingEducation, Training
from ._calendar import add_years
from ._logic import INF, Status, Tri, all_of, any_of, combined
from ._outline import (
    Context,
    Finding,
    OneRecordRule,
    Tally,
    missing_fact,
    not_counted,
    number,
    once,
    plural,
    settle,
    tally,
    window_text,
)
from ._vocabulary import Vocabulary
from .credentials import CertificationPeriod

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


def _not_counted(records: str, counted: Sequence[_Counted]) -> str:
    """The records given that do not count, each with its hours and why: "; not counted:
    trainings[1] (10 hours): on another topic" (the first five)."""
    return not_counted(
        [
            f"{records}[{c.at}]"
            + ("" if c.hours is None else f" ({plural(c.hours, 'hour')})")
            + ": "
            + ", ".join(c.why_not)
            for c in counted
            if c.counts is False and c.why_not
        ],
        limit=5,
    )


class _Counted(NamedTuple):
    """A record an hours requirement looks at: whether it counts (three-valued), its hours,
    the fields that would settle it and why it does not count."""

    at: int
    counts: Tri
    hours: float | None
    record: HourRecord
    missing: tuple[str, ...]
    why_not: tuple[str, ...] = ()


_new_counted = tuple.__new__  # a named tuple made from its fields, without the checks of new
_ABSENT = object()
"""A record's condition that the requirement does not state."""


class _Count(NamedTuple):
    """What an hours requirement counts: each record, the total and each part as ranges, and
    the status of each (the total's first)."""

    counted: list[_Counted]
    total: Tally
    parts: list[tuple[Part, Tally]]
    statuses: list[Status]


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
            return window_text(ctx, self.within_years, self.previous_calendar_year)
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
        period_unknown = (
            self.certification_period is not None and self._period_start(ctx)[0] is None
        )
        after = self.after_rule.completed(ctx) if self.after_rule else None
        as_of = ctx.as_of
        undated = True if as_of >= ctx.today else None  # whether an undated record happened
        approval = self.approved_only or self.approved_from is not None
        approved_from = None if self.approved_only else self.approved_from
        dated_after = self.dated_after
        topics = self.topics
        vocabulary = ctx.vocabulary
        name = self.records
        found = []
        for i, rec in enumerate(records):
            day = rec.date
            why: list[str] = []  # why the record does not count, when it does not
            date: Tri = undated if day is None else day <= as_of
            if date is False:
                why.append(f"dated after {as_of.isoformat()}")
            # the conditions, in the order their fields are asked for; _ABSENT: not a condition
            period: Tri | object = _ABSENT
            approved: Tri | object = _ABSENT
            topic: Tri | object = _ABSENT
            if window is not None:
                inside = None if day is None else window[0] <= day <= window[1]
                if inside is False:
                    if day is not None and day < window[0]:
                        why.append(f"dated before {window[0].isoformat()}, outside the period")
                    elif date is not False:
                        why.append(f"dated after {window[1].isoformat()}, outside the period")
                date = all_of(date, inside)
                if period_unknown:
                    # dated by the check date, but whether in the period is not known
                    period = None if date is not False else False
            if dated_after is not None:
                if day is None:
                    date = False if date is False else None
                elif day <= dated_after:
                    why.append(f"completed by {dated_after.isoformat()}")
                    date = False
            if approval:
                approved = getattr(rec, "approved", None)
                if approved_from is not None:
                    needed = None if day is None else day >= approved_from
                    if needed is not True:
                        approved = any_of([needed is False, approved])
                if approved is False:
                    why.append("not from an approved provider")
            if topics is not None:
                text = getattr(rec, "topic", None)
                topic = vocabulary.matches("topics", text, topics)
                if topic is None and text is not None:  # noted: a name not known
                    ctx.named("topics", text, topics, f"{name}[{i}].topic")
                elif topic is False:
                    why.append("on another topic")
            if after is not None:
                earliest, latest = after
                if day is None or earliest is None:
                    date = all_of(date, None)
                elif day <= earliest:
                    assert self.after_rule is not None
                    names = vocabulary.names("topics", self.after_rule.topics or ())
                    first = f" ({earliest.isoformat()})" if earliest == latest else ""
                    why.append(f"taken before the {names} was completed{first}")
                    date = False
                elif latest is None or day <= latest:
                    date = all_of(date, None)
            if date is False or period is False or approved is False or topic is False:
                counts: Tri = False
            elif date is None or period is None or approved is None or topic is None:
                counts = None
            else:
                counts = True
            hours = rec.hours
            missing: tuple[str, ...] = ()
            if counts is not False:
                fields: list[str] | None = [] if counts is None else None
                if fields is not None:
                    if date is None:
                        fields.append(f"{name}[{i}].date")
                    if approved is None:
                        fields.append(f"{name}[{i}].approved")
                    if topic is None:
                        fields.append(f"{name}[{i}].topic")
                if hours is None:
                    fields = fields or []
                    fields.append(f"{name}[{i}].hours")
                if fields:
                    missing = tuple(fields)
            found.append(
                _new_counted(
                    _Counted,
                    (i, counts, hours, rec, missing, tuple(dict.fromkeys(why)) if why else ()),
                )
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

    def _count(self, ctx: Context) -> _Count | None:
        """What counts: each record, the total and each part as ranges, and their statuses
        (None when no list is given); worked out once per check (:func:`once`)."""
        return once(ctx, self, self._counting)

    def _counting(self, ctx: Context) -> _Count | None:
        counted = self.counted(ctx)
        if counted is None:
            return None
        lo = hi = 0.0  # the total as a range, as :func:`tally` sums it
        for c in counted:
            counts, figure = c[1], c[2]
            if counts is True:
                lo += figure or 0.0
            if counts is not False:
                hi += INF if figure is None else figure
        total: Tally = _new_counted(Tally, (lo, hi))
        statuses = [total.status(self.total)]
        parts: list[tuple[Part, Tally]] = []
        if not self.parts:
            return _new_counted(_Count, (counted, total, parts, statuses))
        for part in self.parts:
            # a part of so many hours sums hours; a part of one record counts records
            done = tally(
                [
                    (
                        all_of(c.counts, part.matches(c.record, ctx, f"{self.records}[{c.at}]")),
                        1 if part.hours is None else c.hours,
                    )
                    for c in counted
                ]
            )
            statuses.append(done.status(1 if part.hours is None else part.hours))
            parts.append((part, done))
        return _Count(counted, total, parts, statuses)

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        count = self._count(ctx)
        return Status.UNKNOWN if count is None else combined(count.statuses)

    def evaluate(self, ctx: Context) -> Finding:
        noun, verb = _NOUNS[self.records]
        count = self._count(ctx)
        need = f"{plural(self.total, noun)} required{self._window_text(ctx)}"
        if count is None:
            return missing_fact(self.records, f"{need}; no {self.records.replace('_', ' ')} given")
        counted, total, parts, statuses = count
        period_missing = self._period_start(ctx)[1]
        lo, hi = total.lo, total.hi
        short: list[tuple[str, float]] = []
        lacking: list[str] = []  # topics of which one record is needed and none counts
        for part, done in parts:
            if part.hours is None and done.lo < 1:
                lacking.append(part.name(ctx.vocabulary))
            elif part.hours is not None and done.lo < part.hours:
                short.append((part.name(ctx.vocabulary), part.hours - done.lo))
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

        def step() -> str:
            todo = [f"{plural(s, 'more ' + noun)} in {name}" for name, s in short]
            if rest > 0:
                todo.append(plural(rest, f"more {noun}") + (" in any topic" if short else ""))
            todo += [f"one on {name}" for name in lacking]
            return f"{verb} " + ", ".join(todo)

        return settle(
            statuses,
            text,
            step=step,
            missing=chain(period_missing, (m for c in counted for m in c.missing)),
        )

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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        assert self.of_rule is not None, "resolved when the credential is loaded"
        counted = self.of_rule.counted(ctx)
        if counted is None:
            return Status.UNKNOWN
        face = total = 0.0
        for c in counted:
            if c.counts is False:
                continue
            ftf = getattr(c.record, "face_to_face", None)
            if c.counts is None or c.hours is None or ftf is None:
                return Status.UNKNOWN
            total += c.hours
            face += c.hours if ftf else 0.0
        if total == 0:
            return Status.UNMET
        return Status.MET if face >= self.share * total else Status.UNMET

    def evaluate(self, ctx: Context) -> Finding:
        assert self.of_rule is not None, "resolved when the credential is loaded"
        need = f"at least {number(self.share * 100)}% of the training face to face required"
        counted = self.of_rule.counted(ctx)
        if counted is None:
            return missing_fact("trainings", f"{need}; no trainings given")
        face = total = 0.0
        missing: list[str] = []
        for c in counted:
            if c.counts is False:
                continue
            ftf = getattr(c.record, "face_to_face", None)
            if c.counts is None or c.hours is None or ftf is None:
                missing.extend(c.missing)
                if ftf is None:
                    missing.append(f"trainings[{c.at}].face_to_face")
                continue
            total += c.hours
            face += c.hours if ftf else 0.0
        if missing:
            return Finding(Status.UNKNOWN, need, missing=tuple(missing))
        skipped = _not_counted(self.of_rule.records, counted)
        if total == 0:
            none = f"{need}; no training hours by {ctx.as_of.isoformat()}{skipped}"
            return Finding(Status.UNMET, none, step="complete it")
        text = f"{need}; {number(face)} of {number(total)} hours ({number(100 * face / total)}%)"
        text += skipped
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
class TrainingCompleted(OneRecordRule):
    """A training on one of ``topics`` completed by the check date."""

    kind: ClassVar[str] = "training-completed"
    records: ClassVar[str] = "trainings"
    met: ClassVar[str] = "completed"
    topics: tuple[str, ...]

    def conditions(self, ctx: Context, index: int, record: Training) -> dict[str, Tri]:
        return {
            "topic": ctx.named("topics", record.topic, self.topics, f"trainings[{index}].topic"),
            "date": ctx.happened(record.date),
        }

    def why_not(self, ctx: Context, record: Training, conditions: Mapping[str, Tri]) -> str:
        if conditions["topic"] is False:
            return "on another topic"
        return f"dated after {ctx.as_of.isoformat()}"

    def need(self, ctx: Context) -> str:
        return f"the {ctx.vocabulary.names('topics', self.topics)} required"

    def none(self, ctx: Context) -> str:
        return f"none by {ctx.as_of.isoformat()}"

    def step(self, ctx: Context) -> str:
        return f"complete the {ctx.vocabulary.names('topics', self.topics)}"

    def describe(self, vocabulary: Vocabulary) -> str:
        topics = ", ".join(f"`{t}`" for t in self.topics)
        return f"a training with topic {topics} dated on or before the check date"
