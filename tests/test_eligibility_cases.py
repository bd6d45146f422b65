"""Applicant → expected outcome, for every credential and pathway, written as sentences.

Each case starts from an applicant who meets every requirement of the pathway (checked as
eligible first) and changes one fact, most often to the edge on either side of a threshold.
Unless a case says otherwise, checks run as of 2026-06-01. A case may also name a piece of the
reason of an unverified rule its result says it depends on, or of one of the credential's notes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from peer_competencies import eligibility as el
from tests.test_eligibility_states import STATE_CREDENTIALS

AS_OF = dt.date(2026, 6, 1)

Data = dict[str, Any]


def with_(base: Data, **changes: Any) -> Data:
    """A copy of ``base`` with some top-level fields replaced (None removes the field)."""
    data = dict(base)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def training(
    topic: str | None, hours: float | None, date: str | None = "2024-10-01", **kw: Any
) -> Data:
    data: Data = {"topic": topic, "hours": hours, "date": date, **kw}
    return {k: v for k, v in data.items() if v is not None}


def ce(topic: str, hours: float, date: str = "2025-06-01", **kw: Any) -> Data:
    return {"topic": topic, "hours": hours, "date": date, **kw}


def work(
    hours: float | None, start: str = "2023-01-01", end: str = "2025-12-31", **kw: Any
) -> Data:
    return {"peer_role": True, "hours": hours, "start": start, "end": end, **kw}


def passed(exam: str, date: str = "2025-02-01", **kw: Any) -> Data:
    return {"exam": exam, "passed": True, "date": date, **kw}


PERSON: Data = {
    "id": "A-001",
    "date_of_birth": "1990-05-01",
    "education": "high-school",
    "lived_experience": "self",
    "willing_to_share": True,
    "dedicated_to_recovery": True,
    "code_of_ethics_signed": "2025-01-10",
}

# --- California --------------------------------------------------------------------------------

CA_CORE = training("ca-pss-core", 80, "2024-01-10", approved=True)
CA = with_(PERSON, trainings=[CA_CORE], exams=[passed("ca-pss")])

CA_LETTERS = [
    {"kind": "supervisor", "on_letterhead": True, "date": "2025-01-01"},
    {"kind": "colleague", "date": "2025-01-01"},
    {"kind": "self", "date": "2025-01-01"},
]
CA_CE = [ce("Law and Ethics", 6), ce("Trauma-informed care", 14)]
RECIPROCITY = with_(
    CA,
    trainings=None,
    work_experience=[work(1550)],
    certifications=[
        {
            "issued_on": "2024-01-01",
            "credential": "pa-cps",
            "jurisdiction": "PA",
            "expires_on": "2027-01-01",
            "discipline_pending": False,
        }
    ],
    continuing_education=CA_CE,
    recommendation_letters=CA_LETTERS,
)

GRANDPARENTING = {
    "lived_experience": "family",
    "willing_to_share": True,
    "work_experience": [work(1550, "2019-01-01", "2022-06-30")],
    "continuing_education": [ce("law and ethics", 6, "2022-03-01"), ce("other", 14, "2022-04-01")],
    "exams": [passed("ca-pss", "2022-10-01")],
}
GP_OPEN = dt.date(2022, 12, 31)

CA_RENEWAL: Data = {
    "code_of_ethics_signed": "2026-05-01",
    "certifications": [
        {
            "issued_on": "2024-01-01",
            "credential": "CA PSS",
            "jurisdiction": "CA",
            "expires_on": "2026-08-30",
        }
    ],
    "continuing_education": CA_CE,
}

SPECIALIZATIONS = {
    "ca-pss-family": "Parent, Caregiver, and Family Member Peer Support",
    "ca-pss-crisis": "Crisis Services",
    "ca-pss-justice": "Justice-Involved",
    "ca-pss-unhoused": "Unhoused",
}

# --- national ----------------------------------------------------------------------------------

ICRC_TRAININGS = [
    training("Advocacy", 10),
    training("Mentoring/Education", 10),
    training("Recovery/Wellness Support", 10),
    training("Ethical Responsibility", 16),
]
ICRC = with_(
    PERSON,
    work_experience=[work(500, paid=False)],
    trainings=ICRC_TRAININGS,
    recorded_on="2026-06-01",
    supervision_hours=25,
    applying_in="PA",
    residence_jurisdiction="PA",
    exams=[passed("IC&RC PR")],
)
ICRC_RENEWAL = {
    "certifications": [
        {"issued_on": "2024-01-01", "credential": "icrc-pr", "expires_on": "2026-12-31"}
    ],
    "continuing_education": [ce("Ethics", 6), ce("Advocacy", 14)],
}

MHA = with_(
    PERSON,
    certifications=[
        {
            "issued_on": "2024-01-01",
            "credential": "pa-cps",
            "jurisdiction": "PA",
            "expires_on": "2027-01-01",
        }
    ],
    work_experience=[work(2000, "2022-01-01", "2026-05-01", supervised=True, verified=True)],
    recommendation_letters=[
        {"kind": "supervisor", "date": "2025-01-01"},
        {"kind": "colleague", "date": "2025-01-01"},
        {"kind": "other", "date": "2025-01-01"},
    ],
    exams=[passed("mha-ncps")],
)

NAADAC_TRAININGS = [
    training("Ethics", 6, face_to_face=True),
    training("HIV/bloodborne pathogens", 6, face_to_face=True),
    training("other", 24, face_to_face=False),
    training("Advocacy", 24, face_to_face=True),
]
NAADAC = with_(
    PERSON,
    work_jurisdiction="PA",
    certifications=[
        {
            "issued_on": "2024-01-01",
            "credential": "pa-cps",
            "jurisdiction": "PA",
            "expires_on": "2027-01-01",
        }
    ],
    work_experience=[work(2080, "2021-01-01", "2025-12-31")],
    trainings=NAADAC_TRAININGS,
    exams=[passed("NCPRSS")],
)

# --- states ------------------------------------------------------------------------------------

GA = with_(
    PERSON,
    recorded_on="2026-06-01",
    years_in_recovery=1,
    trainings=[training("ga-cps", 40, "2025-01-15")],
    exams=[passed("ga-cps", "2026-01-15")],
)
GA_RENEWAL = {
    "certifications": [
        {
            "issued_on": "2024-01-01",
            "credential": "ga-cps",
            "jurisdiction": "GA",
            "expires_on": "2026-12-31",
        }
    ],
    "continuing_education": [ce("Ethics", 1, "2025-03-01"), ce("WRAP", 11, "2025-09-01")],
}

PA = with_(
    PERSON,
    residence_jurisdiction="PA",
    work_experience=[{"start": "2025-06-02", "end": "2026-06-01", "peer_role": False}],
    college_credits=[],
    trainings=[training("pa-cps", 75)],
    exams=[passed("pa-cps")],
)
PA_RENEWAL = {
    "certifications": [
        {
            "issued_on": "2024-07-01",
            "credential": "pa-cps",
            "jurisdiction": "PA",
            "expires_on": "2026-07-01",
        }
    ],
    "continuing_education": [
        ce("Peer ethics", 24, peer_specific=True),
        ce("Ethics", 3, peer_specific=False),
        ce("other", 9, peer_specific=False),
    ],
}

TX = with_(
    PERSON,
    background_check_cleared=True,
    registry_check_cleared=True,
    trainings=[training("tx-mhps-core", 19.5, "2025-01-10"), training("tx-mhps", 40, "2025-02-10")],
    exams=[passed("tx-mhps", "2025-03-01")],
    work_experience=[work(250, "2025-03-01", "2025-09-01", supervised=True)],
    recommendation_letters=[{"kind": "supervisor", "date": "2025-09-01"}],
)
TX_RENEWAL = {
    "certifications": [
        {
            "issued_on": "2024-07-01",
            "credential": "tx-mhps",
            "jurisdiction": "TX",
            "expires_on": "2026-07-01",
        }
    ],
    "continuing_education": [ce("Ethics", 3), ce("Motivational interviewing", 17)],
}

NY_2022 = dt.date(2022, 4, 1)
NY = with_(
    PERSON,
    recorded_on="2022-03-01",
    work_jurisdiction="NY",
    trainings=[
        training("Recovery Coach Academy", 30, "2021-05-01", approved=True),
        training("Ethics", 16, "2021-06-01", approved=True),
        training("Medication-supported recovery", 4, "2021-07-01", approved=True),
    ],
    work_experience=[work(500, "2021-01-01", "2021-12-31")],
    supervision_hours=25,
    code_of_ethics_signed="2021-01-10",
    exams=[passed("IC&RC exam", "2022-02-01")],
)
NY_RENEWAL = {
    "certifications": [
        {
            "issued_on": "2023-07-01",
            "credential": "NY CRPA",
            "jurisdiction": "NY",
            "expires_on": "2026-07-01",
        }
    ],
    "continuing_education": [ce("Ethics", 4, "2024-01-01"), ce("other", 24, "2025-01-01")],
}
NY_NO_MSR = with_(NY, trainings=NY["trainings"][:2])

WA = with_(
    PERSON,
    recorded_on="2026-06-01",
    years_in_recovery=1,
    trainings=[training("HCA course", 40)],
    exams=[
        {"exam": "WA CPSS oral exam", "score": 80, "date": "2025-01-05"},
        {"exam": "WA CPSS written exam", "passed": True, "date": "2025-01-06"},
    ],
    work_experience=[work(1000, supervised=True)],
    background_check_cleared=True,
)
WA_RENEWAL = {
    "certifications": [
        {
            "issued_on": "2024-07-01",
            "credential": "wa-cpss",
            "jurisdiction": "WA",
            "expires_on": "2026-07-01",
        }
    ],
    "continuing_education": [
        ce("Law and ethics", 2, peer_specific=False),
        ce("other", 14, peer_specific=True),
        ce("Other", 9, peer_specific=False),
        ce("Suicide prevention", 3, peer_specific=False),
        ce("Health equity", 2, peer_specific=False),
    ],
}

VT = with_(
    PERSON,
    residence_jurisdiction="VT",
    trainings=[training("Intentional Peer Support", 40), training("vt-cpsp", 80)],
    work_experience=[work(250, verified=True)],
    exams=[passed("vt-cpsp")],
)
VT_STATE = {
    "certifications": [
        {
            "issued_on": "2025-01-01",
            "credential": "vt-cpsp",
            "jurisdiction": "VT",
            "expires_on": "2027-01-01",
        }
    ],
    "registry_check_cleared": True,
    "background_check_cleared": True,
}


@attrs.frozen
class Case:
    sentence: str
    credential: str
    applicant: Data
    outcome: el.Outcome
    pathway: str | None = None
    as_of: dt.date = AS_OF
    requirement: str | None = None  # the requirement the case turns on
    reason: str | None = None  # a piece of that requirement's reason
    unverified: str | None = None  # a piece of the reason of an unverified rule the result needs
    note: str | None = None  # a piece of one of the credential's notes


ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE, ELIGIBLE_IF_CONFIRMED = (
    el.Outcome.ELIGIBLE,
    el.Outcome.NOT_ELIGIBLE,
    el.Outcome.INCOMPLETE,
    el.Outcome.ELIGIBLE_IF_CONFIRMED,
)

CASES = [
    # ca-pss, initial certification (SB 803's eight qualifications)
    Case(
        "an applicant meeting all eight SB 803 qualifications is eligible for ca-pss",
        "ca-pss",
        CA,
        ELIGIBLE,
    ),
    Case(
        "an applicant aged 17 is not eligible for ca-pss",
        "ca-pss",
        with_(CA, date_of_birth="2008-06-02"),
        NOT_ELIGIBLE,
        requirement="age",
        reason="17 on 2026-06-01",
    ),
    Case(
        "an applicant who turns 18 on the check date is eligible for ca-pss",
        "ca-pss",
        with_(CA, date_of_birth="2008-06-01"),
        ELIGIBLE,
        requirement="age",
    ),
    Case(
        "an applicant whose age of 18 was recorded on the check date is eligible for ca-pss",
        "ca-pss",
        with_(CA, date_of_birth=None, age=18, recorded_on="2026-06-01"),
        ELIGIBLE,
    ),
    Case(
        "an applicant aged 18 a year before the check date is eligible for ca-pss",
        "ca-pss",
        with_(CA, date_of_birth=None, age=18, recorded_on="2025-05-01"),
        ELIGIBLE,
    ),
    Case(
        "an applicant aged 17 recorded a month before the check date is incomplete for ca-pss",
        "ca-pss",
        with_(CA, date_of_birth=None, age=17, recorded_on="2026-05-01"),
        INCOMPLETE,
        requirement="age",
    ),
    Case(
        "an applicant with no age or date of birth is incomplete for ca-pss",
        "ca-pss",
        with_(CA, date_of_birth=None),
        INCOMPLETE,
        requirement="age",
    ),
    Case(
        "an applicant without a high school diploma is not eligible for ca-pss",
        "ca-pss",
        with_(CA, education="none"),
        NOT_ELIGIBLE,
        requirement="education",
    ),
    Case(
        "an applicant with a GED meets the ca-pss education rule",
        "ca-pss",
        with_(CA, education="ged"),
        ELIGIBLE,
    ),
    Case(
        "a family member of a consumer has the lived experience ca-pss asks",
        "ca-pss",
        with_(CA, lived_experience="family"),
        ELIGIBLE,
    ),
    Case(
        "an applicant with no lived experience is not eligible for ca-pss",
        "ca-pss",
        with_(CA, lived_experience="none"),
        NOT_ELIGIBLE,
        requirement="lived-experience",
    ),
    Case(
        "an applicant unwilling to share their experience is not eligible for ca-pss",
        "ca-pss",
        with_(CA, willing_to_share=False),
        NOT_ELIGIBLE,
        requirement="willing-to-share",
    ),
    Case(
        "an applicant whose dedication to recovery is not recorded is incomplete for ca-pss",
        "ca-pss",
        with_(CA, dedicated_to_recovery=None),
        INCOMPLETE,
        requirement="dedication",
    ),
    Case(
        "an applicant who has not signed the code of ethics is incomplete for ca-pss",
        "ca-pss",
        with_(CA, code_of_ethics_signed=None),
        INCOMPLETE,
        requirement="code-of-ethics",
    ),
    Case(
        "an applicant with 79 approved training hours is not eligible for ca-pss",
        "ca-pss",
        with_(CA, trainings=[training("ca-pss-core", 79, approved=True)]),
        NOT_ELIGIBLE,
        requirement="training",
        reason="80 training hours required, 79 found: 1 more hour needed",
    ),
    Case(
        "an applicant whose 80 hours came from an unapproved entity is not eligible for ca-pss",
        "ca-pss",
        with_(CA, trainings=[training("ca-pss-core", 80, approved=False)]),
        NOT_ELIGIBLE,
        requirement="training",
    ),
    Case(
        "an applicant whose training approval is not recorded is incomplete for ca-pss",
        "ca-pss",
        with_(CA, trainings=[training("ca-pss-core", 80)]),
        INCOMPLETE,
        requirement="training",
        reason="trainings[0].approved",
    ),
    Case(
        "an applicant who failed the exam is not eligible for ca-pss",
        "ca-pss",
        with_(CA, exams=[{"exam": "ca-pss", "passed": False, "date": "2025-02-01"}]),
        NOT_ELIGIBLE,
        requirement="exam",
        reason="1 attempt by 2026-06-01, none passed",
    ),
    Case(
        "an applicant who has taken no exam is not eligible for ca-pss",
        "ca-pss",
        with_(CA, exams=[]),
        NOT_ELIGIBLE,
        requirement="exam",
        reason="none by 2026-06-01",
    ),
    Case(
        "an applicant checked before passing the exam is not eligible for ca-pss",
        "ca-pss",
        CA,
        NOT_ELIGIBLE,
        as_of=dt.date(2025, 1, 31),
        requirement="exam",
    ),
    # ca-pss, out-of-state reciprocity
    Case(
        "a peer certified in Pennsylvania meeting every rule is eligible for ca-pss by reciprocity",
        "ca-pss",
        RECIPROCITY,
        ELIGIBLE,
        pathway="reciprocity",
    ),
    Case(
        "a reciprocity applicant with 1,549 peer hours is not eligible for ca-pss",
        "ca-pss",
        with_(RECIPROCITY, work_experience=[work(1549)]),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="work",
        reason="any one of 2 required: 0 met, 2 unmet",
    ),
    Case(
        "a reciprocity applicant with 1,550 peer hours across two jobs is eligible for ca-pss",
        "ca-pss",
        with_(RECIPROCITY, work_experience=[work(775), work(775, "2019-01-01", "2019-12-31")]),
        ELIGIBLE,
        pathway="reciprocity",
    ),
    Case(
        "a reciprocity applicant whose only certification is from California is not eligible",
        "ca-pss",
        with_(
            RECIPROCITY,
            certifications=[
                {
                    "issued_on": "2024-01-01",
                    "credential": "ca-pss",
                    "jurisdiction": "CA",
                    "expires_on": "2027-01-01",
                    "discipline_pending": False,
                }
            ],
        ),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="certification",
    ),
    Case(
        "a reciprocity applicant with discipline pending is not eligible for ca-pss",
        "ca-pss",
        with_(
            RECIPROCITY,
            certifications=[
                {
                    "issued_on": "2024-01-01",
                    "credential": "pa-cps",
                    "jurisdiction": "PA",
                    "expires_on": "2027-01-01",
                    "discipline_pending": True,
                }
            ],
        ),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="certification",
    ),
    Case(
        "a reciprocity applicant whose certification expired the day before is not eligible",
        "ca-pss",
        with_(
            RECIPROCITY,
            certifications=[
                {
                    "issued_on": "2024-01-01",
                    "credential": "pa-cps",
                    "jurisdiction": "PA",
                    "expires_on": "2026-05-31",
                    "discipline_pending": False,
                }
            ],
        ),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="certification",
    ),
    Case(
        "a reciprocity applicant whose certification expires on the check date is eligible",
        "ca-pss",
        with_(
            RECIPROCITY,
            certifications=[
                {
                    "issued_on": "2024-01-01",
                    "credential": "pa-cps",
                    "jurisdiction": "PA",
                    "expires_on": "2026-06-01",
                    "discipline_pending": False,
                }
            ],
        ),
        ELIGIBLE,
        pathway="reciprocity",
    ),
    Case(
        "a reciprocity applicant with 19 CE hours is not eligible for ca-pss",
        "ca-pss",
        with_(RECIPROCITY, continuing_education=[ce("Law and Ethics", 6), ce("Other", 13)]),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="continuing-education",
        reason="20 continuing-education hours required in the 2 years to 2026-06-01, 19 found",
    ),
    Case(
        "a reciprocity applicant with 5 law and ethics CE hours is not eligible for ca-pss",
        "ca-pss",
        with_(RECIPROCITY, continuing_education=[ce("Law & Ethics", 5), ce("Other", 15)]),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="continuing-education",
        reason="1 more hour needed in Law and Ethics",
    ),
    Case(
        "CE hours dated one day more than 2 years back do not count for reciprocity",
        "ca-pss",
        with_(
            RECIPROCITY,
            continuing_education=[ce("Law and Ethics", 6, "2024-05-31"), ce("Other", 14)],
        ),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="continuing-education",
    ),
    Case(
        "CE hours dated exactly 2 years back count for reciprocity",
        "ca-pss",
        with_(
            RECIPROCITY,
            continuing_education=[ce("Law and Ethics", 6, "2024-06-01"), ce("Other", 14)],
        ),
        ELIGIBLE,
        pathway="reciprocity",
    ),
    Case(
        "a reciprocity applicant with two letters is not eligible for ca-pss",
        "ca-pss",
        with_(RECIPROCITY, recommendation_letters=CA_LETTERS[:2]),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="letters",
        reason="lacking self",
    ),
    Case(
        "a supervisor letter not on letterhead does not meet the reciprocity letters rule",
        "ca-pss",
        with_(
            RECIPROCITY,
            recommendation_letters=[
                {"kind": "supervisor", "on_letterhead": False, "date": "2025-01-01"},
                *CA_LETTERS[1:],
            ],
        ),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="letters",
    ),
    Case(
        "a reciprocity applicant who has not passed the exam is not eligible for ca-pss",
        "ca-pss",
        with_(RECIPROCITY, exams=[]),
        NOT_ELIGIBLE,
        pathway="reciprocity",
        requirement="exam",
    ),
    Case(
        "a core training completed on 2022-07-01 does not count for ca-pss (after July 1, 2022)",
        "ca-pss",
        with_(CA, trainings=[training("ca-pss-core", 80, "2022-07-01", approved=True)]),
        NOT_ELIGIBLE,
        requirement="training",
        reason="trainings[0] (80 hours): completed by 2022-07-01",
    ),
    # ca-pss, grandparenting (closed after 2022-12-31)
    Case(
        "a peer employed in 2022 applying on 2022-12-31 is eligible by grandparenting",
        "ca-pss",
        GRANDPARENTING,
        ELIGIBLE,
        pathway="grandparenting",
        as_of=GP_OPEN,
    ),
    Case(
        "the same peer applying on 2023-01-01 is not eligible: grandparenting has closed",
        "ca-pss",
        GRANDPARENTING,
        NOT_ELIGIBLE,
        pathway="grandparenting",
        as_of=dt.date(2023, 1, 1),
        requirement="apply-by",
        reason="this pathway has closed",
    ),
    Case(
        "a peer who started on 2022-01-02 was not employed as a peer on 2022-01-01",
        "ca-pss",
        with_(GRANDPARENTING, work_experience=[work(1550, "2022-01-02", "2022-12-01")]),
        NOT_ELIGIBLE,
        pathway="grandparenting",
        as_of=GP_OPEN,
        requirement="employed",
    ),
    Case(
        "a peer still in the role on 2022-01-01 with no end date is employed then",
        "ca-pss",
        with_(
            GRANDPARENTING,
            work_experience=[
                {"peer_role": True, "hours": 1550, "start": "2020-01-01", "end": "2022-01-01"}
            ],
        ),
        ELIGIBLE,
        pathway="grandparenting",
        as_of=GP_OPEN,
    ),
    Case(
        "a grandparenting applicant with 1,549 hours is not unmet on work: the other option the "
        "page cuts off is not checked, so the answer is eligible only if it is confirmed",
        "ca-pss",
        with_(GRANDPARENTING, work_experience=[work(1549, "2019-01-01", "2022-06-30")]),
        ELIGIBLE_IF_CONFIRMED,
        pathway="grandparenting",
        as_of=GP_OPEN,
        requirement="work",
        unverified="cuts the list of options off",
    ),
    Case(
        "a grandparenting applicant with 5 law and ethics CE hours is not eligible",
        "ca-pss",
        with_(
            GRANDPARENTING,
            continuing_education=[
                ce("law and ethics", 5, "2022-03-01"),
                ce("other", 15, "2022-04-01"),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="grandparenting",
        as_of=GP_OPEN,
        requirement="continuing-education",
    ),
    # ca-pss, renewal
    Case(
        "a renewal filed exactly 90 days before expiry is not settled: one version of the page "
        "says 90 days, another 60",
        "ca-pss",
        CA_RENEWAL,
        INCOMPLETE,
        pathway="renewal",
        requirement="window",
        reason="the sources disagree whether it opens 60 or 90 days before",
        unverified="two undated versions of the same official page disagree",
    ),
    Case(
        "a renewal filed exactly 60 days before expiry is in the window of both versions",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[{**CA_RENEWAL["certifications"][0], "expires_on": "2026-07-31"}],
        ),
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "a renewal filed 61 days before expiry is not settled",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[{**CA_RENEWAL["certifications"][0], "expires_on": "2026-08-01"}],
        ),
        INCOMPLETE,
        pathway="renewal",
        requirement="window",
    ),
    Case(
        "a ca-pss renewal needs the code of ethics signed again in the period",
        "ca-pss",
        with_(CA_RENEWAL, code_of_ethics_signed="2023-12-31"),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="code-of-ethics",
        reason="signed 2023-12-31, the period began 2024-08-30",
    ),
    Case(
        "a renewal filed 91 days before expiry is too early",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2024-01-01", "credential": "ca-pss", "expires_on": "2026-08-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="window",
        reason="renewal opens 2026-07-02",
    ),
    Case(
        "a renewal with 19 CE hours in the 2 years is not eligible",
        "ca-pss",
        with_(CA_RENEWAL, continuing_education=[ce("Law and Ethics", 6), ce("Other", 13)]),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
    ),
    Case(
        "a renewal with 5 law and ethics hours is not eligible",
        "ca-pss",
        with_(CA_RENEWAL, continuing_education=[ce("Law and Ethics", 5), ce("Other", 15)]),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
    ),
    Case(
        "a renewal without a California certification on record is not eligible",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2024-01-01", "credential": "pa-cps", "expires_on": "2026-08-30"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    Case(
        "a ca-pss certification that expired on 2019-01-01 cannot be renewed on 2026-06-01",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2017-01-01", "credential": "ca-pss", "expires_on": "2019-01-01"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    Case(
        "a ca-pss renewal filed on the day the certification expires is in the window",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2024-06-01", "credential": "ca-pss", "expires_on": "2026-06-01"}
            ],
        ),
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "a ca-pss renewal filed the day after the certification expired is too late",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2024-05-31", "credential": "ca-pss", "expires_on": "2026-05-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="window",
        reason="it expired 2026-05-31",
    ),
    Case(
        "CE taken a month before the ca-pss certification was issued does not count toward its "
        "renewal, though it is within 2 years of the check date",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2024-08-01", "credential": "ca-pss", "expires_on": "2026-08-01"}
            ],
            continuing_education=[ce("Law and Ethics", 6, "2024-07-01"), ce("Other", 14)],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="in the certification period from 2024-08-01 to 2026-06-01",
    ),
    Case(
        "CE taken on the day the ca-pss certification was issued counts toward its renewal",
        "ca-pss",
        with_(
            CA_RENEWAL,
            certifications=[
                {"issued_on": "2024-07-31", "credential": "ca-pss", "expires_on": "2026-07-31"}
            ],
            continuing_education=[ce("Law and Ethics", 6, "2024-07-31"), ce("Other", 14)],
        ),
        ELIGIBLE,
        pathway="renewal",
    ),
    # the four California specializations
    *(
        c
        for cred, topic in SPECIALIZATIONS.items()
        for c in (
            Case(
                f"40 hours of {topic} after the core 80 make a peer eligible for {cred}",
                cred,
                with_(CA, trainings=[CA_CORE, training(topic, 40, "2024-03-01")]),
                ELIGIBLE,
            ),
            Case(
                f"39 hours of {topic} are not enough for {cred}",
                cred,
                with_(CA, trainings=[CA_CORE, training(topic, 39, "2024-03-01")]),
                NOT_ELIGIBLE,
                requirement="specialization-training",
                reason="40 training hours required, 39 found: 1 more hour needed",
            ),
        )
    ),
    *(
        Case(
            f"40 hours of {SPECIALIZATIONS[cred]} make a peer eligible for {cred}, and the "
            "result says that the publisher says the hours vary by specialization",
            cred,
            with_(CA, trainings=[CA_CORE, training(SPECIALIZATIONS[cred], 40, "2024-03-01")]),
            ELIGIBLE,
            unverified="hours vary by specialization",
        )
        for cred in ("ca-pss-crisis", "ca-pss-justice", "ca-pss-unhoused")
    ),
    Case(
        "specialization hours finished the day the core training was completed do not count, "
        "by a rule the result marks unverified",
        "ca-pss-crisis",
        with_(CA, trainings=[CA_CORE, training("Crisis Services", 40, "2024-01-10")]),
        NOT_ELIGIBLE,
        requirement="after-core",
        reason="taken before the CalMHSA-approved core peer support specialist training",
        unverified="does not endorse",
    ),
    Case(
        "specialization hours with no date may or may not follow the core: incomplete",
        "ca-pss-crisis",
        with_(CA, trainings=[CA_CORE, training("Crisis Services", 40, None)]),
        INCOMPLETE,
        requirement="after-core",
    ),
    Case(
        "a specialization without the core 80 hours is not eligible",
        "ca-pss-unhoused",
        with_(
            CA,
            trainings=[
                training("ca-pss-core", 79, "2024-01-10", approved=True),
                training("Unhoused", 40, "2024-03-01"),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="training",
    ),
    # icrc-pr
    Case(
        "an applicant meeting every IC&RC rule is eligible for icrc-pr", "icrc-pr", ICRC, ELIGIBLE
    ),
    Case(
        "an applicant with 499 hours of work is not eligible for icrc-pr",
        "icrc-pr",
        with_(ICRC, work_experience=[work(499)]),
        NOT_ELIGIBLE,
        requirement="work",
        reason="500 peer-role work hours required, 499 found: 1 more hour needed",
    ),
    Case(
        "an applicant with 15 hours of Ethical Responsibility is not eligible for icrc-pr",
        "icrc-pr",
        with_(ICRC, trainings=[*ICRC_TRAININGS[:3], training("Ethical Responsibility", 15)]),
        NOT_ELIGIBLE,
        requirement="training",
        reason="46 training hours required, 45 found: 1 more hour needed in Ethical Responsibility",
    ),
    Case(
        "an applicant with 9 hours of Advocacy is not eligible for icrc-pr",
        "icrc-pr",
        with_(ICRC, trainings=[training("Advocacy", 9), *ICRC_TRAININGS[1:]]),
        NOT_ELIGIBLE,
        requirement="training",
        reason="1 more hour needed in Advocacy",
    ),
    Case(
        "an applicant with 24 hours of supervision is not eligible for icrc-pr",
        "icrc-pr",
        with_(ICRC, supervision_hours=24),
        NOT_ELIGIBLE,
        requirement="supervision",
        reason="25 hours of supervision required, 24 found: 1 more hour needed",
    ),
    Case(
        "an applicant who lives and works outside the member board's state is not eligible",
        "icrc-pr",
        with_(ICRC, residence_jurisdiction="NJ", work_jurisdiction="NY"),
        NOT_ELIGIBLE,
        requirement="jurisdiction",
    ),
    Case(
        "an applicant who works in the member board's state is eligible for icrc-pr",
        "icrc-pr",
        with_(ICRC, residence_jurisdiction="NJ", work_jurisdiction="PA"),
        ELIGIBLE,
    ),
    Case(
        "an applicant who has not said which board they apply to is incomplete for icrc-pr",
        "icrc-pr",
        with_(ICRC, applying_in=None),
        INCOMPLETE,
        requirement="jurisdiction",
    ),
    Case(
        "a training with no topic may count toward any domain: incomplete for icrc-pr",
        "icrc-pr",
        with_(ICRC, trainings=[*ICRC_TRAININGS[:3], training(None, 16)]),
        INCOMPLETE,
        requirement="training",
        reason="trainings[3].topic",
    ),
    Case(
        "an IC&RC renewal with 20 CE hours, 6 in ethics, is eligible",
        "icrc-pr",
        ICRC_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "an IC&RC renewal with 5 ethics hours is not eligible",
        "icrc-pr",
        with_(ICRC_RENEWAL, continuing_education=[ce("Ethics", 5), ce("Advocacy", 15)]),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
    ),
    Case(
        "an IC&RC renewal with 19 CE hours is not eligible",
        "icrc-pr",
        with_(ICRC_RENEWAL, continuing_education=[ce("Ethics", 6), ce("Advocacy", 13)]),
        NOT_ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "an IC&RC credential that expired the day before the check date cannot be renewed",
        "icrc-pr",
        with_(
            ICRC_RENEWAL,
            certifications=[
                {"issued_on": "2024-05-31", "credential": "icrc-pr", "expires_on": "2026-05-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    Case(
        "an IC&RC renewal whose certificate gives neither issue nor expiry date leaves the CE "
        "period unknown: incomplete",
        "icrc-pr",
        with_(ICRC_RENEWAL, certifications=[{"credential": "icrc-pr"}]),
        INCOMPLETE,
        pathway="renewal",
        requirement="continuing-education",
        reason="certifications[0].issued_on",
    ),
    # mha-ncps
    Case(
        "a state-certified peer with 2,000 recent hours is eligible for mha-ncps",
        "mha-ncps",
        MHA,
        ELIGIBLE,
    ),
    Case(
        "a peer with 1,999 hours in 5 years is not eligible for mha-ncps",
        "mha-ncps",
        with_(MHA, work_experience=[work(1999, "2022-01-01", "2026-05-01")]),
        NOT_ELIGIBLE,
        requirement="work",
    ),
    Case(
        "work begun a day more than 5 years back straddles the window: incomplete",
        "mha-ncps",
        with_(MHA, work_experience=[work(2000, "2021-05-31", "2026-05-01")]),
        INCOMPLETE,
        requirement="work",
    ),
    Case(
        "work begun exactly 5 years back counts in full for mha-ncps",
        "mha-ncps",
        with_(
            MHA,
            work_experience=[
                work(2000, "2021-06-01", "2026-05-01", supervised=True, verified=True)
            ],
        ),
        ELIGIBLE,
    ),
    Case(
        "40 hours of training stand in for a state credential for mha-ncps",
        "mha-ncps",
        with_(MHA, certifications=[], trainings=[training("Peer support", 40)]),
        ELIGIBLE,
    ),
    Case(
        "40 hours of training on any topic stand in for a state credential for mha-ncps, and "
        "the result says competency-specific is not checked",
        "mha-ncps",
        with_(MHA, certifications=[], trainings=[training("Peer support", 40)]),
        ELIGIBLE,
        unverified="competency-specific is not checked",
    ),
    Case(
        "39 hours of training and no state credential are not enough for mha-ncps",
        "mha-ncps",
        with_(MHA, certifications=[], trainings=[training("Peer support", 39)]),
        NOT_ELIGIBLE,
        requirement="credential-or-training",
    ),
    Case(
        "an applicant with two letters is not eligible for mha-ncps",
        "mha-ncps",
        with_(MHA, recommendation_letters=MHA["recommendation_letters"][:2]),
        NOT_ELIGIBLE,
        requirement="letters",
    ),
    # naadac-ncprss
    Case(
        "an applicant meeting NAADAC's page is eligible for naadac-ncprss (unverified figures)",
        "naadac-ncprss",
        NAADAC,
        ELIGIBLE,
    ),
    Case(
        "2,079 hours of practice fall short of a full-time year for naadac-ncprss",
        "naadac-ncprss",
        with_(NAADAC, work_experience=[work(2079, "2021-01-01", "2025-12-31")]),
        NOT_ELIGIBLE,
        requirement="practice",
    ),
    Case(
        "59 training hours are not enough for naadac-ncprss",
        "naadac-ncprss",
        with_(
            NAADAC, trainings=[*NAADAC_TRAININGS[:3], training("Advocacy", 23, face_to_face=True)]
        ),
        NOT_ELIGIBLE,
        requirement="training",
        reason="59 found: 1 more hour needed",
    ),
    Case(
        "5 hours of HIV/bloodborne pathogens training are not enough for naadac-ncprss",
        "naadac-ncprss",
        with_(
            NAADAC,
            trainings=[
                NAADAC_TRAININGS[0],
                training("HIV", 5, face_to_face=True),
                *NAADAC_TRAININGS[2:],
                training("Advocacy", 1, face_to_face=True),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="training",
        reason="1 more hour needed in HIV/bloodborne pathogens",
    ),
    Case(
        "training older than 6 years does not count for naadac-ncprss",
        "naadac-ncprss",
        with_(
            NAADAC,
            trainings=[
                *NAADAC_TRAININGS[:3],
                training("Advocacy", 24, "2020-05-31", face_to_face=True),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="training",
    ),
    Case(
        "exactly half the training face to face meets naadac-ncprss",
        "naadac-ncprss",
        with_(
            NAADAC,
            trainings=[
                training("Ethics", 6, face_to_face=True),
                training("HIV", 6, face_to_face=True),
                training("Advocacy", 18, face_to_face=True),
                training("Online", 30, face_to_face=False),
            ],
        ),
        ELIGIBLE,
    ),
    Case(
        "just under half the training face to face does not meet naadac-ncprss",
        "naadac-ncprss",
        with_(
            NAADAC,
            trainings=[
                training("Ethics", 6, face_to_face=True),
                training("HIV", 6, face_to_face=True),
                training("Advocacy", 17, face_to_face=True),
                training("Online", 31, face_to_face=False),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="face-to-face",
    ),
    Case(
        "working in Pennsylvania without a current state credential is not eligible for NAADAC",
        "naadac-ncprss",
        with_(NAADAC, certifications=[]),
        NOT_ELIGIBLE,
        requirement="state-credential",
    ),
    Case(
        "working in a state this package ships no credential for, without one, is incomplete",
        "naadac-ncprss",
        with_(NAADAC, certifications=[], work_jurisdiction="WY"),
        INCOMPLETE,
        requirement="state-credential",
    ),
    Case(
        "working in Pennsylvania with only a current Washington certification is not eligible "
        "for NAADAC: only Pennsylvania's credential counts, a reading the result flags",
        "naadac-ncprss",
        with_(
            NAADAC,
            certifications=[
                {
                    "issued_on": "2024-01-01",
                    "credential": "wa-cpss",
                    "jurisdiction": "WA",
                    "expires_on": "2027-01-01",
                }
            ],
        ),
        NOT_ELIGIBLE,
        requirement="state-credential",
        unverified="ships",
    ),
    Case(
        "living in Pennsylvania, with the work state not given, the Pennsylvania certification "
        "meets NAADAC's state-credential rule",
        "naadac-ncprss",
        with_(NAADAC, work_jurisdiction=None, residence_jurisdiction="PA"),
        ELIGIBLE,
    ),
    Case(
        "a Pennsylvania resident working in Texas with only the Pennsylvania certification is "
        "not eligible for NAADAC: the state of work decides",
        "naadac-ncprss",
        with_(NAADAC, work_jurisdiction="TX", residence_jurisdiction="PA"),
        NOT_ELIGIBLE,
        requirement="state-credential",
    ),
    Case(
        "a NAADAC applicant with 59 training hours is not eligible, and the result names the "
        "other published versions (48 hours of peer recovery-focused education)",
        "naadac-ncprss",
        with_(
            NAADAC, trainings=[*NAADAC_TRAININGS[:3], training("Advocacy", 23, face_to_face=True)]
        ),
        NOT_ELIGIBLE,
        requirement="training",
        unverified="48 hours of peer recovery-focused education",
    ),
    # ga-cps
    Case("an applicant meeting every Georgia rule is eligible for ga-cps", "ga-cps", GA, ELIGIBLE),
    Case(
        "an applicant aged 17 is not eligible for ga-cps",
        "ga-cps",
        with_(GA, date_of_birth="2008-06-02"),
        NOT_ELIGIBLE,
        requirement="age",
    ),
    Case(
        "an applicant 0.9 years in recovery is not eligible for ga-cps",
        "ga-cps",
        with_(GA, years_in_recovery=0.9),
        NOT_ELIGIBLE,
        requirement="recovery",
    ),
    Case(
        "an applicant recorded as 0 years in recovery on 2025-06-01 has the 1 year ga-cps asks on "
        "2026-06-01, across a non-leap year",
        "ga-cps",
        with_(GA, recorded_on="2025-06-01", years_in_recovery=0),
        ELIGIBLE,
        requirement="recovery",
    ),
    Case(
        "the same applicant checked on 2026-05-31 is a day short of 1 year in recovery, shown as "
        "0.99 years, not rounded up to 1",
        "ga-cps",
        with_(GA, recorded_on="2025-06-01", years_in_recovery=0),
        NOT_ELIGIBLE,
        as_of=dt.date(2026, 5, 31),
        requirement="recovery",
        reason="0.99 years on 2026-05-31",
    ),
    Case(
        "passing exactly 1 year after the training meets ga-cps",
        "ga-cps",
        GA,
        ELIGIBLE,
        requirement="exam",
    ),
    Case(
        "passing 1 year and 1 day after the training does not meet ga-cps",
        "ga-cps",
        with_(GA, exams=[passed("ga-cps", "2026-01-16")]),
        NOT_ELIGIBLE,
        requirement="exam",
        reason="more than 1 year after the training",
    ),
    Case(
        "an exam passed the day before the training was completed does not meet ga-cps, and the "
        "reason says it came before the training",
        "ga-cps",
        with_(GA, exams=[passed("ga-cps", "2025-01-14")]),
        NOT_ELIGIBLE,
        requirement="exam",
        reason="passed before the training",
    ),
    Case(
        "an exam passed on the day the training was completed meets ga-cps",
        "ga-cps",
        with_(GA, exams=[passed("ga-cps", "2025-01-15")]),
        ELIGIBLE,
    ),
    Case(
        "passing on the third attempt meets ga-cps",
        "ga-cps",
        with_(
            GA,
            exams=[
                {"exam": "ga-cps", "passed": False, "date": "2025-03-01"},
                {"exam": "ga-cps", "passed": False, "date": "2025-06-01"},
                passed("ga-cps", "2025-09-01"),
            ],
        ),
        ELIGIBLE,
    ),
    Case(
        "passing on the fourth attempt does not meet ga-cps",
        "ga-cps",
        with_(
            GA,
            exams=[
                {"exam": "ga-cps", "passed": False, "date": "2025-03-01"},
                {"exam": "ga-cps", "passed": False, "date": "2025-04-01"},
                {"exam": "ga-cps", "passed": False, "date": "2025-06-01"},
                passed("ga-cps", "2025-09-01"),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="exam",
        reason="more than 3 attempts",
    ),
    Case(
        "passing on the fourth attempt, after retaking the training, does not meet ga-cps, and "
        "the result says whether retraining resets the count is not known",
        "ga-cps",
        with_(
            GA,
            trainings=[training("ga-cps", 40, "2025-01-15"), training("ga-cps", 40, "2025-07-01")],
            exams=[
                {"exam": "ga-cps", "passed": False, "date": "2025-03-01"},
                {"exam": "ga-cps", "passed": False, "date": "2025-04-01"},
                {"exam": "ga-cps", "passed": False, "date": "2025-06-01"},
                passed("ga-cps", "2025-09-01"),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="exam",
        unverified="resets",
    ),
    Case(
        "12 CE hours with 1 in ethics in the last calendar year renew ga-cps",
        "ga-cps",
        GA_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "11 CE hours in the last calendar year do not renew ga-cps",
        "ga-cps",
        with_(
            GA_RENEWAL,
            continuing_education=[ce("Ethics", 1, "2025-03-01"), ce("WRAP", 10, "2025-09-01")],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="12 continuing-education hours required in 2025",
    ),
    Case(
        "CE hours of the current year do not count for the last calendar year in ga-cps",
        "ga-cps",
        with_(
            GA_RENEWAL,
            continuing_education=[ce("Ethics", 1, "2026-01-03"), ce("WRAP", 11, "2025-09-01")],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "a Georgia CPS credential that expired the day before the check date cannot be renewed",
        "ga-cps",
        with_(
            GA_RENEWAL,
            certifications=[
                {"issued_on": "2024-01-01", "credential": "ga-cps", "expires_on": "2026-05-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    # pa-cps
    Case(
        "an applicant meeting every Pennsylvania rule is eligible for pa-cps",
        "pa-cps",
        PA,
        ELIGIBLE,
    ),
    Case(
        "364 days of work in the last 3 years are not enough for pa-cps",
        "pa-cps",
        with_(PA, work_experience=[{"start": "2025-06-03", "end": "2026-06-01"}]),
        NOT_ELIGIBLE,
        requirement="recent-work-or-study",
    ),
    Case(
        "work from 2023-06-02 to 2024-05-31 is 365 days but, across the 2024 leap day, a day "
        "short of 12 calendar months: not eligible for pa-cps",
        "pa-cps",
        with_(PA, work_experience=[{"start": "2023-06-02", "end": "2024-05-31"}]),
        NOT_ELIGIBLE,
        requirement="work",
        reason="11 months and 30 days found",
    ),
    Case(
        "work from 2023-06-01 to 2024-05-31 is 12 calendar months and meets pa-cps, on the "
        "flagged reading that any amount of work in a month counts",
        "pa-cps",
        with_(PA, work_experience=[{"start": "2023-06-01", "end": "2024-05-31"}]),
        ELIGIBLE,
        unverified="any amount of work",
    ),
    Case(
        "two 6-month jobs, 363 days in all, make the 12 calendar months pa-cps asks",
        "pa-cps",
        with_(
            PA,
            work_experience=[
                {"start": "2024-01-01", "end": "2024-06-30"},
                {"start": "2025-01-01", "end": "2025-06-30"},
            ],
        ),
        ELIGIBLE,
    ),
    Case(
        "24 college credit hours stand in for work in pa-cps",
        "pa-cps",
        with_(PA, work_experience=[], college_credits=[{"hours": 24, "date": "2025-05-01"}]),
        ELIGIBLE,
    ),
    Case(
        "23 college credit hours and no work are not enough for pa-cps",
        "pa-cps",
        with_(PA, work_experience=[], college_credits=[{"hours": 23, "date": "2025-05-01"}]),
        NOT_ELIGIBLE,
        requirement="recent-work-or-study",
    ),
    Case(
        "74 training hours are not enough for pa-cps",
        "pa-cps",
        with_(PA, trainings=[training("pa-cps", 74)]),
        NOT_ELIGIBLE,
        requirement="training",
    ),
    Case(
        "an applicant who neither lives nor works in Pennsylvania is not eligible for pa-cps",
        "pa-cps",
        with_(PA, residence_jurisdiction="OH", work_jurisdiction="OH"),
        NOT_ELIGIBLE,
        requirement="jurisdiction",
    ),
    Case(
        "36 CE hours with 24 peer-specific renew pa-cps",
        "pa-cps",
        PA_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "23 peer-specific CE hours do not renew pa-cps",
        "pa-cps",
        with_(
            PA_RENEWAL,
            continuing_education=[
                ce("Peer ethics", 23, peer_specific=True),
                ce("First aid", 13, peer_specific=False),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="1 more hour needed in peer-specific topics",
    ),
    Case(
        "a Pennsylvania CPS credential that expired the day before the check date cannot be "
        "renewed",
        "pa-cps",
        with_(
            PA_RENEWAL,
            certifications=[
                {"issued_on": "2024-05-31", "credential": "pa-cps", "expires_on": "2026-05-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    Case(
        "without an issue date the pa-cps CE period is the 2 years before expiry: peer-specific "
        "CE a fortnight before it does not count",
        "pa-cps",
        with_(
            PA_RENEWAL,
            certifications=[
                {"credential": "pa-cps", "jurisdiction": "PA", "expires_on": "2026-07-01"}
            ],
            continuing_education=[
                ce("Peer ethics", 24, "2024-06-17", peer_specific=True),
                ce("First aid", 12, peer_specific=False),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="in the certification period from 2024-07-01 to 2026-06-01",
    ),
    # tx-mhps
    Case("an applicant meeting every Texas rule is eligible for tx-mhps", "tx-mhps", TX, ELIGIBLE),
    Case(
        "19 hours of core training are not the 19.5 tx-mhps asks",
        "tx-mhps",
        with_(
            TX,
            trainings=[
                training("tx-mhps-core", 19, "2025-01-10"),
                training("tx-mhps", 40, "2025-02-10"),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="core-training",
        reason="19.5 training hours required, 19 found",
    ),
    Case(
        "the 40-hour training taken before the core does not count for tx-mhps",
        "tx-mhps",
        with_(
            TX,
            trainings=[
                training("tx-mhps-core", 19.5, "2025-01-10"),
                training("tx-mhps", 40, "2024-12-10"),
            ],
        ),
        NOT_ELIGIBLE,
        requirement="training",
    ),
    Case(
        "249 supervised hours are not enough for tx-mhps",
        "tx-mhps",
        with_(TX, work_experience=[work(249, "2025-03-01", "2025-09-01", supervised=True)]),
        NOT_ELIGIBLE,
        requirement="supervised-hours",
    ),
    Case(
        "an applicant whose background check is pending is incomplete for tx-mhps",
        "tx-mhps",
        with_(TX, background_check_cleared=None),
        INCOMPLETE,
        requirement="background-check",
    ),
    Case(
        "20 CE hours with 3 in ethics renew tx-mhps",
        "tx-mhps",
        TX_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "2 ethics CE hours do not renew tx-mhps",
        "tx-mhps",
        with_(TX_RENEWAL, continuing_education=[ce("Ethics", 2), ce("Other", 18)]),
        NOT_ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "a Texas MHPS certification that expired the day before the check date cannot be renewed",
        "tx-mhps",
        with_(
            TX_RENEWAL,
            certifications=[
                {"issued_on": "2024-05-31", "credential": "tx-mhps", "expires_on": "2026-05-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    # ny-crpa: the 4 medication-supported-recovery hours are required from 2022-04-01
    Case(
        "an applicant meeting every New York rule is eligible for ny-crpa",
        "ny-crpa",
        NY,
        ELIGIBLE,
        as_of=NY_2022,
    ),
    Case(
        "without the medication-supported-recovery hours an applicant was eligible on 2022-03-31",
        "ny-crpa",
        NY_NO_MSR,
        ELIGIBLE,
        as_of=dt.date(2022, 3, 31),
    ),
    Case(
        "without the medication-supported-recovery hours an applicant is not eligible on "
        "2022-04-01",
        "ny-crpa",
        NY_NO_MSR,
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="medication-supported-recovery",
    ),
    Case(
        "3 hours of medication-supported recovery are not enough for ny-crpa",
        "ny-crpa",
        with_(NY, trainings=[*NY["trainings"][:2], training("MSR", 3, "2021-07-01")]),
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="medication-supported-recovery",
    ),
    Case(
        "29 hours of Recovery Coach Academy are not enough for ny-crpa",
        "ny-crpa",
        with_(
            NY, trainings=[training("RCA", 29, "2021-05-01", approved=True), *NY["trainings"][1:]]
        ),
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="training",
        reason="1 more hour needed in Recovery Coach Academy",
    ),
    Case(
        "499 hours of experience are not enough for ny-crpa",
        "ny-crpa",
        with_(NY, work_experience=[work(499, "2021-01-01", "2021-12-31")]),
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="experience",
    ),
    Case(
        "24 hours of supervision are not enough for ny-crpa",
        "ny-crpa",
        with_(NY, supervision_hours=24),
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="supervision",
    ),
    Case(
        "an applicant who lives and works in New Jersey is not eligible for ny-crpa",
        "ny-crpa",
        with_(NY, work_jurisdiction="NJ", residence_jurisdiction="NJ"),
        NOT_ELIGIBLE,
        as_of=NY_2022,
    ),
    Case(
        "training after 2020-10-01 not approved by the board does not count for ny-crpa",
        "ny-crpa",
        with_(
            NY, trainings=[training("RCA", 30, "2021-05-01", approved=False), *NY["trainings"][1:]]
        ),
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="training",
        reason="trainings[0] (30 hours): not from an approved provider",
    ),
    Case(
        "training before 2020-10-02 counts for ny-crpa without the board's approval",
        "ny-crpa",
        with_(
            NY,
            trainings=[training("RCA", 30, "2020-10-01", approved=False), *NY["trainings"][1:]],
        ),
        ELIGIBLE,
        as_of=NY_2022,
    ),
    Case(
        "28 CE hours with 4 in ethics in the 3-year period renew ny-crpa",
        "ny-crpa",
        NY_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "3 ethics CE hours do not renew ny-crpa",
        "ny-crpa",
        with_(NY_RENEWAL, continuing_education=[ce("Ethics", 3), ce("other", 25)]),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="1 more hour needed in Ethics",
    ),
    # wa-cpss
    Case(
        "an applicant meeting every Washington rule is eligible for wa-cpss",
        "wa-cpss",
        WA,
        ELIGIBLE,
    ),
    Case(
        "an oral exam score of 79% does not pass wa-cpss",
        "wa-cpss",
        with_(
            WA,
            exams=[
                {"exam": "WA CPSS oral exam", "score": 79, "date": "2025-01-05"},
                WA["exams"][1],
            ],
        ),
        NOT_ELIGIBLE,
        requirement="oral-exam",
    ),
    Case(
        "a parent of a youth in services need not be a year in recovery for wa-cpss",
        "wa-cpss",
        with_(WA, years_in_recovery=0.5, guardian_of_youth_in_services=True),
        ELIGIBLE,
    ),
    Case(
        "half a year in recovery, not a guardian, is not eligible for wa-cpss",
        "wa-cpss",
        with_(WA, years_in_recovery=0.5, guardian_of_youth_in_services=False),
        NOT_ELIGIBLE,
        requirement="lived-experience",
    ),
    Case(
        "999 supervised trainee hours are not enough for wa-cpss",
        "wa-cpss",
        with_(WA, work_experience=[work(999, supervised=True)]),
        NOT_ELIGIBLE,
        requirement="trainee-hours",
    ),
    Case(
        "trainee hours not marked supervised leave wa-cpss incomplete",
        "wa-cpss",
        with_(WA, work_experience=[work(1000)]),
        INCOMPLETE,
        requirement="trainee-hours",
    ),
    Case(
        "30 CE hours with 14 peer-specific and 2 law and ethics renew wa-cpss",
        "wa-cpss",
        WA_RENEWAL,
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "13 peer-specific CE hours do not renew wa-cpss",
        "wa-cpss",
        with_(
            WA_RENEWAL,
            continuing_education=[
                ce("Law and ethics", 2, peer_specific=False),
                ce("Peer support practice", 13, peer_specific=True),
                ce("Other", 15, peer_specific=False),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "1 law and ethics CE hour does not renew wa-cpss",
        "wa-cpss",
        with_(
            WA_RENEWAL,
            continuing_education=[
                ce("Law and ethics", 1, peer_specific=False),
                ce("other", 14, peer_specific=True),
                ce("Other", 15, peer_specific=False),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="1 more hour needed in Law and Ethics",
    ),
    Case(
        "a Washington CPSS credential that expired the day before the check date cannot be renewed",
        "wa-cpss",
        with_(
            WA_RENEWAL,
            certifications=[
                {"issued_on": "2024-05-31", "credential": "wa-cpss", "expires_on": "2026-05-31"}
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="certified",
    ),
    Case(
        "the prior-experience path of wa-cpss is open until 2026-07-01, its experience confirmed "
        "by hand",
        "wa-cpss",
        {},
        ELIGIBLE,
        pathway="prior-experience",
        unverified="2025 amendments were not read",
    ),
    Case(
        "the prior-experience path of wa-cpss has closed after 2026-07-01",
        "wa-cpss",
        {},
        NOT_ELIGIBLE,
        pathway="prior-experience",
        as_of=dt.date(2026, 7, 2),
        requirement="gaps-closed-by",
    ),
    Case(
        "a Washington applicant without a cleared background check is not eligible for wa-cpss",
        "wa-cpss",
        with_(WA, background_check_cleared=False),
        NOT_ELIGIBLE,
        requirement="background-check",
    ),
    Case(
        "2 hours of suicide-prevention training do not renew wa-cpss",
        "wa-cpss",
        with_(
            WA_RENEWAL,
            continuing_education=[
                *WA_RENEWAL["continuing_education"][:3],
                ce("Suicide prevention", 2),
                ce("Health equity", 2),
                ce("other", 1),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="suicide-prevention",
        reason="1 more hour needed",
    ),
    Case(
        "a family member's lived experience is not the own experience tx-mhps asks",
        "tx-mhps",
        with_(TX, lived_experience="family"),
        NOT_ELIGIBLE,
        requirement="lived-experience",
    ),
    Case(
        "without a supervisor's letter of recommendation an applicant is incomplete for tx-mhps",
        "tx-mhps",
        with_(TX, recommendation_letters=None),
        INCOMPLETE,
        requirement="supervisor-letter",
    ),
    Case(
        "2 ethics CE hours do not renew pa-cps",
        "pa-cps",
        with_(
            PA_RENEWAL,
            continuing_education=[
                ce("other", 24, peer_specific=True),
                ce("Ethics", 2, peer_specific=False),
                ce("other", 10, peer_specific=False),
            ],
        ),
        NOT_ELIGIBLE,
        pathway="renewal",
        requirement="continuing-education",
        reason="1 more hour needed in Ethics",
    ),
    Case(
        "a half-hour peer ethics training is the 1 Peer Ethics Training ga-cps asks each year",
        "ga-cps",
        with_(
            GA_RENEWAL,
            continuing_education=[ce("Ethics", 0.5, "2025-03-01"), ce("WRAP", 11.5, "2025-09-01")],
        ),
        ELIGIBLE,
        pathway="renewal",
    ),
    Case(
        "a high school diploma is asked by ny-crpa",
        "ny-crpa",
        with_(NY, education="none"),
        NOT_ELIGIBLE,
        as_of=NY_2022,
        requirement="education",
    ),
    # vt-cpsp
    Case(
        "an applicant meeting every Vermont rule is eligible for vt-cpsp", "vt-cpsp", VT, ELIGIBLE
    ),
    Case(
        "249 verified hours are not enough for vt-cpsp",
        "vt-cpsp",
        with_(VT, work_experience=[work(249, verified=True)]),
        NOT_ELIGIBLE,
        requirement="work",
    ),
    Case(
        "1,550 hours in the past 3 years meet vt-cpsp's alternative",
        "vt-cpsp",
        with_(VT, work_experience=[work(1550, "2023-06-01", "2026-05-01")]),
        ELIGIBLE,
    ),
    Case(
        "1,549 unverified hours in the past 3 years do not meet vt-cpsp",
        "vt-cpsp",
        with_(VT, work_experience=[work(1549, "2023-06-01", "2026-05-01", verified=False)]),
        NOT_ELIGIBLE,
        requirement="work",
    ),
    Case(
        "39 hours of Intentional Peer Support are not enough for vt-cpsp",
        "vt-cpsp",
        with_(VT, trainings=[training("IPS", 39), training("vt-cpsp", 80)]),
        NOT_ELIGIBLE,
        requirement="ips-training",
    ),
    Case(
        "an applicant who has not signed the CPSP code of ethics is incomplete for vt-cpsp",
        "vt-cpsp",
        with_(VT, code_of_ethics_signed=None),
        INCOMPLETE,
        requirement="code-of-ethics",
    ),
    Case(
        "a family member's lived experience is not the attestation vt-cpsp asks",
        "vt-cpsp",
        with_(VT, lived_experience="family"),
        NOT_ELIGIBLE,
        requirement="lived-experience",
    ),
    Case(
        "a current CPSP with registry and criminal-history checks cleared gets Vermont's state "
        "certification, its fees confirmed by hand",
        "vt-cpsp",
        VT_STATE,
        ELIGIBLE,
        pathway="state-certification",
    ),
    Case(
        "a CPSP whose registry check is not cleared does not get Vermont's state certification",
        "vt-cpsp",
        with_(VT_STATE, registry_check_cleared=False),
        NOT_ELIGIBLE,
        pathway="state-certification",
        requirement="registry-check",
    ),
    Case(
        "a record with no certification is incomplete for Vermont's state certification",
        "vt-cpsp",
        {},
        INCOMPLETE,
        pathway="state-certification",
        as_of=dt.date(2025, 8, 1),
        requirement="credential",
    ),
    Case(
        "79 hours of CPSP training are not enough for vt-cpsp",
        "vt-cpsp",
        with_(VT, trainings=[training("IPS", 40), training("CPSP training", 79)]),
        NOT_ELIGIBLE,
        requirement="cpsp-training",
    ),
]

_EXPECTED_STATUS = {
    ELIGIBLE: el.Status.MET,
    NOT_ELIGIBLE: el.Status.UNMET,
    INCOMPLETE: el.Status.UNKNOWN,
    ELIGIBLE_IF_CONFIRMED: el.Status.NOT_CHECKED,
}


def _not_checked_in_force(result: el.Result) -> list[str]:
    return [r.id for r in result.leaves if r.status is el.Status.NOT_CHECKED]


@pytest.mark.parametrize("case", CASES, ids=[c.sentence for c in CASES])
def test_case(case: Case) -> None:
    result = el.check(case.applicant, case.credential, case.pathway, case.as_of)
    if case.outcome is ELIGIBLE and _not_checked_in_force(result):
        # ELIGIBLE in a case means met on every requirement checked: with requirements no record
        # shows in force, the answer is ELIGIBLE_IF_CONFIRMED and names those it turns on
        assert result.outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED, result.to_text()
        assert result.not_checked, result.to_text()
        assert {r.id for r in result.not_checked} <= set(_not_checked_in_force(result))
    else:
        assert result.outcome is case.outcome, result.to_text()
    if case.requirement is not None:
        turned = result.requirement(case.requirement)
        assert turned.status is _EXPECTED_STATUS[case.outcome], result.to_text()
    if case.reason is not None:
        assert case.requirement is not None
        assert case.reason in result.requirement(case.requirement).reason
    if case.unverified is not None:
        reasons = [r.unverified_reason or "" for r in result.depends_on_unverified]
        assert any(case.unverified in r for r in reasons), result.to_text()
    if case.note is not None:
        notes = [n.text for n in el.credential(case.credential).notes]
        assert any(case.note in n for n in notes), notes


def test_every_credential_and_pathway_has_an_eligible_and_a_failing_case() -> None:
    seen: dict[tuple[str, str], set[el.Outcome]] = {}
    for case in CASES:
        key = (case.credential, case.pathway or el.credential(case.credential).pathways[0].id)
        seen.setdefault(key, set()).add(case.outcome)
    for cred in el.credentials():
        if cred.id in STATE_CREDENTIALS:  # their cases are in test_eligibility_states.py
            continue
        for pathway in cred.pathways:
            outcomes = seen.get((cred.id, pathway.id), set())
            assert el.Outcome.ELIGIBLE in outcomes, (cred.id, pathway.id)
            assert el.Outcome.NOT_ELIGIBLE in outcomes, (cred.id, pathway.id)


# --- names the vocabulary does not know ----------------------------------------------------------

SYLLABUS_TITLE = "Peer Support Specialist Core Training"


def test_an_approved_80_hour_training_with_an_unrecognised_name_leaves_ca_pss_incomplete() -> None:
    core = training(SYLLABUS_TITLE, 80, "2024-01-10", approved=True)
    result = el.check(with_(CA, trainings=[core]), "ca-pss", as_of=AS_OF)
    assert result.outcome is el.Outcome.INCOMPLETE, result.to_text()
    training_result = result.requirement("training")
    assert training_result.status is el.Status.UNKNOWN
    assert "80 that may count" in training_result.reason
    assert SYLLABUS_TITLE in training_result.reason
    (named,) = result.unrecognised
    assert named.field == "trainings[0].topic"
    assert named.given == SYLLABUS_TITLE
    assert named.could_be[0] == el.vocabulary().topics["ca-pss-core"].name
    assert any(step.startswith("name training trainings[0].topic") for step in result.next_steps)
    assert "trainings[0].topic" not in result.to_supply


def test_the_names_an_unrecognised_record_could_be_come_closest_first() -> None:
    result = el.check(
        with_(ICRC, trainings=[*ICRC_TRAININGS[:3], training("Ethics and boundaries", 16)]),
        "icrc-pr",
        as_of=AS_OF,
    )
    (named,) = result.unrecognised
    assert named.could_be[0] == "Ethics", named.could_be
    assert set(named.could_be) == {
        "Advocacy",
        "Ethics",
        "Mentoring and Education",
        "Recovery/Wellness Support",
    }


def test_a_training_named_other_is_known_to_be_on_none_of_the_topics() -> None:
    other = training("other", 80, "2024-01-10", approved=True)
    result = el.check(with_(CA, trainings=[other]), "ca-pss", as_of=AS_OF)
    assert result.outcome is el.Outcome.NOT_ELIGIBLE
    assert result.unrecognised == ()


def test_an_unrecognised_exam_name_makes_the_exam_unknown() -> None:
    result = el.check(with_(CA, exams=[passed("State peer exam")]), "ca-pss", as_of=AS_OF)
    assert result.requirement("exam").status is el.Status.UNKNOWN, result.to_text()
    assert result.unrecognised[0].field == "exams[0].exam"


def test_an_unrecognised_credential_name_makes_the_certification_unknown() -> None:
    held = {**ICRC_RENEWAL["certifications"][0], "credential": "Peer Recovery certificate"}
    result = el.check(with_(ICRC_RENEWAL, certifications=[held]), "icrc-pr", "renewal", AS_OF)
    assert result.outcome is el.Outcome.INCOMPLETE, result.to_text()
    assert "certifications[0].credential" in [u.field for u in result.unrecognised]
    assert result.unrecognised[0].could_be == ("IC&RC Peer Recovery",)


def test_an_unrecognised_name_of_the_renewed_certification_leaves_the_renewal_unknown() -> None:
    held = {**CA_RENEWAL["certifications"][0], "credential": "Peer certificate"}
    result = el.check(with_(CA_RENEWAL, certifications=[held]), "ca-pss", "renewal", AS_OF)
    assert result.outcome is el.Outcome.INCOMPLETE, result.to_text()
    assert "certifications[0].credential" in [u.field for u in result.unrecognised]


def test_the_unrecognised_names_are_in_the_json_result() -> None:
    core = training(SYLLABUS_TITLE, 80, "2024-01-10", approved=True)
    data = el.check(with_(CA, trainings=[core]), "ca-pss", as_of=AS_OF).to_dict()
    (named,) = data["unrecognised"]
    assert named["field"] == "trainings[0].topic"
    assert named["given"] == SYLLABUS_TITLE


def test_the_vocabulary_cannot_be_changed_by_a_caller() -> None:
    vocabulary = el.vocabulary()
    with pytest.raises((TypeError, AttributeError)):
        vocabulary.exams.clear()  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        vocabulary.topics["x"] = vocabulary.topics["ethics"]  # type: ignore[index]
    assert el.check(CA, "ca-pss", as_of=AS_OF).requirement("exam").status is el.Status.MET


def test_a_vocabulary_built_from_dicts_keeps_no_reference_to_them() -> None:
    topics = {"ethics": el.vocabulary().topics["ethics"]}
    made = el.Vocabulary(topics=topics, exams={}, credentials={})
    topics.clear()
    assert made.keys("topics", "Ethical Responsibility") == frozenset({"ethics"})


# --- requirements no applicant record shows ------------------------------------------------------


CA_NOT_CHECKED = ["photo-id", "exam-attempts", "application-period"]


def test_a_result_never_says_plain_eligible_while_a_requirement_was_not_checked() -> None:
    result = el.check(CA, "ca-pss", as_of=AS_OF)
    assert result.outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED
    assert result.exit_code == 5
    assert [r.id for r in result.not_checked] == CA_NOT_CHECKED
    assert result.requirement("photo-id").status is el.Status.NOT_CHECKED
    assert "confirm by hand: A government photo ID" in " ".join(result.next_steps)
    text = result.to_text()
    assert "ELIGIBLE_IF_CONFIRMED" in text.splitlines()[0]
    assert "not checked: photo-id" in text
    data = result.to_dict()
    assert data["outcome"] == "ELIGIBLE_IF_CONFIRMED"
    assert [r["id"] for r in data["not_checked"]] == CA_NOT_CHECKED
    markdown = result.to_markdown()
    assert "**ELIGIBLE_IF_CONFIRMED**" in markdown
    assert "Not checked (confirm by hand):" in markdown
    assert "| `photo-id` | NOT_CHECKED |" in markdown


def test_a_requirement_not_checked_is_named_only_where_the_outcome_turns_on_it() -> None:
    too_young = el.check(with_(CA, date_of_birth="2008-06-02"), "ca-pss", as_of=AS_OF)
    assert too_young.outcome is el.Outcome.NOT_ELIGIBLE
    assert too_young.not_checked == ()
    missing_exam = el.check(with_(CA, exams=None), "ca-pss", as_of=AS_OF)
    assert missing_exam.outcome is el.Outcome.INCOMPLETE
    assert [r.id for r in missing_exam.not_checked] == CA_NOT_CHECKED


def test_the_roster_results_name_the_requirements_not_checked() -> None:
    import csv
    import io

    stream = io.StringIO()
    el.write_results(el.check_roster([CA], "ca-pss", as_of=AS_OF), stream)
    (row,) = csv.DictReader(io.StringIO(stream.getvalue()))
    assert row["outcome"] == "ELIGIBLE_IF_CONFIRMED"
    assert row["not_checked"] == "; ".join(CA_NOT_CHECKED)


def test_explain_marks_a_requirement_not_checked() -> None:
    text = el.explain("ca-pss", pathway="initial")
    assert (
        "photo-id: A government photo ID whose name matches the application. (NOT CHECKED" in text
    )
    assert "**not checked**" in el.explain("ca-pss", format="markdown")


# --- records given that do not count say why -----------------------------------------------------


def test_a_training_dated_after_the_check_date_counts_none_by_that_date() -> None:
    later = training("ca-pss-core", 80, "2026-07-01", approved=True)
    reason = el.check(with_(CA, trainings=[later]), "ca-pss", as_of=AS_OF).requirement("training")
    assert reason.status is el.Status.UNMET
    assert "80 training hours required, none by 2026-06-01" in reason.reason
    assert "0 found" not in reason.reason
    assert "not counted: trainings[0] (80 hours): dated after 2026-06-01" in reason.reason


def test_a_training_not_from_an_approved_provider_says_so() -> None:
    unapproved = training("ca-pss-core", 80, "2024-01-10", approved=False)
    found = el.check(with_(CA, trainings=[unapproved]), "ca-pss", as_of=AS_OF)
    assert (
        "trainings[0] (80 hours): not from an approved provider"
        in found.requirement("training").reason
    )


def test_a_training_on_another_topic_says_so() -> None:
    other = training("Advocacy", 80, "2024-01-10", approved=True)
    found = el.check(with_(CA, trainings=[other]), "ca-pss", as_of=AS_OF)
    assert "trainings[0] (80 hours): on another topic" in found.requirement("training").reason


def test_continuing_education_outside_the_window_says_so() -> None:
    old = [ce("Law and Ethics", 6, "2023-01-01"), ce("other", 14)]
    found = el.check(with_(RECIPROCITY, continuing_education=old), "ca-pss", "reciprocity", AS_OF)
    reason = found.requirement("continuing-education").reason
    assert (
        "continuing_education[0] (6 hours): dated before 2024-06-01, outside the period" in reason
    )


def test_a_specialization_training_taken_before_the_core_training_says_so() -> None:
    early = training("ca-pss-family", 40, "2023-06-01")
    found = el.check(with_(CA, trainings=[CA_CORE, early]), "ca-pss-family", as_of=AS_OF)
    reasons = " ".join(r.reason for r in found.leaves)
    assert "trainings[1] (40 hours): taken before the CalMHSA-approved core" in reasons


def test_a_work_record_straddling_the_window_is_to_be_split_not_supplied() -> None:
    long = work(2000, "2020-01-01", "2026-05-01")
    found = el.check(with_(MHA, work_experience=[long]), "mha-ncps", as_of=AS_OF)
    work_result = found.requirement("work")
    assert work_result.status is el.Status.UNKNOWN
    assert "split work_experience[0] at 2021-06-01, the start of the period" in found.next_steps
    assert not any("start/end" in m for m in found.to_supply)
    assert not any("start/end" in step for step in found.next_steps)


def test_a_current_role_past_the_check_date_is_to_be_split_at_that_date() -> None:
    current = {"peer_role": True, "hours": 600, "start": "2025-01-01", "current": True}
    found = el.check(with_(ICRC, work_experience=[current]), "icrc-pr", as_of=AS_OF)
    assert "split work_experience[0] at 2026-06-01, the check date" in found.next_steps


def test_a_work_record_of_another_kind_says_why_it_does_not_count() -> None:
    unpaid = work(500, peer_role=False)
    found = el.check(with_(ICRC, work_experience=[unpaid]), "icrc-pr", as_of=AS_OF)
    assert "work_experience[0] (500 hours): not a peer role" in found.requirement("work").reason


# --- what to supply, once; numbers with the right noun -------------------------------------------


def test_what_to_supply_and_the_next_steps_name_each_thing_once() -> None:
    for cred in el.credentials():
        for pathway in cred.pathways:
            result = el.check({}, cred, pathway.id, AS_OF)
            assert len(set(result.next_steps)) == len(result.next_steps), (cred.id, pathway.id)
            assert len(set(result.to_supply)) == len(result.to_supply), (cred.id, pathway.id)
    reciprocity = el.check({}, "ca-pss", "reciprocity", AS_OF)
    assert not any(step.startswith("either") for step in reciprocity.next_steps)


def test_numbers_carry_the_right_noun() -> None:
    one_short = el.check(
        with_(CA, trainings=[training("ca-pss-core", 79, "2024-01-10", approved=True)]),
        "ca-pss",
        as_of=AS_OF,
    )
    assert "79 found: 1 more hour needed" in one_short.requirement("training").reason
    assert "complete 1 more training hour" in one_short.next_steps
    two_short = el.check(
        with_(CA, trainings=[training("ca-pss-core", 78, "2024-01-10", approved=True)]),
        "ca-pss",
        as_of=AS_OF,
    )
    assert "2 more hours needed" in two_short.requirement("training").reason
    recovery = el.check(with_(GA, years_in_recovery=0.5), "ga-cps", as_of=AS_OF)
    assert "at least 1 year in recovery required" in recovery.requirement("recovery").reason
    supervision = el.check(with_(ICRC, supervision_hours=24), "icrc-pr", as_of=AS_OF)
    assert "receive 1 more hour of supervision" in supervision.next_steps


def test_a_certification_that_does_not_count_says_why() -> None:
    expired = {**ICRC_RENEWAL["certifications"][0], "expires_on": "2026-05-31"}
    found = el.check(with_(ICRC_RENEWAL, certifications=[expired]), "icrc-pr", "renewal", AS_OF)
    assert (
        "not counted: certifications[0]: expired 2026-05-31"
        in found.requirement("certified").reason
    )


def test_a_letter_dated_after_the_check_date_says_why_it_does_not_count() -> None:
    letters = [*CA_LETTERS[:2], {"kind": "self", "date": "2026-07-01"}]
    found = el.check(
        with_(RECIPROCITY, recommendation_letters=letters), "ca-pss", "reciprocity", AS_OF
    )
    reason = found.requirement("letters").reason
    assert "not counted: recommendation_letters[2]: dated after 2026-06-01" in reason


def test_an_unrecognised_name_of_the_renewed_certification_is_named_not_asked_for_again() -> None:
    held = {**ICRC_RENEWAL["certifications"][0], "credential": "Peer Recovery certificate"}
    found = el.check(with_(ICRC_RENEWAL, certifications=[held]), "icrc-pr", "renewal", AS_OF)
    assert "certifications" not in found.to_supply
    assert not any(m.endswith(".credential") for m in found.to_supply)


def test_a_missing_fact_comes_before_a_requirement_not_checked_in_an_either_or() -> None:
    unknown_hours = with_(GRANDPARENTING, work_experience=[work(None, "2019-01-01", "2022-06-30")])
    found = el.check(unknown_hours, "ca-pss", "grandparenting", GP_OPEN)
    assert found.requirement("work").status is el.Status.UNKNOWN
    assert found.outcome is el.Outcome.INCOMPLETE
    assert "work_experience[0].hours" in found.to_supply
    assert "work-other-option" in [r.id for r in found.not_checked]


def test_no_case_is_plain_eligible_while_its_outcome_turns_on_a_requirement_not_checked() -> None:
    for case in CASES:
        result = el.check(case.applicant, case.credential, case.pathway, case.as_of)
        if result.outcome is el.Outcome.ELIGIBLE:
            assert result.not_checked == (), case.sentence
            for r in result.leaves:  # a requirement not checked is only in a met either-or
                if r.status is el.Status.NOT_CHECKED:
                    assert r.id not in [c.id for c in result.requirements.children], case.sentence
        if result.outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED:
            assert result.not_checked, case.sentence
