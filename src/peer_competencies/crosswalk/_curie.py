"""How item ids become CURIEs and IRIs in SSSOM, and back.

An item ``samhsa-2015:VIII.4`` is the CURIE ``samhsa_2015:VIII.4`` (the framework id with ``-``
written ``_``, which keeps prefixes distinct and valid), expanding to
``https://peer-competencies.github.io/id/samhsa-2015/VIII.4``. A framework as a whole (an SSSOM
``subject_source`` / ``object_source``, or the author of a source-asserted mapping) is
``peer_competencies:samhsa-2015``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from .._load import FRAMEWORK_ID

__all__ = [
    "BASE_IRI",
    "BUILTIN_PREFIXES",
    "CURATORS",
    "PROJECT_PREFIX",
    "curie_for",
    "framework_iri",
    "framework_source",
    "prefix_for",
    "resolve_framework",
    "resolve_item",
]

BASE_IRI = "https://peer-competencies.github.io/id/"
"""The base of every IRI the package mints (under the project's own GitHub organisation)."""

PROJECT_PREFIX = "peer_competencies"
"""The CURIE prefix of :data:`BASE_IRI`: frameworks as documents, and the project's agents."""

CURATORS = f"{PROJECT_PREFIX}:curators"
"""The ``author_id`` of the mappings the project's curators assert."""

BUILTIN_PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "dcterms": "http://purl.org/dc/terms/",
        "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "pav": "http://purl.org/pav/",
        "prov": "http://www.w3.org/ns/prov#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "semapv": "https://w3id.org/semapv/vocab/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "sssom": "https://w3id.org/sssom/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
)
"""Prefixes SSSOM defines for every mapping set; a file need not declare them (read-only)."""

CURIE = re.compile(r"(?P<prefix>[A-Za-z_][A-Za-z0-9_.\-]*):(?P<local>\S*)")


def prefix_for(framework_id: str) -> str:
    """The CURIE prefix of a framework's items: ``samhsa-2015`` → ``samhsa_2015``."""
    return framework_id.replace("-", "_")


def framework_iri(framework_id: str) -> str:
    """The IRI the items of a framework hang under (ends with ``/``)."""
    return f"{BASE_IRI}{framework_id}/"


def framework_source(framework_id: str) -> str:
    """The CURIE of a framework as a whole: ``peer_competencies:samhsa-2015``."""
    return f"{PROJECT_PREFIX}:{framework_id}"


def curie_for(item_id: str) -> str:
    """The CURIE of an item id: ``samhsa-2015:VIII.4`` → ``samhsa_2015:VIII.4``."""
    framework_id, _, code = item_id.partition(":")
    return f"{prefix_for(framework_id)}:{code}"


def _expand(value: str, curie_map: Mapping[str, str]) -> tuple[str, str]:
    """``(prefix, iri)`` of a CURIE; raises ValueError with a sentence for the reader."""
    match = CURIE.fullmatch(value)
    if match is None or value.startswith(("http://", "https://")):
        raise ValueError(f"{value!r} is not a CURIE (prefix:local)")
    prefix = match["prefix"]
    base = curie_map.get(prefix, BUILTIN_PREFIXES.get(prefix))
    if base is None:
        raise ValueError(f"prefix {prefix!r} of {value!r} is not declared in the curie_map")
    return prefix, base + match["local"]


def resolve_item(value: str, curie_map: Mapping[str, str]) -> str:
    """The item id a CURIE names.

    A prefix that expands under :data:`BASE_IRI` names the framework by its IRI (so any prefix
    name may be used for a shipped framework); any other prefix names the framework by its own
    name, ``_`` read as ``-`` (``my_state:3`` is ``my-state:3``). Raises ValueError.
    """
    prefix, iri = _expand(value, curie_map)
    if iri.startswith(BASE_IRI):
        framework_id, slash, code = iri[len(BASE_IRI) :].partition("/")
        if slash and code and FRAMEWORK_ID.fullmatch(framework_id):
            return f"{framework_id}:{code}"
        raise ValueError(f"{value!r} expands to {iri!r}, which is not an item IRI")
    framework_id = prefix.replace("_", "-")
    local = value.partition(":")[2]
    if not FRAMEWORK_ID.fullmatch(framework_id) or not local:
        raise ValueError(f"prefix {prefix!r} of {value!r} does not name a framework")
    return f"{framework_id}:{local}"


def resolve_framework(value: str, curie_map: Mapping[str, str]) -> str:
    """The framework id a ``subject_source`` / ``object_source`` names; raises ValueError."""
    iri = value if value.startswith(("http://", "https://")) else _expand(value, curie_map)[1]
    rest = iri[len(BASE_IRI) :].rstrip("/") if iri.startswith(BASE_IRI) else ""
    if not FRAMEWORK_ID.fullmatch(rest):
        raise ValueError(f"{value!r} does not name a framework")
    return rest
