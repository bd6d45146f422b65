"""Credentials as plain data for people and scripts: a summary of each (pathways, dates, when
checked), the whole requirement tree as JSON-ready data, and the names applicant records may use
for the topics, exams and credentials a credential's rules count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal, cast

import attrs

from .._model import Citation
from .._terminal import wrap
from ._credential import Credential, Group, Node, Pathway
from ._predicates import ApplyBy, Name
from ._rules import vocabulary

__all__ = [
    "accepted_names",
    "credential_data",
    "names_lines",
    "names_markdown",
    "summary",
]

Group_ = Literal["topics", "exams", "credentials"]
GROUPS: tuple[Group_, ...] = ("topics", "exams", "credentials")

# the fields of a rule's test (and of the parts inside it) that hold vocabulary keys
_FIELD_GROUP: dict[str, Group_] = {
    "topics": "topics",
    "topic": "topics",
    "training_topics": "topics",
    "exams": "exams",
    "credentials": "credentials",
}


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _citation(c: Citation) -> dict[str, Any]:
    return {
        "title": c.title,
        "publisher": c.publisher,
        "year": c.year,
        "url": c.url,
        "section": c.section,
        "checked_on": _iso(c.checked_on),
    }


def pathway_dates(pathway: Pathway) -> dict[str, Any]:
    """When a pathway is open (``applications_until``: the last day applications are taken, for
    a closed or closing pathway) and its rules in force only between dates."""
    until = [r.test.date for r in pathway.leaves if isinstance(r.test, ApplyBy)]
    return {
        "applications_until": _iso(min(until)) if until else None,
        "dated_rules": [
            {"id": r.id, "from": _iso(r.effective_from), "to": _iso(r.effective_to)}
            for r in pathway.leaves
            if r.effective_from or r.effective_to
        ],
    }


def summary(credential: Credential) -> dict[str, Any]:
    """One credential in brief: id, name, issuer, jurisdiction (None for a national one), each
    pathway with its number of requirements and dates, and the day its sources were checked."""
    return {
        "id": credential.id,
        "name": credential.title,
        "issuer": credential.issuer,
        "jurisdiction": credential.jurisdiction,
        "pathways": [
            {"id": p.id, "title": p.title, "requirements": len(p.leaves), **pathway_dates(p)}
            for p in credential.pathways
        ],
        "checked_on": _iso(credential.citation.checked_on),
        "source": _citation(credential.citation),
    }


def _node(node: Node) -> dict[str, Any]:
    if isinstance(node, Group):
        return {
            "id": node.id,
            "statement": node.statement,
            "needs": node.mode if node.mode != "n-of-m" else f"{node.n}-of-{len(node.children)}",
            "children": [_node(child) for child in node.children],
        }
    return {
        "id": node.id,
        "statement": node.statement,
        "checks": node.test.describe(vocabulary()),
        "test": node.test.kind,
        "source": _citation(node.citation),
        "implements": node.basis,
        "effective_from": _iso(node.effective_from),
        "effective_to": _iso(node.effective_to),
        "verification": node.verification.value,
        "unverified_reason": node.unverified_reason,
    }


def credential_data(credential: Credential, pathway: str | None = None) -> dict[str, Any]:
    """The credential as JSON-ready data: its :func:`summary`, every pathway's requirement tree
    (or one pathway's), its notes, and the :func:`accepted_names` its rules count."""
    chosen = credential.pathways if pathway is None else (credential.pathway(pathway),)
    return {
        **summary(credential),
        "requirements": {
            p.id: {"description": p.description, **_node(p.requirements)} for p in chosen
        },
        "notes": [
            {
                "text": n.text,
                "source": _citation(n.citation),
                "verification": n.verification.value,
                "unverified_reason": n.unverified_reason,
            }
            for n in credential.notes
        ],
        "accepted_names": {
            group: [{"key": n.key, "name": n.name, "aliases": list(n.aliases)} for n in names]
            for group, names in accepted_names(credential, pathway).items()
        },
    }


def _keys_in(value: object, group: Group_ | None) -> Iterator[tuple[Group_, str]]:
    if isinstance(value, str):
        if group is not None:
            yield group, value
    elif isinstance(value, (tuple, list, frozenset)):
        for v in value:
            yield from _keys_in(v, group)
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            if field.eq:  # skips resolved references (an hours rule's ``after_rule``)
                yield from _keys_in(getattr(value, field.name), _FIELD_GROUP.get(field.name))


def accepted_names(
    credential: Credential, pathway: str | None = None
) -> dict[Group_, tuple[Name, ...]]:
    """The vocabulary entries (key, display name, aliases) of every topic, exam and credential
    that the credential's rules (or one pathway's) count, in the vocabulary's order: the names
    an applicant record may write for them."""
    chosen = credential.pathways if pathway is None else (credential.pathway(pathway),)
    used: dict[Group_, set[str]] = {g: set() for g in GROUPS}
    for p in chosen:
        for rule in p.leaves:
            for group, key in _keys_in(rule.test, None):
                used[group].add(key)
    vocab = vocabulary()
    return {
        group: tuple(name for key, name in getattr(vocab, group).items() if key in used[group])
        for group in GROUPS
    }


def _name_rows(credential: Credential, pathway: str | None) -> Iterator[tuple[str, Name]]:
    """The :func:`accepted_names` of a credential, each with the record field that writes it."""
    for group, names in accepted_names(credential, pathway).items():
        field = {"topics": "topic", "exams": "exam", "credentials": "credential"}[group]
        for name in names:
            yield field, name


_COMPARED = "compared lower-cased, letters and digits only"


def names_lines(credential: Credential, pathway: str | None, width: int) -> list[str]:
    """The :func:`accepted_names` of a credential as lines of text at most ``width`` wide."""
    lines = ["", *wrap(f"names accepted in applicant records ({_COMPARED}):", width)]
    for field, name in _name_rows(credential, pathway):
        accepted = "; ".join(dict.fromkeys((name.key, name.name, *name.aliases)))
        lines += wrap(f"{field} {name.key}: {accepted}", width, "  ", "    ")
    return lines


def names_markdown(credential: Credential, pathway: str | None) -> str:
    """The :func:`accepted_names` of a credential as a Markdown section (a table)."""
    from .._markup import markdown_text

    rows = [
        "",
        "## Names accepted in applicant records",
        "",
        f"| field | key | names accepted ({_COMPARED}) |",
        "|---|---|---|",
    ]
    for field, name in _name_rows(credential, pathway):
        accepted = "; ".join(markdown_text(a) for a in (name.name, *name.aliases))
        rows.append(f"| `{field}` | `{name.key}` | {accepted} |")
    return "\n".join(rows) + "\n"
