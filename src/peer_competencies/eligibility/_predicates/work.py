"""Work experience and supervision: hours worked, months worked, employment on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import ClassVar, NamedTuple

import attrs

from .._applicant import WorkExperience
from ._calendar import add_years, whole_months
from ._logic import Status, Tri, all_of, any_of, matches_flag, status_of
from ._outline import (
    Context,
    Finding,
    Tally,
    missing_fact,
    not_counted,
    number,
    once,
    one_record,
    plural,
    settle,
    tally,
    window_text,
)
from ._vocabulary import Vocabulary


def _work_filters(
    rec: WorkExperience, peer_role: bool | None, supervised: bool | None, verified: bool | None
) -> dict[str, Tri]:
    return {
        "peer_role": matches_flag(rec.peer_role, peer_role),
        "supervised": matches_flag(rec.supervised, supervised),
        "verified": matches_flag(rec.verified, verified),
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


def _span(start: dt.date | None, end: dt.date | None) -> str:
    """A work record's dates as a reason shows them: `` (2024-01-01 to 2024-06-30)``."""
    if start is None and end is None:
        return ""
    first = "?" if start is None else start.isoformat()
    last = "?" if end is None else end.isoformat()
    return f" ({first} to {last})"


def _end(ctx: Context, rec: WorkExperience) -> dt.date | None:
    if rec.end is not None:
        return rec.end
    return ctx.today if rec.current else None


class _Covered(NamedTuple):
    """What a work-duration requirement counts: the whole months and the days left over of
    the stretches that certainly count, how many stretches leave days over, whether records
    that may count were left out, the fields that would settle them, and why others do not
    count."""

    months: int
    days: int
    partial: int
    unsure: bool
    missing: tuple[str, ...]
    why_not: tuple[str, ...]


class _WorkCount(NamedTuple):
    """What a work-hours requirement counts: the total as a range, the fields that would
    settle the records that may count, the records to split, and why others do not count."""

    total: Tally
    missing: list[str]
    splits: list[str]
    why_not: list[str]


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

    def _count(self, ctx: Context, records: Sequence[WorkExperience]) -> _WorkCount:
        """Whether each record counts, with its hours, and what the reason tells of them;
        worked out once per check (:func:`once`)."""
        return once(ctx, self, self._counting)

    def _counting(self, ctx: Context) -> _WorkCount:
        records = ctx.applicant.work_experience or ()
        start = None if self.within_years is None else add_years(ctx.as_of, -self.within_years)
        counted: list[tuple[Tri, float | None]] = []
        missing: list[str] = []
        splits: list[str] = []  # records that straddle a date the count turns on
        why_not: list[str] = []
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
            counts = all_of(*checks.values())
            counted.append((counts, rec.hours))
            if counts is False and why:
                hours = "" if rec.hours is None else f" ({plural(rec.hours, 'hour')})"
                why_not.append(f"{where}{hours}: {', '.join(why)}")
            if counts is not False and rec.hours is None:
                missing.append(f"{where}.hours")
            if counts is None:
                missing += [f"{where}.{k}" for k, v in checks.items() if v is None and k != "dates"]
        return _WorkCount(tally(counted), missing, splits, why_not)

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        records = ctx.applicant.work_experience
        if records is None:
            return Status.UNKNOWN
        return self._count(ctx, records).total.status(self.hours)

    def evaluate(self, ctx: Context) -> Finding:
        noun = _work_noun(self.peer_role, self.supervised, self.verified)
        need = f"{number(self.hours)} {noun} required{window_text(ctx, self.within_years)}"
        records = ctx.applicant.work_experience
        if records is None:
            return missing_fact("work_experience", f"{need}; no work experience given")
        total, missing, splits, why_not = self._count(ctx, records)
        status, lo = total.status(self.hours), total.lo
        text = f"{need}, {number(lo)} found" if lo else f"{need}, none by {ctx.as_of.isoformat()}"
        if lo < self.hours:
            text += f": {plural(self.hours - lo, 'more hour')} needed"
        text += not_counted(why_not)
        if status is Status.UNKNOWN and splits:
            text += "; part of a record may count: " + "; ".join(splits)
        return settle(
            [status],
            text,
            step=lambda: f"work {plural(self.hours - lo, 'more hour')}",
            missing=missing,
            steps=splits,
        )

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

    def _covered(self, ctx: Context) -> _Covered | None:
        """The months and days the records cover (None when no list is given); worked out
        once per check (:func:`once`)."""
        return once(ctx, self, self._covering)

    def _covering(self, ctx: Context) -> _Covered | None:
        records = ctx.applicant.work_experience
        if records is None:
            return None
        start = (
            dt.date.min if self.within_years is None else add_years(ctx.as_of, -self.within_years)
        )
        sure: list[tuple[dt.date, dt.date]] = []
        unsure = False
        missing: list[str] = []
        why_not: list[str] = []
        for i, rec in enumerate(records):
            role = matches_flag(rec.peer_role, self.peer_role)
            end = _end(ctx, rec)
            why = [] if role is not False else [_WORK_WHY["peer_role"]]
            if rec.start is not None and rec.start > ctx.as_of:
                why.append(f"begun after {ctx.as_of.isoformat()}")
            elif end is not None and end < start:
                why.append(f"ended before {start.isoformat()}, outside the period")
            if why:
                span = _span(rec.start, end)
                why_not.append(f"work_experience[{i}]{span}: {', '.join(why)}")
                continue
            if rec.start is None or end is None:
                unsure = True
                missing.append(f"work_experience[{i}].start/end")
                continue
            first, last = max(rec.start, start), min(end, ctx.as_of)
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
            whole, rest = whole_months(first, last)
            months, days, partial = months + whole, days + rest, partial + (rest > 0)
        return _Covered(months, days, partial, unsure, tuple(missing), tuple(why_not))

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        covered = self._covered(ctx)
        if covered is None:
            return Status.UNKNOWN
        short = self.months - covered.months
        if short <= 0 or covered.days >= 31 * short:
            return Status.MET
        if covered.unsure or (covered.partial >= 2 and covered.days >= 28 * short):
            return Status.UNKNOWN
        return Status.UNMET

    def evaluate(self, ctx: Context) -> Finding:
        need = (
            f"{plural(self.months, 'calendar month')} of work required"
            f"{window_text(ctx, self.within_years)}"
        )
        covered = self._covered(ctx)
        if covered is None:
            return missing_fact("work_experience", f"{need}; no work experience given")
        months, days, partial, unsure, missing, why_not = covered
        short = self.months - months
        found = plural(months, "month") + (f" and {plural(days, 'day')}" if days else "")
        if months or days:
            text = f"{need}, {found} found"
        else:
            text = f"{need}, none by {ctx.as_of.isoformat()}"
        if short <= 0 or days >= 31 * short:
            return Finding(Status.MET, text + not_counted(why_not))
        if months or days:
            text += f": short of {plural(self.months, 'month')}"
        text += not_counted(why_not)
        if unsure:
            return Finding(Status.UNKNOWN, text, missing=missing)
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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        if ctx.as_of < self.date:
            return Status.UNMET
        records = ctx.applicant.work_experience
        if records is None:
            return Status.UNKNOWN
        return status_of(any_of([all_of(*self._spans(ctx, r).values()) for r in records]))

    def evaluate(self, ctx: Context) -> Finding:
        role = "in a peer role " if self.peer_role else ""
        need = f"employed {role}on {self.date.isoformat()} required"
        if ctx.as_of < self.date:
            return Finding(Status.UNMET, f"{need}; that day is after the check date")
        records = ctx.applicant.work_experience
        if records is None:
            return missing_fact("work_experience", f"{need}; no work experience given")
        found = one_record(
            "work_experience",
            (self._spans(ctx, rec) for rec in records),
            lambda i, c: self._why_not(records[i].start, _end(ctx, records[i]), c),
        )
        return found.finding(need, met="found", unmet=f"none spanning {self.date.isoformat()}")

    def _why_not(
        self, start: dt.date | None, end: dt.date | None, checks: Mapping[str, Tri]
    ) -> str:
        day = self.date.isoformat()
        why = {
            "start": f"begun after {day}",
            "end": f"ended before {day}",
            "peer_role": _WORK_WHY["peer_role"],
        }
        return ", ".join(why[k] for k, v in checks.items() if v is False) + _span(start, end)

    def _spans(self, ctx: Context, rec: WorkExperience) -> dict[str, Tri]:
        end = _end(ctx, rec)
        return {
            "start": None if rec.start is None else rec.start <= self.date,
            "end": None if end is None else end >= self.date,
            "peer_role": matches_flag(rec.peer_role, self.peer_role),
        }

    def describe(self, vocabulary: Vocabulary) -> str:
        role = " with `peer_role` yes" if self.peer_role else ""
        return f"a `work_experience` record{role} spanning {self.date.isoformat()}"


@attrs.frozen
class SupervisionHours:
    """At least ``hours`` of supervision received."""

    kind: ClassVar[str] = "supervision-hours"
    hours: float

    def _enough(self, ctx: Context) -> Tri:
        """Whether enough hours were received by the check date: not known when no figure
        is given, or when the figure was recorded after the check date."""
        given = ctx.applicant.supervision_hours
        if given is None:
            return None
        if given < self.hours:
            return False
        return None if ctx.as_of < ctx.recorded_on else True

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        return status_of(self._enough(ctx))

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.supervision_hours
        need = f"{plural(self.hours, 'hour')} of supervision required"
        if given is None:
            return missing_fact("supervision_hours", f"{need}; not given")
        text = f"{need}, {number(given)} found"
        enough = self._enough(ctx)
        if enough is False:
            more = plural(self.hours - given, "more hour")
            return Finding(
                Status.UNMET,
                f"{text}: {more} needed",
                step=f"receive {more} of supervision",
            )
        if enough is None:
            return missing_fact(
                "recorded_on",
                f"{text} by {ctx.recorded_on.isoformat()}; not known how many by "
                f"{ctx.as_of.isoformat()}",
            )
        return Finding(Status.MET, text)

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"`supervision_hours` ≥ {number(self.hours)}"
