"""The eligibility API: credentials as cited data, results, errors, explanations, privacy."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import peer_competencies as pc
from peer_competencies import eligibility as el
from tests.test_eligibility_states import STATE_CREDENTIALS  # issue 16's, tested there

AS_OF = dt.date(2026, 6, 1)
CHECKED = dt.date(2026, 11, 23)
RECHECKED = dt.date(2026, 12, 1)  # corrections and additions of the re-check (credentials.md)

EXPECTED_PATHWAYS = {
    "ca-pss": {"initial": 11, "reciprocity": 14, "grandparenting": 9, "renewal": 5},
    "ca-pss-crisis": {"initial": 3},
    "ca-pss-family": {"initial": 3},
    "ca-pss-justice": {"initial": 3},
    "ca-pss-unhoused": {"initial": 3},
    "ga-cps": {"initial": 5, "renewal": 5},
    "icrc-pr": {"initial": 9, "renewal": 2},
    "mha-ncps": {"initial": 8},
    "naadac-ncprss": {"initial": 6},
    "ny-crpa": {"initial": 9, "renewal": 2},
    "pa-cps": {"initial": 8, "renewal": 2},
    "tx-mhps": {"initial": 12, "renewal": 3},
    "vt-cpsp": {"initial": 9, "state-certification": 4},
    "wa-cpss": {"initial": 9, "renewal": 4, "prior-experience": 2},
}


def test_every_credential_the_issue_lists_ships_with_its_pathways() -> None:
    shipped = {
        c.id: {p.id: len(p.leaves) for p in c.pathways}
        for c in el.credentials()
        if c.id not in STATE_CREDENTIALS
    }
    assert shipped == EXPECTED_PATHWAYS


def test_every_requirement_cites_a_source_checked_on_2026_11_23_or_2026_12_01() -> None:
    for cred in el.credentials():
        if cred.id in STATE_CREDENTIALS:
            continue
        for pathway in cred.pathways:
            for leaf in pathway.leaves:
                assert leaf.citation.checked_on in (CHECKED, RECHECKED), (cred.id, leaf.id)
                cited = leaf.citation.url or leaf.basis or leaf.citation.section  # a law's section
                assert cited, (cred.id, leaf.id)
                assert leaf.statement.strip() == leaf.statement
                assert leaf.statement


def test_california_qualifications_cite_the_sb803_items() -> None:
    initial = el.credential("ca-pss").pathway("initial")
    bases = [leaf.basis for leaf in initial.leaves if leaf.basis]
    assert bases == [f"ca-sb803:Q{n}" for n in range(1, 9)]
    age = initial.leaves[0]
    assert age.citation.section == pc.lookup("ca-sb803:Q1").citation.section
    assert age.statement == pc.lookup("ca-sb803:Q1").text


def test_unverified_facts_ship_as_unverified_with_a_reason() -> None:
    unverified = {
        (c.id, p.id, leaf.id): leaf.unverified_reason
        for c in el.credentials()
        if c.id not in STATE_CREDENTIALS
        for p in c.pathways
        for leaf in p.leaves
        if leaf.verification is el.Verification.UNVERIFIED
    }
    assert set(unverified) == {
        ("ca-pss", "grandparenting", "work-other-option"),
        ("ca-pss", "renewal", "window"),
        ("ca-pss-crisis", "initial", "after-core"),
        ("ca-pss-crisis", "initial", "specialization-training"),
        ("ca-pss-family", "initial", "after-core"),
        ("ca-pss-justice", "initial", "after-core"),
        ("ca-pss-justice", "initial", "specialization-training"),
        ("ca-pss-unhoused", "initial", "after-core"),
        ("ca-pss-unhoused", "initial", "specialization-training"),
        ("ga-cps", "initial", "age"),
        ("ga-cps", "initial", "exam"),
        ("icrc-pr", "initial", "exam"),
        ("mha-ncps", "initial", "training"),
        ("naadac-ncprss", "initial", "exam"),
        ("naadac-ncprss", "initial", "practice"),
        ("naadac-ncprss", "initial", "state-credential"),
        ("naadac-ncprss", "initial", "training"),
        ("ny-crpa", "initial", "harm-reduction"),
        ("pa-cps", "initial", "work"),
        ("tx-mhps", "initial", "core-training"),
        ("vt-cpsp", "initial", "three-years"),
        ("wa-cpss", "prior-experience", "experience"),
    }
    assert all(reason for reason in unverified.values())
    notes = [n for n in el.credential("icrc-pr").notes if n.verification.value == "unverified"]
    assert [n.text[:20] for n in notes] == ["The exam has 100 mul", "IC&RC member boards "]


def test_a_result_that_turns_on_an_unverified_rule_says_so() -> None:
    applicant = {
        "date_of_birth": "1990-01-01",
        "education": "ged",
        "recorded_on": "2026-06-01",
        "years_in_recovery": 2,
        "trainings": [{"topic": "ga-cps", "hours": 40, "date": "2025-01-15"}],
        "exams": [{"exam": "ga-cps", "passed": True, "date": "2026-01-15"}],
    }
    result = el.check(applicant, "ga-cps", as_of=AS_OF)
    assert result.outcome is el.Outcome.ELIGIBLE
    assert [r.id for r in result.depends_on_unverified] == ["age", "exam"]
    assert "unverified" in result.to_text()
    late = {**applicant, "exams": [{"exam": "ga-cps", "passed": True, "date": "2026-01-16"}]}
    too_late = el.check(late, "ga-cps", as_of=AS_OF)
    assert too_late.outcome is el.Outcome.NOT_ELIGIBLE
    assert [r.id for r in too_late.depends_on_unverified] == ["exam"]


def test_a_rule_not_yet_in_force_is_listed_not_checked() -> None:
    result = el.check({}, "ny-crpa", as_of=dt.date(2022, 3, 31))
    assert [r.id for r in result.not_in_force] == ["medication-supported-recovery"]
    with pytest.raises(KeyError):
        result.requirement("medication-supported-recovery")
    later = el.check({}, "ny-crpa", as_of=dt.date(2022, 4, 1))
    assert later.not_in_force == ()
    assert later.requirement("medication-supported-recovery").status is el.Status.UNKNOWN


def test_an_empty_record_is_incomplete_never_met_or_unmet() -> None:
    for cred in el.credentials():
        for pathway in cred.pathways:
            result = el.check({}, cred, pathway.id, AS_OF)
            statuses = {r.status for r in result.leaves}
            if pathway.id == "grandparenting":  # closed by date, whatever the record says
                assert result.outcome is el.Outcome.NOT_ELIGIBLE
                continue
            if pathway.id == "prior-experience":  # open by date; the rest is not checked
                assert statuses == {el.Status.MET, el.Status.NOT_CHECKED}
                continue
            assert el.Status.UNKNOWN in statuses, (cred.id, pathway.id)
            assert statuses <= {el.Status.UNKNOWN, el.Status.NOT_CHECKED}, (cred.id, pathway.id)
            assert result.outcome is el.Outcome.INCOMPLETE
            assert result.to_supply


def test_a_result_names_what_to_supply_next() -> None:
    result = el.check({"date_of_birth": "1990-01-01", "education": "ged"}, "ca-pss", as_of=AS_OF)
    assert result.outcome is el.Outcome.INCOMPLETE
    assert result.to_supply[:3] == ("lived_experience", "willing_to_share", "dedicated_to_recovery")
    assert "supply trainings" in result.next_steps
    assert result.exit_code == 2


def test_the_reason_for_a_training_shortfall_is_in_numbers() -> None:
    trainings = [
        {"topic": "Advocacy", "hours": 10},
        {"topic": "Mentoring/Education", "hours": 10},
        {"topic": "Recovery/Wellness Support", "hours": 10},
        {"topic": "Ethical Responsibility", "hours": 8},
    ]
    result = el.check({"trainings": trainings}, "icrc-pr")
    training = result.requirement("training")
    assert training.reason == (
        "46 training hours required, 38 found: 8 more hours needed in Ethical Responsibility"
    )
    assert training.next_steps == ("complete 8 more training hours in Ethical Responsibility",)
    assert training.citation is not None
    assert training.citation.url == "https://internationalcredentialing.org/icrc-credentials/pr"


def test_unknown_credential_ids_name_the_closest() -> None:
    with pytest.raises(pc.UnknownIdError) as info:
        el.check({}, "ca-ps")
    assert "ca-pss" in info.value.suggestions
    assert isinstance(info.value, LookupError)
    with pytest.raises(pc.UnknownIdError) as info:
        el.credential("icrc-rp")
    assert "icrc-pr" in info.value.suggestions


def test_unknown_pathways_name_the_known_ones() -> None:
    with pytest.raises(pc.UnknownIdError) as info:
        el.check({}, "ca-pss", pathway="reciprocty")
    assert info.value.suggestions == ("reciprocity",)


def test_a_check_date_in_the_future_is_refused() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(pc.InputError, match="in the future"):
        el.check({}, "ca-pss", as_of=tomorrow)


def test_applicant_dates_in_the_future_are_refused_with_their_place() -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(pc.InputError) as info:
        el.check({"trainings": [{"hours": 4, "date": tomorrow}]}, "ca-pss")
    assert info.value.where == "$.trainings[0].date"
    with pytest.raises(pc.InputError):
        el.Training(date=dt.date.today() + dt.timedelta(days=1))


def test_a_certificate_may_expire_in_the_future() -> None:
    later = dt.date.today() + dt.timedelta(days=400)
    assert el.Certification(expires_on=later).expires_on == later


def test_negative_hours_are_refused_with_their_place() -> None:
    with pytest.raises(pc.InputError) as info:
        el.check({"work_experience": [{}, {"hours": -1}]}, "icrc-pr")
    assert info.value.where == "$.work_experience[1].hours"
    assert "≥ 0" in info.value.problem
    with pytest.raises(ValueError, match="≥ 0"):
        el.Applicant(supervision_hours=-3)


def test_errors_do_not_echo_the_applicants_values() -> None:
    with pytest.raises(pc.InputError) as info:
        el.parse_applicant({"date_of_birth": "31/12/1984"})
    assert "1984" not in str(info.value)
    assert info.value.where == "$.date_of_birth"


def test_an_applicant_repr_shows_only_its_id() -> None:
    person = el.parse_applicant({"id": "E-17", "date_of_birth": "1984-12-31", "age": 41})
    assert repr(person) == "Applicant(id='E-17', 2 facts given)"
    assert "1984" not in repr(person)


def test_results_are_json_ready() -> None:
    result = el.check({"date_of_birth": "2000-01-01"}, "ca-pss", as_of=AS_OF)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["outcome"] == "INCOMPLETE"
    age = data["requirements"]["children"][0]
    assert age["id"] == "age"
    assert age["status"] == "MET"
    assert age["citation"]["checked_on"] == "2026-11-23"


def test_a_typed_applicant_is_checked_like_its_mapping() -> None:
    data = {"date_of_birth": "2000-01-01", "education": "high-school"}
    typed = el.Applicant(date_of_birth=dt.date(2000, 1, 1), education=el.Education.HIGH_SCHOOL)
    a, b = el.check(data, "ga-cps", as_of=AS_OF), el.check(typed, "ga-cps", as_of=AS_OF)
    assert a.to_dict() == b.to_dict()


def test_explain_gives_the_tree_with_citations_as_text_and_markdown() -> None:
    text = el.explain("ca-pss")
    assert "pathway grandparenting" in text
    assert "https://www.capeercertification.org/out-of-state-reciprocity/" in text
    assert "UNVERIFIED" in text
    assert "implements: ca-sb803:Q8" in text
    markdown = el.explain("ny-crpa", format="markdown")
    assert markdown.startswith("# New York Certified Recovery Peer Advocate (CRPA) (`ny-crpa`)")
    assert "in force from 2022-04-01" in markdown
    one = el.explain("ca-pss", pathway="renewal")
    assert "pathway renewal" in one
    assert "pathway initial" not in one
    with pytest.raises(ValueError, match="format"):
        el.explain("ca-pss", format="html")  # type: ignore[arg-type]


def test_every_credential_explains_as_a_markdown_page_of_its_pathways() -> None:
    pages = {f"{c.id}.md": el.explain(c, "markdown") for c in el.credentials()}
    assert len(pages) == len(el.credentials()) >= 40
    assert "⚠ **unverified**" in pages["naadac-ncprss.md"]
    for page in pages.values():
        assert page.count("## Pathway") >= 1
