"""Reading applicants from JSON, YAML and CSV rosters; errors that name file, row and field."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import attrs
import pytest

import peer_competencies as pc
from peer_competencies import eligibility as el
from tests.support import ELIGIBLE_CA_PSS_YAML, WriteFile

AS_OF = dt.date(2026, 6, 1)

HEADER = (
    "id,date_of_birth,education,lived_experience,willing_to_share,dedicated_to_recovery,"
    "code_of_ethics_signed,trainings.1.topic,trainings.1.hours,trainings.1.date,"
    "trainings.1.approved,trainings.2.topic,trainings.2.hours,trainings.2.date,"
    "trainings.2.approved,exams,exams.1.exam,exams.1.passed,exams.1.date\n"
)
GOOD = (
    "E-1,1990-05-01,high-school,self,yes,yes,2025-01-10,ca-pss-core,80,"
    "2024-01-10,yes,,,,,,ca-pss,yes,2025-02-01\n"
)
SPLIT = (
    "E-2,1990-05-01,ged,family,yes,yes,2025-01-10,ca-pss-core,40,"
    "2024-01-10,yes,ca-pss-core,39,2024-02-10,yes,,ca-pss,yes,2025-02-01\n"
)
BAD_HOURS = (
    "E-3,1990-05-01,ged,self,yes,yes,2025-01-10,ca-pss-core,40,"
    "2024-01-10,yes,ca-pss-core,-4,2024-02-10,yes,,ca-pss,yes,2025-02-01\n"
)
BAD_DATE = "E-4,31/12/1990,ged,self,yes,yes,2025-01-10,,,,,,,,,none,,,\n"
NO_EXAM = "E-5,1990-05-01,ged,self,yes,yes,2025-01-10,ca-pss-core,80,2024-01-10,yes,,,,,none,,,\n"


def test_a_json_applicant_is_read_and_checked(
    write_file: WriteFile, eligible_applicant: dict[str, Any]
) -> None:
    path = write_file("a.json", json.dumps(eligible_applicant))
    applicant = el.read_applicant(path)
    assert applicant.trainings == (
        el.Training(topic="ca-pss-core", hours=80, date=dt.date(2024, 1, 10), approved=True),
    )
    outcome = el.check(applicant, "ca-pss", as_of=AS_OF).outcome
    assert outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED


def test_a_yaml_applicant_reads_the_same_as_json(
    write_file: WriteFile, eligible_applicant: dict[str, Any]
) -> None:
    from_yaml = el.read_applicant(write_file("a.yaml", ELIGIBLE_CA_PSS_YAML))
    from_json = el.read_applicant(write_file("a.json", json.dumps(eligible_applicant)))
    assert from_yaml == from_json


def test_malformed_json_names_file_line_and_column(write_file: WriteFile) -> None:
    path = write_file("a.json", '{"age": 30,\n "education": }')
    with pytest.raises(pc.InputError) as info:
        el.read_applicant(path)
    assert info.value.file == str(path)
    assert info.value.where == "line 2, column 15"


def test_malformed_yaml_names_file_and_line(write_file: WriteFile) -> None:
    path = write_file("a.yaml", "age: 30\ntrainings: [unclosed\n")
    with pytest.raises(pc.InputError) as info:
        el.read_applicant(path)
    assert info.value.file == str(path)
    assert info.value.where is not None
    assert info.value.where.startswith("line 3")


def test_a_wrong_field_type_names_file_and_field(write_file: WriteFile) -> None:
    path = write_file("a.json", json.dumps({"exams": [{"exam": "ca-pss", "passed": "maybe"}]}))
    with pytest.raises(pc.InputError) as info:
        el.read_applicant(path)
    assert str(info.value).startswith(f"{path}: $.exams[0].passed: expected yes or no")


def test_an_unknown_field_is_refused(write_file: WriteFile) -> None:
    path = write_file("a.json", json.dumps({"date_of_brith": "1990-01-01"}))
    with pytest.raises(pc.InputError, match="unknown field date_of_brith"):
        el.read_applicant(path)


def test_a_state_name_is_refused_for_a_state_code() -> None:
    with pytest.raises(pc.InputError) as info:
        el.parse_applicant({"residence_jurisdiction": "Pennsylvania"})
    assert info.value.where == "$.residence_jurisdiction"
    assert el.parse_applicant({"residence_jurisdiction": "pa"}).residence_jurisdiction == "PA"


def test_a_csv_file_is_not_an_applicant_file(write_file: WriteFile) -> None:
    with pytest.raises(pc.InputError, match="read_roster"):
        el.read_applicant(write_file("a.csv", HEADER + GOOD))


def test_a_roster_streams_results_and_reports_bad_rows(write_file: WriteFile) -> None:
    path = write_file("roster.csv", HEADER + GOOD + BAD_HOURS + SPLIT + BAD_DATE + NO_EXAM)
    results = list(el.check_roster(el.read_roster(path), "ca-pss", as_of=AS_OF))
    assert [r.row for r in results] == [2, 3, 4, 5, 6]
    assert [r.applicant_id for r in results] == ["E-1", "E-3", "E-2", "E-4", "E-5"]
    good, hours, split, date, no_exam = results
    assert good.result is not None
    assert good.result.outcome is el.Outcome.ELIGIBLE_IF_CONFIRMED
    assert hours.result is None
    assert hours.error is not None
    assert str(hours.error).startswith("row 3, column trainings.2.hours: expected a number ≥ 0")
    assert split.result is not None
    assert split.result.requirement("training").reason == (
        "80 training hours required, 79 found: 1 more hour needed"
    )
    assert date.error is not None
    assert str(date.error).startswith("row 5, column date_of_birth: expected a date")
    assert "31/12" not in str(date.error)
    assert no_exam.result is not None
    assert no_exam.result.outcome is el.Outcome.NOT_ELIGIBLE


def test_a_roster_with_an_unknown_column_is_refused_naming_it(write_file: WriteFile) -> None:
    path = write_file("roster.csv", "id,date_of_brith\nE-1,1990-01-01\n")
    with pytest.raises(pc.InputError) as info:
        list(el.read_roster(path))
    assert info.value.where == "row 1, column 'date_of_brith'"
    assert "date_of_birth" in info.value.problem


def test_a_roster_row_with_too_many_cells_is_an_error_row(write_file: WriteFile) -> None:
    path = write_file("roster.csv", "id,age\nE-1,30,extra\nE-2,30\n")
    results = list(el.check_roster(el.read_roster(path), "ga-cps", as_of=AS_OF))
    assert results[0].error is not None
    assert "more cells" in str(results[0].error)
    assert results[1].result is not None


def test_check_roster_takes_typed_and_mapping_records_numbered_from_start() -> None:
    records: list[el.Applicant | dict[str, object]] = [
        el.Applicant(id="T-1", age=30),
        {"id": "M-1", "age": -1},
        {"age": "17"},
    ]
    results = list(el.check_roster(records, "ga-cps", as_of=AS_OF, start=10))
    assert [r.row for r in results] == [10, 11, 12]
    assert results[0].ok
    assert not results[1].ok
    assert results[2].ok
    assert str(results[1].error).startswith("row 11, $.age: expected a number ≥ 0")
    assert results[1].applicant_id == "M-1"


def test_check_roster_is_lazy_and_checks_the_credential_first() -> None:
    def endless() -> object:
        n = 0
        while True:
            n += 1
            yield {"id": str(n)}

    stream = el.check_roster(endless(), "ga-cps", as_of=AS_OF)  # type: ignore[arg-type]
    assert next(stream).applicant_id == "1"
    with pytest.raises(pc.UnknownIdError):
        el.check_roster([], "ga-cp")


def test_write_results_gives_one_row_per_applicant() -> None:
    records: list[dict[str, object]] = [{"id": "A", "age": 30}, {"id": "B", "age": "x"}]
    out = io.StringIO()
    counts = el.write_results(el.check_roster(records, "ga-cps", as_of=AS_OF), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(el.RESULT_COLUMNS)
    assert lines[1].startswith("1,A,INCOMPLETE,")
    assert lines[2].startswith("2,B,ERROR,")
    assert counts == {"INCOMPLETE": 1, "ERROR": 1}


def test_roster_columns_lists_plain_and_numbered_columns() -> None:
    columns = el.roster_columns()
    assert "date_of_birth" in columns
    assert "trainings.1.hours" in columns
    assert "exams" in columns
    assert "id" in columns


def test_an_applicant_round_trips_through_plain_data(write_file: WriteFile) -> None:
    applicant = el.read_applicant(write_file("a.yaml", ELIGIBLE_CA_PSS_YAML))
    data = attrs.asdict(applicant)
    assert data["trainings"][0]["hours"] == 80
    assert el.parse_applicant(data) == applicant


def test_several_problems_are_counted_and_none_is_repeated() -> None:
    with pytest.raises(pc.InputError) as info:
        el.parse_applicant({"age": "x1984", "supervision_hours": "y1984", "exams": [[1984]]})
    assert info.value.where == "$.age"
    assert info.value.problem == "expected a number (and 2 more problems)"
    assert "1984" not in str(info.value)


def test_a_list_where_a_record_belongs_names_the_entry() -> None:
    with pytest.raises(pc.InputError) as info:
        el.parse_applicant({"trainings": [["ca-pss-core", 80]]})
    assert info.value.where == "$.trainings[0]"
    assert info.value.problem == "expected a mapping"
