"""Facts about the person and the application: age, schooling, recovery, residence, flags, dates."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

import attrs

from .._applicant import Education, LivedExperience
from ._calendar import add_years, age_on, years_back, years_between, years_on
from ._logic import Status, Tri, any_of, status_of
from ._outline import Context, Finding, missing_fact, number, plural
from ._vocabulary import Vocabulary
from .credentials import CertificationPeriod


def _reaches(ages: tuple[int, int], years: int) -> Tri:
    """Whether an age between the two reaches ``years``: True when the lowest does, False
    when the highest does not."""
    low, high = ages
    if low >= years:
        return True
    return False if high < years else None


@attrs.frozen
class MinAge:
    """At least ``years`` of age on the check date (from date of birth, else from age)."""

    kind: ClassVar[str] = "min-age"
    years: int

    def _ages(self, ctx: Context) -> tuple[int, int] | None:
        """The lowest and highest age the applicant can be on the check date (None: not
        known)."""
        a = ctx.applicant
        if a.date_of_birth is not None:
            age = age_on(a.date_of_birth, ctx.as_of)
            return age, age
        if a.age is None:
            return None
        # an age on ``recorded_on`` puts the birth date in a one-year range
        latest = add_years(ctx.recorded_on, -a.age)
        earliest = add_years(ctx.recorded_on, -a.age - 1) + dt.timedelta(days=1)
        return age_on(latest, ctx.as_of), age_on(earliest, ctx.as_of)

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        ages = self._ages(ctx)
        return status_of(None if ages is None else _reaches(ages, self.years))

    def evaluate(self, ctx: Context) -> Finding:
        a = ctx.applicant
        need = f"at least {plural(self.years, 'year')} of age required"
        ages = self._ages(ctx)
        if ages is None:
            return missing_fact("date_of_birth", f"{need}; neither date of birth nor age given")
        low, high = ages
        reached = _reaches(ages, self.years)
        if a.date_of_birth is not None:  # the age itself: reached is True or False
            text = f"{need}; {low} on {ctx.as_of.isoformat()}"
            if reached:
                return Finding(Status.MET, text)
            return Finding(Status.UNMET, text, step=f"wait until the applicant is {self.years}")
        if reached:
            return Finding(Status.MET, f"{need}; at least {low} on {ctx.as_of.isoformat()}")
        if reached is False:
            return Finding(
                Status.UNMET,
                f"{need}; at most {high} on {ctx.as_of.isoformat()}",
                step=f"wait until the applicant is {self.years}",
            )
        return missing_fact(
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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        education = ctx.applicant.education
        return status_of(None if education is None else education is not Education.NONE)

    def evaluate(self, ctx: Context) -> Finding:
        education = ctx.applicant.education
        need = "a high school diploma or equivalent required"
        if education is None:
            return missing_fact("education", f"{need}; education not given")
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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        given = ctx.applicant.lived_experience
        return status_of(None if given is None else given in self.accepted)

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.lived_experience
        kinds = " or ".join(k.value for k in self.accepted)
        need = f"lived experience of recovery ({kinds}) required"
        if given is None:
            return missing_fact("lived_experience", f"{need}; not given")
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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        value: bool | None = getattr(ctx.applicant, self.field)
        return status_of(value)

    def evaluate(self, ctx: Context) -> Finding:
        value: bool | None = getattr(ctx.applicant, self.field)
        words = self.field.replace("_", " ")
        if value is None:
            return missing_fact(self.field, f"{words}: not given")
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

    def _signed(self, ctx: Context) -> tuple[Tri, tuple[dt.date | None, tuple[str, ...]] | None]:
        """Whether it was signed in time, and for a renewal signed by the check date, the
        start of the period (None: not known) with the fields that would settle it."""
        signed = ctx.applicant.code_of_ethics_signed
        if signed is None:
            return None, None
        if signed <= ctx.as_of and self.certification_period is not None:
            start, missing = self.certification_period.start(ctx)
            return (None if start is None else signed >= start), (start, missing)
        return signed <= ctx.as_of, None

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        return status_of(self._signed(ctx)[0])

    def evaluate(self, ctx: Context) -> Finding:
        signed = ctx.applicant.code_of_ethics_signed
        verdict, period = self._signed(ctx)
        if signed is not None and period is not None:
            start, missing = period
            need = "the code of ethics signed again for the renewal required"
            if start is None:
                return Finding(
                    Status.UNKNOWN,
                    f"{need}; signed {signed.isoformat()}, and the start of the certification "
                    "period is not known",
                    missing=missing,
                )
            text = f"{need}; signed {signed.isoformat()}, the period began {start.isoformat()}"
            if verdict:
                return Finding(Status.MET, text)
            return Finding(Status.UNMET, text, step="sign the code of ethics again")
        if verdict is None:
            return Finding(
                Status.UNKNOWN,
                "a signed code of ethics required; no signing date given",
                missing=("code_of_ethics_signed",),
                step="sign the code of ethics",
                explained=True,
            )
        if verdict:
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

    def _dates(self, ctx: Context) -> tuple[dt.date, dt.date] | None:
        """The day recovery began and the day ``years`` are reached (None: not given)."""
        given = ctx.applicant.years_in_recovery
        if given is None:
            return None
        began = years_back(ctx.recorded_on, given)
        return began, years_on(began, self.years)

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        dates = self._dates(ctx)
        return Status.UNKNOWN if dates is None else status_of(dates[1] <= ctx.as_of)

    def evaluate(self, ctx: Context) -> Finding:
        given = ctx.applicant.years_in_recovery
        need = f"at least {plural(self.years, 'year')} in recovery required"
        dates = self._dates(ctx)
        if given is None or dates is None:
            return missing_fact("years_in_recovery", f"{need}; not given")
        began, reached = dates
        if began == dt.date.min:  # a figure reaching back before the calendar does
            text = f"{need}; {plural(given, 'year')} recorded on {ctx.recorded_on.isoformat()}"
        else:
            text = (
                f"{need}; {plural(years_between(began, ctx.as_of), 'year')} on "
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

    def _found(self, ctx: Context) -> tuple[str, Tri] | None:
        """The state, and whether the applicant lives or works there (None: no state)."""
        a = ctx.applicant
        state = self.state or a.applying_in
        if state is None:
            return None
        places = (a.residence_jurisdiction, a.work_jurisdiction)
        return state, any_of([None if place is None else place == state for place in places])

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        found = self._found(ctx)
        return Status.UNKNOWN if found is None else status_of(found[1])

    def evaluate(self, ctx: Context) -> Finding:
        a = ctx.applicant
        where = self._found(ctx)
        if where is None:
            return missing_fact(
                "applying_in", "the state whose board the applicant applies to not given"
            )
        state, found = where
        need = f"living or working in {state} required"
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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        return Status.MET if ctx.as_of <= self.date else Status.UNMET

    def evaluate(self, ctx: Context) -> Finding:
        text = f"applications by {self.date.isoformat()}; checked as of {ctx.as_of.isoformat()}"
        if ctx.as_of <= self.date:
            return Finding(Status.MET, text)
        return Finding(Status.UNMET, f"{text}: this pathway has closed", step="use another pathway")

    def describe(self, vocabulary: Vocabulary) -> str:
        return f"the check date is on or before {self.date.isoformat()}"
