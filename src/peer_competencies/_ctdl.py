"""Credential Engine CTDL-ASN and CTDL (JSON-LD): frameworks as competency frameworks,
credentials as certifications with their requirements as condition profiles.

A framework is a JSON-LD document whose ``@graph`` holds one ``ceasn:CompetencyFramework`` and one
``ceasn:Competency`` per item; a credential is one ``ceterms:Certification``. ``@id``\\ s are the
package's own IRIs (those of the SSSOM crosswalk and of CASE: ``…/id/samhsa-2015/VIII.4``), or
``<base_uri><ctid>`` for a registry; a CTID is ``ce-`` and the UUID5 of our id, so it is the same
from one release to the next. ``docs/interchange.md`` says how each field is filled and what CTDL
cannot say (the any-of and n-of-m structure is kept by expanding it into alternative conditions).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ._case import BASE_IRI, LICENSE, _document_notes, framework_iri, item_iri, uuid_for
from ._model import Framework, Item

if TYPE_CHECKING:
    from .crosswalk import Crosswalk
    from .eligibility import Credential, Group, Pathway, Requirement

__all__ = [
    "ALIGNMENTS",
    "CREDENTIAL_CONTEXT",
    "FRAMEWORK_CONTEXT",
    "MAX_ALTERNATIVES",
    "credential_iri",
    "ctid_for",
    "to_ctdl",
]

FRAMEWORK_CONTEXT = "http://credreg.net/ctdlasn/schema/context/json"
"""The ``@context`` the Credential Registry accepts for CTDL-ASN frameworks and competencies."""

CREDENTIAL_CONTEXT = "http://credreg.net/ctdl/schema/context/json"
"""The ``@context`` the Credential Registry accepts for CTDL credentials."""

LANGUAGE = "en-US"

ALIGNMENTS = {
    "skos:exactMatch": "ceasn:exactAlignment",
    "skos:closeMatch": "ceasn:majorAlignment",
    "skos:broadMatch": "ceasn:broadAlignment",
    "skos:narrowMatch": "ceasn:narrowAlignment",
    "skos:relatedMatch": "ceasn:minorAlignment",
}
"""The CTDL-ASN alignment property of each SKOS predicate, read from the framework's item: an
exact match is coextensive (exactAlignment); broadMatch (the other is broader) is
broadAlignment, narrowMatch narrowAlignment; closeMatch, interchangeable in some contexts, is a
major overlap (majorAlignment); relatedMatch, associated but neither broader nor narrower, a
minor overlap (minorAlignment)."""

MAX_ALTERNATIVES = 64
"""The most alternative condition profiles one pathway expands into; a pathway whose any-of and
n-of-m groups would give more is written as one profile stating its structure in words."""

ACTIVE = {
    "@type": "ceterms:CredentialAlignmentObject",
    "ceterms:framework": "https://purl.org/ctdl/vocabs/credentialStat/",
    "ceterms:targetNode": "https://purl.org/ctdl/vocabs/credentialStat/Active",
    "ceterms:targetNodeName": "Active",
}

SUBJECT_WEBPAGE_FALLBACK = (
    "https://github.com/peer-competencies/peer_competencies/blob/main/docs/eligibility.md"
)
"""The ``ceterms:subjectWebpage`` of a credential none of whose sources has a web address."""

_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}  # fmt: skip

_HOURS_TYPES = {
    "trainings": "clock hours of training",
    "continuing_education": "continuing-education hours",
    "college_credits": "college credit hours",
}


def ctid_for(name: str) -> str:
    """The CTID of an id: ``ce-`` and its UUID5 (a framework's is its CASE identifier)."""
    return f"ce-{uuid_for(name)}"


def credential_iri(credential_id: str) -> str:
    """The IRI of a credential: ``…/id/credentials/ca-pss``."""
    return f"{BASE_IRI}credentials/{credential_id}"


def _text(value: str) -> dict[str, str]:
    """A CTDL-ASN language map (the framework schemas' ``meta:langstring``)."""
    return {LANGUAGE: value}


def _plain(value: str) -> str:
    """A CTDL credential text: the credential schema's ``meta:langstring`` is a plain string."""
    return value


class _Ids:
    """The ``@id`` of each resource: our IRI, or ``<base_uri><ctid>``."""

    def __init__(self, base_uri: str | None) -> None:
        self.base_uri = base_uri

    def __call__(self, name: str, iri: str) -> str:
        return f"{self.base_uri}{ctid_for(name)}" if self.base_uri else iri

    def framework(self, framework_id: str) -> str:
        return self(framework_id, framework_iri(framework_id))

    def item(self, item_id: str) -> str:
        return self(item_id, item_iri(item_id))


# --- frameworks ------------------------------------------------------------------------------


def _framework_graph(
    framework: Framework, ids: _Ids, crosswalk: Crosswalk | None
) -> dict[str, Any]:
    source = framework.source
    node: dict[str, Any] = {
        "@type": "ceasn:CompetencyFramework",
        "@id": ids.framework(framework.id),
        "ceterms:ctid": ctid_for(framework.id),
        "ceasn:name": _text(framework.title),
        "ceasn:description": _text(f"{_document_notes(framework)} {LICENSE['text']}"),
        "ceasn:inLanguage": [LANGUAGE],
        "ceasn:author": [source.publisher],
        "ceasn:license": LICENSE["uri"],
        "ceasn:hasTopChild": [ids.item(root.id) for root in framework.roots],
    }
    if source.url:
        node["ceasn:source"] = [source.url]
    if source.year is not None:
        node["ceasn:dateCopyrighted"] = str(source.year)
    alignments = _alignments(framework, ids, crosswalk)
    graph = [node] + [_competency(item, framework, ids, alignments) for item in framework.items]
    return {"@context": FRAMEWORK_CONTEXT, "@graph": graph}


def _alignments(
    framework: Framework, ids: _Ids, crosswalk: Crosswalk | None
) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {}
    if crosswalk is None:
        return found
    from .crosswalk._export import framework_mappings

    for mapping in framework_mappings(framework.id, crosswalk):
        targets = found.setdefault(mapping.origin.id, {}).setdefault(
            ALIGNMENTS[mapping.predicate.value], []
        )
        target = ids.item(mapping.destination.id)
        if target not in targets:
            targets.append(target)
    return found


def _competency(
    item: Item, framework: Framework, ids: _Ids, alignments: dict[str, dict[str, list[str]]]
) -> dict[str, Any]:
    comment = [f"Source: {item.citation}."]
    if item.description:
        comment.append(f"Short text: {item.text}")
    if item.label:
        comment.append(f"Label (ours): {item.label}")
    comment += [f"Note (ours): {note}" for note in item.notes]
    node: dict[str, Any] = {
        "@type": "ceasn:Competency",
        "@id": ids.item(item.id),
        "ceterms:ctid": ctid_for(item.id),
        "ceasn:competencyText": _text(item.statement),
        "ceasn:codedNotation": item.code,
        "ceasn:competencyCategory": [_text(item.kind.value)],
        "ceasn:comment": _text(" ".join(comment)),
        "ceasn:inLanguage": [LANGUAGE],
        "ceasn:isPartOf": [ids.framework(framework.id)],
    }
    if item.parent_id:
        node["ceasn:isChildOf"] = [ids.item(item.parent_id)]
    if item.children_ids:
        node["ceasn:hasChild"] = [ids.item(child) for child in item.children_ids]
    derived = _derived_from(item, ids)
    if derived:
        node["ceasn:derivedFrom"] = derived
    for prop, targets in sorted(alignments.get(item.id, {}).items()):
        node[prop] = targets
    return node


def _derived_from(item: Item, ids: _Ids) -> list[str]:
    """The items (or frameworks) a compiled list says an item came from, where we ship them."""
    from ._api import get
    from ._load import database

    found = []
    for origin in item.origins:
        origin_id = f"{origin.framework}:{origin.code}" if origin.code else None
        if origin_id is not None and get(origin_id) is not None:
            found.append(ids.item(origin_id))
        elif origin.framework in database().framework_ids():
            found.append(ids.framework(origin.framework))
    return list(dict.fromkeys(found))


# --- credentials -----------------------------------------------------------------------------


def _credential_node(credential: Credential, ids: _Ids) -> dict[str, Any]:
    routes = [p for p in credential.pathways if not _is_renewal(p)]
    renewals = [p for p in credential.pathways if _is_renewal(p)]
    checked = credential.citation.checked_on
    description = (
        f"{credential.title}, awarded by {credential.issuer}. Source: {credential.citation}."
        + (f" The requirements are as checked on {checked.isoformat()}." if checked else "")
    )
    node: dict[str, Any] = {
        "@context": CREDENTIAL_CONTEXT,
        "@type": "ceterms:Certification",
        "@id": ids(f"credential:{credential.id}", credential_iri(credential.id)),
        "ceterms:ctid": ctid_for(f"credential:{credential.id}"),
        "ceterms:name": _plain(credential.title),
        "ceterms:description": _plain(description),
        "ceterms:subjectWebpage": _subject_webpage(credential),
        "ceterms:credentialStatusType": dict(ACTIVE),
        "ceterms:inLanguage": [LANGUAGE],
        "ceterms:codedNotation": credential.id,
    }
    region = _STATES.get(credential.jurisdiction or "")
    if region is not None:
        node["ceterms:jurisdiction"] = [
            {
                "@type": "ceterms:JurisdictionProfile",
                "ceterms:mainJurisdiction": [
                    {
                        "@type": "ceterms:Place",
                        "ceterms:addressRegion": _plain(region),
                        "ceterms:addressCountry": _plain("United States"),
                    }
                ],
            }
        ]
    if routes:
        node["ceterms:requires"] = [_one_of(routes, "to the credential")]
    if renewals:
        node["ceterms:renewal"] = [_one_of(renewals, "to renew the credential")]
    return node


def _is_renewal(pathway: Pathway) -> bool:
    return "renewal" in pathway.id or "recertification" in pathway.id


def _subject_webpage(credential: Credential) -> str:
    urls = [credential.citation.url]
    urls += [leaf.citation.url for pathway in credential.pathways for leaf in pathway.leaves]
    return next((url for url in urls if url), SUBJECT_WEBPAGE_FALLBACK)


def _one_of(pathways: Sequence[Pathway], purpose: str) -> dict[str, Any]:
    profiles = [_pathway_profile(p) for p in pathways]
    if len(profiles) == 1:
        return profiles[0]
    titles = "; ".join(p.title for p in pathways)
    return {
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": _plain(f"One of {len(pathways)} pathways {purpose}"),
        "ceterms:description": _plain(f"Meet every condition of one of these pathways: {titles}."),
        "ceterms:alternativeCondition": profiles,
    }


def _pathway_profile(pathway: Pathway) -> dict[str, Any]:
    root = pathway.requirements
    description = (pathway.description or pathway.title).rstrip(".")
    alternatives = list(itertools.islice(_expand(root), MAX_ALTERNATIVES + 1))
    if len(alternatives) > MAX_ALTERNATIVES:
        profile = _profile(pathway.title, description, list(_leaves(root)), ())
        profile["ceterms:condition"] += [_plain(f"Structure: {line}") for line in _outline(root)]
        return profile
    if len(alternatives) == 1:
        leaves, _ = alternatives[0]
        return _profile(pathway.title, description, leaves, ())
    groups = [g.statement.rstrip(".") + "." for g in _groups(root) if g.mode != "all-of"]
    return {
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": _plain(pathway.title),
        "ceterms:description": _plain(
            f"{description}. {' '.join(groups)} Meet every condition of one of these "
            f"{len(alternatives)} alternatives."
        ),
        "ceterms:alternativeCondition": [
            _profile(f"{pathway.title}: {'; '.join(choices)}", description, leaves, choices)
            for leaves, choices in alternatives
        ],
    }


_Alternative = tuple[list["Requirement"], tuple[str, ...]]


def _expand(node: Requirement | Group) -> Iterator[_Alternative]:
    """The node as alternative sets of requirements, each met by meeting all its members
    (disjunctive normal form), with the statements of the children chosen in any-of and n-of-m
    groups."""
    from .eligibility import Group

    if not isinstance(node, Group):
        yield [node], ()
        return
    if node.mode == "all-of":
        yield from _all(node.children)
        return
    for chosen in itertools.combinations(node.children, node.needed):
        label = tuple(child.statement.rstrip(".") for child in chosen)
        for leaves, choices in _all(chosen):
            yield leaves, label + choices


def _all(children: Sequence[Requirement | Group]) -> Iterator[_Alternative]:
    """Every way to meet all the children: one alternative of each, combined."""
    for parts in itertools.product(*(list(_expand(child)) for child in children)):
        leaves = [leaf for part, _ in parts for leaf in part]
        yield leaves, tuple(choice for _, choices in parts for choice in choices)


def _leaves(node: Requirement | Group) -> Iterator[Requirement]:
    from .eligibility import Group

    if isinstance(node, Group):
        for child in node.children:
            yield from _leaves(child)
    else:
        yield node


def _groups(node: Requirement | Group) -> Iterator[Group]:
    from .eligibility import Group

    if isinstance(node, Group):
        yield node
        for child in node.children:
            yield from _groups(child)


def _outline(node: Requirement | Group, depth: int = 0) -> Iterator[str]:
    from .eligibility import Group

    if isinstance(node, Group):
        need = {"all-of": "all of", "any-of": "any one of"}.get(node.mode, f"{node.n} of")
        yield f"{'  ' * depth}{node.statement} ({need}):"
        for child in node.children:
            yield from _outline(child, depth + 1)
    else:
        yield f"{'  ' * depth}{node.statement}"


def _condition(leaf: Requirement) -> str:
    text = leaf.statement.rstrip(".")
    if leaf.effective_from is not None:
        text += f" (from {leaf.effective_from.isoformat()})"
    if leaf.effective_to is not None:
        text += f" (until {leaf.effective_to.isoformat()})"
    if leaf.unverified_reason:
        text += f" (unverified: {leaf.unverified_reason})"
    return f"{text}. Source: {leaf.citation}."


def _profile(
    name: str, description: str, leaves: list[Requirement], choices: Sequence[str]
) -> dict[str, Any]:
    """One condition profile: every requirement in words, and the figures CTDL has a property
    for where exactly one requirement states it."""
    profile: dict[str, Any] = {
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": _plain(name),
        "ceterms:description": _plain(
            f"{description}: all of these {len(leaves)} conditions."
            if not choices
            else f"{description}, with: {'; '.join(choices)}. All of these {len(leaves)} "
            "conditions."
        ),
        "ceterms:condition": [_plain(_condition(leaf)) for leaf in leaves],
    }
    from .eligibility._predicates import Hours, MinAge, WorkDuration

    def of_kind(kind: str) -> list[Requirement]:
        return [leaf for leaf in leaves if leaf.test.kind == kind]

    ages = [leaf.test for leaf in leaves if isinstance(leaf.test, MinAge)]
    if len(ages) == 1:
        profile["ceterms:minimumAge"] = ages[0].years
    durations = [leaf.test for leaf in leaves if isinstance(leaf.test, WorkDuration)]
    if len(durations) == 1:
        profile["ceterms:yearsOfExperience"] = round(durations[0].months / 12, 2)
    experience = of_kind("work-hours") + of_kind("work-duration") + of_kind("supervision-hours")
    if experience:
        profile["ceterms:experience"] = _plain(" ".join(leaf.statement for leaf in experience))
    hours = [leaf.test for leaf in leaves if isinstance(leaf.test, Hours)]
    if len(hours) == 1:
        profile["ceterms:creditHourType"] = _plain(_HOURS_TYPES[hours[0].records])
        profile["ceterms:creditHourValue"] = hours[0].total
    submitted = of_kind("letters") + of_kind("code-of-ethics")
    if submitted:
        profile["ceterms:submissionOf"] = [_plain(leaf.statement) for leaf in submitted]
    return profile


# --- the one entry point ---------------------------------------------------------------------


def to_ctdl(
    obj: Framework | Credential,
    *,
    base_uri: str | None = None,
    crosswalk: Crosswalk | None = None,
) -> str:
    """A framework as CTDL-ASN JSON-LD (an ``@graph`` of one ``ceasn:CompetencyFramework`` and
    one ``ceasn:Competency`` per item), or a credential as a CTDL ``ceterms:Certification``.

    ``crosswalk`` adds a framework's mappings in it as alignments (see :data:`ALIGNMENTS`);
    the command line passes the shipped crosswalk. ``base_uri`` (a registry's resource base,
    such as ``https://sandbox.credentialengineregistry.org/resources/``) makes every ``@id``
    ``<base_uri><ctid>`` instead of the package's own IRIs.
    """
    ids = _Ids(base_uri)
    if isinstance(obj, Framework):
        document = _framework_graph(obj, ids, crosswalk)
    else:
        document = _credential_node(obj, ids)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
