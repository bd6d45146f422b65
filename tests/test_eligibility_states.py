"""The state credentials of issue 16: what their data says, and a few checks beyond the cases.

Their applicant → expected outcome cases are data, one YAML file per credential in
``tests/cases/eligibility/``, run by ``test_case`` in ``test_eligibility_cases.py``. Each case
starts from an applicant who meets every rule of the pathway that the package can check, and
changes one fact. The rules a credential's sources do not state, or that no predicate can check,
are "not checked": they never make an answer ELIGIBLE or NOT_ELIGIBLE by themselves, and every
result names them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from peer_competencies import eligibility as el
from tests.eligibility_cases import CASES, applicant_of, training, with_
from tests.support import REPO

AS_OF = dt.date(2026, 6, 1)

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

# The answer for an applicant who meets every rule the package checks.
ALL_CHECKED_MET = el.Outcome.ELIGIBLE_IF_CONFIRMED
ELIGIBLE, NOT_ELIGIBLE = el.Outcome.ELIGIBLE, el.Outcome.NOT_ELIGIBLE

# The applicants of some cases, each meeting every rule of a pathway that the package checks.
DE = applicant_of("an applicant meeting every checked Delaware rule meets de-cprs's work rule")
OH = applicant_of("the OhioMHAS 40-hour PRS Training meets oh-prs's route")
SC = applicant_of("one year of recovery meets sc-cpss")
OR = applicant_of("an approved 40-hour training meets or-pss's route")


def test_these_cases_cover_every_state_credential_and_pathway() -> None:
    seen: dict[tuple[str, str], set[el.Outcome]] = {}
    for case in CASES:
        if case.credential not in STATE_CREDENTIALS:
            continue
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


JURISDICTIONS_PAGE = REPO / "docs" / "jurisdictions.md"
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
    old_work = [{"peer_role": True, "start": "1920-01-01", "end": "1923-01-31"}]
    ohio = el.check(with_(OH, trainings=[], work_experience=old_work), "oh-prs", as_of=AS_OF)
    route = ohio.requirement("work-experience")
    assert route.status is el.Status.MET, ohio.to_text()
    assert "100 years" not in ohio.to_text()
    a_year = [{"peer_role": True, "start": "1920-01-01", "end": "1920-12-31"}]
    carolina = el.check(with_(SC, work_experience=a_year), "sc-cpss", as_of=AS_OF)
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
