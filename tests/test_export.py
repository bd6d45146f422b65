"""Exports: JSON, CSV and a CASE CFPackage that validates against the 1EdTech schema."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

import jsonschema
import pytest

import peer_competencies as pc

FRAMEWORK_IDS = [f.id for f in pc.frameworks()]


def _validator(folder: Path, name: str) -> jsonschema.protocols.Validator:
    with (folder / name).open(encoding="utf-8") as f:
        document = json.load(f)
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    validator: jsonschema.protocols.Validator = cls(
        document, format_checker=jsonschema.FormatChecker()
    )
    return validator


@pytest.fixture(scope="module")
def case_validator(shared_schemas: Path) -> jsonschema.protocols.Validator:
    return _validator(shared_schemas, "case-v1p1-cfpackage-schema.json")


@pytest.fixture(scope="module")
def case_1_0_validator(shared_schemas: Path) -> jsonschema.protocols.Validator:
    return _validator(shared_schemas, "case-v1p0-cfpackage-schema.json")


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_case_1_1_package_of_every_framework_validates_against_the_official_schema(
    framework_id: str, case_validator: jsonschema.protocols.Validator
) -> None:
    fw = pc.framework(framework_id)
    package = json.loads(pc.to_case(fw))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in case_validator.iter_errors(package)]
    assert errors == []
    assert package["CFDocument"]["caseVersion"] == "1.1"
    assert len(package["CFItems"]) == len(fw)
    assert len(package["CFAssociations"]) == len(fw)
    types = {t["title"]: t for t in package["CFDefinitions"]["CFItemTypes"]}
    assert set(types) == {k.value for k in fw.kinds}
    for item in package["CFItems"]:
        assert item["CFItemTypeURI"]["identifier"] == types[item["CFItemType"]]["identifier"]
        assert "CFDocumentURI" not in item
    (license_,) = package["CFDefinitions"]["CFLicenses"]
    assert package["CFDocument"]["licenseURI"]["identifier"] == license_["identifier"]
    assert "MIT" in license_["licenseText"]


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_case_1_0_package_of_every_framework_validates_against_the_1_0_schema(
    framework_id: str,
    case_1_0_validator: jsonschema.protocols.Validator,
    case_validator: jsonschema.protocols.Validator,
) -> None:
    package = json.loads(pc.render(pc.framework(framework_id), "case-1.0"))
    errors = [e.message for e in case_1_0_validator.iter_errors(package)]
    assert errors == []
    assert "CFDefinitions" not in package
    assert all(
        i["CFDocumentURI"]["title"] == package["CFDocument"]["title"] for i in package["CFItems"]
    )
    # a 1.0 package is not a 1.1 one: 1.1 closes items, and CFDocumentURI is not a 1.1 field
    assert any("CFDocumentURI" in e.message for e in case_validator.iter_errors(package))


def test_case_uris_are_the_items_iris_or_the_given_base() -> None:
    fw = pc.framework("samhsa-2015")
    item = next(i for i in pc.case_package(fw)["CFItems"] if i["humanCodingScheme"] == "VIII.4")
    assert item["uri"] == "https://peer-competencies.github.io/id/samhsa-2015/VIII.4"
    based = pc.case_package(fw, "https://case.example.org/uri/")
    item = next(i for i in based["CFItems"] if i["humanCodingScheme"] == "VIII.4")
    assert item["uri"] == f"https://case.example.org/uri/{item['identifier']}"


def test_an_unknown_case_version_is_refused() -> None:
    with pytest.raises(pc.InputError, match=r"unknown CASE version '2\.0'"):
        pc.to_case(pc.framework("icrc-pr"), version="2.0")


def test_case_identifiers_are_deterministic_uuid5_over_the_ids() -> None:
    fw = pc.framework("samhsa-2015")
    first, second = pc.to_case(fw), pc.to_case(fw)
    assert first == second
    package = json.loads(first)
    item = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "VIII.4")
    assert uuid.UUID(item["identifier"]).version == 5
    ns = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/peer-competencies/")
    assert item["identifier"] == str(uuid.uuid5(ns, "samhsa-2015:VIII.4"))
    assert item["fullStatement"] == pc.lookup("samhsa-2015:VIII.4").text


def test_case_child_associations_point_from_item_to_parent() -> None:
    package = pc.case_package(pc.framework("samhsa-2015"), base_uri="https://example.org/case/")
    by_uuid = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    edges = {
        (
            by_uuid[a["originNodeURI"]["identifier"]],
            by_uuid.get(a["destinationNodeURI"]["identifier"], "document"),
        )
        for a in package["CFAssociations"]
    }
    assert ("VIII.4", "VIII") in edges
    assert ("VIII", "document") in edges
    assert package["CFDocument"]["uri"].startswith("https://example.org/case/")


def test_json_export_is_the_model_and_reads_back() -> None:
    fw = pc.framework("icrc-pr")
    data = json.loads(pc.to_json(fw))
    assert pc.converter.structure(data, pc.Framework) == fw


def test_csv_export_has_one_row_per_item_with_text_and_citation() -> None:
    fw = pc.framework("bja-prss-2020")
    rows = list(csv.DictReader(io.StringIO(pc.to_csv(fw))))
    assert len(rows) == len(fw)
    row = next(r for r in rows if r["id"] == "bja-prss-2020:6.8")
    assert row["text"] == pc.lookup("bja-prss-2020:6.8").text
    assert row["origins"] == "icrc-pr:1"
    assert row["citation_section"]


def test_export_rejects_an_unknown_format() -> None:
    with pytest.raises(pc.InputError, match="unknown export format"):
        pc.render(pc.framework("samhsa-2015"), "xml")
