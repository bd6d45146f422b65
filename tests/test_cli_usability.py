"""The command line as a new user meets it: JSON from every command that prints results, each
command's own usage on errors, output that fits the terminal, user text shown escaped, starter
files, the credentials listed, and only the running command's code imported."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from peer_competencies import coverage, eligibility
from peer_competencies._cli import COMMANDS, EXIT_ERROR, main
from tests.support import REPO, run_cli

EXAMPLES = REPO / "examples"
SYLLABUS = str(EXAMPLES / "ca-core-80h.toml")
ROSTER = str(EXAMPLES / "roster.csv")
HOSTILE = "\x1b[31mred\x1b[0m \u202egnp.exe\u202c"


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    assert info.value.code == EXIT_ERROR
    return capsys.readouterr().err


def raw_controls(text: str) -> list[str]:
    """The escape and bidi-override characters written raw in ``text``."""
    return [ch for ch in text if ch in "\x1b\u202e\u202c"]


def long_lines(text: str, width: int = 80) -> list[str]:
    """Lines past ``width`` that are not a single unbreakable word (a long URL)."""
    return [line for line in text.splitlines() if len(line) > width and " " in line.strip()]


# --- --json wherever a command prints results ---------------------------------------------


def test_coverage_json_is_the_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "coverage", SYLLABUS, "--json")
    data = json.loads(out)
    assert code in (0, 1)
    assert data["framework"] == "ca-sb803"
    assert len(data["competencies"]) == 17
    assert "--json" in fails(capsys, "coverage", SYLLABUS, "--json", "--format", "md")


def test_eligibility_roster_json_gives_one_entry_per_row_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(
        capsys, "eligibility", "roster", ROSTER, "--credential", "ca-pss", "--as-of", "2026-06-01"
    )
    csv_rows = out.splitlines()[1:]
    code_json, out_json, _ = run_cli(
        capsys,
        "eligibility",
        "roster",
        ROSTER,
        "--credential",
        "ca-pss",
        "--as-of",
        "2026-06-01",
        "--json",
    )
    rows = json.loads(out_json)
    assert code == code_json == 0
    assert [r["row"] for r in rows] == [2, 3, 4, 5]
    assert [r["outcome"] for r in rows] == [row.split(",")[2] for row in csv_rows]
    assert rows[0]["result"]["requirements"]["children"][0]["id"] == "age"
    assert "4 rows" in err


def test_explain_json_has_the_tree_the_sources_and_the_accepted_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "eligibility", "explain", "icrc-pr", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["id"] == "icrc-pr"
    assert [p["id"] for p in data["pathways"]] == ["initial", "renewal"]
    initial = data["requirements"]["initial"]
    assert {c["id"] for c in initial["children"]} >= {"training", "exam"}
    training = next(c for c in initial["children"] if c["id"] == "training")
    assert training["source"]["url"].startswith("https://")
    topics = {n["key"]: n for n in data["accepted_names"]["topics"]}
    assert "IC&RC Domain 1" in topics["advocacy"]["aliases"]


def test_every_command_that_prints_results_takes_json(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [
        ["frameworks"],
        ["show", "samhsa-2015:VIII.4"],
        ["show", "ca-sb803"],
        ["search", "crisis"],
        ["coverage", SYLLABUS],
        ["suggest", "warm hand-offs to housing programs", "--framework", "ca-sb803"],
        ["crosswalk", "samhsa-2015:VIII"],
        ["crosswalk", "--matrix", "samhsa-2015", "ca-sb803"],
        ["eligibility", "check", str(EXAMPLES / "applicant.json"), "--credential", "ca-pss"],
        ["eligibility", "roster", ROSTER, "--credential", "ca-pss"],
        ["eligibility", "explain", "ca-pss"],
        ["eligibility", "credentials"],
    ]
    for argv in commands:
        code, out, _ = run_cli(capsys, *argv, "--json")
        assert code in (0, 1, 2, 5), argv
        json.loads(out)


# --- usage and errors -----------------------------------------------------------------------


def test_a_missing_subcommand_prints_the_commands_own_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = fails(capsys, "eligibility")
    assert err.startswith("usage: peer-competencies eligibility")
    assert "check, roster, explain, credentials" in err
    assert "eligibility_command" not in err


def test_a_bad_option_shows_the_subcommands_usage_not_the_top_level_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = fails(capsys, "coverage", SYLLABUS, "--colour")
    assert err.startswith("usage: peer-competencies coverage")
    assert "unrecognized arguments: --colour" in err
    err = fails(capsys, "eligibility", "roster", ROSTER, "--credential", "ca-pss", "--colour")
    assert err.startswith("usage: peer-competencies eligibility roster")
    err = fails(capsys, "eligibility", "check", "a.json")
    assert err.startswith("usage: peer-competencies eligibility check")
    assert "--credential" in err


def test_the_top_level_help_lists_every_command_of_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command.name in out


def test_a_json_export_escapes_what_a_terminal_could_act_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run_cli(capsys, "export", "samhsa-2015", "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == "samhsa-2015"
    assert all(ch.isprintable() or ch in "\n " for ch in out)


def test_an_error_message_shows_user_text_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, "show", f"samhsa-2015:{HOSTILE}")
    assert code == EXIT_ERROR
    assert raw_controls(err) == []
    assert "\\x1b[31mred" in err
    missing = tmp_path / f"{HOSTILE}.json"
    code, _, err = run_cli(capsys, "eligibility", "check", str(missing), "--credential", "ca-pss")
    assert code == EXIT_ERROR
    assert raw_controls(err) == []
    assert "\\u202e" in err


# --- output that fits ------------------------------------------------------------------------


def test_show_fits_80_columns_with_the_citation_on_lines_of_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "show", "samhsa-2015:VIII.4")
    lines = out.splitlines()
    assert code == 0
    assert long_lines(out) == []
    at = lines.index("citation:")
    assert lines[at + 1].startswith("  Substance Abuse and Mental Health")
    assert any(line.strip().startswith("https://www.samhsa.gov/") for line in lines[at:])
    assert "Takes action to address distress or a crisis" in " ".join(out.split())


def test_every_framework_and_item_text_command_fits_80_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import peer_competencies as pc

    for fw in pc.frameworks():
        _, out, _ = run_cli(capsys, "show", fw.id)
        assert long_lines(out) == [], fw.id
        for item in fw.items[:: max(1, len(fw) // 15)]:
            _, out, _ = run_cli(capsys, "show", item.id)
            assert long_lines(out) == [], item.id
            cut = [line for line in out.splitlines() if line.endswith("…")]
            assert all(len(line) <= 80 for line in cut)


def test_explain_and_check_fit_80_columns_and_lose_no_word(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for cred in eligibility.credentials():
        _, out, _ = run_cli(capsys, "eligibility", "explain", cred.id)
        assert long_lines(out) == [], cred.id
        words = eligibility.explain(cred).split()
        assert " ".join(out.split()).startswith(" ".join(words[:40]))
    _, out, _ = run_cli(capsys, "eligibility", "credentials")
    assert long_lines(out) == []
    _, out, _ = run_cli(
        capsys, "eligibility", "check", str(EXAMPLES / "applicant.yaml"), "--credential", "icrc-pr"
    )
    assert long_lines(out) == []


def test_coverage_table_and_crosswalk_fit_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["coverage", SYLLABUS],
        ["suggest", SYLLABUS],
        ["crosswalk", "samhsa-2015:VIII", "--inferred"],
        ["crosswalk", "--matrix", "samhsa-2015", "ca-sb803"],
        ["search", "crisis"],
        ["frameworks"],
    ):
        _, out, _ = run_cli(capsys, *argv)
        assert long_lines(out) == [], argv


# --- user text is shown, never obeyed ----------------------------------------------------------


def test_control_characters_in_a_syllabus_are_escaped_in_every_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(
        json.dumps(
            {
                "program": {"title": f"Training {HOSTILE}", "framework": "ca-sb803"},
                "modules": [
                    {"id": "M1", "title": f"Crisis {HOSTILE}", "hours": 3, "competencies": ["13"]},
                    {"id": "M2", "title": f"Housing {HOSTILE}", "hours": 2},
                ],
            }
        ),
        encoding="utf-8",
    )
    for argv in (["coverage", str(path)], ["suggest", str(path)]):
        _, out, _ = run_cli(capsys, *argv)
        assert raw_controls(out) == [], argv
        assert "\\x1b[31mred" in out or "\\u202e" in out, argv
    _, out, _ = run_cli(capsys, "coverage", str(path), "--json")
    assert raw_controls(out) == []
    assert json.loads(out)["program"]["title"] == f"Training {HOSTILE}"


def test_control_characters_in_an_applicant_are_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": HOSTILE, "date_of_birth": "1990-01-01"}), encoding="utf-8")
    _, out, _ = run_cli(capsys, "eligibility", "check", str(path), "--credential", "ca-pss")
    assert raw_controls(out) == []
    _, out, _ = run_cli(
        capsys, "eligibility", "check", str(path), "--credential", "ca-pss", "--json"
    )
    assert raw_controls(out) == []
    assert json.loads(out)["applicant_id"] == HOSTILE


# --- templates, credentials, vocabulary, ids -------------------------------------------------


@pytest.mark.parametrize("kind", ["applicant", "roster", "syllabus"])
def test_each_template_is_accepted_by_its_reader(
    kind: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run_cli(capsys, "template", kind)
    assert code == 0
    assert err.strip()  # how to use it, beside the file
    suffix = {"applicant": ".yaml", "roster": ".csv", "syllabus": ".toml"}[kind]
    path = tmp_path / f"starter{suffix}"
    path.write_text(out, encoding="utf-8")
    as_of = dt.date(2026, 6, 1)
    if kind == "applicant":
        assert out.count("\n#") > 5  # commented
        result = eligibility.check(eligibility.read_applicant(path), "ca-pss", as_of=as_of)
        assert result.outcome is eligibility.Outcome.ELIGIBLE_IF_CONFIRMED  # photo ID
    elif kind == "roster":
        results = list(
            eligibility.check_roster(eligibility.read_roster(path), "ca-pss", as_of=as_of)
        )
        assert [r.error for r in results] == [None, None]
        assert results[1].result is not None
        assert results[1].result.outcome is eligibility.Outcome.INCOMPLETE
    else:
        assert out.count("# ") > 5  # commented
        syllabus = coverage.read_syllabus(path)
        report = coverage.coverage(syllabus, "ca-sb803")
        assert len(syllabus.modules) == 3
        assert len(report.competencies) == 17


def test_template_writes_a_file_with_o(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "applicant.yaml"
    code, out, _ = run_cli(capsys, "template", "applicant", "-o", str(target))
    assert code == 0
    assert out == ""
    assert eligibility.read_applicant(target).id == "E-0001"


def test_credentials_lists_every_credential_with_pathways_and_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "eligibility", "credentials", "--json")
    data = {c["id"]: c for c in json.loads(out)}
    assert code == 0
    assert set(data) == {c.id for c in eligibility.credentials()}
    pss = data["ca-pss"]
    assert pss["jurisdiction"] == "CA"
    assert pss["name"] == eligibility.credential("ca-pss").title
    assert pss["checked_on"] == "2026-11-23"
    grand = next(p for p in pss["pathways"] if p["id"] == "grandparenting")
    assert grand["applications_until"] == "2022-12-31"
    ny = data["ny-crpa"]["pathways"][0]["dated_rules"]
    assert {"id": "medication-supported-recovery", "from": "2022-04-01", "to": None} in ny
    code, out, _ = run_cli(capsys, "eligibility", "credentials", "--jurisdiction", "ny")
    assert out.splitlines()[0].startswith("ny-crpa New York")
    assert "ca-pss" not in out
    _, out, _ = run_cli(
        capsys, "eligibility", "credentials", "--jurisdiction", "national", "--json"
    )
    assert {c["id"] for c in json.loads(out)} == {"icrc-pr", "mha-ncps", "naadac-ncprss"}
    code, out, _ = run_cli(capsys, "eligibility", "credentials", "--jurisdiction", "ZZ")
    assert (code, out) == (0, "no credential of jurisdiction ZZ is shipped\n")
    err = fails(capsys, "eligibility", "credentials", "--jurisdiction", "New York")
    assert "expected a two-letter state code" in err


def test_explain_shows_the_names_records_may_use(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "eligibility", "explain", "icrc-pr")
    flat = " ".join(out.split())
    assert "names accepted in applicant records" in flat
    assert "topic ethics: ethics; Ethics; Ethical Responsibility;" in flat
    assert "exam icrc-pr: icrc-pr; IC&RC Peer Recovery exam;" in flat
    _, md, _ = run_cli(capsys, "eligibility", "explain", "icrc-pr", "--markdown")
    assert "## Names accepted in applicant records" in md
    assert "| `topic` | `advocacy` | Advocacy; IC&RC Domain 1;" in md


def test_show_takes_an_id_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "show", "samhsa-2015:viii.4")
    assert code == 0
    assert out.startswith("samhsa-2015:VIII.4  [competency]")
    code, out, _ = run_cli(capsys, "show", "CA-SB803")
    assert code == 0
    assert out.startswith("ca-sb803: ")


def test_every_command_takes_shipped_ids_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [
        ["crosswalk", "samhsa-2015:viii", "--to", "CA-SB803"],
        ["crosswalk", "--matrix", "SAMHSA-2015", "ca-sb803"],
        ["eligibility", "explain", "CA-PSS"],
        ["eligibility", "check", str(EXAMPLES / "applicant.json"), "--credential", "CA-PSS"],
        ["search", "crisis", "--framework", "SAMHSA-2015"],
        ["export", "SAMHSA-2015", "--format", "csv"],
    ]
    for argv in commands:
        code, out, err = run_cli(capsys, *argv)
        assert code != EXIT_ERROR, (argv, err)
        assert out, argv
    _, out, _ = run_cli(capsys, "crosswalk", "samhsa-2015:viii", "--to", "CA-SB803")
    assert out.startswith("samhsa-2015:VIII  Helps peers to manage crises")


def test_show_imports_no_coverage_crosswalk_or_eligibility_code() -> None:
    code = (
        "import sys; from peer_competencies._cli import main; main(['show', 'samhsa-2015:VIII.4']);"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('peer_competencies'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.splitlines()[-1].split()
    assert "peer_competencies._commands" in loaded
    heavy = ("coverage", "crosswalk", "eligibility", "_search", "_export")
    assert not [m for m in loaded if m.startswith(tuple(f"peer_competencies.{h}" for h in heavy))]


def test_a_users_own_framework_is_shown_escaped_by_the_crosswalk_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.crosswalk_fixtures import framework_data, write_framework, write_sssom

    data = framework_data()
    data["items"][0]["text"] = f"Crisis {HOSTILE}"
    mine = ["--with-framework", str(write_framework(tmp_path, data))]
    mine += ["--with-mappings", str(write_sssom(tmp_path))]
    for argv in (
        ["crosswalk", "acme-state-2024:1", *mine],
        ["crosswalk", "--matrix", "acme-state-2024", "samhsa-2015", *mine],
    ):
        code, out, err = run_cli(capsys, *argv)
        assert code == 0, err
        assert raw_controls(out) == [], argv
    _, out, _ = run_cli(capsys, "crosswalk", "acme-state-2024:1", *mine)
    assert "\\x1b[31mred" in out


def test_the_name_of_a_file_written_is_shown_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / f"{HOSTILE}.csv"
    code, _, err = run_cli(capsys, "export", "samhsa-2015", "--format", "csv", "-o", str(target))
    assert code == 0
    assert target.exists()
    assert raw_controls(err) == []
    assert "\\u202e" in err


def test_the_roster_help_gives_the_exit_codes_the_command_returns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit):
        main(["eligibility", "roster", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    roster = tmp_path / "roster.csv"
    roster.write_text("id,date_of_birth\nE-1,1990-05-01\nE-2,not a date\n", encoding="utf-8")
    code, _, _ = run_cli(capsys, "eligibility", "roster", str(roster), "--credential", "ca-pss")
    assert code == 4
    assert "0 every row checked" in help_text
    assert "4 some rows" in help_text
    assert "3 could not run" in help_text


def test_the_roster_summary_counts_rows_and_errors_with_their_plurals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,date_of_birth\nE-1,not a date\nE-2,nor this\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "eligibility", "roster", str(roster), "--credential", "ca-pss")
    assert code == 4
    assert "2 rows: 2 errors" in err
    roster.write_text("id,date_of_birth\nE-1,not a date\n", encoding="utf-8")
    _, _, err = run_cli(capsys, "eligibility", "roster", str(roster), "--credential", "ca-pss")
    assert "1 row: 1 error" in err


def test_every_argument_of_every_command_says_what_it_is() -> None:
    import argparse

    from peer_competencies._cli import _parser

    def unexplained(parser: argparse.ArgumentParser, path: str) -> list[str]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += unexplained(sub, f"{path} {name}")
            elif not action.help:
                found.append(f"{path}: {action.dest}")
        return found

    missing = []
    for command in COMMANDS:
        top = _parser([command.name])
        sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
        missing += unexplained(sub.choices[command.name], command.name)
    assert missing == []


def test_the_coverage_help_names_the_exit_code_of_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["coverage", "--help"])
    assert "3 on an error" in " ".join(capsys.readouterr().out.split())
    code, _, _ = run_cli(capsys, "coverage", "no-such-syllabus.toml")
    assert code == 3
