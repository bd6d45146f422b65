"""1EdTech CASE (Competencies and Academic Standards Exchange) CFPackages of a framework.

CASE 1.1 is the default: the official 1.1 CFPackage schema closes every object, so a 1.1 package
carries ``caseVersion``, item types and the license as ``CFDefinitions`` that items and the
document link to, and no 1.0-only ``CFDocumentURI`` on items and associations. CASE 1.0 (what
OpenSALT and other 1.0 servers import) stays available as ``version="1.0"``.

Identifiers are UUID5 over our ids (:func:`uuid_for`), so a package is the same from one run and
one release to the next. URIs are the package's own IRIs (:data:`BASE_IRI`): an item's is the IRI
the SSSOM crosswalk and the CTDL export give it (``…/id/samhsa-2015/VIII.4``), a document's its
framework's, and every other object's ``…/id/case/<identifier>``; with ``base_uri`` every URI is
``<base_uri>/<identifier>`` instead (a CASE server's own scheme).
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from ._errors import InputError
from ._model import Framework, Item, Kind

if TYPE_CHECKING:
    from .crosswalk import Crosswalk

__all__ = [
    "BASE_IRI",
    "CASE_VERSIONS",
    "DATA_CHANGED",
    "LICENSE",
    "NAMESPACE",
    "case_package",
    "framework_iri",
    "item_iri",
    "to_case",
    "uri_for",
    "uuid_for",
]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/peer-competencies/")
"""The UUID5 namespace of every identifier this package derives."""

BASE_IRI = "https://peer-competencies.github.io/id/"
"""The base of every IRI the package mints (the crosswalk's SSSOM, CASE and CTDL share it)."""

DATA_CHANGED = "2026-11-23T00:00:00+00:00"
"""When the shipped data last changed: the ``lastChangeDateTime`` of every CASE object, so that
an export is the same from one run to the next."""

CASE_VERSIONS = ("1.1", "1.0")
"""The CASE versions :func:`case_package` writes; the first is the default."""

LICENSE = {
    "title": "MIT (this package's transcription); the wording remains its publisher's",
    "uri": "https://opensource.org/licenses/MIT",
    "text": (
        "The structure, identifiers, codes and notes of this package are under the MIT License "
        "(https://opensource.org/licenses/MIT). Every statement is quoted verbatim from the "
        "source the document and each item cite; that wording remains under its publisher's "
        "terms."
    ),
}
"""The license a CASE 1.1 package and a CTDL framework state."""

_KIND_DESCRIPTIONS = {
    Kind.CATEGORY: "A group of competencies, as the source numbers it.",
    Kind.COMPETENCY: "A competency statement.",
    Kind.SUB_COMPETENCY: "A statement that details a competency.",
    Kind.DOMAIN: "A performance domain of a credentialing body.",
    Kind.BEST_PRACTICE: "A named best practice.",
    Kind.STATEMENT: "A statement of a compiled list, attributed to a domain or practice.",
    Kind.SKILL: "A skill under a competency.",
    Kind.VALUE: "A value under a competency.",
    Kind.THEME: "A theme under a competency.",
    Kind.FIELD_EXAMPLE: "An example from the field under a competency.",
    Kind.QUALIFICATION: "A qualification for certification.",
    Kind.PRINCIPLE: "A guiding principle.",
}


def uuid_for(name: str) -> str:
    """The deterministic UUID5 of an id (an item, framework or association name)."""
    return str(uuid.uuid5(NAMESPACE, name))


def framework_iri(framework_id: str) -> str:
    """The IRI of a framework as a whole: ``…/id/samhsa-2015``."""
    return f"{BASE_IRI}{framework_id}"


def item_iri(item_id: str) -> str:
    """The IRI of an item, as in the SSSOM crosswalk: ``…/id/samhsa-2015/VIII.4``."""
    framework_id, _, code = item_id.partition(":")
    return f"{BASE_IRI}{framework_id}/{quote(code, safe='.-_~')}"


def uri_for(base_uri: str | None, identifier: str, iri: str | None = None) -> str:
    """The URI of a CASE object: ``identifier`` under ``base_uri`` when one is given, else
    ``iri`` (the object's own IRI) or ``…/id/case/<identifier>``."""
    if base_uri:
        return f"{base_uri.rstrip('/')}/{identifier}"
    return iri or f"{BASE_IRI}case/{identifier}"


class _Package:
    """Builds one package: the links every object refers to, in one place."""

    def __init__(self, framework: Framework, base_uri: str | None, version: str) -> None:
        self.framework = framework
        self.base_uri = base_uri
        self.version = version
        self.doc_id = uuid_for(framework.id)
        self.doc_link = self.link(framework.title, self.doc_id, framework_iri(framework.id))

    def link(self, title: str, identifier: str, iri: str | None = None) -> dict[str, str]:
        return {
            "title": title,
            "identifier": identifier,
            "uri": uri_for(self.base_uri, identifier, iri),
        }

    def item_link(self, item: Item) -> dict[str, str]:
        return self.link(item.text, uuid_for(item.id), item_iri(item.id))

    def in_document(self, entry: dict[str, Any]) -> dict[str, Any]:
        if self.version == "1.0":  # 1.1 closes items and associations: no CFDocumentURI
            entry["CFDocumentURI"] = self.doc_link
        return entry

    def document(self) -> dict[str, Any]:
        framework, source = self.framework, self.framework.source
        document: dict[str, Any] = {
            "identifier": self.doc_id,
            "uri": self.doc_link["uri"],
            "creator": source.publisher,
            "title": framework.title,
            "lastChangeDateTime": DATA_CHANGED,
            "publisher": source.publisher,
            "version": framework.version,
            "adoptionStatus": "Adopted" if framework.attribution_confirmed else "Unconfirmed",
            "language": "en",
            "notes": _document_notes(framework),
        }
        if source.url:
            document["officialSourceURL"] = source.url
        if self.version == "1.1":
            document["caseVersion"] = "1.1"
            document["licenseURI"] = self.license_link()
        return document

    def license_link(self) -> dict[str, str]:
        return self.link(LICENSE["title"], uuid_for("case-license:mit"))

    def type_link(self, kind: Kind) -> dict[str, str]:
        return self.link(kind.value, uuid_for(f"case-item-type:{kind.value}"))

    def definitions(self) -> dict[str, Any]:
        kinds = sorted(self.framework.kinds, key=list(Kind).index)
        license_link = self.license_link()
        return {
            "CFItemTypes": [
                {
                    "identifier": link["identifier"],
                    "uri": link["uri"],
                    "title": kind.value,
                    "description": _KIND_DESCRIPTIONS[kind],
                    "hierarchyCode": str(list(Kind).index(kind) + 1),
                    "typeCode": kind.value,
                    "lastChangeDateTime": DATA_CHANGED,
                }
                for kind in kinds
                for link in [self.type_link(kind)]
            ],
            "CFLicenses": [
                {
                    "identifier": license_link["identifier"],
                    "uri": license_link["uri"],
                    "title": LICENSE["title"],
                    "licenseText": LICENSE["text"],
                    "lastChangeDateTime": DATA_CHANGED,
                }
            ],
        }

    def items(self) -> list[dict[str, Any]]:
        items = []
        for n, item in enumerate(self.framework.items):
            link = self.item_link(item)
            entry: dict[str, Any] = {
                "identifier": link["identifier"],
                "fullStatement": item.statement,
                "uri": link["uri"],
                "humanCodingScheme": item.code,
                "listEnumeration": str(n + 1),
                "CFItemType": item.kind.value,
                "language": "en",
                "lastChangeDateTime": DATA_CHANGED,
                "notes": " ".join([str(item.citation), *item.notes]),
            }
            if item.description:
                entry["abbreviatedStatement"] = item.text
            if item.label:
                entry["alternativeLabel"] = item.label
            if self.version == "1.1":
                entry["CFItemTypeURI"] = self.type_link(item.kind)
            items.append(self.in_document(entry))
        return items

    def association(
        self,
        kind: str,
        origin: dict[str, str],
        destination: dict[str, str],
        name: str,
        sequence: int | None = None,
        notes: str | None = None,
    ) -> dict[str, Any]:
        identifier = uuid_for(name)
        entry: dict[str, Any] = {
            "identifier": identifier,
            "associationType": kind,
            "uri": uri_for(self.base_uri, identifier),
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": DATA_CHANGED,
        }
        if sequence is not None:
            entry["sequenceNumber"] = sequence
        if notes and self.version == "1.1":  # associations have notes from 1.1 on
            entry["notes"] = notes
        return self.in_document(entry)

    def children(self) -> list[dict[str, Any]]:
        framework = self.framework
        position = {root.id: n + 1 for n, root in enumerate(framework.roots)}
        for item in framework.items:
            position.update((child, n + 1) for n, child in enumerate(item.children_ids))
        links = []
        for item in framework.items:
            parent = framework.get(item.parent_id) if item.parent_id else None
            destination = self.doc_link if parent is None else self.item_link(parent)
            name = f"{item.id}|isChildOf|{parent.id if parent else framework.id}"
            links.append(
                self.association(
                    "isChildOf", self.item_link(item), destination, name, position[item.id]
                )
            )
        return links

    def mappings(self, crosswalk: Crosswalk) -> list[dict[str, Any]]:
        from .crosswalk._export import CASE_TYPES, framework_mappings

        links: list[dict[str, Any]] = []
        seen: set[str] = set()
        for mapping in framework_mappings(self.framework.id, crosswalk, within=False):
            kind = CASE_TYPES.get(mapping.record.predicate.value, "isRelatedTo")
            name = (
                f"{mapping.origin.id}|{kind}|{mapping.destination.id}|"
                f"{mapping.record.predicate.value}"
            )
            if name in seen:
                continue
            seen.add(name)
            links.append(
                self.association(
                    kind,
                    self.item_link(mapping.origin),
                    self.item_link(mapping.destination),
                    name,
                    notes=mapping.describe(),
                )
            )
        return links


def _document_notes(framework: Framework) -> str:
    notes = [f"Transcribed verbatim from: {framework.source}."]
    if framework.attribution_note:
        notes.append(framework.attribution_note)
    notes.extend(framework.editorial_notes)
    return " ".join(notes)


def case_package(
    framework: Framework,
    base_uri: str | None = None,
    *,
    crosswalk: Crosswalk | None = None,
    version: Literal["1.1", "1.0"] | str = "1.1",
) -> dict[str, Any]:
    """The framework as a 1EdTech CASE CFPackage (a JSON-ready dict), CASE 1.1 by default.

    ``crosswalk`` adds the framework's mappings in it as CFAssociations, from this framework's
    item to the other's: ``exactMatchOf`` for an exact match, ``isRelatedTo`` for the rest
    (CASE has no broader, narrower or close match), the SKOS predicate, confidence and
    justification in the association's notes (1.1). ``base_uri`` replaces the package's own
    IRIs by ``<base_uri>/<identifier>``. Raises :class:`InputError` for another ``version``.
    """
    if version not in CASE_VERSIONS:
        raise InputError(
            f"unknown CASE version {version!r}", fix=f"use one of {', '.join(CASE_VERSIONS)}"
        )
    package = _Package(framework, base_uri, version)
    associations = package.children()
    if crosswalk is not None:
        associations += package.mappings(crosswalk)
    result: dict[str, Any] = {
        "CFDocument": package.document(),
        "CFItems": package.items(),
        "CFAssociations": associations,
    }
    if version == "1.1":
        result["CFDefinitions"] = package.definitions()
    return result


def to_case(
    framework: Framework,
    base_uri: str | None = None,
    *,
    crosswalk: Crosswalk | None = None,
    version: Literal["1.1", "1.0"] | str = "1.1",
) -> str:
    """The CASE CFPackage of :func:`case_package` as JSON text."""
    package = case_package(framework, base_uri, crosswalk=crosswalk, version=version)
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
