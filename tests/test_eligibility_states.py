"""The state credentials of issue 16, applicant → expected outcome, written as sentences.

Each case starts from an applicant who meets every rule of the pathway that the package can
check, and changes one fact, most often to the edge on either side of a threshold. Unless a case
says otherwise, checks run as of 2026-06-01. The rules a credential's sources do not state, or
that no predicate can check, are "not checked": they never make an answer ELIGIBLE or
NOT_ELIGIBLE by themselves, and every result names them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest

from peer_competencies import eligibility as el

AS_OF = dt.date(2026, 6, 1)

Data = dict[str, Any]

STATE_CREDENTIALS = (
    "ar-prs",
    "az-pr",
    "co-cpfs",
    "dc-cps",
    "de-cprs",
    "ia-prs",
    "in-cprc",
    "ky-adpss",
    "md-cprs",
    "me-cipss",
    "mo-cps",
    "ms-cpssp",
    "mt-cbhpss",
    "nc-cpss",
    "nd-cpss",
    "ne-cpss",
    "nh-crsw",
    "nv-prss",
    "oh-prs",
    "ok-prss",
    "or-pss",
    "sc-cpss",
    "tn-cprs",
    "ut-pss",
    "va-cprs",
    "wi-cps",
)


def with_(base: Data, **changes: Any) -> Data:
    """A copy of ``base`` with some top-level fields replaced (None removes the field)."""
    data = dict(base)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def training(topic: str, hours: float, date: str = "2024-10-01", **kw: Any) -> Data:
    return {"topic": topic, "hours": hours, "date": date, **kw}


def work(
    hours: float | None, start: str = "2023-01-01", end: str = "2025-12-31", **kw: Any
) -> Data:
    data: Data = {"peer_role": True, "hours": hours, "start": start, "end": end, **kw}
    return {k: v for k, v in data.items() if v is not None}


def passed(exam: str, date: str = "2025-02-01") -> Data:
    return {"exam": exam, "passed": True, "date": date}


PERSON: Data = {
    "id": "S-001",
    "date_of_birth": "1990-05-01",
    "education": "high-school",
    "lived_experience": "self",
    "code_of_ethics_signed": "2025-01-10",
    "recorded_on": "2026-06-01",
}

ICRC_TRAININGS = [
    training("Advocacy", 10),
    training("Mentoring/Education", 10),
    training("Recovery/Wellness Support", 10),
    training("Ethical Responsibility", 16),
]

DE = with_(
    PERSON,
    residence_jurisdiction="DE",
    applying_in="DE",
    work_experience=[work(500, paid=False)],
    supervision_hours=25,
    trainings=ICRC_TRAININGS,
    exams=[passed("IC&RC PR")],
)

AZ = with_(
    PERSON,
    residence_jurisdiction="AZ",
    applying_in="AZ",
    work_experience=[work(500, supervised=True)],
    supervision_hours=25,
    trainings=ICRC_TRAININGS,
    exams=[passed("IC&RC Peer Recovery")],
    recommendation_letters=[
        {"kind": "supervisor", "date": "2025-01-01"},
        {"kind": "other", "date": "2025-01-01"},
    ],
)

NV = with_(
    PERSON,
    work_jurisdiction="NV",
    applying_in="NV",
    years_in_recovery=2,
    work_experience=[work(500)],
    supervision_hours=25,
    trainings=[training("PRSS 101", 40)],
    exams=[passed("IC&RC exam")],
)

IN = with_(
    PERSON,
    residence_jurisdiction="IN",
    years_in_recovery=1,
    work_experience=[work(500)],
    supervision_hours=25,
    trainings=[
        training("Recovery Support Fundamentals", 30),
        training("Peer recovery ethics", 16),
        training("HIV", 6),
    ],
    exams=[passed("IC&RC PR")],
    recommendation_letters=[
        {"kind": "supervisor", "date": "2025-01-01"},
        {"kind": "colleague", "date": "2025-01-01"},
    ],
)
IN_RENEWAL: Data = {
    "certifications": [
        {"issued_on": "2024-07-01", "credential": "IN CPRC", "expires_on": "2026-07-01"}
    ],
    "continuing_education": [
        {"topic": "Ethics", "hours": 6, "date": "2025-06-01"},
        {"topic": "Advocacy", "hours": 34, "date": "2025-07-01"},
    ],
}

AR = with_(
    PERSON,
    years_in_recovery=2,
    background_check_cleared=True,
    trainings=[
        training("Arkansas core training", 30, "2024-03-01"),
        training("Advocacy", 16, "2024-05-01"),
    ],
    work_experience=[work(500, "2024-03-01", "2025-12-31")],
    supervision_hours=25,
    exams=[passed("AR PRS exam", "2026-02-01")],
)

KY_TOPICS = [
    training("Ethics", 16),
    training("Domestic violence", 3),
    training("HIV", 2),
    training("Advocacy", 10),
    training("Mentoring and education", 10),
    training("Recovery support", 10),
]
KY = with_(
    PERSON,
    years_in_recovery=1,
    work_experience=[work(500, peer_role=False)],
    supervision_hours=25,
    trainings=KY_TOPICS,
    exams=[passed("KY ADPSS exam")],
    residence_jurisdiction="KY",
)

NH = with_(
    PERSON,
    background_check_cleared=True,
    work_experience=[work(500, "2020-01-01", "2025-12-31", supervised=True)],
    supervision_hours=25,
    trainings=[training("Recovery Coach Academy", 30), training("Ethics", 16)],
)

DC = with_(
    PERSON,
    trainings=[training("DBH Peer Specialist Certification Training", 70)],
    work_experience=[work(80, "2025-01-01", "2025-03-01", supervised=True)],
    exams=[passed("DC CPS exam", "2025-04-01")],
    recommendation_letters=[
        {"kind": "other", "date": "2024-09-01"},
        {"kind": "other", "date": "2024-09-01"},
    ],
)


OH = with_(
    PERSON,
    trainings=[training("OhioMHAS PRS Training", 40), training("eBased Academy", 16)],
    exams=[passed("PRS Certification Exam")],
)

NC_ = with_(
    PERSON,
    trainings=[training("NC PSS training", 40, "2025-03-01"), training("WRAP", 20, "2025-04-01")],
    recommendation_letters=[
        {"kind": "other", "date": "2025-05-01"},
        {"kind": "other", "date": "2025-05-01"},
    ],
)

TN = with_(
    PERSON,
    years_in_recovery=2,
    trainings=[training("TN CPRS training", 40)],
    work_experience=[work(75, "2025-01-01", "2025-12-31", supervised=True)],
    recommendation_letters=[{"kind": "other", "date": "2025-05-01"}] * 3,
)
TN_RENEWAL: Data = {
    "certifications": [
        {"issued_on": "2024-07-01", "credential": "TN CPRS", "expires_on": "2026-07-01"}
    ],
    "work_experience": [work(50, "2024-07-01", "2026-05-31")],
}

ND = with_(
    PERSON,
    years_in_recovery=1,
    work_jurisdiction="ND",
    trainings=[training("ND peer support training", 40)],
)
ND_II = with_(
    ND,
    trainings=[*ND["trainings"], training("ND peer support supervision training", 8)],
    work_experience=[work(1500, "2020-01-01")],
)

NE = with_(
    PERSON,
    date_of_birth="1990-05-01",
    trainings=[training("Nebraska core curriculum", 60, "2025-09-01")],
    exams=[passed("IC&RC PR")],
    registry_check_cleared=True,
)

MS = with_(PERSON, work_experience=[work(250, "2024-01-01", "2025-12-31", peer_role=False)])

MO = with_(
    PERSON,
    trainings=[training("MO CPS basic training", 35)],
    exams=[passed("MO CPS exam")],
    registry_check_cleared=True,
)

VA = with_(PERSON, work_experience=[work(500)])

OR = with_(
    PERSON,
    trainings=[training("other", 40, approved=True), training("THW oral health training", 2)],
    background_check_cleared=True,
)

WI = with_(
    PERSON,
    trainings=[training("WI CPS training", 40)],
    exams=[{"exam": "WI CPS exam", "score": 85, "date": "2025-02-01"}],
)

IA = with_(
    PERSON,
    residence_jurisdiction="IA",
    applying_in="IA",
    work_experience=[work(500)],
    supervision_hours=25,
    trainings=[training("Iowa PSS training", 40), training("Ethics", 6)],
    exams=[passed("IC&RC PR")],
)


ME = with_(
    PERSON,
    trainings=[training("Maine IPS training", 64, "2025-09-01")],
    work_experience=[work(75, "2025-09-01", "2026-05-31")],
)
ME_RENEWAL: Data = {
    "certifications": [
        {"issued_on": "2025-07-01", "credential": "ME CIPSS", "expires_on": "2026-07-01"}
    ],
    "work_experience": [work(75, "2025-07-01", "2026-05-31")],
}

MT = with_(
    PERSON,
    years_in_recovery=2,
    trainings=[training("MT peer support training", 40)],
    background_check_cleared=True,
)

OK = with_(
    PERSON,
    willing_to_share=True,
    trainings=[training("OK PRSS training", 40)],
    exams=[passed("OK PRSS exam")],
)


MD = with_(DE, residence_jurisdiction="MD", applying_in="MD", lived_experience="family")

SC = with_(
    PERSON,
    years_in_recovery=1,
    work_experience=[work(None, "2025-01-01", "2025-12-31")],
    trainings=[training("SC CPSS training", 46)],
    exams=[passed("SC CPSS exam")],
)


CO = with_(DE, residence_jurisdiction="CO", applying_in="CO")

UT = with_(PERSON, trainings=[training("UT PSS training", 40)], exams=[passed("UT PSS exam")])
UT_RENEWAL: Data = {
    "certifications": [
        {"issued_on": "2024-07-01", "credential": "UT PSS", "expires_on": "2026-07-01"}
    ],
    "continuing_education": [
        {"topic": "Ethics", "hours": 2, "date": "2025-01-01", "peer_specific": False},
        {"topic": "other", "hours": 6, "date": "2025-02-01", "peer_specific": True},
        {"topic": "Suicide prevention", "hours": 1, "date": "2025-03-01", "peer_specific": False},
        {"topic": "other", "hours": 11, "date": "2025-04-01", "peer_specific": False},
    ],
}


ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE = (
    el.Outcome.ELIGIBLE,
    el.Outcome.NOT_ELIGIBLE,
    el.Outcome.INCOMPLETE,
)
MET, UNMET, UNKNOWN = el.Status.MET, el.Status.UNMET, el.Status.UNKNOWN
NOT_CHECKED = el.Status.NOT_CHECKED

# The answer for an applicant who meets every rule the package checks.
ALL_CHECKED_MET = el.Outcome.ELIGIBLE_IF_CONFIRMED


@attrs.frozen
class Case:
    sentence: str
    credential: str
    applicant: Data
    outcome: el.Outcome
    pathway: str | None = None
    as_of: dt.date = AS_OF
    requirement: str | None = None  # the requirement the case turns on
    status: el.Status | None = None  # its status (default: the outcome's)
    reason: str | None = None  # a piece of that requirement's reason
    unverified: str | None = None  # a piece of the reason of an unverified rule it depends on


def met(sentence: str, credential: str, applicant: Data, requirement: str, **kw: Any) -> Case:
    """A case on the met side of a threshold: the requirement is met, the answer unchanged."""
    return Case(
        sentence, credential, applicant, ALL_CHECKED_MET, requirement=requirement, status=MET, **kw
    )


def unmet(sentence: str, credential: str, applicant: Data, requirement: str, **kw: Any) -> Case:
    return Case(sentence, credential, applicant, NOT_ELIGIBLE, requirement=requirement, **kw)


CASES = [
    # de-cprs: the IC&RC standard plus the Delaware board's additions
    met(
        "an applicant meeting every checked Delaware rule meets de-cprs's work rule",
        "de-cprs",
        DE,
        "work",
    ),
    unmet(
        "499 hours of work are not enough for de-cprs",
        "de-cprs",
        with_(DE, work_experience=[work(499)]),
        "work",
        reason="1 more hour needed",
    ),
    met("25 hours of supervision meet de-cprs", "de-cprs", DE, "supervision"),
    unmet(
        "24 hours of supervision are not enough for de-cprs",
        "de-cprs",
        with_(DE, supervision_hours=24),
        "supervision",
    ),
    met(
        "46 training hours split 10/10/10/16 meet de-cprs's domain rule",
        "de-cprs",
        DE,
        "training-domains",
        unverified="Harm Reduction",
    ),
    unmet(
        "45 training hours are not enough for de-cprs, whatever the domain split",
        "de-cprs",
        with_(DE, trainings=[*ICRC_TRAININGS[:3], training("Ethics", 15)]),
        "training",
    ),
    unmet(
        "9 hours of advocacy fail de-cprs only on its unverified domain split",
        "de-cprs",
        with_(
            DE,
            trainings=[
                training("Advocacy", 9),
                training("Mentoring/Education", 11),
                *ICRC_TRAININGS[2:],
            ],
        ),
        "training-domains",
        unverified="Harm Reduction",
    ),
    unmet(
        "a family member's lived experience does not meet de-cprs",
        "de-cprs",
        with_(DE, lived_experience="family"),
        "lived-experience",
    ),
    unmet(
        "an applicant living and working outside Delaware does not meet de-cprs",
        "de-cprs",
        with_(DE, residence_jurisdiction="PA", work_jurisdiction="PA"),
        "jurisdiction",
    ),
    unmet(
        "an applicant without the IC&RC exam passed does not meet de-cprs",
        "de-cprs",
        with_(DE, exams=[{"exam": "IC&RC PR", "passed": False, "date": "2025-02-01"}]),
        "exam",
    ),
    unmet(
        "an applicant without a high school diploma does not meet de-cprs",
        "de-cprs",
        with_(DE, education="none"),
        "education",
    ),
    # az-pr: the IC&RC standard with ABCAC's supervised experience and two letters
    met("500 supervised hours meet az-pr", "az-pr", AZ, "work"),
    unmet(
        "499 supervised hours are not enough for az-pr",
        "az-pr",
        with_(AZ, work_experience=[work(499, supervised=True)]),
        "work",
    ),
    unmet(
        "500 unsupervised hours do not count for az-pr",
        "az-pr",
        with_(AZ, work_experience=[work(500, supervised=False)]),
        "work",
    ),
    unmet(
        "24 hours of direct supervision are not enough for az-pr",
        "az-pr",
        with_(AZ, supervision_hours=24),
        "supervision",
    ),
    met("two letters of recommendation meet az-pr", "az-pr", AZ, "letters"),
    unmet(
        "one letter of recommendation is not enough for az-pr",
        "az-pr",
        with_(AZ, recommendation_letters=AZ["recommendation_letters"][:1]),
        "letters",
    ),
    unmet(
        "15 hours of ethics fail az-pr's IC&RC training rule",
        "az-pr",
        with_(AZ, trainings=[*ICRC_TRAININGS[:3], training("Ethics", 15), training("Other", 1)]),
        "training",
        reason="1 more hour needed in Ethical Responsibility",
    ),
    # nv-prss
    met("two years in recovery meet nv-prss", "nv-prss", NV, "recovery"),
    unmet(
        "a year and eleven months in recovery are not enough for nv-prss",
        "nv-prss",
        with_(NV, years_in_recovery=1.9),
        "recovery",
    ),
    met("500 hours of work meet nv-prss", "nv-prss", NV, "work"),
    unmet(
        "499 hours of work are not enough for nv-prss",
        "nv-prss",
        with_(NV, work_experience=[work(499)]),
        "work",
    ),
    unmet(
        "24 hours of supervision are not enough for nv-prss",
        "nv-prss",
        with_(NV, supervision_hours=24),
        "supervision",
    ),
    unmet(
        "an applicant with only another training has not taken PRSS 101 for nv-prss",
        "nv-prss",
        with_(NV, trainings=[training("other", 46)]),
        "training",
    ),
    Case(
        "an applicant who has not signed the code of ethics is incomplete for nv-prss",
        "nv-prss",
        with_(NV, code_of_ethics_signed=None),
        INCOMPLETE,
        requirement="code-of-ethics",
    ),
    # in-cprc
    met(
        "an applicant aged 18 on the check date meets in-cprc's age",
        "in-cprc",
        with_(IN, date_of_birth="2008-06-01"),
        "age",
    ),
    unmet(
        "an applicant aged 17 does not meet in-cprc",
        "in-cprc",
        with_(IN, date_of_birth="2008-06-02"),
        "age",
    ),
    met("one year in recovery meets in-cprc", "in-cprc", IN, "recovery"),
    unmet(
        "eleven months in recovery are not enough for in-cprc",
        "in-cprc",
        with_(IN, years_in_recovery=0.9),
        "recovery",
    ),
    met(
        "30 hours of Recovery Support Fundamentals meet in-cprc",
        "in-cprc",
        IN,
        "training",
        unverified="career-pathways",
    ),
    unmet(
        "29 hours of recovery support training are not enough for in-cprc",
        "in-cprc",
        with_(IN, trainings=[training("Recovery Support Fundamentals", 29), *IN["trainings"][1:]]),
        "training",
        unverified="career-pathways",
    ),
    met(
        "30 hours of DMHA CHW/CRS training meet in-cprc",
        "in-cprc",
        with_(IN, trainings=[training("CHW/CRS", 30), *IN["trainings"][1:]]),
        "training",
    ),
    unmet(
        "15 hours of ethics training are not enough for in-cprc",
        "in-cprc",
        with_(IN, trainings=[IN["trainings"][0], training("Ethics", 15), IN["trainings"][2]]),
        "ethics-training",
    ),
    unmet(
        "5 hours of HIV education are not enough for in-cprc",
        "in-cprc",
        with_(IN, trainings=[*IN["trainings"][:2], training("HIV", 5)]),
        "hiv-training",
    ),
    unmet(
        "499 hours of work are not enough for in-cprc",
        "in-cprc",
        with_(IN, work_experience=[work(499)]),
        "work",
    ),
    unmet(
        "24 hours of supervision are not enough for in-cprc",
        "in-cprc",
        with_(IN, supervision_hours=24),
        "supervision",
    ),
    unmet(
        "one professional reference is not enough for in-cprc",
        "in-cprc",
        with_(IN, recommendation_letters=IN["recommendation_letters"][:1]),
        "references",
    ),
    unmet(
        "an applicant living and working in Ohio does not meet in-cprc",
        "in-cprc",
        with_(IN, residence_jurisdiction="OH", work_jurisdiction="OH"),
        "jurisdiction",
    ),
    Case(
        "40 CE hours with 6 in ethics renew in-cprc",
        "in-cprc",
        IN_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "5 ethics CE hours do not renew in-cprc",
        "in-cprc",
        with_(
            IN_RENEWAL,
            continuing_education=[
                {"topic": "Ethics", "hours": 5, "date": "2025-06-01"},
                {"topic": "Advocacy", "hours": 35, "date": "2025-07-01"},
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="1 more hour needed in Peer Recovery Ethics",
    ),
    Case(
        "39 CE hours do not renew in-cprc",
        "in-cprc",
        with_(
            IN_RENEWAL,
            continuing_education=[
                {"topic": "Ethics", "hours": 6, "date": "2025-06-01"},
                {"topic": "Advocacy", "hours": 33, "date": "2025-07-01"},
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
    ),
    # ar-prs
    met("two years of recovery meet ar-prs", "ar-prs", AR, "recovery"),
    unmet(
        "a year and a half of recovery is not enough for ar-prs",
        "ar-prs",
        with_(AR, years_in_recovery=1.5),
        "recovery",
    ),
    met("the 30-hour core training meets ar-prs", "ar-prs", AR, "core-training"),
    unmet(
        "29 hours of core training are not enough for ar-prs",
        "ar-prs",
        with_(
            AR, trainings=[training("Arkansas core training", 29, "2024-03-01"), AR["trainings"][1]]
        ),
        "core-training",
    ),
    met(
        "16 education hours after the core training meet ar-prs, a figure another copy puts at 30",
        "ar-prs",
        AR,
        "education-hours",
        unverified="30 continued education hours",
    ),
    unmet(
        "15 education hours after the core training are not enough for ar-prs",
        "ar-prs",
        with_(AR, trainings=[AR["trainings"][0], training("Advocacy", 15, "2024-05-01")]),
        "education-hours",
    ),
    unmet(
        "education hours taken before the core training do not count for ar-prs",
        "ar-prs",
        with_(AR, trainings=[training("Advocacy", 16, "2024-01-01"), AR["trainings"][0]]),
        "education-hours",
    ),
    unmet(
        "499 experience hours are not enough for ar-prs",
        "ar-prs",
        with_(AR, work_experience=[work(499, "2024-03-01")]),
        "experience",
    ),
    unmet(
        "24 hours of peer supervision are not enough for ar-prs",
        "ar-prs",
        with_(AR, supervision_hours=24),
        "supervision",
    ),
    unmet(
        "a background check that did not clear fails ar-prs",
        "ar-prs",
        with_(AR, background_check_cleared=False),
        "background-check",
    ),
    unmet(
        "an applicant who failed the credentialing exam does not meet ar-prs",
        "ar-prs",
        with_(AR, exams=[{"exam": "AR PRS exam", "passed": False, "date": "2026-02-01"}]),
        "exam",
    ),
    # ky-adpss, registration (KRS 309.0831, read on a mirror)
    met(
        "an applicant aged 18 meets ky-adpss's age",
        "ky-adpss",
        with_(KY, date_of_birth="2008-06-01"),
        "age",
        unverified="mirror",
    ),
    unmet(
        "an applicant aged 17 does not meet ky-adpss",
        "ky-adpss",
        with_(KY, date_of_birth="2008-06-02"),
        "age",
        unverified="mirror",
    ),
    met(
        "500 hours working with people with a substance use disorder, in any role, meet ky-adpss",
        "ky-adpss",
        KY,
        "experience",
    ),
    unmet(
        "499 hours of experience are not enough for ky-adpss",
        "ky-adpss",
        with_(KY, work_experience=[work(499, peer_role=False)]),
        "experience",
    ),
    unmet(
        "24 hours of direct supervision are not enough for ky-adpss",
        "ky-adpss",
        with_(KY, supervision_hours=24),
        "supervision",
    ),
    met("51 training hours meet ky-adpss's 40 classroom hours", "ky-adpss", KY, "training"),
    unmet(
        "39 training hours are not enough for ky-adpss",
        "ky-adpss",
        with_(
            KY,
            trainings=[
                training("Ethics", 16),
                training("Domestic violence", 3),
                training("HIV", 2),
                training("Advocacy", 18),
            ],
        ),
        "training",
    ),
    unmet(
        "2 hours of domestic violence training are not enough for ky-adpss",
        "ky-adpss",
        with_(KY, trainings=[*KY_TOPICS[:1], training("Domestic violence", 2), *KY_TOPICS[2:]]),
        "topic-training",
        reason="1 more hour needed in Domestic violence",
    ),
    unmet(
        "15 hours of ethics are not enough for ky-adpss",
        "ky-adpss",
        with_(KY, trainings=[training("Ethics", 15), *KY_TOPICS[1:]]),
        "topic-training",
    ),
    met("twelve months in recovery meet ky-adpss", "ky-adpss", KY, "recovery"),
    unmet(
        "eleven months in recovery are not enough for ky-adpss",
        "ky-adpss",
        with_(KY, years_in_recovery=0.9),
        "recovery",
    ),
    # ky-adpss, temporary registration (KRS 309.0836)
    met(
        "an applicant with no experience hours meets ky-adpss's temporary topic hours",
        "ky-adpss",
        with_(KY, work_experience=None, supervision_hours=None),
        "topic-training",
        pathway="temporary",
    ),
    unmet(
        "9 hours of advocacy are not enough for ky-adpss's temporary registration",
        "ky-adpss",
        with_(KY, trainings=[*KY_TOPICS[:3], training("Advocacy", 9), *KY_TOPICS[4:]]),
        "topic-training",
        pathway="temporary",
        reason="1 more hour needed in Advocacy",
    ),
    unmet(
        "9 hours of recovery support are not enough for ky-adpss's temporary registration",
        "ky-adpss",
        with_(KY, trainings=[*KY_TOPICS[:5], training("Recovery support", 9)]),
        "topic-training",
        pathway="temporary",
    ),
    unmet(
        "an applicant living and working in Ohio does not meet ky-adpss's temporary registration",
        "ky-adpss",
        with_(KY, residence_jurisdiction="OH", work_jurisdiction="OH"),
        "jurisdiction",
        pathway="temporary",
    ),
    unmet(
        "eleven months in recovery are not enough for ky-adpss's temporary registration",
        "ky-adpss",
        with_(KY, years_in_recovery=0.9),
        "recovery",
        pathway="temporary",
    ),
    # nh-crsw (N.H. Admin. Code Alc 303, read on a mirror)
    met(
        "500 supervised hours in the last 10 years meet nh-crsw",
        "nh-crsw",
        NH,
        "work",
        unverified="mirror",
    ),
    unmet(
        "499 supervised hours are not enough for nh-crsw",
        "nh-crsw",
        with_(NH, work_experience=[work(499, "2020-01-01", supervised=True)]),
        "work",
    ),
    unmet(
        "hours worked more than 10 years before the check date do not count for nh-crsw",
        "nh-crsw",
        with_(NH, work_experience=[work(500, "2014-01-01", "2016-05-31", supervised=True)]),
        "work",
    ),
    unmet(
        "24 hours of direct supervised work are not enough for nh-crsw",
        "nh-crsw",
        with_(NH, supervision_hours=24),
        "supervision",
    ),
    met("46 hours of education meet nh-crsw", "nh-crsw", NH, "education-hours"),
    unmet(
        "45 hours of education are not enough for nh-crsw",
        "nh-crsw",
        with_(NH, trainings=[training("Recovery Coach Academy", 30), training("Ethics", 15)]),
        "education-hours",
    ),
    unmet(
        "a records check that did not clear fails nh-crsw",
        "nh-crsw",
        with_(NH, background_check_cleared=False),
        "records-check",
    ),
    # dc-cps
    met(
        "an applicant aged 18 meets dc-cps's age",
        "dc-cps",
        with_(DC, date_of_birth="2008-06-01"),
        "age",
    ),
    unmet(
        "an applicant aged 17 does not meet dc-cps",
        "dc-cps",
        with_(DC, date_of_birth="2008-06-02"),
        "age",
    ),
    met("70 hours of classroom work meet dc-cps", "dc-cps", DC, "classroom"),
    unmet(
        "69 hours of classroom work are not enough for dc-cps",
        "dc-cps",
        with_(DC, trainings=[training("DC CPS training", 69)]),
        "classroom",
    ),
    met("an 80-hour supervised practicum meets dc-cps", "dc-cps", DC, "practicum"),
    unmet(
        "a 79-hour practicum is not enough for dc-cps",
        "dc-cps",
        with_(DC, work_experience=[work(79, "2025-01-01", "2025-03-01", supervised=True)]),
        "practicum",
    ),
    unmet(
        "a family member's lived experience does not meet dc-cps",
        "dc-cps",
        with_(DC, lived_experience="family"),
        "lived-experience",
    ),
    unmet(
        "one personal reference is not enough for dc-cps",
        "dc-cps",
        with_(DC, recommendation_letters=DC["recommendation_letters"][:1]),
        "references",
        unverified="mirror",
    ),
    unmet(
        "an applicant who failed the DBH examination does not meet dc-cps",
        "dc-cps",
        with_(DC, exams=[{"exam": "DC CPS exam", "passed": False, "date": "2025-04-01"}]),
        "exam",
        unverified="mirror",
    ),
    # oh-prs: one of three routes, then the exam
    met("the OhioMHAS 40-hour PRS Training meets oh-prs's route", "oh-prs", OH, "route"),
    met(
        "an approved outside 40-hour training meets oh-prs's route",
        "oh-prs",
        with_(
            OH,
            trainings=[
                training("Another PRS model", 40, approved=True),
                training("eBased Academy", 16),
            ],
        ),
        "route",
    ),
    unmet(
        "39 hours of the OhioMHAS training are not enough for oh-prs",
        "oh-prs",
        with_(
            OH,
            trainings=[
                training("OhioMHAS PRS Training", 39, approved=False),
                training("eBased Academy", 16, approved=False),
            ],
            work_experience=[],
        ),
        "route",
    ),
    met(
        "36 months of peer work meet oh-prs's route without a training",
        "oh-prs",
        with_(
            OH,
            trainings=[training("eBased Academy", 16)],
            work_experience=[work(3000, "2023-06-01", "2026-05-31")],
        ),
        "route",
        unverified="part-time",
    ),
    unmet(
        "35 months of peer work and no training do not meet oh-prs's route",
        "oh-prs",
        with_(
            OH,
            trainings=[training("eBased Academy", 16)],
            work_experience=[work(3000, "2023-07-01", "2026-05-31")],
        ),
        "route",
        unverified="part-time",
    ),
    unmet(
        "15 hours of eBased Academy courses are not enough for oh-prs",
        "oh-prs",
        with_(
            OH, trainings=[training("OhioMHAS PRS Training", 40), training("eBased Academy", 15)]
        ),
        "ebased",
    ),
    unmet(
        "a family member's lived experience does not meet oh-prs",
        "oh-prs",
        with_(OH, lived_experience="family"),
        "lived-experience",
    ),
    unmet(
        "a failed PRS exam does not meet oh-prs",
        "oh-prs",
        with_(
            OH, exams=[{"exam": "PRS Certification Exam", "passed": False, "date": "2025-02-01"}]
        ),
        "exam",
    ),
    # nc-cpss
    met("a 40-hour course and 20 further hours meet nc-cpss", "nc-cpss", NC_, "further-training"),
    unmet(
        "19 further hours are not enough for nc-cpss",
        "nc-cpss",
        with_(NC_, trainings=[NC_["trainings"][0], training("WRAP", 19, "2025-04-01")]),
        "further-training",
    ),
    met(
        "a 40-hour certificate exactly two years old still counts for nc-cpss",
        "nc-cpss",
        with_(NC_, trainings=[training("NC PSS training", 40, "2024-06-01"), NC_["trainings"][1]]),
        "pss-training",
    ),
    unmet(
        "a 40-hour certificate older than two years does not count for nc-cpss",
        "nc-cpss",
        with_(NC_, trainings=[training("NC PSS training", 40, "2024-05-31"), NC_["trainings"][1]]),
        "pss-training",
    ),
    unmet(
        "one personal reference is not enough for nc-cpss",
        "nc-cpss",
        with_(NC_, recommendation_letters=NC_["recommendation_letters"][:1]),
        "references",
    ),
    unmet(
        "an applicant without a high school diploma does not meet nc-cpss",
        "nc-cpss",
        with_(NC_, education="none"),
        "education",
    ),
    # tn-cprs
    met(
        "an applicant aged 18 meets tn-cprs's age",
        "tn-cprs",
        with_(TN, date_of_birth="2008-06-01"),
        "age",
    ),
    unmet(
        "an applicant aged 17 does not meet tn-cprs",
        "tn-cprs",
        with_(TN, date_of_birth="2008-06-02"),
        "age",
    ),
    met("24 months of recovery meet tn-cprs", "tn-cprs", TN, "recovery"),
    unmet(
        "23 months of recovery are not enough for tn-cprs",
        "tn-cprs",
        with_(TN, years_in_recovery=1.9),
        "recovery",
    ),
    met("the 40-hour training meets tn-cprs", "tn-cprs", TN, "training"),
    unmet(
        "39 training hours are not enough for tn-cprs",
        "tn-cprs",
        with_(TN, trainings=[training("TN CPRS training", 39)]),
        "training",
    ),
    met(
        "75 supervised hours of peer recovery services meet tn-cprs's Part Two",
        "tn-cprs",
        TN,
        "services",
    ),
    unmet(
        "74 supervised hours of peer recovery services are not enough for tn-cprs",
        "tn-cprs",
        with_(TN, work_experience=[work(74, "2025-01-01", "2025-12-31", supervised=True)]),
        "services",
    ),
    unmet(
        "75 hours of peer recovery services without supervision do not meet tn-cprs",
        "tn-cprs",
        with_(TN, work_experience=[work(75, "2025-01-01", "2025-12-31", supervised=False)]),
        "services",
    ),
    met("three professional references meet tn-cprs", "tn-cprs", TN, "references"),
    unmet(
        "two references are not enough for tn-cprs",
        "tn-cprs",
        with_(TN, recommendation_letters=[{"kind": "other", "date": "2025-05-01"}] * 2),
        "references",
    ),
    met(
        "50 hours of peer services in two years renew tn-cprs",
        "tn-cprs",
        TN_RENEWAL,
        "services",
        pathway="renewal",
    ),
    unmet(
        "49 hours of peer services do not renew tn-cprs",
        "tn-cprs",
        with_(TN_RENEWAL, work_experience=[work(49, "2024-07-01", "2026-05-31")]),
        "services",
        pathway="renewal",
    ),
    # nd-cpss, CPSS I and CPSS II
    met(
        "one year of healthy living or recovery meets nd-cpss",
        "nd-cpss",
        ND,
        "recovery",
        unverified="75-03-43-02",
    ),
    unmet(
        "eleven months of recovery are not enough for nd-cpss",
        "nd-cpss",
        with_(ND, years_in_recovery=0.9),
        "recovery",
        unverified="75-03-43-02",
    ),
    met(
        "a family member's lived experience meets nd-cpss",
        "nd-cpss",
        with_(ND, lived_experience="family"),
        "lived-experience",
    ),
    unmet(
        "an applicant aged 17 does not meet nd-cpss",
        "nd-cpss",
        with_(ND, date_of_birth="2008-06-02"),
        "age",
    ),
    unmet(
        "an applicant living and working in Minnesota does not meet nd-cpss",
        "nd-cpss",
        with_(ND, work_jurisdiction="MN", residence_jurisdiction="MN"),
        "jurisdiction",
    ),
    Case(
        "an applicant without a diploma leaves nd-cpss's literacy alternative to confirm",
        "nd-cpss",
        with_(ND, education="none"),
        ALL_CHECKED_MET,
        requirement="education",
        status=NOT_CHECKED,
    ),
    met(
        "1,500 direct service hours meet nd-cpss's CPSS II",
        "nd-cpss",
        ND_II,
        "direct-service",
        pathway="cpss-ii",
    ),
    unmet(
        "1,499 direct service hours are not enough for nd-cpss's CPSS II",
        "nd-cpss",
        with_(ND_II, work_experience=[work(1499, "2020-01-01")]),
        "direct-service",
        pathway="cpss-ii",
    ),
    unmet(
        "a CPSS II applicant without the supervision training does not meet nd-cpss",
        "nd-cpss",
        with_(ND_II, trainings=ND["trainings"]),
        "supervision-training",
        pathway="cpss-ii",
    ),
    # ne-cpss (206 NAC 7, read on a mirror)
    met(
        "an applicant aged 19 meets ne-cpss's age",
        "ne-cpss",
        with_(NE, date_of_birth="2007-06-01"),
        "age",
        unverified="mirror",
    ),
    unmet(
        "an applicant aged 18 does not meet ne-cpss",
        "ne-cpss",
        with_(NE, date_of_birth="2007-06-02"),
        "age",
        unverified="mirror",
    ),
    met("60 core-curriculum hours within 12 months meet ne-cpss", "ne-cpss", NE, "training"),
    unmet(
        "59 core-curriculum hours are not enough for ne-cpss",
        "ne-cpss",
        with_(NE, trainings=[training("Nebraska core curriculum", 59, "2025-09-01")]),
        "training",
    ),
    unmet(
        "a core curriculum completed more than 12 months before does not count for ne-cpss",
        "ne-cpss",
        with_(NE, trainings=[training("Nebraska core curriculum", 60, "2025-05-31")]),
        "training",
    ),
    unmet(
        "an applicant on the APS/CPS registry does not meet ne-cpss",
        "ne-cpss",
        with_(NE, registry_check_cleared=False),
        "registry-check",
    ),
    # ms-cpssp (Miss. Admin. Code tit. 24, pt. 5, read on a mirror)
    met(
        "250 hours of support work in the last three years meet ms-cpssp",
        "ms-cpssp",
        MS,
        "experience",
    ),
    Case(
        "249 hours of support work leave ms-cpssp's college alternative to confirm",
        "ms-cpssp",
        with_(MS, work_experience=[work(249, "2024-01-01", "2025-12-31", peer_role=False)]),
        ALL_CHECKED_MET,
        requirement="experience",
        status=NOT_CHECKED,
    ),
    unmet(
        "a family member's lived experience does not meet ms-cpssp",
        "ms-cpssp",
        with_(MS, lived_experience="family"),
        "lived-experience",
        unverified="mirror",
    ),
    Case(
        "an applicant who has not signed the principles of conduct is incomplete for ms-cpssp",
        "ms-cpssp",
        with_(MS, code_of_ethics_signed=None),
        INCOMPLETE,
        requirement="code-of-ethics",
    ),
    # mo-cps
    met("the 35-hour basic training meets mo-cps", "mo-cps", MO, "training"),
    unmet(
        "34 hours of basic training are not enough for mo-cps",
        "mo-cps",
        with_(MO, trainings=[training("MO CPS basic training", 34)]),
        "training",
    ),
    unmet(
        "an applicant on a disqualification registry does not meet mo-cps",
        "mo-cps",
        with_(MO, registry_check_cleared=False),
        "registries",
    ),
    unmet(
        "a family member's lived experience does not meet mo-cps",
        "mo-cps",
        with_(MO, lived_experience="family"),
        "lived-experience",
    ),
    # va-cprs
    met("500 hours of peer recovery services meet va-cprs", "va-cprs", VA, "experience"),
    unmet(
        "499 hours of peer recovery services are not enough for va-cprs",
        "va-cprs",
        with_(VA, work_experience=[work(499)]),
        "experience",
    ),
    met(
        "a family member's lived experience meets va-cprs",
        "va-cprs",
        with_(VA, lived_experience="family"),
        "lived-experience",
    ),
    unmet(
        "an applicant without a high school diploma does not meet va-cprs",
        "va-cprs",
        with_(VA, education="none"),
        "education",
    ),
    # or-pss
    met("an approved 40-hour training meets or-pss's route", "or-pss", OR, "route"),
    met(
        "2,000 hours of peer work in five years meet or-pss's route",
        "or-pss",
        with_(
            OR,
            trainings=[OR["trainings"][1]],
            work_experience=[work(2000, "2021-06-01", "2026-05-31")],
        ),
        "route",
    ),
    Case(
        "1,999 hours and no approved training leave or-pss's other-certification route to confirm",
        "or-pss",
        with_(
            OR,
            trainings=[OR["trainings"][1]],
            work_experience=[work(1999, "2021-06-01", "2026-05-31")],
        ),
        ALL_CHECKED_MET,
        requirement="route",
        status=NOT_CHECKED,
    ),
    unmet(
        "an applicant without the oral health training does not meet or-pss",
        "or-pss",
        with_(OR, trainings=[OR["trainings"][0], training("other", 2)]),
        "oral-health",
    ),
    unmet(
        "a background check that did not clear fails or-pss",
        "or-pss",
        with_(OR, background_check_cleared=False),
        "background-check",
    ),
    met(
        "an applicant aged 18 meets or-pss's age",
        "or-pss",
        with_(OR, date_of_birth="2008-06-01"),
        "age",
    ),
    unmet(
        "an applicant aged 17 does not meet or-pss",
        "or-pss",
        with_(OR, date_of_birth="2008-06-02"),
        "age",
    ),
    Case(
        "an approved training completed over three years before leaves or-pss's route to confirm",
        "or-pss",
        with_(
            OR,
            trainings=[training("other", 40, "2023-05-31", approved=True), OR["trainings"][1]],
            work_experience=[],
        ),
        ALL_CHECKED_MET,
        requirement="route",
        status=NOT_CHECKED,
    ),
    # wi-cps
    met("a score of 85% passes wi-cps's exam", "wi-cps", WI, "exam"),
    unmet(
        "a score of 84% does not pass wi-cps's exam",
        "wi-cps",
        with_(WI, exams=[{"exam": "WI CPS exam", "score": 84, "date": "2025-02-01"}]),
        "exam",
    ),
    unmet(
        "an applicant with only another training does not meet wi-cps",
        "wi-cps",
        with_(WI, trainings=[training("other", 40)]),
        "training",
    ),
    # ia-prs: the IC&RC standard plus Iowa's training
    met(
        "the 40-hour Peer Support training meets ia-prs",
        "ia-prs",
        IA,
        "training",
        unverified="40 Peer Support",
    ),
    unmet(
        "39 hours of Peer Support training are not enough for ia-prs",
        "ia-prs",
        with_(IA, trainings=[training("Iowa PSS training", 39), training("Ethics", 6)]),
        "training",
        unverified="40 Peer Support",
    ),
    unmet(
        "5 hours of ethics are not enough for ia-prs",
        "ia-prs",
        with_(IA, trainings=[training("Iowa PSS training", 40), training("Ethics", 5)]),
        "ethics",
    ),
    unmet(
        "499 hours of work are not enough for ia-prs",
        "ia-prs",
        with_(IA, work_experience=[work(499)]),
        "work",
    ),
    unmet(
        "24 hours of supervision are not enough for ia-prs",
        "ia-prs",
        with_(IA, supervision_hours=24),
        "supervision",
    ),
    # me-cipss
    met("75 hours of peer support in the year meet me-cipss", "me-cipss", ME, "peer-support"),
    unmet(
        "74 hours of peer support are not enough for me-cipss",
        "me-cipss",
        with_(ME, work_experience=[work(74, "2025-09-01", "2026-05-31")]),
        "peer-support",
    ),
    unmet(
        "an applicant without the IPS training does not meet me-cipss",
        "me-cipss",
        with_(ME, trainings=[training("other", 64)]),
        "training",
    ),
    unmet(
        "a family member's lived experience does not meet me-cipss",
        "me-cipss",
        with_(ME, lived_experience="family"),
        "lived-experience",
    ),
    met(
        "75 hours of peer support in the year keep me-cipss",
        "me-cipss",
        ME_RENEWAL,
        "peer-support",
        pathway="renewal",
    ),
    unmet(
        "74 hours of peer support in the year do not keep me-cipss",
        "me-cipss",
        with_(ME_RENEWAL, work_experience=[work(74, "2025-07-01", "2026-05-31")]),
        "peer-support",
        pathway="renewal",
    ),
    # mt-cbhpss
    met("40 training hours meet mt-cbhpss", "mt-cbhpss", MT, "training", unverified="obsolete"),
    unmet(
        "39 training hours are not enough for mt-cbhpss",
        "mt-cbhpss",
        with_(MT, trainings=[training("MT peer support training", 39)]),
        "training",
        unverified="obsolete",
    ),
    unmet(
        "a year and a half of recovery is not enough for mt-cbhpss",
        "mt-cbhpss",
        with_(MT, years_in_recovery=1.5),
        "recovery",
        unverified="obsolete",
    ),
    unmet(
        "a background check that did not clear fails mt-cbhpss",
        "mt-cbhpss",
        with_(MT, background_check_cleared=False),
        "background-check",
    ),
    # ok-prss
    met(
        "an applicant aged 18 meets ok-prss's age",
        "ok-prss",
        with_(OK, date_of_birth="2008-06-01"),
        "age",
    ),
    unmet(
        "an applicant aged 17 does not meet ok-prss",
        "ok-prss",
        with_(OK, date_of_birth="2008-06-02"),
        "age",
    ),
    unmet(
        "an applicant unwilling to self-disclose does not meet ok-prss",
        "ok-prss",
        with_(OK, willing_to_share=False),
        "willing-to-share",
    ),
    unmet(
        "a failed PRSS exam does not meet ok-prss",
        "ok-prss",
        with_(OK, exams=[{"exam": "OK PRSS exam", "passed": False, "date": "2025-02-01"}]),
        "exam",
        unverified="mirror",
    ),
    # md-cprs: the IC&RC standard with Maryland's lived-experience scope
    met(
        "a family member or ally meets md-cprs's lived experience",
        "md-cprs",
        MD,
        "lived-experience",
    ),
    unmet(
        "an applicant with no lived experience does not meet md-cprs",
        "md-cprs",
        with_(MD, lived_experience="none"),
        "lived-experience",
    ),
    unmet(
        "499 hours of work are not enough for md-cprs",
        "md-cprs",
        with_(MD, work_experience=[work(499)]),
        "work",
    ),
    unmet(
        "an applicant living and working in Virginia does not meet md-cprs",
        "md-cprs",
        with_(MD, residence_jurisdiction="VA", work_jurisdiction="VA"),
        "jurisdiction",
    ),
    # sc-cpss (APSC)
    met("one year of recovery meets sc-cpss", "sc-cpss", SC, "recovery"),
    unmet(
        "eleven months of recovery are not enough for sc-cpss",
        "sc-cpss",
        with_(SC, years_in_recovery=0.9),
        "recovery",
    ),
    met(
        "twelve months of practical experience meet sc-cpss",
        "sc-cpss",
        SC,
        "practical-experience",
        unverified="12 calendar months",
    ),
    unmet(
        "eleven months of practical experience are not enough for sc-cpss",
        "sc-cpss",
        with_(SC, work_experience=[work(None, "2025-01-01", "2025-11-30")]),
        "practical-experience",
        unverified="12 calendar months",
    ),
    met("the 46-hour training meets sc-cpss", "sc-cpss", SC, "training"),
    unmet(
        "45 training hours are not enough for sc-cpss",
        "sc-cpss",
        with_(SC, trainings=[training("SC CPSS training", 45)]),
        "training",
    ),
    # co-cpfs: the IC&RC standard, Colorado's own figures not read
    met("500 hours of work meet co-cpfs's IC&RC experience rule", "co-cpfs", CO, "work"),
    unmet(
        "499 hours of work are not enough for co-cpfs",
        "co-cpfs",
        with_(CO, work_experience=[work(499)]),
        "work",
    ),
    unmet(
        "24 hours of supervision are not enough for co-cpfs",
        "co-cpfs",
        with_(CO, supervision_hours=24),
        "supervision",
    ),
    unmet(
        "an applicant living and working in Utah does not meet co-cpfs",
        "co-cpfs",
        with_(CO, residence_jurisdiction="UT", work_jurisdiction="UT"),
        "jurisdiction",
    ),
    # ut-pss
    met("an approved training meets ut-pss", "ut-pss", UT, "training", unverified="mirror"),
    unmet(
        "an applicant without the approved training does not meet ut-pss",
        "ut-pss",
        with_(UT, trainings=[training("other", 40)]),
        "training",
        unverified="mirror",
    ),
    unmet(
        "a failed training examination does not meet ut-pss",
        "ut-pss",
        with_(UT, exams=[{"exam": "UT PSS exam", "passed": False, "date": "2025-02-01"}]),
        "exam",
    ),
    Case(
        "20 CE hours with 2 ethics, 6 peer-specific and 1 suicide prevention keep ut-pss",
        "ut-pss",
        UT_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
        unverified="mirror",
    ),
    Case(
        "no suicide prevention CE hour does not keep ut-pss",
        "ut-pss",
        with_(
            UT_RENEWAL,
            continuing_education=[
                *UT_RENEWAL["continuing_education"][:2],
                {"topic": "other", "hours": 12, "date": "2025-04-01", "peer_specific": False},
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="1 more hour needed in suicide prevention",
        unverified="mirror",
    ),
    Case(
        "5 peer-specific CE hours do not keep ut-pss",
        "ut-pss",
        with_(
            UT_RENEWAL,
            continuing_education=[
                UT_RENEWAL["continuing_education"][0],
                {"topic": "other", "hours": 5, "date": "2025-02-01", "peer_specific": True},
                UT_RENEWAL["continuing_education"][2],
                {"topic": "other", "hours": 12, "date": "2025-04-01", "peer_specific": False},
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
    ),
    # the met side of thresholds whose unmet side is above
    met("500 experience hours meet ar-prs", "ar-prs", AR, "experience"),
    met("25 hours of peer supervision meet ar-prs", "ar-prs", AR, "supervision"),
    met("25 hours of direct supervision meet az-pr", "az-pr", AZ, "supervision"),
    met(
        "46 training hours split 10/10/10/16 meet az-pr's IC&RC training rule",
        "az-pr",
        AZ,
        "training",
    ),
    met("25 hours of supervision meet nv-prss", "nv-prss", NV, "supervision"),
    met("500 hours of work meet in-cprc", "in-cprc", IN, "work"),
    met("25 hours of supervision meet in-cprc", "in-cprc", IN, "supervision"),
    met("16 hours of ethics training meet in-cprc", "in-cprc", IN, "ethics-training"),
    met("6 hours of HIV education meet in-cprc", "in-cprc", IN, "hiv-training"),
    met("two professional references meet in-cprc", "in-cprc", IN, "references"),
    met(
        "25 hours of direct supervision meet ky-adpss",
        "ky-adpss",
        KY,
        "supervision",
        unverified="mirror",
    ),
    met(
        "16, 3 and 2 hours of ethics, domestic violence and HIV meet ky-adpss",
        "ky-adpss",
        KY,
        "topic-training",
        unverified="mirror",
    ),
    met(
        "25 hours of direct supervised work meet nh-crsw",
        "nh-crsw",
        NH,
        "supervision",
        unverified="mirror",
    ),
    met("two personal references meet dc-cps", "dc-cps", DC, "references", unverified="mirror"),
    met(
        "16 hours of eBased Academy courses meet oh-prs, for whichever route",
        "oh-prs",
        OH,
        "ebased",
        unverified="lists them for every route",
    ),
    met(
        "an applicant aged 18 meets oh-prs's age, a rule read on a mirror",
        "oh-prs",
        with_(OH, date_of_birth="2008-06-01"),
        "age",
        unverified="mirror",
    ),
    unmet(
        "an applicant aged 17 does not meet oh-prs",
        "oh-prs",
        with_(OH, date_of_birth="2008-06-02"),
        "age",
    ),
    met("two personal references meet nc-cpss", "nc-cpss", NC_, "references"),
    met("20 further hours meet nc-cpss", "nc-cpss", NC_, "further-training"),
    met(
        "an applicant aged 18 meets nd-cpss",
        "nd-cpss",
        with_(ND, date_of_birth="2008-06-01"),
        "age",
    ),
    met("the 35-hour basic training meets mo-cps's training rule", "mo-cps", MO, "training"),
    met("6 more hours of ethics meet ia-prs", "ia-prs", IA, "ethics"),
    met("500 hours of work meet ia-prs", "ia-prs", IA, "work"),
    met("25 hours of supervision meet ia-prs", "ia-prs", IA, "supervision"),
    met("two years of recovery meet mt-cbhpss", "mt-cbhpss", MT, "recovery", unverified="obsolete"),
    met("500 hours of work meet md-cprs", "md-cprs", MD, "work"),
    met("25 hours of supervision meet co-cpfs", "co-cpfs", CO, "supervision"),
    met("46 training hours meet de-cprs's total", "de-cprs", DE, "training"),
]

_STATUS = {ELIGIBLE: MET, NOT_ELIGIBLE: UNMET, INCOMPLETE: UNKNOWN}


@pytest.mark.parametrize("case", CASES, ids=[c.sentence for c in CASES])
def test_case(case: Case) -> None:
    result = el.check(case.applicant, case.credential, case.pathway, case.as_of)
    text = result.to_text()
    assert result.outcome is case.outcome, text
    if case.requirement is not None:
        turned = result.requirement(case.requirement)
        assert turned.status is (case.status or _STATUS[case.outcome]), text
        if case.reason is not None:
            assert case.reason in turned.reason, turned.reason
    if case.unverified is not None:
        reasons = [r.unverified_reason or "" for r in result.depends_on_unverified]
        assert any(case.unverified in r for r in reasons), text


def test_these_cases_cover_every_state_credential_and_pathway() -> None:
    seen: dict[tuple[str, str], set[el.Outcome]] = {}
    for case in CASES:
        key = (case.credential, case.pathway or el.credential(case.credential).pathways[0].id)
        seen.setdefault(key, set()).add(case.outcome)
    for cred_id in STATE_CREDENTIALS:
        for pathway in el.credential(cred_id).pathways:
            outcomes = seen.get((cred_id, pathway.id), set())
            assert outcomes & {ELIGIBLE, ALL_CHECKED_MET}, (cred_id, pathway.id)
            assert NOT_ELIGIBLE in outcomes, (cred_id, pathway.id)


ICRC_URL = "https://internationalcredentialing.org/icrc-credentials/pr"


def _own_leaves(cred: el.Credential) -> list[tuple[str, Any]]:
    """The requirements of a state credential that are its own (not reused from icrc-pr)."""
    return [
        (p.id, leaf) for p in cred.pathways for leaf in p.leaves if leaf.citation.url != ICRC_URL
    ]


def test_every_state_credential_names_its_jurisdiction_and_was_checked_on_2026_12_01() -> None:
    for cred_id in STATE_CREDENTIALS:
        cred = el.credential(cred_id)
        assert cred.jurisdiction is not None
        assert cred.id.startswith(cred.jurisdiction.lower())
        assert cred.citation.checked_on == dt.date(2026, 12, 1), cred_id
        for pathway_id, leaf in _own_leaves(cred):
            assert leaf.citation.checked_on == dt.date(2026, 12, 1), (cred_id, pathway_id)
            assert leaf.citation.url, (cred_id, pathway_id, leaf.id)
        for note in cred.notes:
            assert note.citation.url, (cred_id, note.text)


def test_a_rule_read_on_a_mirror_is_unverified_or_not_checked() -> None:
    for cred_id in STATE_CREDENTIALS:
        for pathway_id, leaf in _own_leaves(el.credential(cred_id)):
            if "mirror" in leaf.citation.title:
                assert leaf.verification is el.Verification.UNVERIFIED or (
                    leaf.test.kind == "not-checked"
                ), (cred_id, pathway_id, leaf.id)
            if leaf.verification is el.Verification.UNVERIFIED:
                assert leaf.unverified_reason, (cred_id, pathway_id, leaf.id)


def test_the_icrc_member_boards_reuse_the_icrc_standard_rather_than_copy_it() -> None:
    standard = {leaf.id: leaf for leaf in el.credential("icrc-pr").pathway("initial").leaves}
    for cred_id in ("de-cprs", "az-pr", "nv-prss", "in-cprc", "ia-prs", "md-cprs", "co-cpfs"):
        reused = [
            leaf
            for leaf in el.credential(cred_id).pathway("initial").leaves
            if leaf.citation.url == ICRC_URL
        ]
        assert len(reused) >= 3, cred_id
        for leaf in reused:
            assert leaf == standard[leaf.id], (cred_id, leaf.id)
        own = [leaf for _, leaf in _own_leaves(el.credential(cred_id))]
        assert own, cred_id  # the board's additions


@pytest.mark.parametrize(
    ("group", "text", "key"),
    [
        ("topics", "PRSS 101", "nv-prss-101"),
        ("topics", "DV training", "domestic-violence"),
        ("topics", "Recovery support", "recovery-wellness"),
        ("topics", "Peer Recovery Ethics", "ethics"),
        ("topics", "HIV/STI", "hiv-bloodborne-pathogens"),
        ("topics", "CHW/CRS", "in-chw-crs"),
        ("topics", "eBased Academy", "oh-ebased-academy"),
        ("topics", "THW oral health training", "or-oral-health"),
        ("exams", "PRS Certification Exam", "oh-prs"),
        ("exams", "DC CPS exam", "dc-cps"),
        ("credentials", "CAPRC II", "in-cprc"),
        ("credentials", "NCCPSS", "nc-cpss"),
        ("credentials", "CRSW", "nh-crsw"),
    ],
)
def test_the_vocabulary_knows_the_names_the_state_sources_use(
    group: Any, text: str, key: str
) -> None:
    assert el.vocabulary().keys(group, text) == {key}


JURISDICTIONS_PAGE = Path(__file__).parent.parent / "docs" / "jurisdictions.md"
ALL_JURISDICTIONS = set(
    "AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE "
    "NH NJ NM NV NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY".split()
)


def _counts(cred: el.Credential) -> tuple[int, int, int]:
    leaves = {(p.id, leaf.id): leaf for p in cred.pathways for leaf in p.leaves}
    tested = [leaf for leaf in leaves.values() if leaf.test.kind != "not-checked"]
    unverified = sum(leaf.verification is el.Verification.UNVERIFIED for leaf in tested)
    return len(tested) - unverified, unverified, len(leaves) - len(tested)


def test_the_jurisdictions_page_has_a_row_for_every_jurisdiction_with_the_shipped_counts() -> None:
    rows = [
        [cell.strip() for cell in line.split("|")[1:-1]]
        for line in JURISDICTIONS_PAGE.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and len(line.split("|")) == 9
    ]
    table = {row[1]: row for row in rows if row[0] in ALL_JURISDICTIONS}
    assert {row[0] for row in rows if row[0] in ALL_JURISDICTIONS} == ALL_JURISDICTIONS
    for cred in el.credentials():
        if cred.jurisdiction is None:
            continue
        row = table[f"[`{cred.id}`](credentials/{cred.id}.md)"]
        assert row[0] == cred.jurisdiction
        if cred.id in STATE_CREDENTIALS:  # issue 1's credentials may be re-checked apart
            assert row[4] == str(cred.citation.checked_on)
            assert row[5] == " / ".join(str(n) for n in _counts(cred)), cred.id
    totals = [sum(_counts(el.credential(c))[i] for c in STATE_CREDENTIALS) for i in range(3)]
    text = JURISDICTIONS_PAGE.read_text(encoding="utf-8")
    summary = f'{totals[0]} checked, {totals[1]} unverified and {totals[2]} "not\nchecked"'
    assert summary in text
    assert f"{len(STATE_CREDENTIALS)}\nadded for issue 16" in text


def test_a_result_names_the_requirements_its_sources_leave_not_checked() -> None:
    result = el.check(DE, "de-cprs", as_of=AS_OF)
    assert result.outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED
    assert [r.id for r in result.not_checked] == [
        "essay",
        "job-description",
        "age",
        "background-check",
    ]
    assert "not checked: age: A minimum age: not stated on the board's page." in result.to_text()
    failing = el.check(with_(DE, supervision_hours=24), "de-cprs", as_of=AS_OF)
    assert failing.outcome is el.Outcome.NOT_ELIGIBLE
    assert failing.not_checked == ()  # nothing to confirm once a checked rule fails


def test_every_state_credential_lists_what_its_sources_leave_not_checked() -> None:
    for cred_id in STATE_CREDENTIALS:
        cred = el.credential(cred_id)
        initial = cred.pathways[0].leaves
        assert any(leaf.test.kind == "not-checked" for leaf in initial), cred_id


def test_a_work_duration_whose_source_gives_no_period_reads_its_records_without_a_window() -> None:
    # The Ohio work route ("3 or more years work experience") and the South Carolina year of
    # practical experience state no period: no window may be shown or applied (it was once
    # written as "the 100 years before the check date", a figure no source gives).
    old_work = [work(None, "1920-01-01", "1923-01-31")]
    ohio = el.check(with_(OH, trainings=[], work_experience=old_work), "oh-prs", as_of=AS_OF)
    route = ohio.requirement("work-experience")
    assert route.status is el.Status.MET, ohio.to_text()
    assert "100 years" not in ohio.to_text()
    carolina = el.check(
        with_(SC, work_experience=[work(None, "1920-01-01", "1920-12-31")]), "sc-cpss", as_of=AS_OF
    )
    assert carolina.requirement("practical-experience").status is el.Status.MET
    assert "100 years" not in carolina.to_text()


def test_an_oregon_training_counts_only_within_three_years_of_the_application() -> None:
    fresh = el.check(OR, "or-pss", as_of=AS_OF)
    assert fresh.requirement("training").status is el.Status.MET
    stale = with_(OR, trainings=[training("other", 40, "2023-05-31", approved=True)])
    old = el.check(stale, "or-pss", as_of=AS_OF)
    assert old.requirement("training").status is el.Status.UNMET, old.to_text()


def test_a_training_name_other_states_use_too_is_not_taken_for_ohios_training() -> None:
    # Virginia's Department calls its own courses "Peer Recovery Specialist (PRS) trainings":
    # a bare "PRS Training" must not count as the OhioMHAS 40-hour PRS Training.
    assert el.vocabulary().keys("topics", "PRS Training") == frozenset()
    assert el.vocabulary().keys("topics", "OhioMHAS PRS Training") == {"oh-prs"}
