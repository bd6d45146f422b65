"""The crosswalk matrix between two frameworks, as terminal text and as an HTML page."""

from __future__ import annotations

import itertools
import re

import pytest

import peer_competencies as pc
from peer_competencies import crosswalk as cw
from peer_competencies.crosswalk import (
    Crosswalk,
    Justification,
    MappingRecord,
    MappingSet,
    Predicate,
)
from tests.crosswalk_fixtures import shipped_rows_text

PAIRS = list(itertools.permutations(cw.completeness().frameworks, 2))  # the curated five


@pytest.mark.parametrize(("rows", "columns"), PAIRS)
def test_the_text_matrix_fits_80_columns_and_shows_every_top_item(rows: str, columns: str) -> None:
    m = cw.matrix(rows, columns)
    text = cw.matrix_text(m)
    assert all(len(line) <= 80 for line in text.splitlines()), text
    top = [i.id for i in pc.framework(rows).roots if i.kind is not pc.Kind.QUALIFICATION]
    assert [r.id for r in m.rows] == top
    for row in m.rows:
        assert any(line.startswith(row.code + " ") for line in text.splitlines()), row.id


def test_a_cell_is_the_strongest_mapping_read_from_the_row() -> None:
    m = cw.matrix("samhsa-2015", "ca-sb803")
    assert m.symbol("samhsa-2015:VIII", "ca-sb803:13") == "C"
    assert m.symbol("samhsa-2015:I", "ca-sb803:1") == "R"
    assert m.symbol("samhsa-2015:I", "ca-sb803:17") == "."
    cell = m.cell("samhsa-2015:IX", "ca-sb803:16")
    assert cell is not None  # the categories' own related match wins over IX.6's close one
    assert (cell.predicate, cell.direct) == (Predicate.RELATED, True)
    assert any(r.subject_id == "samhsa-2015:IX.6" for r in cell.records)
    assert m.symbol("samhsa-2015:III", "ca-sb803:8") == "c"  # only III.2 ~ 8.S7 maps them
    assert m.symbol("samhsa-2015:VII", "ca-sb803:7") == "R"
    rfc = cw.matrix("rfc-forensic-2017", "ca-sb803")
    assert rfc.symbol("rfc-forensic-2017:2", "ca-sb803:2") == "B"
    flipped = cw.matrix("ca-sb803", "rfc-forensic-2017")
    assert flipped.symbol("ca-sb803:2", "rfc-forensic-2017:2") == "N"


def test_curated_non_matches_show_in_the_matrix() -> None:
    m = cw.matrix("peer-support-17", "samhsa-2015")
    assert m.symbol("peer-support-17:10", "samhsa-2015:VIII") == "R"  # related beats "not close"
    assert "peer-support-17:9" in m.no_match
    text = cw.matrix_text(m)
    row = next(line for line in text.splitlines() if line.startswith("9 "))
    assert row.endswith(" 0")
    columns = cw.matrix("samhsa-2015", "ca-sb803")
    assert "ca-sb803:17" in columns.no_match
    assert "0: no counterpart" in cw.matrix_text(columns)


def test_a_negated_pair_without_a_positive_mapping_shows_x() -> None:
    negative = MappingRecord(
        subject_id="ca-sb803:2",
        predicate=Predicate.EXACT,
        object_id="samhsa-2015:I",
        justification=Justification.MANUAL_MAPPING_CURATION,
        negated=True,
    )
    mapping_set = MappingSet(
        id="https://example.org/s", license="https://example.org/l", records=(negative,)
    )
    crosswalk = Crosswalk(pc.frameworks(), [mapping_set], shipped=False)
    m = cw.matrix("samhsa-2015", "ca-sb803", crosswalk)
    assert m.symbol("samhsa-2015:I", "ca-sb803:2") == "x"
    assert "x" in cw.matrix_text(m)
    assert 'class="not"' in cw.matrix_html(m)


def test_the_html_matrix_is_one_self_contained_page() -> None:
    page = cw.matrix_html(cw.matrix("samhsa-2015", "peer-support-17"))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=""", page)
    assert "<table>" in page
    assert page.count("<tr>") == 12 + 1
    assert 'class="exact"' in page  # VI = P12
    assert "Links to resources, services, and supports" in page
    assert "&#x27;" in page or "&quot;" in page or "'" not in page  # text is escaped


def test_a_matrix_of_an_unknown_framework_is_an_unknown_id_error() -> None:
    from peer_competencies import UnknownIdError

    with pytest.raises(UnknownIdError, match="did you mean ca-sb803"):
        cw.matrix("samhsa-2015", "ca-sb80")


def test_a_cell_ranks_a_mapping_of_confidence_zero_below_a_surer_one() -> None:
    mapping_set = cw.parse_sssom(
        shipped_rows_text(
            "samhsa_2015:I skos:broadMatch ca_sb803:1 0.0",
            "ca_sb803:1 skos:broadMatch samhsa_2015:I 0.5",
        ),
        source="mine.sssom.tsv",
    )
    crosswalk = Crosswalk(pc.frameworks(), [mapping_set], shipped=False)
    cell = cw.matrix("samhsa-2015", "ca-sb803", crosswalk).cell("samhsa-2015:I", "ca-sb803:1")
    assert cell is not None
    assert (cell.predicate, cell.confidence) == (Predicate.NARROW, 0.5)
    assert [r.confidence for r in cell.records] == [0.5, 0.0]


def test_the_html_matrix_never_says_no_counterpart_beside_a_mapping_it_allows() -> None:
    """peer-support-17:9 has a curated 'no close counterpart' in samhsa-2015 and no mapping;
    P10's related cell to VIII stands beside a 'no close' statement, which the page words so."""
    m = cw.matrix("peer-support-17", "samhsa-2015")
    page = cw.matrix_html(m)
    assert "(no counterpart: curated)" not in page
    for row in m.rows:
        note = m.no_match_note(row.id)
        if "not even a related one" in note:
            assert not any(m.cell(row.id, c.id) for c in m.columns), row.id
        if note:
            assert "curated: no " in note
    assert m.no_match_note("peer-support-17:9") == "curated: no close counterpart in samhsa-2015"


def test_the_html_legend_describes_only_marks_the_page_uses() -> None:
    page = cw.matrix_html(cw.matrix("samhsa-2015", "ca-sb803"))
    assert "A 0 ends a row" not in page
    assert ">0<" not in page


def test_the_html_columns_carry_their_wording_not_only_a_numeral() -> None:
    page = cw.matrix_html(cw.matrix("ca-sb803", "samhsa-2015"))
    header = page[page.index("<thead>") : page.index("</thead>")]
    assert "<b>VIII</b>Helps peers to manage crises" in header
    assert "<b>XII</b>Promotes growth and development" in header


def test_the_matrix_at_competency_level_has_samhsa_competencies_and_sb803_competencies() -> None:
    m = cw.matrix("samhsa-2015", "ca-sb803", level="competency")
    assert (len(m.rows), len(m.columns)) == (62, 17)
    assert m.symbol("samhsa-2015:VIII.1", "ca-sb803:13") == "e"  # exact to skill 13.S4
    assert m.symbol("samhsa-2015:VIII.5", "ca-sb803:13") == "B"
    fine = cw.matrix("samhsa-2015", "ca-sb803", level="statement")
    assert (len(fine.rows), len(fine.columns)) == (62, 184)
    assert fine.symbol("samhsa-2015:VIII.1", "ca-sb803:13.S4") == "E"
    with pytest.raises(pc.InputError, match="unknown matrix level 'skills'"):
        cw.matrix("samhsa-2015", "ca-sb803", level="skills")


def test_the_matrix_as_csv_has_a_labelled_column_per_item_and_the_no_match_notes() -> None:
    import csv
    import io

    m = cw.matrix("samhsa-2015", "ca-sb803")
    rows = list(csv.reader(io.StringIO(cw.matrix_csv(m))))
    header = rows[0]
    assert header[2] == "ca-sb803:1: The concepts of hope, recovery, and wellness."
    assert header[-1] == "no counterpart (curated)"
    assert len(header) == 2 + 17 + 1
    viii = next(r for r in rows if r[0] == "samhsa-2015:VIII")
    assert viii[1] == "Helps peers to manage crises"
    assert viii[2 + 12] == "C"  # column 13
    last = rows[-1]
    assert last[0] == "no counterpart (curated)"
    assert last[2 + 16] == "curated: no close counterpart in samhsa-2015"  # 17 digital literacy


def test_the_matrix_as_an_excel_workbook_has_the_grid_the_mappings_and_a_legend() -> None:
    import io

    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    m = cw.matrix("samhsa-2015", "peer-support-17")
    book = openpyxl.load_workbook(io.BytesIO(cw.matrix_xlsx(m)))
    assert book.sheetnames == ["matrix", "mappings", "legend"]
    grid = [[c.value for c in row] for row in book["matrix"].iter_rows()]
    assert grid[0][0] == "samhsa-2015 \\ peer-support-17"
    vi = next(r for r in grid if r[0] == "samhsa-2015:VI")
    assert vi[2 + 11] == "C"  # P12 (close)
    details = list(book["mappings"].iter_rows(values_only=True))
    assert details[0] == ("row", "column", "cell", "predicate", "confidence", "mappings", "why")
    assert len(details) == len(m.cells) + 1


def test_the_matrix_symbols_cannot_be_changed_by_a_caller() -> None:
    from peer_competencies.crosswalk._matrix import SYMBOLS  # a test of _matrix's table

    key = next(iter(SYMBOLS))
    with pytest.raises(TypeError):
        SYMBOLS[key] = SYMBOLS[key]  # type: ignore[index]
