"""Text from users or data never becomes a live formula, HTML or Markdown in an output (issue 8):
every CSV writer neutralises a cell that a spreadsheet would run, numbers stay numbers; the HTML
and Markdown reports escape what they quote."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies import eligibility as el
from peer_competencies._markup import csv_writer, spreadsheet_cell
from tests.crosswalk_fixtures import framework_data

HOSTILE = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_that_would_run_as_a_formula_gets_a_leading_quote(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [3, -4, 2.5, -0.25, "-4", "+1.5", "-1e3", "", "plain", None])
def test_numbers_and_plain_text_are_left_as_they_are(value: object) -> None:
    assert spreadsheet_cell(value) == value


def test_the_csv_writer_passes_every_cell_through_the_neutraliser() -> None:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["=1+1", 7, "-7"])
    writer.writerows([["@x", "ok"]])
    assert out.getvalue() == "'=1+1,7,-7\n'@x,ok\n"


def test_roster_results_neutralise_an_applicant_id_that_is_a_formula() -> None:
    out = io.StringIO()
    records = [{"id": '=HYPERLINK("http://evil","x")', "age": 30}, {"id": "-5", "age": 30}]
    el.write_results(el.check_roster(records, "ga-cps", as_of=dt.date(2026, 6, 1)), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][1] == '\'=HYPERLINK("http://evil","x")'
    assert rows[2][1] == "-5"  # a number stays a number
    assert rows[1][0] == "1"


def test_the_framework_csv_export_neutralises_item_text(tmp_path: Path) -> None:
    data = framework_data()
    data["items"][0]["text"] = "=cmd|' /C calc'!A0"
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(pc.render(pc.read_framework(path), "csv"))))
    assert rows[0]["text"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["citation_year"] == "2024"


SYLLABUS = """\
program = {{ title = "{title}", framework = "ca-sb803" }}

[[modules]]
id = "{id}"
title = "{title}"
hours = 80
competencies = ["13"]
measures = ["{measure}"]
"""


def hostile_report(tmp_path: Path) -> cov.CoverageReport:
    path = tmp_path / "s.toml"
    path.write_text(
        SYLLABUS.format(
            id="@SUM(A1)", title="<script>alert(1)</script> [x](javascript:1) *b*", measure="=1+2"
        ),
        encoding="utf-8",
    )
    return cov.coverage(cov.read_syllabus(path), "ca-sb803")


def test_the_calmhsa_form_neutralises_module_names_and_measures(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(cov.render(hostile_report(tmp_path), "calmhsa"))))
    covered = next(r for r in rows if r[0] == "13")
    assert covered[4].startswith("'@SUM(A1)")
    assert covered[5] == "'=1+2"
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_the_html_report_escapes_every_quoted_text(tmp_path: Path) -> None:
    page = cov.render(hostile_report(tmp_path), "html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_markdown_reports_escape_every_quoted_text(tmp_path: Path) -> None:
    report = hostile_report(tmp_path)
    for fmt in ("md", "calmhsa-md"):
        text = cov.render(report, fmt)
        assert "<script>" not in text
        assert "[x](javascript:1)" not in text
        assert "\\[x\\](javascript:1)" in text
