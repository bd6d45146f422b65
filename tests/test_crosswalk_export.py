"""Exports: SSSOM/TSV (checked against the SSSOM schema, and by the reference ``sssom`` package
when it is installed), GraphML, node-link JSON, and CASE packages with the mappings."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
import yaml

import peer_competencies as pc
from peer_competencies import crosswalk as cw
from peer_competencies.crosswalk import Crosswalk, Predicate
from tests.crosswalk_fixtures import shipped_rows_text, write_framework, write_sssom

URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
CURIE = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]*):(\S*)")


# -- a check of SSSOM/TSV against the SSSOM LinkML schema ------------------------------------


def _slot_required(schema_data: dict[str, Any], cls: dict[str, Any], name: str) -> bool:
    usage = (cls.get("slot_usage") or {}).get(name) or {}
    return bool(schema_data["slots"][name].get("required") or usage.get("required"))


def _value_problems(
    schema_data: dict[str, Any], name: str, value: Any, prefixes: dict[str, str]
) -> list[str]:
    slot = schema_data["slots"][name]
    kind = slot.get("range", schema_data.get("default_range", "string"))
    if isinstance(value, list):
        values = value
    elif slot.get("multivalued") and isinstance(value, str):
        values = value.split("|")
    else:
        values = [value]
    problems = []
    for v in values:
        text = str(v)
        if kind in schema_data["enums"]:
            if text not in schema_data["enums"][kind]["permissible_values"]:
                problems.append(f"{name}: {text!r} not in enum {kind}")
        elif kind == "double":
            number = float(text)
            low, high = slot.get("minimum_value"), slot.get("maximum_value")
            if (low is not None and number < low) or (high is not None and number > high):
                problems.append(f"{name}: {number} outside [{low}, {high}]")
        elif kind == "date":
            if not isinstance(v, dt.date):
                dt.date.fromisoformat(text)
        elif kind in ("NonRelativeURI", "uri"):
            if not URI.fullmatch(text) or text.startswith(("/", ".")):
                problems.append(f"{name}: {text!r} is not a non-relative URI")
        elif kind == "EntityReference":
            match = CURIE.fullmatch(text)
            if match is None:
                problems.append(f"{name}: {text!r} is not a CURIE")
            elif match[1] not in prefixes and not text.startswith(("http://", "https://")):
                problems.append(f"{name}: prefix of {text!r} not in the curie_map")
        pattern = slot.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            problems.append(f"{name}: {text!r} does not match {pattern}")
    return problems


def sssom_schema_problems(text: str, schema_data: dict[str, Any]) -> list[str]:
    """Problems of an SSSOM/TSV text against the SSSOM LinkML schema: header keys and columns
    are slots of their class, required slots are present, values fit their ranges, enums,
    patterns and bounds, and every CURIE's prefix is declared."""
    lines = text.splitlines()
    header = [line[2:] if line.startswith("# ") else line[1:] for line in lines if line[:1] == "#"]
    meta = yaml.safe_load("\n".join(header))
    table = [line.split("\t") for line in lines if line[:1] != "#"]
    columns, rows = table[0], table[1:]
    set_class = schema_data["classes"]["mapping set"]
    mapping_class = schema_data["classes"]["mapping"]
    curie_map = meta.get("curie_map") or {}
    prefixes = {**schema_data["prefixes"], **curie_map}
    problems: list[str] = []
    for key, value in meta.items():
        if key not in set_class["slots"]:
            problems.append(f"header: {key} is not a mapping set slot")
        elif key == "curie_map":
            for prefix, iri in value.items():
                if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", prefix) or not URI.fullmatch(iri):
                    problems.append(f"curie_map: {prefix}: {iri}")
        else:
            problems.extend(_value_problems(schema_data, key, value, prefixes))
    for name in set_class["slots"]:
        if _slot_required(schema_data, set_class, name) and name not in meta:
            problems.append(f"header: required {name} missing")
    for column in columns:
        if column not in mapping_class["slots"]:
            problems.append(f"column {column} is not a mapping slot")
    required = [n for n in mapping_class["slots"] if _slot_required(schema_data, mapping_class, n)]
    required += ["subject_id", "object_id"]  # the schema's rules, as no row is a literal
    for n, row in enumerate(rows, start=1):
        if len(row) != len(columns):
            problems.append(f"row {n}: {len(row)} fields for {len(columns)} columns")
            continue
        values = dict(zip(columns, row, strict=True))
        for name in required:
            if not values.get(name):
                problems.append(f"row {n}: required {name} missing")
        for name, value in values.items():
            if value and name in schema_data["slots"]:
                problems.extend(
                    f"row {n}: {p}" for p in _value_problems(schema_data, name, value, prefixes)
                )
    return problems


@pytest.fixture(scope="module")
def sssom_schema(shared_schemas: Path) -> dict[str, Any]:
    with (shared_schemas / "sssom_schema.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


@pytest.fixture
def extended(tmp_path: Path) -> Crosswalk:
    framework = pc.read_framework(write_framework(tmp_path))
    mapping_set = cw.read_mappings(write_sssom(tmp_path), [framework])
    return cw.default().extended([framework], [mapping_set])


def test_the_sssom_export_passes_the_sssom_schema(sssom_schema: dict[str, Any]) -> None:
    assert sssom_schema_problems(cw.to_sssom(), sssom_schema) == []


def test_the_schema_check_catches_what_it_should(sssom_schema: dict[str, Any]) -> None:
    text = cw.to_sssom().replace("\tsemapv:ManualMappingCuration\t", "\tsemapv:Guesswork\t", 1)
    text = text.replace("# license:", "# licence:")
    found = sssom_schema_problems(text, sssom_schema)
    assert any("semapv:Guesswork" in p for p in found)
    assert "header: required license missing" in found


def test_a_combined_export_with_a_users_set_passes_the_sssom_schema(
    extended: Crosswalk, sssom_schema: dict[str, Any]
) -> None:
    text = cw.to_sssom(extended)
    assert sssom_schema_problems(text, sssom_schema) == []
    assert "acme_state_2024:1\t" in text
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in text  # the user set's license
    reread = cw.parse_sssom(text, source="combined.tsv")
    assert len(reread.records) == len(extended.records)


@pytest.mark.filterwarnings("ignore::Warning:sssom")  # pandas deprecations inside sssom
def test_the_reference_sssom_package_parses_and_validates_the_export(tmp_path: Path) -> None:
    parsers = pytest.importorskip("sssom.parsers")
    validators = pytest.importorskip("sssom.validators")
    constants = pytest.importorskip("sssom.constants")
    path = tmp_path / "crosswalk.sssom.tsv"
    path.write_text(cw.to_sssom(), encoding="utf-8")
    msdf = parsers.parse_sssom_table(str(path))
    assert len(msdf.df) == len(cw.default().records)
    assert msdf.metadata["mapping_set_id"] == cw.mapping_sets()[0].id
    kinds = constants.SchemaValidationType
    validators.validate(
        msdf,
        validation_types=[kinds.JsonSchema, kinds.PrefixMapCompleteness, kinds.StrictCurieFormat],
        fail_on_error=True,
    )


def test_the_export_round_trips_through_our_reader() -> None:
    text = cw.to_sssom()
    again = cw.parse_sssom(text, source="export.tsv")
    assert [str(r) for r in again.records] == [str(r) for r in cw.default().records]
    assert cw.to_sssom(again) == text


# -- GraphML and node-link JSON --------------------------------------------------------------


def _edges(graph: nx.MultiDiGraph[str]) -> set[tuple[str, str, object]]:
    return {(u, v, k) for u, v, k in graph.edges(keys=True)}


def test_graphml_reads_back_as_the_same_graph() -> None:
    text = cw.to_graphml()
    assert text.startswith("<?xml")
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert isinstance(back, nx.MultiDiGraph)
    graph = cw.graph()
    assert set(back.nodes) == set(graph.nodes)
    assert _edges(back) == _edges(graph)
    data = back.get_edge_data("samhsa-2015:VIII", "ca-sb803:13", key="skos:closeMatch")
    assert data["confidence"] == 0.9
    assert data["author_id"] == "peer_competencies:curators"
    assert back.nodes["ca-sb803:17"]["text"] == "Digital literacy"
    assert "samhsa-2015=2015" in back.graph["frameworks"]


def test_node_link_json_reads_back_as_the_same_graph() -> None:
    data = json.loads(cw.to_json())
    assert data["directed"] is True
    assert data["multigraph"] is True
    assert data["graph"]["frameworks"]["samhsa-2015"] == "2015"
    back = nx.node_link_graph(data, edges="edges")
    assert isinstance(back, nx.MultiDiGraph)
    assert set(back.nodes) == set(cw.graph().nodes)
    assert _edges(back) == _edges(cw.graph())
    edge = next(
        e
        for e in data["edges"]
        if e["source"] == "samhsa-2015:VI" and e["target"] == "peer-support-17:12"
    )
    assert edge["key"] == "skos:closeMatch"
    assert edge["author_id"] == ["peer_competencies:curators"]


def test_the_export_function_knows_its_formats() -> None:
    assert set(cw.FORMATS) == {"sssom", "csv", "graphml", "json"}
    assert cw.render(None, "sssom") == cw.to_sssom()
    with pytest.raises(pc.InputError, match="unknown crosswalk export format 'owl'"):
        cw.render(None, "owl")


# -- CASE --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def case_validator(shared_schemas: Path) -> jsonschema.protocols.Validator:
    with (shared_schemas / "case-v1p1-cfpackage-schema.json").open(encoding="utf-8") as f:
        document = json.load(f)
    cls = jsonschema.validators.validator_for(document)
    validator: jsonschema.protocols.Validator = cls(
        document, format_checker=jsonschema.FormatChecker()
    )
    return validator


def _mapping_links(package: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in package["CFAssociations"] if a["associationType"] != "isChildOf"]


@pytest.mark.parametrize("framework_id", [*cw.completeness().frameworks, "bja-prss-2020"])
def test_case_packages_with_mappings_validate_against_the_case_1_1_schema(
    framework_id: str, case_validator: jsonschema.protocols.Validator
) -> None:
    framework = pc.framework(framework_id)
    package = pc.case_package(framework, "https://example.org/case/", crosswalk=cw.default())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in case_validator.iter_errors(package)]
    assert errors == []
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    assert "isChildOf" in kinds
    assert kinds & {"isRelatedTo", "exactMatchOf"}
    mappings = {  # the positive mappings between this framework and another, each once
        id(r)
        for item in framework
        for r in cw.mappings(item.id)
        if r.positive and r.subject_id.split(":")[0] != r.object_id.split(":")[0]
    }
    assert len(package["CFAssociations"]) == len(framework) + len(_mapping_links(package))
    assert 0 < len(_mapping_links(package)) <= len(mappings)


def test_exact_matches_become_exact_match_of_and_the_rest_is_related_to() -> None:
    package = pc.case_package(pc.framework("samhsa-2015"), crosswalk=cw.default())
    links = _mapping_links(package)
    positive = [
        r
        for r in cw.default().records
        if r.positive and "samhsa-2015" in {r.subject_id.split(":")[0], r.object_id.split(":")[0]}
    ]
    exact = [r for r in positive if r.predicate is Predicate.EXACT]
    assert len(links) == len(positive)
    assert sum(a["associationType"] == "exactMatchOf" for a in links) == len(exact)
    ns = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/peer-competencies/")
    viii = str(uuid.uuid5(ns, "samhsa-2015:VIII"))
    ca13 = str(uuid.uuid5(ns, "ca-sb803:13"))
    link = next(a for a in links if a["destinationNodeURI"]["identifier"] == ca13)
    assert link["originNodeURI"]["identifier"] == viii
    assert link["associationType"] == "isRelatedTo"
    assert link["destinationNodeURI"]["title"] == "Safety and crisis planning."
    assert link["destinationNodeURI"]["uri"] == "https://peer-competencies.github.io/id/ca-sb803/13"
    assert link["notes"].startswith("skos:closeMatch ca-sb803:13; confidence 0.9; ")


def test_case_associations_are_the_same_from_run_to_run() -> None:
    framework = pc.framework("ca-sb803")
    first = pc.to_case(framework, crosswalk=cw.default())
    assert first == pc.to_case(framework, crosswalk=cw.default())
    package = json.loads(first)
    assert all(uuid.UUID(a["identifier"]).version == 5 for a in package["CFAssociations"])
    assert all(
        a["uri"].startswith("https://peer-competencies.github.io/id/case/")
        for a in package["CFAssociations"]
    )


def test_the_old_crosswalk_case_functions_are_deprecated_and_still_write_case_1_0() -> None:
    framework = pc.framework("ca-sb803")
    with pytest.warns(DeprecationWarning, match=r"crosswalk\.to_case is deprecated"):
        old = json.loads(cw.to_case("ca-sb803"))
    assert old == pc.case_package(framework, crosswalk=cw.default(), version="1.0")
    assert "CFDocumentURI" in old["CFItems"][0]
    with pytest.warns(DeprecationWarning, match=r"crosswalk\.case_package is deprecated"):
        assert cw.case_package("ca-sb803") == old
    with pytest.warns(DeprecationWarning, match=r"crosswalk\.case_associations is deprecated"):
        assert cw.case_associations("ca-sb803") == _mapping_links(old)


def test_the_module_level_tables_cannot_be_changed_by_a_caller() -> None:
    from peer_competencies.crosswalk._export import CASE_TYPES  # a test of _export's table

    tables: list[Any] = [cw.FORMATS, pc.FORMATS, CASE_TYPES]
    for table in tables:
        key = next(iter(table))
        with pytest.raises(TypeError):
            table[key] = table[key]
    assert cw.render(None, "sssom") == cw.to_sssom()


def test_a_combined_export_keeps_the_users_extra_columns_and_their_declarations(
    tmp_path: Path,
) -> None:
    header = (
        "# extension_definitions:\n"
        "# - slot_name: ext_votes\n"
        "#   property: https://example.org/votes\n"
    )
    text = shipped_rows_text(
        "samhsa_2015:I.1 skos:relatedMatch ca_sb803:5 0.5", header_extra=header
    ).replace("\tconfidence\n", "\tconfidence\text_votes\treviewer_label\n", 1)
    text = text.replace("\t0.5\n", "\t0.5\t3\tJo Doe\n")
    mine = cw.read_mappings(write_sssom(tmp_path, text))
    exported = cw.to_sssom(cw.default().extended(mapping_sets=[mine]))
    again = cw.parse_sssom(exported, source="combined.tsv")
    (record,) = [r for r in again.records if r.extra]
    assert dict(record.extra) == {"ext_votes": "3", "reviewer_label": "Jo Doe"}


def test_the_crosswalk_csv_neutralises_a_comment_a_spreadsheet_would_run_as_a_formula() -> None:
    import csv
    import io

    from peer_competencies.crosswalk import Crosswalk, Justification, MappingRecord, MappingSet

    record = MappingRecord(
        subject_id="samhsa-2015:VIII",
        predicate=cw.Predicate.RELATED,
        object_id="ca-sb803:13",
        justification=Justification.MANUAL_MAPPING_CURATION,
        comment='=HYPERLINK("http://example.org","x")',
    )
    mapping_set = MappingSet(
        id="https://example.org/s", license="https://example.org/l", records=(record,)
    )
    crosswalk = Crosswalk(pc.frameworks(), [mapping_set], shipped=False)
    (row,) = list(csv.DictReader(io.StringIO(cw.to_csv(crosswalk))))
    assert row["comment"] == '\'=HYPERLINK("http://example.org","x")'
    assert row["subject_id"] == "samhsa-2015:VIII"


def test_once_one_row_has_a_date_of_its_own_every_row_states_its_date() -> None:
    """SSSOM propagates a set-level mapping_date only when no row has the column: a row left
    empty beside a dated one would lose the set's date in other tools."""
    import datetime as dt

    from peer_competencies.crosswalk import Justification, MappingRecord, MappingSet

    def row(obj: str, date: dt.date | None) -> MappingRecord:
        return MappingRecord(
            subject_id="samhsa-2015:VIII",
            predicate=cw.Predicate.RELATED,
            object_id=obj,
            justification=Justification.MANUAL_MAPPING_CURATION,
            mapping_date=date,
        )

    mapping_set = MappingSet(
        id="https://example.org/s",
        license="https://example.org/l",
        mapping_date=dt.date(2026, 1, 1),
        records=(row("ca-sb803:13", None), row("ca-sb803:6", dt.date(2026, 2, 1))),
    )
    text = cw.to_sssom(mapping_set)
    table = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    dates = [r[table[0].index("mapping_date")] for r in table[1:]]
    assert dates == ["2026-01-01", "2026-02-01"]
    again = cw.parse_sssom(text, source="again.sssom.tsv")
    assert [r.mapping_date for r in again.records] == [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
