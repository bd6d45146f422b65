"""Exams passed: attempts, pass marks, and passes timed after a training."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar, NamedTuple

import attrs

from .._applicant import Exam
from ._calendar import add_years
from ._logic import Status, Tri, all_of, any_of, status_of
from ._outline import Context, Finding, not_counted, number, once, plural
from ._vocabulary import Vocabulary

_EXAM_WHY = {"exam": "of another exam", "date": "dated after {as_of}", "passed": "not passed"}


class _Attempt(NamedTuple):
    """One exam attempt judged: whether it counts, its conditions, why it does not count, and
    whether it is a pass that does not count (too many attempts, or not timed after the
    training)."""

    counts: Tri
    checks: dict[str, Tri]
    why: list[str]
    passed_not_counted: bool


_new_attempt = tuple.__new__  # an _Attempt made from its fields, without the checks of new


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
        return any_of(
            all_of(
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
            both = all_of(named, before)
            sure += both is True
            maybe += both is None
        if sure > self.max_attempts:
            return False
        return True if sure + maybe <= self.max_attempts else None

    def _judged(self, ctx: Context, exams: Sequence[Exam]) -> list[_Attempt]:
        """Whether each attempt counts, from its conditions, and why not."""
        found = []
        matches = ctx.vocabulary.matches
        as_of = ctx.as_of
        undated = True if as_of >= ctx.today else None  # whether an undated attempt happened
        plain = self.max_attempts is None and self.within_years_of_training is None
        for i, e in enumerate(exams):
            exam = matches("exams", e.exam, self.exams)
            if exam is None and e.exam is not None:  # noted: a name not known
                ctx.named("exams", e.exam, self.exams, f"exams[{i}].exam")
            checks = {
                "exam": exam,
                "date": undated if e.date is None else e.date <= as_of,
                "passed": e.passed if e.passed is not None else self._passed(None, e.score),
            }
            base = all_of(*checks.values())
            why = [_EXAM_WHY[k] for k, v in checks.items() if v is False] if base is False else []
            passed_not_counted = False
            if plain:
                pass  # no limit on attempts, no training to follow: the conditions settle it
            elif base is not False:
                attempts = self._attempts_ok(ctx, e.date)
                timely = self._after_training(ctx, e.date)
                if attempts is False:
                    why.append(f"passed only after more than {self.max_attempts} attempts")
                if timely is False:
                    years = plural(self.within_years_of_training or 0, "year")
                    why.append(
                        f"passed before the training was completed, not within {years} after it"
                        if self._before_training(ctx, e.date)
                        else f"passed more than {years} after the training"
                    )
                passed_not_counted = base is True and bool(why)
                base = all_of(base, attempts, timely)
            found.append(_new_attempt(_Attempt, (base, checks, why, passed_not_counted)))
        return found

    def _judged_once(self, ctx: Context) -> list[_Attempt]:
        """The attempts judged (:meth:`_judged`), once per check (:func:`once`)."""
        return once(ctx, self, self._judge_given)

    def _judge_given(self, ctx: Context) -> list[_Attempt]:
        return self._judged(ctx, ctx.applicant.exams or ())

    def status(self, ctx: Context) -> Status:
        """The status :meth:`evaluate` finds, without the reason."""
        if ctx.applicant.exams is None:
            return Status.UNKNOWN
        return status_of(any_of([j.counts for j in self._judged_once(ctx)]))

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
        as_of = ctx.as_of.isoformat()
        judged = self._judged_once(ctx)
        verdicts = [j.counts for j in judged]
        missing: list[str] = []
        why_not: list[str] = []
        passed_some = False  # a pass by the check date that does not count
        for i, (e, j) in enumerate(zip(exams, judged, strict=True)):
            passed_some = passed_some or j.passed_not_counted
            if j.counts is False:
                date = "" if e.date is None else f" ({e.date.isoformat()})"
                why_not.append(f"exams[{i}]{date}: {', '.join(j.why).replace('{as_of}', as_of)}")
            if j.counts is None:
                missing += [f"exams[{i}].{k}" for k, v in j.checks.items() if v is None]
                if self.within_years_of_training is not None:
                    missing.append("trainings")
        result = any_of(verdicts)
        if result is True:
            return Finding(Status.MET, f"{need}; passed")
        if result is False:
            named = [e for e in exams if ctx.vocabulary.matches("exams", e.exam, self.exams)]
            by = [e for e in named if ctx.happened(e.date) is not False]
            none = "none counted" if passed_some else "none passed"
            text = (
                f"; {plural(len(by), 'attempt')} by {as_of}, {none}" if by else f"; none by {as_of}"
            )
            text += not_counted(why_not)
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
