"""CTDL-ASN and CTDL exports, checked node by node against the Credential Registry's own schemas.

The Registry's schemas leave most objects open (``additionalProperties: true``); the tests also
check every node against a closed copy, so that a misspelt or invented property is caught.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import peer_competencies as pc
from peer_competencies import crosswalk as cw
from peer_competencies import eligibility as el
from tests.support import EXIT_ERROR, main

FRAMEWORK_IDS = [f.id for f in pc.frameworks()]
CREDENTIAL_IDS = [c.id for c in el.credentials()]
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/peer-competencies/")
BASE = "https://peer-competencies.github.io/id/"
Validator = jsonschema.protocols.Validator


def _closed(document: dict[str, Any]) -> dict[str, Any]:
    """The schema with every object that lists its properties closed to others."""
    closed = copy.deepcopy(document)
    for definition in closed["definitions"].values():
        if definition.get("type") == "object" and "properties" in definition:
            definition["additionalProperties"] = False
    return closed


def _validators(folder: Path, name: str) -> tuple[Validator, Validator, str]:
    with (folder / "ctdl" / name).open(encoding="utf-8") as f:
        document = json.load(f)
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    (context,) = document["definitions"]["@context"]["enum"]
    checker = jsonschema.FormatChecker()
    return (
        cls(document, format_checker=checker),
        cls(_closed(document), format_checker=checker),
        context,
    )


@pytest.fixture(scope="module")
def framework_schemas(shared_schemas: Path) -> dict[str, tuple[Validator, Validator, str]]:
    return {
        "ceasn:CompetencyFramework": _validators(shared_schemas, "competency_framework.json"),
        "ceasn:Competency": _validators(shared_schemas, "competency.json"),
    }


@pytest.fixture(scope="module")
def credential_schema(shared_schemas: Path) -> tuple[Validator, Validator, str]:
    return _validators(shared_schemas, "credential.json")


def _errors(validators: tuple[Validator, Validator, str], node: dict[str, Any]) -> list[str]:
    official, closed, _ = validators
    found = [f"{list(e.absolute_path)}: {e.message}" for e in official.iter_errors(node)]
    found += [f"closed {list(e.absolute_path)}: {e.message}" for e in closed.iter_errors(node)]
    return found


_ABSOLUTE = {
    "ceasn:isPartOf",
    "ceasn:isChildOf",
    "ceasn:hasChild",
    "ceasn:hasTopChild",
    "ceasn:derivedFrom",
    "ceasn:source",
    "ceasn:exactAlignment",
    "ceasn:broadAlignment",
    "ceasn:narrowAlignment",
    "ceasn:majorAlignment",
    "ceasn:minorAlignment",
}


def _ctdl(framework_id: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        pc.to_ctdl(pc.framework(framework_id), crosswalk=cw.default())
    )
    return document


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_every_node_of_every_framework_export_validates_against_the_registry_schemas(
    framework_id: str, framework_schemas: dict[str, tuple[Validator, Validator, str]]
) -> None:
    document = _ctdl(framework_id)
    assert set(document) == {"@context", "@graph"}
    graph = document["@graph"]
    fw = pc.framework(framework_id)
    assert [n["@type"] for n in graph] == ["ceasn:CompetencyFramework"] + [
        "ceasn:Competency"
    ] * len(fw)
    for node in graph:
        validators = framework_schemas[node["@type"]]
        assert document["@context"] == validators[2]  # the @context value the Registry accepts
        assert _errors(validators, {"@context": document["@context"], **node}) == []
        for prop in _ABSOLUTE & set(node):
            assert all(v.startswith(("https://", "http://")) for v in node[prop]), prop
    ids = [n["@id"] for n in graph]
    assert len(set(ids)) == len(ids)


def test_competencies_carry_the_items_text_code_tree_ids_and_citation() -> None:
    graph = _ctdl("samhsa-2015")["@graph"]
    framework, nodes = graph[0], {n["ceasn:codedNotation"]: n for n in graph[1:]}
    item = pc.lookup("samhsa-2015:VIII.4")
    node = nodes["VIII.4"]
    assert node["@id"] == f"{BASE}samhsa-2015/VIII.4"
    assert node["ceterms:ctid"] == f"ce-{uuid.uuid5(NS, 'samhsa-2015:VIII.4')}"
    assert node["ceasn:competencyText"] == {"en-US": item.statement}
    assert node["ceasn:isPartOf"] == [framework["@id"]] == [f"{BASE}samhsa-2015"]
    assert node["ceasn:isChildOf"] == [nodes["VIII"]["@id"]]
    assert node["@id"] in nodes["VIII"]["ceasn:hasChild"]
    assert str(item.citation) in node["ceasn:comment"]["en-US"]
    assert framework["ceasn:hasTopChild"] == [
        nodes[r.code]["@id"] for r in pc.framework("samhsa-2015").roots
    ]
    assert framework["ceterms:ctid"] == f"ce-{uuid.uuid5(NS, 'samhsa-2015')}"
    assert framework["ceasn:source"] == [pc.framework("samhsa-2015").source.url]


def test_mappings_become_alignments_read_from_each_items_side() -> None:
    records = [r for r in cw.default().records if r.positive]
    broad = next(
        r
        for r in records
        if r.predicate is cw.Predicate.BROAD
        and r.subject_id.split(":")[0] != r.object_id.split(":")[0]
    )
    subject_fw, object_fw = broad.subject_id.split(":")[0], broad.object_id.split(":")[0]
    subject = next(
        n
        for n in _ctdl(subject_fw)["@graph"]
        if n["@id"].endswith("/" + broad.subject_id.split(":", 1)[1])
        and n["@type"] == "ceasn:Competency"
        and n["ceasn:isPartOf"] == [f"{BASE}{subject_fw}"]
    )
    other = next(
        n
        for n in _ctdl(object_fw)["@graph"]
        if n["@id"] == f"{BASE}{object_fw}/{broad.object_id.split(':', 1)[1]}"
    )
    assert other["@id"] in subject["ceasn:broadAlignment"]
    assert subject["@id"] in other["ceasn:narrowAlignment"]
    close = {n["@id"]: n for n in _ctdl("samhsa-2015")["@graph"]}[f"{BASE}samhsa-2015/VIII"]
    assert f"{BASE}ca-sb803/13" in close["ceasn:majorAlignment"]  # skos:closeMatch


def test_without_a_crosswalk_there_are_no_alignments_and_a_base_uri_gives_registry_ids() -> None:
    fw = pc.framework("ca-sb803")
    graph = json.loads(
        pc.to_ctdl(fw, base_uri="https://sandbox.credentialengineregistry.org/resources/")
    )["@graph"]
    assert not any(k.endswith("Alignment") for n in graph for k in n)
    assert all(
        n["@id"] == f"https://sandbox.credentialengineregistry.org/resources/{n['ceterms:ctid']}"
        for n in graph
    )
    assert graph[1]["ceasn:isPartOf"] == [graph[0]["@id"]]


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD node (an object with ``@type``) in a document, the outermost first."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


@pytest.mark.parametrize("credential_id", CREDENTIAL_IDS)
def test_every_credential_export_validates_against_the_registry_credential_schema(
    credential_id: str, credential_schema: tuple[Validator, Validator, str]
) -> None:
    document = json.loads(pc.to_ctdl(el.credential(credential_id)))
    assert document["@context"] == credential_schema[2]
    assert document["@type"] == "ceterms:Certification"
    assert _errors(credential_schema, document) == []
    credential = el.credential(credential_id)
    assert document["ceterms:name"] == credential.title
    assert document["ceterms:ctid"] == f"ce-{uuid.uuid5(NS, f'credential:{credential_id}')}"
    assert document["ceterms:subjectWebpage"].startswith(("https://", "http://"))
    # nothing lost: every requirement's statement is a condition of some profile
    conditions = " ".join(c for n in _nodes(document) for c in n.get("ceterms:condition", []))
    for pathway in credential.pathways:
        for leaf in pathway.leaves:
            assert leaf.statement.rstrip(".") in conditions


def test_a_credential_has_one_profile_per_route_and_any_of_groups_become_alternatives() -> None:
    document = json.loads(pc.to_ctdl(el.credential("ca-pss")))
    (routes,) = document["ceterms:requires"]
    names = [p["ceterms:name"] for p in routes["ceterms:alternativeCondition"]]
    assert names == [
        "Initial certification",
        "Out-of-state reciprocity",
        "Grandparenting (closed after 2022-12-31)",
    ]
    initial, reciprocity, _ = routes["ceterms:alternativeCondition"]
    assert initial["ceterms:minimumAge"] == 18
    assert initial["ceterms:creditHourValue"] == 80
    assert len(reciprocity["ceterms:alternativeCondition"]) == 2  # the any-of work group
    (renewal,) = document["ceterms:renewal"]
    assert renewal["ceterms:name"] == "Renewal (every 2 years)"
    assert (
        document["ceterms:jurisdiction"][0]["ceterms:mainJurisdiction"][0]["ceterms:addressRegion"]
        == "California"
    )


def test_an_n_of_m_group_becomes_one_alternative_per_choice(
    credential_schema: tuple[Validator, Validator, str],
) -> None:
    ga = el.credential("ga-cps")
    leaves = ga.pathway("initial").leaves
    group = el.Group(
        id="two-of", statement="Two of these.", mode="n-of-m", children=leaves[:3], n=2
    )
    root = attrs.evolve(ga.pathway("initial").requirements, children=(group, *leaves[3:]))
    pathway = attrs.evolve(ga.pathway("initial"), requirements=root)
    credential = attrs.evolve(ga, pathways=(pathway,))
    document = json.loads(pc.to_ctdl(credential))
    assert _errors(credential_schema, document) == []
    (profile,) = document["ceterms:requires"]
    alternatives = profile["ceterms:alternativeCondition"]
    assert len(alternatives) == 3  # 3 choose 2
    for alternative in alternatives:
        assert len(alternative["ceterms:condition"]) == 2 + len(leaves) - 3
    assert "ceterms:renewal" not in document


def test_a_credential_with_no_web_address_points_to_the_eligibility_page() -> None:
    credential = el.credential("wa-cpss")
    document = json.loads(
        pc.to_ctdl(attrs.evolve(credential, citation=attrs.evolve(credential.citation, url=None)))
    )
    assert document["ceterms:subjectWebpage"].endswith("/docs/eligibility.md")


def test_export_credential_writes_ctdl_and_needs_an_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "pa.json"
    assert main(["export", "credential", "pa-cps", "--format", "ctdl", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["@type"] == "ceterms:Certification"
    assert main(["export", "credential", "--format", "ctdl"]) == EXIT_ERROR
    assert "needs a credential id" in capsys.readouterr().err
    assert main(["export", "samhsa-2015", "--format", "ctdl", "-o", str(out)]) == 0
    graph = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    assert any("ceasn:exactAlignment" in n for n in graph)  # the shipped crosswalk's mappings


def test_case_ctdl_and_sssom_give_an_item_one_iri() -> None:
    base = "https://peer-competencies.github.io/id/"  # the project's IRIs (docs/interchange.md)
    record = next(r for r in cw.default().records if r.subject_id.startswith("samhsa-2015:"))
    sssom = cw.to_sssom()
    assert f"samhsa_2015: {base}samhsa-2015/" in sssom
    iri = f"{base}samhsa-2015/{record.subject_id.split(':', 1)[1]}"
    case_item = next(
        i
        for i in pc.case_package(pc.framework("samhsa-2015"))["CFItems"]
        if f"samhsa-2015:{i['humanCodingScheme']}" == record.subject_id
    )
    ctdl = {n["@id"] for n in _ctdl("samhsa-2015")["@graph"]}
    assert case_item["uri"] == iri
    assert iri in ctdl
