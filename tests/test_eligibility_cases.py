"""Applicant → expected outcome, for every credential and pathway, written as sentences.

The cases are data: one YAML file per credential in ``tests/cases/eligibility/`` (its README says
what a case holds), run by ``test_case`` below, one test per case named by its sentence. The other
tests here start from a case's applicant and change one fact.
"""

from __future__ import annotations

import datetime as dt

import pytest

from peer_competencies import eligibility as el
from tests.eligibility_cases import CASES, Case, applicant_of, ce, passed, training, with_, work
from tests.test_eligibility_states import STATE_CREDENTIALS

AS_OF = dt.date(2026, 6, 1)
GP_OPEN = dt.date(2022, 12, 31)

# The applicants of some cases, each meeting every requirement of a pathway.
CA = applicant_of("an applicant meeting all eight SB 803 qualifications is eligible for ca-pss")
CA_CORE = CA["trainings"][0]
RECIPROCITY = applicant_of(
    "a peer certified in Pennsylvania meeting every rule is eligible for ca-pss by reciprocity"
)
CA_LETTERS = RECIPROCITY["recommendation_letters"]
GRANDPARENTING = applicant_of(
    "a peer employed in 2022 applying on 2022-12-31 is eligible by grandparenting"
)
CA_RENEWAL = applicant_of(
    "a renewal filed exactly 90 days before expiry is not settled: one version of the page says"
    " 90 days, another 60"
)
ICRC = applicant_of("an applicant meeting every IC&RC rule is eligible for icrc-pr")
ICRC_TRAININGS = ICRC["trainings"]
ICRC_RENEWAL = applicant_of("an IC&RC renewal with 20 CE hours, 6 in ethics, is eligible")
MHA = applicant_of("a state-certified peer with 2,000 recent hours is eligible for mha-ncps")
GA = applicant_of("an applicant meeting every Georgia rule is eligible for ga-cps")

ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE, ELIGIBLE_IF_CONFIRMED = (
    el.Outcome.ELIGIBLE,
    el.Outcome.NOT_ELIGIBLE,
    el.Outcome.INCOMPLETE,
    el.Outcome.ELIGIBLE_IF_CONFIRMED,
)


def _not_checked_in_force(result: el.Result) -> list[str]:
    return [r.id for r in result.leaves if r.status is el.Status.NOT_CHECKED]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
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
        assert turned.status is case.status, result.to_text()
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
        if cred.id in STATE_CREDENTIALS:  # their cases are checked there
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
            assert result.not_checked == (), case.name
            for r in result.leaves:  # a requirement not checked is only in a met either-or
                if r.status is el.Status.NOT_CHECKED:
                    assert r.id not in [c.id for c in result.requirements.children], case.name
        if result.outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED:
            assert result.not_checked, case.name
