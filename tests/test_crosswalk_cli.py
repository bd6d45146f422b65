"""The ``crosswalk`` command and the ``export crosswalk`` handler, run in-process.

The command is plugged into the CLI from ``_cli.COMMANDS`` like every other command; the
``export crosswalk`` handler is called with the arguments ``export`` parses.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from peer_competencies import _cli  # a test of the command line modules
from peer_competencies import crosswalk as cw
from peer_competencies.crosswalk._commands import cmd_export, crosswalk_arguments
from tests.crosswalk_fixtures import (
    USER_FRAMEWORK_ID,
    shipped_rows_text,
    write_framework,
    write_sssom,
)
from tests.support import run_cli


def test_crosswalk_shows_an_items_mappings_with_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "crosswalk", "samhsa-2015:VIII")
    assert code == 0
    assert out.startswith("samhsa-2015:VIII  Helps peers to manage crises")
    assert "close       ca-sb803:13  Safety and crisis planning." in out
    assert "peer_competencies:curators" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_crosswalk_says_when_there_is_no_counterpart(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "crosswalk", "ca-sb803:17", "--to", "samhsa-2015")
    assert code == 0
    assert "no close match in samhsa-2015" in out
    assert "Digital literacy has no close SAMHSA 2015 counterpart" in out


def test_crosswalk_inferred_shows_the_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "crosswalk", "ca-sb803:13.S2", "--to", "samhsa-2015", "--inferred"
    )
    assert code == 0
    assert "broad       samhsa-2015:VIII" in out
    assert "MappingChaining" in out
    assert "path: ca-sb803:13.S2 skos:broader ca-sb803:13" in out


def test_crosswalk_without_inferred_suggests_it_when_nothing_is_asserted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "crosswalk", "ca-sb803:13.S2", "--to", "samhsa-2015")
    assert code == 0
    assert "no mappings (try --inferred)" in out


def test_crosswalk_json_is_the_mappings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "crosswalk", "ca-sb803:13.S2", "--to", "samhsa-2015", "--inferred", "--json"
    )
    assert code == 0
    (mapping,) = json.loads(out)
    assert mapping["object_id"] == "samhsa-2015:VIII"
    assert mapping["predicate_id"] == "skos:broadMatch"
    assert mapping["mapping_justification"] == "semapv:MappingChaining"
    assert [s["relation"] for s in mapping["path"]] == ["skos:broader", "skos:closeMatch"]


def test_crosswalk_lists_the_finest_mapping_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "crosswalk", "samhsa-2015:VIII.1", "--to", "ca-sb803", "--inferred"
    )
    assert code == 0
    first = out.index("exact       ca-sb803:13.S4")
    assert first < out.index("ca-sb803:13  Safety and crisis planning")
    assert "path: samhsa-2015:VIII.1 skos:exactMatch ca-sb803:13.S4 ; ca-sb803:13.S4" in out


def test_crosswalk_matrix_prints_80_column_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "crosswalk", "--matrix", "samhsa-2015", "peer-support-17")
    assert code == 0
    assert out.startswith("samhsa-2015 (rows) x peer-support-17 (columns)")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_crosswalk_matrix_html_writes_a_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "m.html"
    code, out, err = run_cli(
        capsys, "crosswalk", "--matrix", "icrc-pr", "rfc-forensic-2017", "--html", str(page)
    )
    assert code == 0
    assert out == ""
    assert f"wrote {page}" in err
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_crosswalk_matrix_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "crosswalk", "--matrix", "samhsa-2015", "ca-sb803", "--json")
    data = json.loads(out)
    assert code == 0
    cell = next(
        c for c in data["cells"] if (c["row"], c["column"]) == ("samhsa-2015:VIII", "ca-sb803:13")
    )
    assert cell["predicate"] == "skos:closeMatch"
    assert "ca-sb803:17" in data["no_match"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("crosswalk",), "nothing to show"),
        (("crosswalk", "samhsa-2015:I", "--matrix", "samhsa-2015", "ca-sb803"), "not both"),
        (("crosswalk", "samhsa-2015:I", "--html", "x.html"), "--html goes with --matrix"),
        (("crosswalk", "--matrix", "samhsa-2015", "ca-sb803", "--inferred"), "go with an item"),
        (("crosswalk", "samhsa-2015:XIII"), "unknown item id 'samhsa-2015:XIII'"),
        (("crosswalk", "samhsa-2015:I", "--to", "ca"), "unknown framework id 'ca'"),
        (("crosswalk", "--matrix", "samhsa-2015", "nope"), "unknown framework id 'nope'"),
    ],
)
def test_crosswalk_errors_are_one_line_and_exit_3(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == _cli.EXIT_ERROR
    assert out == ""
    assert err.count("\n") == 1
    assert says in err


def test_crosswalk_with_a_users_framework_and_mappings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    framework = write_framework(tmp_path)
    mappings = write_sssom(tmp_path)
    code, out, _ = run_cli(
        capsys,
        "crosswalk",
        f"{USER_FRAMEWORK_ID}:1",
        "--with-framework",
        str(framework),
        "--with-mappings",
        str(mappings),
        "--to",
        "samhsa-2015",
    )
    assert code == 0
    assert "exact       samhsa-2015:VIII  Helps peers to manage crises" in out


def test_a_bad_user_mapping_file_fails_with_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = write_sssom(tmp_path, "# mapping_set_id: https://example.org/x\n")
    code, _, err = run_cli(capsys, "crosswalk", "samhsa-2015:I", "--with-mappings", str(bad))
    assert code == _cli.EXIT_ERROR
    assert str(bad) in err
    assert "license" in err


def test_an_asserted_mapping_without_an_author_is_not_called_inferred(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mappings = write_sssom(
        tmp_path, shipped_rows_text("samhsa_2015:I.1 skos:relatedMatch peer_support_17:3 0.5")
    )
    code, out, _ = run_cli(
        capsys,
        "crosswalk",
        "samhsa-2015:I.1",
        "--to",
        "peer-support-17",
        "--with-mappings",
        str(mappings),
    )
    assert code == 0
    assert "0.50  ManualMappingCuration  (no author)" in out
    assert "inferred" not in out


def test_a_users_negative_that_denies_a_shipped_mapping_fails_with_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mappings = write_sssom(
        tmp_path, shipped_rows_text("samhsa_2015:VIII skos:closeMatch Not ca_sb803:13 0.9")
    )
    code, out, err = run_cli(
        capsys, "crosswalk", "samhsa-2015:VIII", "--with-mappings", str(mappings)
    )
    assert code == _cli.EXIT_ERROR
    assert out == ""
    assert err.startswith(f"peer-competencies: {mappings}: line 8: ")
    assert "is denied by" in err


def test_a_second_users_set_is_checked_against_the_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = write_sssom(
        tmp_path,
        shipped_rows_text("samhsa_2015:I.1 skos:relatedMatch peer_support_17:3 0.5"),
        name="first.sssom.tsv",
    )
    second = write_sssom(
        tmp_path,
        shipped_rows_text(
            "samhsa_2015:I.1 skos:relatedMatch Not peer_support_17:3 0.5",
            set_id="https://example.org/second",
        ),
        name="second.sssom.tsv",
    )
    argv = ("crosswalk", "samhsa-2015:I.1", "--with-mappings", str(first), "--with-mappings")
    code, _, err = run_cli(capsys, *argv, str(second))
    assert code == _cli.EXIT_ERROR
    assert f"{second}: line 8: " in err


# -- export crosswalk ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", cw.FORMATS)
def test_export_crosswalk_writes_each_format_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"crosswalk.{fmt}"
    code = cmd_export(argparse.Namespace(framework="crosswalk", format=fmt, output=str(target)))
    _, err = capsys.readouterr()
    assert code == 0
    assert f"wrote {target}" in err
    assert target.read_text(encoding="utf-8") == cw.render(None, fmt)


def test_export_crosswalk_prints_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = cmd_export(argparse.Namespace(framework="crosswalk", format="sssom", output=None))
    out, _ = capsys.readouterr()
    assert code == 0
    assert out == cw.to_sssom()


def test_crosswalk_arguments_read_an_item_a_framework_and_inferred() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    crosswalk_arguments(sub.add_parser("crosswalk"))
    args = parser.parse_args(["crosswalk", "samhsa-2015:I", "--to", "ca-sb803", "--inferred"])
    assert (args.id, args.to, args.inferred, args.matrix) == (
        "samhsa-2015:I",
        "ca-sb803",
        True,
        None,
    )
    assert callable(args.handler)
    assert set(sub.choices) == {"crosswalk"}


def test_crosswalk_matrix_as_csv_at_competency_level(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "m.csv"
    code, _, err = run_cli(
        capsys,
        "crosswalk",
        "--matrix",
        "samhsa-2015",
        "ca-sb803",
        "--level",
        "competency",
        "--format",
        "csv",
        "-o",
        str(target),
    )
    assert code == 0
    assert f"wrote {target}" in err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 62 + 1  # a header, the competencies, the columns' no-match notes
    assert lines[-1].startswith("no counterpart (curated),")
    assert lines[0].startswith('samhsa-2015 \\ ca-sb803,statement,"ca-sb803:1: ')


def test_crosswalk_matrix_as_xlsx_needs_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(
        capsys, "crosswalk", "--matrix", "icrc-pr", "ca-sb803", "--format", "xlsx"
    )
    assert code == _cli.EXIT_ERROR
    assert "add -o FILE.xlsx" in err
    target = tmp_path / "m.xlsx"
    code, _, _ = run_cli(
        capsys,
        "crosswalk",
        "--matrix",
        "icrc-pr",
        "ca-sb803",
        "--format",
        "xlsx",
        "-o",
        str(target),
    )
    assert code == 0
    assert target.read_bytes().startswith(b"PK")


def test_matrix_options_without_matrix_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "crosswalk", "samhsa-2015:VIII", "--level", "competency")
    assert code == _cli.EXIT_ERROR
    assert "--level goes with --matrix" in err


def test_export_crosswalk_as_csv_has_one_line_a_mapping(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import csv
    import io

    code, out, _ = run_cli(capsys, "export", "crosswalk", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(cw.default().records)
    first = next(
        r
        for r in rows
        if r["subject_id"] == "samhsa-2015:VIII.1" and r["object_id"] == "ca-sb803:13.S4"
    )
    assert (first["predicate"], first["justification"], first["confidence"]) == (
        "skos:exactMatch",
        "semapv:LexicalMatching",
        "1.0",
    )
    nothing = next(
        r
        for r in rows
        if r["subject_id"] == "ca-sb803:17" and r["object_framework"] == "samhsa-2015"
    )
    assert nothing["object_text"] == "(nothing in samhsa-2015)"


def test_no_mappings_outside_the_curated_frameworks_is_not_known_rather_than_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        capsys, "crosswalk", "samhsa-recovery-principles:3", "--to", "bja-prss-2020"
    )
    assert code == 0
    assert "no mappings (try --inferred)" in out
    assert "not known to have no counterpart" in out
    assert "bja-prss-2020" in out.split("no mappings")[1]
    _, out, _ = run_cli(capsys, "crosswalk", "ca-sb803:13.S2", "--to", "samhsa-2015")
    assert "not known" not in out
