"""Bring your own: pc.read_framework() and crosswalk.read_mappings(), and the errors they give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import peer_competencies as pc
from peer_competencies import crosswalk as cw
from peer_competencies.crosswalk import NO_TERM_FOUND, Predicate
from tests.crosswalk_fixtures import (
    COLUMNS,
    HEADER,
    ROWS,
    USER_FRAMEWORK_ID,
    framework_data,
    replace_cell,
    shipped_rows_text,
    sssom_text,
    write_framework,
    write_sssom,
)

# -- read_framework ---------------------------------------------------------------------------


def test_a_users_framework_file_loads_as_a_framework(tmp_path: Path) -> None:
    framework = pc.read_framework(write_framework(tmp_path))
    assert framework.id == USER_FRAMEWORK_ID
    assert [i.id for i in framework.items] == [
        f"{USER_FRAMEWORK_ID}:1",
        f"{USER_FRAMEWORK_ID}:1.S1",
        f"{USER_FRAMEWORK_ID}:2",
    ]


def test_a_users_framework_may_not_take_a_shipped_id(tmp_path: Path) -> None:
    path = write_framework(tmp_path, framework_data("samhsa-2015"))
    with (
        pytest.warns(DeprecationWarning, match="load_framework"),
        pytest.raises(pc.InputError) as caught,
    ):
        cw.load_framework(path)  # the old reader refuses it itself; a Crosswalk refuses it too
    assert caught.value.file == str(path)
    assert caught.value.where == "$.id"
    assert caught.value.fix is not None


def test_a_bad_framework_file_names_the_file_and_the_place(tmp_path: Path) -> None:
    data = framework_data()
    data["items"][2]["kind"] = "skil"
    path = write_framework(tmp_path, data)
    with pytest.raises(pc.InputError) as caught:
        pc.read_framework(path)
    assert caught.value.file == str(path)
    assert caught.value.where == "$.items[2].kind"
    assert "unknown kind 'skil'" in str(caught.value)


def test_a_framework_file_that_is_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": 1,\n  "id": \n}', encoding="utf-8")
    with pytest.raises(pc.InputError) as caught:
        pc.read_framework(path)
    assert caught.value.where == "line 4, column 1"


def test_two_frameworks_with_one_id_cannot_share_a_crosswalk(tmp_path: Path) -> None:
    framework = pc.read_framework(write_framework(tmp_path))
    with pytest.raises(pc.InputError, match="already in the crosswalk"):
        cw.default().extended([framework, framework])


# -- read_mappings ----------------------------------------------------------------------------


def test_a_users_mapping_set_loads_with_its_framework(tmp_path: Path) -> None:
    framework = pc.read_framework(write_framework(tmp_path))
    mapping_set = cw.read_mappings(write_sssom(tmp_path), [framework])
    assert mapping_set.id == "https://example.org/acme/mappings.sssom.tsv"
    assert mapping_set.version == "1"
    first, second = mapping_set.records
    assert (first.subject_id, first.predicate, first.object_id) == (
        f"{USER_FRAMEWORK_ID}:1",
        Predicate.EXACT,
        "samhsa-2015:VIII",
    )
    assert first.author_id == ("orcid:0000-0002-1825-0097",)
    assert first.line == ROW1
    assert second.object_id == NO_TERM_FOUND
    assert second.object_source == "samhsa-2015"


def test_a_mapping_set_may_name_a_shipped_framework_by_its_iri_under_any_prefix(
    tmp_path: Path,
) -> None:
    header = HEADER.replace(
        "#   orcid", "#   ca: https://peer-competencies.github.io/id/ca-sb803/\n#   orcid"
    )
    rows = (("samhsa:VIII", "skos:closeMatch", "", "ca:13", *ROWS[0][4:]),)
    mapping_set = cw.read_mappings(write_sssom(tmp_path, sssom_text(header=header, rows=rows)))
    (record,) = mapping_set.records
    assert (record.subject_id, record.object_id) == ("samhsa-2015:VIII", "ca-sb803:13")


def test_header_values_propagate_to_rows_that_leave_them_empty(tmp_path: Path) -> None:
    header = HEADER + "# object_source: peer_competencies:samhsa-2015\n# mapping_date: 2024-05-01\n"
    text = sssom_text(header=header, rows=(ROWS[0], replace_cell(1, "object_source", "")[1]))
    framework = pc.read_framework(write_framework(tmp_path))
    first, second = cw.read_mappings(write_sssom(tmp_path, text), [framework]).records
    assert second.object_source == "samhsa-2015"
    assert str(first.mapping_date) == "2024-05-01"


def error_of(tmp_path: Path, text: str | bytes) -> pc.InputError:
    path = tmp_path / "bad.sssom.tsv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    framework = pc.read_framework(write_framework(tmp_path))
    with pytest.raises(pc.InputError) as caught:
        cw.read_mappings(path, [framework])
    error = caught.value
    assert error.file == str(path)
    assert error.fix, str(error)
    return error


COLUMN = {name: n + 1 for n, name in enumerate(COLUMNS)}
ROW1 = 10  # the first mapping's line: 8 header lines, then the column names


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        pytest.param(
            sssom_text(rows=replace_cell(0, "predicate_id", "owl:sameAs")),
            f"line {ROW1}, column {COLUMN['predicate_id']} (predicate_id)",
            "unknown predicate 'owl:sameAs'; expected one of skos:exactMatch",
            id="predicate",
        ),
        pytest.param(
            sssom_text(
                rows=replace_cell(0, "mapping_justification", "semapv:ManualMappingCurration")
            ),
            f"line {ROW1}, column {COLUMN['mapping_justification']} (mapping_justification)",
            "(did you mean semapv:ManualMappingCuration?)",
            id="justification",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(1, "confidence", "1.5")),
            f"line {ROW1 + 1}, column {COLUMN['confidence']} (confidence)",
            "expected a number from 0 to 1, got '1.5'",
            id="confidence-range",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(0, "confidence", "high")),
            f"line {ROW1}, column {COLUMN['confidence']} (confidence)",
            "expected a number from 0 to 1, got 'high'",
            id="confidence-word",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(0, "predicate_modifier", "NOT")),
            f"line {ROW1}, column {COLUMN['predicate_modifier']} (predicate_modifier)",
            "unknown predicate modifier 'NOT'; expected one of Not",
            id="modifier",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(0, "subject_id", "acme:1")),
            f"line {ROW1}, column 1 (subject_id)",
            "not declared in the curie_map",
            id="undeclared-prefix",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(0, "object_id", "samhsa:VIII.9")),
            f"line {ROW1}, column {COLUMN['object_id']} (object_id)",
            "is not an item of samhsa-2015; did you mean",
            id="unknown-item",
        ),
        pytest.param(
            sssom_text(
                header=HEADER.replace(
                    "#   orcid", "#   nowhere_fw: https://example.org/n/\n#   orcid"
                ),
                rows=replace_cell(0, "object_id", "nowhere_fw:1"),
            ),
            f"line {ROW1 + 1}, column {COLUMN['object_id']} (object_id)",
            "unknown framework 'nowhere-fw'",
            id="unknown-framework",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(1, "object_source", "")),
            f"line {ROW1 + 1}, column {COLUMN['object_id']} (object_id)",
            "needs a object_source",
            id="no-term-found-without-source",
        ),
        pytest.param(
            sssom_text(rows=replace_cell(0, "object_source", "peer_competencies:ca-sb803")),
            f"line {ROW1}, column {COLUMN['object_source']} (object_source)",
            "is not the framework of",
            id="source-disagrees",
        ),
        pytest.param(
            sssom_text(rows=(ROWS[0], (*ROWS[1], "extra"))),
            f"line {ROW1 + 1}",
            "10 tab-separated fields where the header has 9",
            id="field-count",
        ),
        pytest.param(
            sssom_text(columns=(*COLUMNS[:4], "mapping_justificaton", *COLUMNS[5:])),
            "line 9, column 5",
            "'mapping_justificaton' is not an SSSOM mapping slot",
            id="unknown-column",
        ),
        pytest.param(
            sssom_text(
                columns=tuple(c for c in COLUMNS if c != "mapping_justification"),
                rows=tuple(tuple(v for n, v in enumerate(r) if n != 4) for r in ROWS),
            ),
            "line 9",
            "no mapping_justification column",
            id="missing-column",
        ),
        pytest.param(
            sssom_text(header=HEADER.replace("# license:", "# licence:")),
            "line 8 (licence)",
            "'licence' is not an SSSOM mapping set slot",
            id="unknown-header-key",
        ),
        pytest.param(
            sssom_text(header="\n".join(HEADER.splitlines()[:-1]) + "\n"),
            "header",
            "the header has no license",
            id="no-license",
        ),
        pytest.param(
            sssom_text(header=HEADER.replace("https://example.org/acme/mappings", "acme/mappings")),
            "line 6 (mapping_set_id)",
            "not an absolute http(s) IRI",
            id="relative-set-id",
        ),
        pytest.param(
            sssom_text(
                header=HEADER.replace("# mapping_set_version: '1'", "# mapping_set_version: [1")
            ),
            "line 8, column",
            "the header is not valid YAML",
            id="yaml",
        ),
        pytest.param(
            sssom_text(
                header=HEADER.replace("#   orcid", "#   skos: https://example.org/skos#\n#   orcid")
            ),
            "line 1 (curie_map)",
            "redefines the built-in prefix 'skos'",
            id="builtin-prefix",
        ),
        pytest.param(
            sssom_text(rows=(ROWS[0], ROWS[1], ROWS[0])),
            f"line {ROW1}, line {ROW1 + 2}",
            "repeats",
            id="stated-twice",
        ),
        pytest.param(
            sssom_text(rows=(ROWS[0], replace_cell(0, "predicate_modifier", "Not")[0])),
            f"line {ROW1}, line {ROW1 + 1}",
            "is denied by",
            id="contradiction",
        ),
        pytest.param(
            sssom_text() + "# a comment\n",
            f"line {ROW1 + 2}",
            "a '#' line inside the table",
            id="comment-in-table",
        ),
        pytest.param(HEADER, "line 9", "there is no table after the header", id="no-table"),
        pytest.param(
            sssom_text().encode("utf-8").replace(b"crisis support", b"cris\xff support"),
            None,
            "not UTF-8",
            id="not-utf8",
        ),
    ],
)
def test_a_bad_mapping_file_names_file_line_column_and_the_fix(
    tmp_path: Path, text: str | bytes, where: str | None, says: str
) -> None:
    error = error_of(tmp_path, text)
    assert says in str(error)
    if where is not None:
        assert error.where is not None
        assert error.where.startswith(where), error.where


def test_a_missing_mapping_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(pc.InputError) as caught:
        cw.read_mappings(tmp_path / "nope.sssom.tsv")
    assert "cannot read the file" in str(caught.value)


def test_an_error_reads_as_one_line_with_file_place_problem_and_fix(tmp_path: Path) -> None:
    error = error_of(tmp_path, sssom_text(rows=replace_cell(0, "predicate_id", "owl:sameAs")))
    text = str(error)
    assert "\n" not in text
    assert text.startswith(f"{error.file}: line {ROW1}, column 2 (predicate_id): ")
    assert text.endswith(")")
    assert "skos:exactMatch" in text


def test_a_mapping_file_with_unknown_items_can_be_checked_leniently(tmp_path: Path) -> None:
    text = sssom_text(rows=replace_cell(0, "object_id", "samhsa:VIII.9"))
    mapping_set = cw.parse_sssom(text, source="inline.tsv")
    lenient = cw.Crosswalk(mapping_sets=[mapping_set], strict=False)
    kinds = sorted({p.kind for p in lenient.problems()})
    assert kinds == ["dangling-id"]


def test_the_shipped_crosswalk_json_of_the_framework_fixture_is_valid_json() -> None:
    assert json.loads(json.dumps(framework_data()))["id"] == USER_FRAMEWORK_ID


def test_a_header_yaml_error_points_at_the_column_in_the_file() -> None:
    with pytest.raises(pc.InputError) as caught:
        cw.parse_sssom("# mapping_set_id: [x\n# license: y\n", source="inline.tsv")
    assert caught.value.where == "line 2, column 10"  # the ':' after '# license'
    assert caught.value.problem.startswith("the header is not valid YAML")


# -- checked against the crosswalk the set joins ------------------------------------------------


def test_a_users_negative_that_denies_a_shipped_mapping_is_refused(tmp_path: Path) -> None:
    path = write_sssom(
        tmp_path, shipped_rows_text("samhsa_2015:VIII skos:closeMatch Not ca_sb803:13 0.9")
    )
    with pytest.raises(pc.InputError) as caught:
        cw.read_mappings(path)
    error = caught.value
    assert error.file == str(path)
    assert error.where == "line 8"
    assert "is denied by samhsa-2015:VIII not skos:closeMatch ca-sb803:13" in error.problem
    assert "; see peer_competencies/data/crosswalk/peer-competencies.sssom.tsv:" in error.problem
    assert error.fix == "keep the mapping or the negative, not both"


def test_a_users_mapping_that_a_shipped_negative_denies_is_refused(tmp_path: Path) -> None:
    path = write_sssom(
        tmp_path, shipped_rows_text("peer_support_17:10 skos:exactMatch samhsa_2015:VIII 0.6")
    )
    with pytest.raises(pc.InputError, match="is denied by peer-support-17:10 not skos:close"):
        cw.read_mappings(path)


def test_a_set_that_contradicts_a_set_it_joins_is_refused(tmp_path: Path) -> None:
    first = cw.read_mappings(
        write_sssom(
            tmp_path,
            shipped_rows_text("samhsa_2015:I.1 skos:relatedMatch peer_support_17:3 0.5"),
            name="first.sssom.tsv",
        )
    )
    second = write_sssom(
        tmp_path,
        shipped_rows_text(
            "samhsa_2015:I.1 skos:relatedMatch Not peer_support_17:3 0.5",
            set_id="https://example.org/second",
        ),
        name="second.sssom.tsv",
    )
    assert cw.read_mappings(second).records  # alone, it contradicts nothing
    with pytest.raises(pc.InputError) as caught:
        cw.read_mappings(second, mapping_sets=[first])
    assert caught.value.file == str(second)
    assert f"see {tmp_path / 'first.sssom.tsv'}:8" in caught.value.problem


def test_a_users_set_may_restate_a_shipped_mapping(tmp_path: Path) -> None:
    path = write_sssom(
        tmp_path, shipped_rows_text("ca_sb803:13 skos:closeMatch samhsa_2015:VIII 0.8")
    )
    (record,) = cw.read_mappings(path).records
    assert record.object_id == "samhsa-2015:VIII"


# -- what the writer keeps ---------------------------------------------------------------------


@pytest.mark.parametrize("confidence", ["0.8125", "0.7996", "0.05", "1.0", "0.9", "0.333333"])
def test_writing_a_mapping_set_keeps_every_digit_of_a_confidence(confidence: str) -> None:
    text = shipped_rows_text(f"samhsa_2015:I.1 skos:relatedMatch ca_sb803:5 {confidence}")
    written = cw.to_sssom(cw.parse_sssom(text, source="in.tsv"))
    (record,) = cw.parse_sssom(written, source="out.tsv").records
    assert record.confidence == float(confidence)
    assert f"\t{confidence}\t" in written


def test_a_header_mapping_date_with_a_time_is_refused_since_it_could_not_be_written_back() -> None:
    text = shipped_rows_text(
        "samhsa_2015:I.1 skos:relatedMatch ca_sb803:5 0.5",
        header_extra="# mapping_date: 2024-01-02 10:00:00",
    )
    with pytest.raises(pc.InputError) as caught:
        cw.parse_sssom(text, source="dt.sssom.tsv")
    assert caught.value.where == "line 7 (mapping_date)"
    assert "is a date and a time" in caught.value.problem
    assert caught.value.fix == "write the date alone, as YYYY-MM-DD"


EXTENDED = """\
# curie_map:
#   samhsa_2015: https://peer-competencies.github.io/id/samhsa-2015/
#   ca_sb803: https://peer-competencies.github.io/id/ca-sb803/
# mapping_set_id: https://example.org/m.sssom.tsv
# license: https://opensource.org/licenses/MIT
# see_also:
# - https://example.org/about
# publication_date: 2024-01-02
# extension_definitions:
# - slot_name: ext_votes
#   property: https://example.org/votes
#   type_hint: xsd:integer
subject_id\tpredicate_id\tobject_id\tmapping_justification\treviewer_label\tsimilarity_score\text_votes
samhsa_2015:I.1\tskos:relatedMatch\tca_sb803:5\tsemapv:ManualMappingCuration\tJo Doe\t0.5\t3
samhsa_2015:I.2\tskos:relatedMatch\tca_sb803:5\tsemapv:ManualMappingCuration\t\t0.25\t
"""


def test_columns_and_header_slots_the_crosswalk_does_not_model_are_kept_and_written_back() -> None:
    mapping_set = cw.parse_sssom(EXTENDED, source="extended.sssom.tsv")
    first, second = mapping_set.records
    assert dict(first.extra) == {
        "reviewer_label": "Jo Doe",
        "similarity_score": "0.5",
        "ext_votes": "3",
    }
    assert dict(second.extra) == {"similarity_score": "0.25"}
    assert len({first, second}) == 2  # records stay hashable
    assert mapping_set.extra["see_also"] == ("https://example.org/about",)
    assert str(mapping_set.extra["publication_date"]) == "2024-01-02"
    with pytest.raises(TypeError):
        first.extra["reviewer_label"] = "changed"  # type: ignore[index]
    written = cw.to_sssom(mapping_set)
    again = cw.parse_sssom(written, source="again.sssom.tsv")
    assert [r.extra for r in again.records] == [first.extra, second.extra]
    assert again.extra == mapping_set.extra
    assert cw.to_sssom(again) == written
    assert written.splitlines()[-3].endswith("\treviewer_label\tsimilarity_score\text_votes")


def test_the_builtin_curie_prefixes_cannot_be_changed_by_a_caller() -> None:
    from peer_competencies.crosswalk._curie import BUILTIN_PREFIXES  # a test of _curie's table

    with pytest.raises(TypeError):
        BUILTIN_PREFIXES["dcterms"] = "http://example.org/"  # type: ignore[index]
