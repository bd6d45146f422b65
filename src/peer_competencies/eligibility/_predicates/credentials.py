"""Certifications held: current credentials, the period being renewed, renewal windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

import attrs

from .._applicant import Certification
from ._calendar import add_years
from ._logic import Status, Tri
from ._outline import Context, Finding, OneRecordRule, missing_fact
from ._vocabulary import Vocabulary


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
class CertificationHeld(OneRecordRule):
    """A peer certification held on the check date.

    ``credentials`` names the credentials that count (any peer certification when None);
    ``other_than`` excludes one issuing state; ``state_issued`` asks for a state's credential,
    ``jurisdiction`` for one issued by that state; ``current`` for one not expired;
    ``no_discipline`` for one with no discipline pending.
    """

    kind: ClassVar[str] = "certification-held"
    records: ClassVar[str] = "certifications"
    met: ClassVar[str] = "held"
    credentials: tuple[str, ...] | None = None
    other_than: str | None = None
    state_issued: bool = False
    jurisdiction: str | None = None
    current: bool = True
    no_discipline: bool = False

    def conditions(self, ctx: Context, index: int, c: Certification) -> dict[str, Tri]:
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

    def why_not(self, ctx: Context, c: Certification, checks: Mapping[str, Tri]) -> str:
        """Why a certification record does not count, a phrase per failed condition."""
        words = {
            "issued_on": f"issued after {ctx.as_of.isoformat()}",
            "credential": "another credential",
            "jurisdiction": f"issued by {c.jurisdiction}",
            "expires_on": f"expired {c.expires_on.isoformat() if c.expires_on else ''}",
            "discipline_pending": "discipline pending",
        }
        return ", ".join(words[k] for k, v in checks.items() if v is False)

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

    def need(self, ctx: Context) -> str:
        return f"a {self._what(ctx)} required"

    def none(self, ctx: Context) -> str:
        return f"none held on {ctx.as_of.isoformat()}"

    def step(self, ctx: Context) -> str:
        return f"hold a {self._what(ctx)}"

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

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        held = ctx.applicant.certifications
        if held is None:
            return Status.UNKNOWN
        named = [
            (c, ctx.vocabulary.matches("credentials", c.credential, self.credentials)) for c in held
        ]
        expiries = [c.expires_on for c, m in named if m is True]
        if not expiries:
            return Status.UNKNOWN if any(m is None for _, m in named) else Status.UNMET
        if any(e is None for e in expiries):
            return Status.UNKNOWN
        expiry = max(e for e in expiries if e is not None)
        if ctx.as_of > expiry:
            return Status.UNMET
        if ctx.as_of >= expiry - dt.timedelta(days=self.days):
            return Status.MET
        if self.unsettled_days is not None and ctx.as_of >= expiry - dt.timedelta(
            days=self.unsettled_days
        ):
            return Status.UNKNOWN
        return Status.UNMET

    def evaluate(self, ctx: Context) -> Finding:
        name = ctx.vocabulary.names("credentials", self.credentials)
        need = f"renewal opens {self.days} days before the {name} certification expires"
        held = ctx.applicant.certifications
        if held is None:
            return missing_fact("certifications", f"{need}; no certifications given")
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
            return missing_fact("certifications[].expires_on", f"{need}; expiry date not given")
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
class StateCredentialWhereApplies:
    """A current peer credential of the applicant's state, where that state has one.

    The state is ``work_jurisdiction``, else ``residence_jurisdiction``; only a certification
    issued by that state counts. The states known to have a credential are those of the state
    credentials this package ships; in another state the answer is UNKNOWN unless a current
    certification of that state is held.
    """

    kind: ClassVar[str] = "state-credential-where-applies"

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        state = ctx.applicant.work_jurisdiction or ctx.applicant.residence_jurisdiction
        if state is None:
            return Status.UNKNOWN
        held = CertificationHeld(jurisdiction=state).status(ctx)
        if held is Status.MET or state not in ctx.states_with_credential:
            return held if held is Status.MET else Status.UNKNOWN
        return held

    def evaluate(self, ctx: Context) -> Finding:
        need = "a current state credential where one applies required"
        state = ctx.applicant.work_jurisdiction or ctx.applicant.residence_jurisdiction
        if state is None:
            return missing_fact("work_jurisdiction", f"{need}; the state of work not given")
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
