"""Starter files that ``peer-competencies template applicant|roster|syllabus`` prints: each one
commented, filled with example values, and accepted as it is by the package's readers (the tests
read every one)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["TEMPLATES", "Template"]


class Template:
    """A starter file: its text, the file suffix the readers expect, and a note on how to use
    it (the CSV roster cannot carry comments, so its note is shown beside it)."""

    __slots__ = ("note", "suffix", "text")

    def __init__(self, text: str, suffix: str, note: str) -> None:
        self.text = text
        self.suffix = suffix
        self.note = note


_APPLICANT = """\
# An applicant record for `peer-competencies eligibility check FILE --credential ID`
# (YAML; JSON with the same keys works too). Every field is optional: leave out what you do not
# know, and the requirements that need it are reported UNKNOWN with what to supply. A list
# written empty ([]) says "none". Dates are YYYY-MM-DD and cannot be in the future.
# The fields and their meaning: docs/eligibility.md, "The applicant record".

id: E-0001                      # your own reference (an employee number), never a name
recorded_on: 2026-01-15         # the day age and years_in_recovery were true (default: today)
date_of_birth: 1990-05-01       # wins over age
# age: 35
education: high-school          # none, ged, high-school, some-college, associate, bachelor,
                                # master, doctorate
lived_experience: self          # self, family (parent, caregiver, family member) or none
years_in_recovery: 3
willing_to_share: yes
dedicated_to_recovery: yes
code_of_ethics_signed: 2026-01-10
residence_jurisdiction: CA      # two-letter state codes
work_jurisdiction: CA
# applying_in: CA               # the state board applied to (IC&RC credentials)
# background_check_cleared: yes # Texas
# registry_check_cleared: yes   # Texas
# guardian_of_youth_in_services: no   # Washington
# supervision_hours: 25

trainings:                      # topics by name: `peer-competencies eligibility explain ID`
  - topic: CalMHSA core training        # lists the names each credential accepts
    hours: 80
    date: 2026-01-10            # the day it was completed
    provider: Example Peer Training Collaborative
    approved: yes               # the credential's body approved the provider
    face_to_face: yes

exams:                          # one entry per attempt
  - exam: CA PSS exam
    passed: yes
    date: 2026-01-12
    # score: 82

work_experience: []             # none; or entries such as:
#  - {peer_role: yes, paid: yes, hours: 520, start: 2025-01-06, end: 2025-12-19,
#     supervised: yes, verified: yes}
#  - {peer_role: yes, hours: 300, start: 2025-06-01, current: yes}

certifications: []              # peer certifications held; or entries such as:
#  - {credential: CA PSS, jurisdiction: CA, issued_on: 2024-02-01, expires_on: 2026-02-01,
#     discipline_pending: no}

# continuing_education:
#  - {topic: Ethics, hours: 6, date: 2025-09-30, peer_specific: yes}
# college_credits:
#  - {hours: 12, date: 2019-06-01}
# recommendation_letters:       # kind: supervisor, colleague, self, other
#  - {kind: supervisor, on_letterhead: yes, date: 2025-12-01}
"""

_ROSTER = """\
id,date_of_birth,education,lived_experience,willing_to_share,dedicated_to_recovery,\
code_of_ethics_signed,trainings.1.topic,trainings.1.hours,trainings.1.date,trainings.1.approved,\
exams.1.exam,exams.1.passed,exams.1.date,work_experience
E-0001,1990-05-01,high-school,self,yes,yes,2026-01-10,CalMHSA core training,80,2026-01-10,yes,\
CA PSS exam,yes,2026-01-12,none
E-0002,1985-11-23,ged,family,yes,yes,,CalMHSA core training,80,2026-01-10,yes,,,,
"""

_ROSTER_NOTE = """\
A roster for `peer-competencies eligibility roster FILE.csv --credential ID`: one applicant a
row, UTF-8, the column names first. Columns are the applicant fields (docs/eligibility.md); a
list takes numbered column groups (trainings.1.topic, trainings.1.hours, trainings.2.topic …);
`python -c "from peer_competencies import eligibility; print(eligibility.roster_columns())"`
lists them all. A blank cell is a fact not given; `none` in a list's own column (work_experience
above) says the list is empty. Row E-0002 leaves its code of ethics and exam blank: it checks as
INCOMPLETE and says what to supply.
"""

_SYLLABUS = """\
# A training syllabus for `peer-competencies coverage FILE` (TOML; YAML, JSON, CSV and Excel work
# too). The keys and how credit is counted: docs/coverage.md.

[program]
title = "Peer Support Specialist Core Training"
provider = "Example Peer Training Collaborative"
framework = "ca-sb803"          # what bare codes such as "13" refer to; also the default report

[[modules]]
id = "M01"                      # unique within the syllabus
title = "Hope, recovery and wellness"
description = "Concepts of hope, recovery and wellness."   # used by `suggest`
hours = 6
competencies = ["1"]            # ids: "ca-sb803:1", "samhsa-2015:VIII.4" (through the
                                # crosswalk), or bare codes of program.framework
measures = ["observed role play"]   # how competency is assessed
delivery = "in person"

[[modules]]
id = "M02"
title = "Safety and crisis planning"
hours = 8
competencies = ["13", "samhsa-2015:VIII.4"]
hours_by_competency = {"13" = 6}    # optional: hours named per id; the rest is split evenly
measures = ["written quiz"]

[[modules]]
id = "M03"
title = "Warm hand-offs to housing programs"
hours = 4                       # no competencies: `peer-competencies suggest FILE` proposes some
"""

TEMPLATES: Mapping[str, Template] = MappingProxyType(
    {
        "applicant": Template(
            _APPLICANT,
            ".yaml",
            "save as applicant.yaml; check with: peer-competencies eligibility check "
            "applicant.yaml --credential ca-pss",
        ),
        "roster": Template(_ROSTER, ".csv", _ROSTER_NOTE),
        "syllabus": Template(
            _SYLLABUS,
            ".toml",
            "save as syllabus.toml; report with: peer-competencies coverage syllabus.toml",
        ),
    }
)
"""The starter files by name."""
