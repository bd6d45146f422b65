"""The command line, run in-process through ``main``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import peer_competencies as pc
from peer_competencies._cli import EXIT_ERROR, main
from tests.support import run_cli


def test_frameworks_lists_every_framework(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "frameworks")
    assert code == 0
    assert "samhsa-2015" in out
    assert "ca-sb803" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_frameworks_json_gives_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "frameworks", "--json")
    data = {f["id"]: f for f in json.loads(out)}
    assert code == 0
    assert data["samhsa-2015"]["kinds"] == {"category": 12, "competency": 62}


def test_show_prints_text_kind_citation_parent_and_children(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "show", "samhsa-2015:VIII")
    assert code == 0
    assert "[category]" in out
    assert "citation:" in out
    assert "Category VIII" in out
    assert "parent: (none)" in out
    assert "children: 5" in out
    assert "samhsa-2015:VIII.4" in out


def test_show_json_is_the_item(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "show", "samhsa-2015:VIII.4", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "samhsa-2015:VIII.4"
    assert data["kind"] == "competency"
    assert data["citation"]["section"] == "Category VIII, competency 4"


def test_show_a_framework_id_summarises_the_framework(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "show", "peer-support-17")
    assert code == 0
    assert "attribution unconfirmed" in out


def test_an_unknown_id_gives_one_line_with_the_closest_ids_and_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(capsys, "show", "samhsa-2015:VIII.9")
    assert code == EXIT_ERROR
    assert out == ""
    assert err.count("\n") == 1
    assert "samhsa-2015:VIII.5" in err


def test_search_prints_scored_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "search", "housing", "--framework", "bja-prss-2020", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["id"] == "bja-prss-2020:6.9"


def test_export_writes_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "samhsa.case.json"
    code, _, _ = run_cli(capsys, "export", "samhsa-2015", "--format", "case", "-o", str(target))
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["CFDocument"]["title"]


def test_a_bad_argument_exits_with_the_error_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "samhsa-2015", "--format", "xml"])
    assert info.value.code == EXIT_ERROR


def test_export_offers_every_framework_and_crosswalk_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from peer_competencies import crosswalk

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out, _ = capsys.readouterr()
    offered = out.partition("{")[2].partition("}")[0].split(",")
    assert sorted(offered) == sorted({*pc.FORMATS, *crosswalk.FORMATS})
    code, _, err = run_cli(capsys, "export", "crosswalk", "--format", "markdown")
    assert code == EXIT_ERROR
    assert "the crosswalk exports as csv, graphml, json, sssom, not markdown" in err


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "peer_competencies", "show", "ca-sb803:17"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Digital literacy" in result.stdout
