"""Every report format of the example syllabus, the suggestion matcher's accuracy, the CLI."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import peer_competencies as pc
from peer_competencies import coverage as cov
from tests.support import REPO, main

EXAMPLE = REPO / "examples" / "ca-core-80h.toml"


@pytest.fixture(scope="module")
def report() -> cov.CoverageReport:
    return cov.coverage(cov.read_syllabus(EXAMPLE), "ca-sb803")


def test_the_table_fits_in_eighty_columns_and_names_every_competency(
    report: cov.CoverageReport,
) -> None:
    text = cov.render(report, "table")
    assert max(len(line) for line in text.splitlines()) <= 80
    for n in range(1, 18):
        assert f" {n} " in text
    assert "M01 Welcome and program overview" in text


def test_json_report_has_totals_competencies_and_suggestions(report: cov.CoverageReport) -> None:
    data = json.loads(cov.render(report, "json"))
    assert data["totals"]["competencies"] == 17
    assert data["totals"]["hours"] == 80
    assert len(data["competencies"]) == 17
    assert {m["id"] for m in data["unmapped_modules"]} == {"M01", "M19"}
    m19 = next(m for m in data["unmapped_modules"] if m["id"] == "M19")
    assert m19["suggestions"][0]["id"] == "ca-sb803:12"
    assert data["requirement"]["rules"]


def test_markdown_report_is_a_table_with_seventeen_rows(report: cov.CoverageReport) -> None:
    text = cov.render(report, "md")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "ca-sb803:" in line]
    assert len(rows) == 17


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.classes: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "class" and value:
                self.classes.append(value)
            if name in ("src", "href") and value:
                self.external.append(value)


def test_html_report_is_self_contained_with_a_chart_and_gaps_highlighted() -> None:
    syllabus = cov.parse_syllabus(
        {
            "program": {"title": "T"},
            "modules": [
                {
                    "id": "A",
                    "title": "t",
                    "hours": 3,
                    "competencies": ["ca-sb803:1"],
                    "measures": ["quiz"],
                }
            ],
        },
        source="t",
    )
    page = cov.render(cov.coverage(syllabus, "ca-sb803"), "html")
    parser = _Collector()
    parser.feed(page)
    assert parser.external == []
    assert parser.classes.count("bar covered") == 1
    assert parser.tags.count("tr") == 18 + 2  # and the tally by category: a header, one row
    assert parser.classes.count("missing") == 16
    assert parser.classes.count("band missing") == 16
    assert page.count("missing: no module credits it") == 16
    assert "not met" in page


def test_calmhsa_form_has_seventeen_rows_with_hours_modules_and_measures(
    report: cov.CoverageReport,
) -> None:
    rows = list(csv.reader(io.StringIO(cov.render(report, "calmhsa"))))
    assert rows[0] == [
        "competency",
        "core competency",
        "status",
        "training hours",
        "modules",
        "measure of competency",
    ]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 18)]
    one = rows[1]
    assert one[2] == "covered"
    assert one[3] == "6"
    assert one[4] == "M02 Hope, recovery and wellness"
    assert "observed role play" in one[5]
    thirteen = rows[13]
    assert thirteen[2] == "covered (through the crosswalk)"
    assert thirteen[4] == ("M15 Crisis and safety planning (crosswalk: samhsa-2015:VIII close 0.9)")
    md = cov.render(report, "calmhsa-md")
    assert md.count("\n| ") == 18


def test_the_calmhsa_form_is_only_for_ca_sb803() -> None:
    syllabus = cov.parse_syllabus(
        {
            "program": {"title": "T"},
            "modules": [{"id": "A", "title": "t", "hours": 1, "competencies": ["icrc-pr:1"]}],
        },
        source="t",
    )
    with pytest.raises(cov.InputError if hasattr(cov, "InputError") else Exception):
        cov.render(cov.coverage(syllabus, "icrc-pr"), "calmhsa")


def test_cli_coverage_exit_code_says_whether_the_requirement_is_met(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "program": {"title": "T", "framework": "ca-sb803"},
                "modules": [
                    {
                        "id": f"M{n}",
                        "title": "t",
                        "hours": 5,
                        "competencies": [str(n)],
                        "measures": ["q"],
                    }
                    for n in range(1, 18)
                ],
            }
        ),
        encoding="utf-8",
    )
    assert main(["coverage", str(good)]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "program": {"title": "T"},
                "modules": [{"id": "A", "title": "t", "hours": 5, "competencies": ["ca-sb803:1"]}],
            }
        ),
        encoding="utf-8",
    )
    assert main(["coverage", str(bad), "--framework", "ca-sb803"]) == 1
    out = tmp_path / "r.html"
    assert main(["coverage", str(bad), "-f", "ca-sb803", "--format", "html", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capsys.readouterr()
    assert main(["coverage", str(tmp_path / "absent.json"), "-f", "ca-sb803"]) == 3
    assert "cannot read" in capsys.readouterr().err


def test_cli_suggest_for_a_text_and_for_a_syllabus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "crisis safety plan", "--framework", "ca-sb803", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "ca-sb803:13"
    assert main(["suggest", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "M19 Review and certification exam preparation" in out
    assert "ca-sb803:12" in out


def test_html_report_renders_in_headless_chromium_where_it_is_installed(
    report: cov.CoverageReport, tmp_path: Path
) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no Chromium on this machine; the report is parsed in the test above")
    page = tmp_path / "report.html"
    page.write_text(cov.render(report, "html"), encoding="utf-8")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
    ]
    result = subprocess.run(
        [browser, *flags, page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    )
    dom = result.stdout
    assert dom.count('<rect class="bar covered"') == 17
    assert dom.count('<tr class="covered">') == 17
    assert "met" in dom


# --- what reports and suggestions accept and hand out (review B10, B15, B16, R7) ---------------


def test_markdown_reports_escape_raw_html_and_table_breaks_in_a_syllabus() -> None:
    syllabus = cov.parse_syllabus(
        {
            "program": {"title": "<script>alert(1)</script>"},
            "modules": [
                {
                    "id": "A|B",
                    "title": "<b>t</b>",
                    "hours": 3,
                    "competencies": ["ca-sb803:1"],
                    "measures": ["<img src=x onerror=alert(1)>"],
                },
                {"id": "C", "title": "<i>crisis</i> safety plans"},
            ],
        },
        source="t",
    )
    report = cov.coverage(syllabus, "ca-sb803")
    for format in ("md", "calmhsa-md"):
        text = cov.render(report, format)
        assert not re.search(r"(?<!\\)[<>]", text)  # every angle bracket escaped
        assert "\\<script\\>alert(1)\\</script\\>" in text
    md = cov.render(report, "md")
    assert "A\\|B" in md
    assert "\\<i\\>crisis\\</i\\>" in md


def test_the_report_formats_cannot_be_replaced_by_a_caller() -> None:
    with pytest.raises(TypeError):
        cov.FORMATS["table"] = lambda report: "changed\n"  # type: ignore[index]


def test_suggest_many_checks_its_texts_and_k_as_suggest_does() -> None:
    with pytest.raises(ValueError, match="texts must be a list of texts, not str"):
        cov.suggest_many("housing", "ca-sb803")
    with pytest.raises(ValueError, match=r"texts\[1\] must be a str, not NoneType"):
        cov.suggest_many(["housing", None], "ca-sb803")  # type: ignore[list-item]
    for k in (0, -1, True):
        with pytest.raises(ValueError, match="k must be"):
            cov.suggest_many(["housing"], "ca-sb803", k=k)
    assert len(cov.suggest_many(["housing referrals"], "ca-sb803", k=2, threshold=0)[0]) == 2


def test_an_empty_text_gets_no_suggestion_but_an_error() -> None:
    for text in ("", "   "):
        with pytest.raises(ValueError, match="text is empty"):
            cov.suggest(text, "ca-sb803")
    with pytest.raises(ValueError, match=r"texts\[0\] is empty"):
        cov.suggest_many([""], "ca-sb803")


def test_cli_suggest_checks_k_for_a_syllabus_and_for_a_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for k in ("0", "-1"):
        assert main(["suggest", str(EXAMPLE), "-k", k]) == 3
        assert "k must be a whole number ≥ 1" in capsys.readouterr().err
        assert main(["suggest", "housing", "-f", "ca-sb803", "-k", k]) == 3
        assert "k must be" in capsys.readouterr().err
    assert main(["suggest", "", "-f", "ca-sb803"]) == 3
    assert "text is empty" in capsys.readouterr().err


def test_cli_suggest_for_a_missing_syllabus_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.yaml"
    assert main(["suggest", str(missing), "-f", "ca-sb803"]) == 3
    err = capsys.readouterr().err
    assert str(missing) in err
    assert "No such file" in err


def test_which_framework_a_report_form_belongs_to_is_data_of_its_requirement() -> None:
    requirement = cov.curriculum_requirement("ca-sb803")
    assert requirement is not None
    assert requirement.form_formats == ("calmhsa", "calmhsa-md")
    for framework in ("samhsa-2015", "icrc-pr", "peer-support-17"):
        found = cov.curriculum_requirement(framework)
        assert found is None or not found.form_formats


def test_every_report_form_a_requirement_names_is_a_report_format() -> None:
    for framework in (f.id for f in pc.frameworks()):
        requirement = cov.curriculum_requirement(framework)
        if requirement is not None:
            assert set(requirement.form_formats) <= set(cov.FORMATS)


def test_a_form_for_another_framework_names_the_framework_it_is_for() -> None:
    syllabus = cov.parse_syllabus(
        {
            "program": {"title": "T"},
            "modules": [{"id": "A", "title": "t", "hours": 1, "competencies": ["icrc-pr:1"]}],
        },
        source="t",
    )
    with pytest.raises(pc.InputError) as caught:
        cov.render(cov.coverage(syllabus, "icrc-pr"), "calmhsa-md")
    assert "for ca-sb803 only" in str(caught.value)
    assert "CalMHSA curriculum crosswalk" in str(caught.value)


def test_cli_suggest_names_the_item_of_each_piece_of_evidence_within_the_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["suggest", "Activist Roots", "--framework", "ca-sb803"]) == 0
    evidence = [x for x in capsys.readouterr().out.splitlines() if x.startswith("        ")]
    assert evidence
    assert len(set(evidence)) == len(evidence)
    assert all(re.search(r"ca-sb803:\d+\.\w+", line) for line in evidence)
