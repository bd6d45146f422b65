"""The applicant record: what the certification rules need to know about one person.

Every field is optional. A field left out (None) is a fact the rules do not know: a requirement
that needs it is UNKNOWN, never silently met or unmet. A list given as empty (``"trainings": []``)
is a known fact: none. Records are frozen attrs classes; :func:`parse_applicant` structures them
with cattrs from decoded JSON or YAML, :func:`read_applicant` from a file.

The record's ``repr`` shows only its ``id``, so that an applicant never ends up in a log or a
traceback by accident.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._decoders import DECODERS
from .._enum import TextEnum
from .._errors import InputError
from .._files import read_text
from .._structure import FieldError, strict_converter, structure

__all__ = [
    "Applicant",
    "Certification",
    "CollegeCredits",
    "ContinuingEducation",
    "Education",
    "Exam",
    "Letter",
    "LetterKind",
    "LivedExperience",
    "Training",
    "WorkExperience",
    "parse_applicant",
    "read_applicant",
    "today",
]

MAX_FILE_BYTES = 10 * 1024 * 1024
"""An applicant file is refused above this size (one record is a few kilobytes)."""
_STATE = re.compile(r"[A-Za-z]{2}")
_FIX = "see docs/eligibility.md for the applicant fields and their types"


class Education(TextEnum):
    """Highest education completed. Every level from ``ged`` up counts as a high school diploma
    or equivalent."""

    NONE = "none"
    GED = "ged"
    HIGH_SCHOOL = "high-school"
    SOME_COLLEGE = "some-college"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class LivedExperience(TextEnum):
    """Whose recovery the applicant's lived experience is of."""

    SELF = "self"
    FAMILY = "family"  # parent, caregiver or family member of a person in recovery
    NONE = "none"


class LetterKind(TextEnum):
    """Who wrote a recommendation letter."""

    SUPERVISOR = "supervisor"
    COLLEAGUE = "colleague"
    SELF = "self"
    OTHER = "other"


def _non_negative(_: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not (math.isfinite(value) and value >= 0):
        raise FieldError(attribute.name, "expected a number ≥ 0", _FIX)


_DAY: list[Any] = [0.0, 0.0, None]
"""The local day remembered, and the times (seconds since the epoch) it runs from and to."""


def today() -> dt.date:
    """Today's date, the one clock of eligibility (a record's dates, a check's date): remembered
    until local midnight, as ``date.today()`` costs a check more than a clock reading."""
    now = time.time()
    start, end, day = _DAY
    if start <= now < end:
        return day  # type: ignore[no-any-return]
    day = dt.date.today()
    start = dt.datetime.combine(day, dt.time()).timestamp()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).timestamp()
    if not start <= now < end:  # the clock moved while asked: ask again next time
        return day
    _DAY[:] = [start, end, day]
    return day


def _past(_: object, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    if value is not None and value > today():
        raise FieldError(attribute.name, "a date in the future; facts must have happened", _FIX)


def _state(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _STATE.fullmatch(value):
        raise FieldError(attribute.name, "expected a two-letter state code such as PA", _FIX)


_VALUE_VALIDATORS = frozenset({_non_negative, _past, _state})
"""The validators here, each of which looks at the value alone (never at the record): a roster's
column plan validates each cell's value once, as it reads it (``_columns``)."""


def _upper(value: str | None) -> str | None:
    return None if value is None else value.upper()


@attrs.frozen
class Training:
    """A training completed: its topic (see docs/eligibility.md for the names the rules know),
    hours, completion date, provider, whether the credential's body approved the provider, and
    whether it was given face to face."""

    topic: str | None = None
    hours: float | None = attrs.field(default=None, validator=_non_negative)
    date: dt.date | None = attrs.field(default=None, validator=_past)
    provider: str | None = None
    approved: bool | None = None
    face_to_face: bool | None = None


@attrs.frozen
class Exam:
    """One attempt at an exam: which exam, passed or not, the score, the date."""

    exam: str | None = None
    passed: bool | None = None
    score: float | None = attrs.field(default=None, validator=_non_negative)
    date: dt.date | None = attrs.field(default=None, validator=_past)


@attrs.frozen
class WorkExperience:
    """A stretch of work: peer role or not, paid or volunteer, hours, dates.

    ``current`` says the applicant is still in the role (then ``end`` is left out); ``supervised``
    that the hours were supervised; ``verified`` that an employer or supervisor verified them.
    """

    peer_role: bool | None = None
    paid: bool | None = None
    hours: float | None = attrs.field(default=None, validator=_non_negative)
    start: dt.date | None = attrs.field(default=None, validator=_past)
    end: dt.date | None = attrs.field(default=None, validator=_past)
    current: bool | None = None
    supervised: bool | None = None
    verified: bool | None = None


@attrs.frozen
class ContinuingEducation:
    """Continuing-education hours: topic, hours, date, and whether they are peer-specific."""

    topic: str | None = None
    hours: float | None = attrs.field(default=None, validator=_non_negative)
    date: dt.date | None = attrs.field(default=None, validator=_past)
    peer_specific: bool | None = None


@attrs.frozen
class Certification:
    """A certification the applicant holds: which credential (an id such as ``pa-cps`` or its
    name), the state that issued it, when it was issued and expires, and whether discipline is
    pending."""

    credential: str | None = None
    jurisdiction: str | None = attrs.field(default=None, converter=_upper, validator=_state)
    issued_on: dt.date | None = attrs.field(default=None, validator=_past)
    expires_on: dt.date | None = None
    discipline_pending: bool | None = None


@attrs.frozen
class Letter:
    """A letter of recommendation: who wrote it, whether on agency letterhead, its date."""

    kind: LetterKind | None = None
    on_letterhead: bool | None = None
    date: dt.date | None = attrs.field(default=None, validator=_past)


@attrs.frozen
class CollegeCredits:
    """College credit hours earned, and when."""

    hours: float | None = attrs.field(default=None, validator=_non_negative)
    date: dt.date | None = attrs.field(default=None, validator=_past)


@attrs.frozen(repr=False)
class Applicant:
    """What the rules need to know about one applicant; every field optional.

    ``id`` is the caller's own reference (an employee number, never a name): results carry it so
    they can be matched back. ``age`` and ``years_in_recovery`` are as of ``recorded_on`` (today
    when left out); ``date_of_birth``, when given, wins over ``age``. Jurisdictions are two-letter
    state codes: ``residence_jurisdiction`` where the applicant lives, ``work_jurisdiction`` where
    they do most (at least 51%) of their work, ``applying_in`` the state whose board they apply to
    (for a credential awarded through member boards, such as IC&RC's).
    """

    id: str | None = None
    recorded_on: dt.date | None = attrs.field(default=None, validator=_past)
    date_of_birth: dt.date | None = attrs.field(default=None, validator=_past)
    age: int | None = attrs.field(default=None, validator=_non_negative)
    education: Education | None = None
    college_credits: tuple[CollegeCredits, ...] | None = None
    lived_experience: LivedExperience | None = None
    guardian_of_youth_in_services: bool | None = None
    years_in_recovery: float | None = attrs.field(default=None, validator=_non_negative)
    willing_to_share: bool | None = None
    dedicated_to_recovery: bool | None = None
    code_of_ethics_signed: dt.date | None = attrs.field(default=None, validator=_past)
    background_check_cleared: bool | None = None
    registry_check_cleared: bool | None = None
    residence_jurisdiction: str | None = attrs.field(
        default=None, converter=_upper, validator=_state
    )
    work_jurisdiction: str | None = attrs.field(default=None, converter=_upper, validator=_state)
    applying_in: str | None = attrs.field(default=None, converter=_upper, validator=_state)
    trainings: tuple[Training, ...] | None = None
    exams: tuple[Exam, ...] | None = None
    work_experience: tuple[WorkExperience, ...] | None = None
    supervision_hours: float | None = attrs.field(default=None, validator=_non_negative)
    continuing_education: tuple[ContinuingEducation, ...] | None = None
    certifications: tuple[Certification, ...] | None = None
    recommendation_letters: tuple[Letter, ...] | None = None

    def __repr__(self) -> str:
        given = sum(
            1
            for a in attrs.fields(Applicant)
            if a.name != "id" and getattr(self, a.name) is not None
        )
        return f"Applicant(id={self.id!r}, {given} facts given)"


_CONVERTER = strict_converter(from_text=True, quote_values=False)
"""Structures applicant records from plain data (JSON, YAML, CSV cells): values may be written
as text, and no message repeats one."""


def parse_applicant(data: object, *, file: str | None = None) -> Applicant:
    """Structure decoded JSON or YAML (a mapping of field names) into an :class:`Applicant`.

    Raises :class:`InputError` naming ``file``, the path (``$.trainings[2].hours``) and the
    expected type; negative hours and dates in the future are refused.
    """
    if not isinstance(data, Mapping):
        raise InputError("an applicant record is one object of fields", file=file, fix=_FIX)
    return structure(_CONVERTER, data, Applicant, file, _FIX)


def read_applicant(path: str | Path) -> Applicant:
    """Read one applicant from a JSON file, or a YAML file (``.yaml`` / ``.yml``).

    A CSV roster holds many applicants: read it with :func:`read_roster` instead.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        fix = "use read_roster for a CSV roster" if suffix == ".csv" else "name it .json or .yaml"
        raise InputError("an applicant file is JSON or YAML", file=str(path), fix=fix)
    text = read_text(path, MAX_FILE_BYTES)
    return parse_applicant(DECODERS[suffix](text, str(path)), file=str(path))
