"""The ``eligibility`` commands, run in-process through the main program, and their exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from peer_competencies import _cli
from tests.eligibility_cases import with_
from tests.support import ELIGIBLE_CA_PSS, run_cli

ELIGIBLE = with_(ELIGIBLE_CA_PSS, id=None)


def applicant(tmp_path: Path, **changes: object) -> str:
    data = {**ELIGIBLE, **changes}
    path = tmp_path / "applicant.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_check_exits_0_for_an_eligible_applicant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        capsys,
        "eligibility",
        "check",
        applicant(tmp_path),
        "--credential",
        "ca-pss",
        "--as-of",
        "2026-06-01",
    )
    assert code == 5  # eligible on every requirement checked; the photo ID is not checked
    assert "ELIGIBLE_IF_CONFIRMED" in out.splitlines()[0]


def test_check_exits_1_for_a_not_eligible_applicant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = applicant(tmp_path, date_of_birth="2008-06-02")
    code, out, _ = run_cli(
        capsys, "eligibility", "check", path, "--credential", "ca-pss", "--as-of", "2026-06-01"
    )
    assert code == 1
    assert "[UNMET] age" in out


def test_check_exits_2_for_an_incomplete_record_and_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = applicant(tmp_path, exams=None)
    code, out, _ = run_cli(capsys, "eligibility", "check", path, "--credential", "ca-pss", "--json")
    assert code == 2
    data = json.loads(out)
    assert data["outcome"] == "INCOMPLETE"
    assert data["to_supply"] == ["exams"]


def test_check_with_a_closed_pathway_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        capsys,
        "eligibility",
        "check",
        applicant(tmp_path),
        "--credential",
        "ca-pss",
        "--pathway",
        "grandparenting",
    )
    assert code == 1
    assert "this pathway has closed" in " ".join(out.split())  # wrapped to the width


def test_errors_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        capsys, "eligibility", "check", applicant(tmp_path), "--credential", "ca-ps"
    )
    assert code == _cli.EXIT_ERROR
    assert "did you mean ca-pss" in err
    code, _, err = run_cli(
        capsys, "eligibility", "check", applicant(tmp_path, age=-1), "--credential", "ca-pss"
    )
    assert code == _cli.EXIT_ERROR
    assert "$.age" in err
    code, _, err = run_cli(
        capsys,
        "eligibility",
        "check",
        applicant(tmp_path),
        "--credential",
        "ca-pss",
        "--as-of",
        "2099-01-01",
    )
    assert code == _cli.EXIT_ERROR
    assert "in the future" in err
    with pytest.raises(SystemExit) as info:  # argparse refuses the date before any handler
        run_cli(
            capsys, "eligibility", "check", "a.json", "--credential", "x", "--as-of", "1/2/2026"
        )
    assert info.value.code == _cli.EXIT_ERROR


def test_roster_writes_one_result_per_row_and_exits_4_on_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,age,education\nA,30,ged\nB,-2,ged\nC,17,none\n", encoding="utf-8")
    output = tmp_path / "results.csv"
    code, _, err = run_cli(
        capsys,
        "eligibility",
        "roster",
        str(roster),
        "--credential",
        "ga-cps",
        "-o",
        str(output),
        "--as-of",
        "2026-06-01",
    )
    assert code == 4
    assert "3 rows" in err
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert [(r["row"], r["id"], r["outcome"]) for r in rows] == [
        ("2", "A", "INCOMPLETE"),
        ("3", "B", "ERROR"),
        ("4", "C", "NOT_ELIGIBLE"),
    ]
    assert rows[1]["error"].startswith("row 3, column age:")
    assert "education" in rows[2]["unmet"]


def test_roster_of_good_rows_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,age\nA,30\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "eligibility", "roster", str(roster), "--credential", "ga-cps")
    assert code == 0
    assert out.splitlines()[1].startswith("2,A,INCOMPLETE")


def test_explain_prints_text_or_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "eligibility", "explain", "icrc-pr")
    assert code == 0
    assert out.startswith("icrc-pr: IC&RC Peer Recovery (PR)")
    code, out, _ = run_cli(capsys, "eligibility", "explain", "icrc-pr", "--markdown")
    assert code == 0
    assert out.startswith("# IC&RC Peer Recovery (PR) (`icrc-pr`)")
