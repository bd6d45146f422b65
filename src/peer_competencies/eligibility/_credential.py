"""A credential as the package models it: pathways, requirement trees of groups and leaves, notes.

A credential has pathways (initial certification, reciprocity, renewal …); a pathway's
requirements are a tree of :class:`Group` nodes (all-of, any-of, n-of-m) whose leaves are
:class:`Requirement`: a plain-language statement, its citation, the dates it is in force, its
verification status and a typed predicate (``test``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

import attrs

from .._didyoumean import closest
from .._enum import TextEnum
from .._errors import UnknownIdError
from .._model import Citation
from ._predicates import Predicate


class Verification(TextEnum):
    """Whether a fact was confirmed on its publisher's own page."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"


@attrs.frozen
class Requirement:
    """A leaf of a requirement tree: one rule, stated in plain language, cited and dated.

    ``basis`` is the id of the canonical item the rule implements (``ca-sb803:Q1``), when there
    is one. ``unverified_reason`` says why an unverified rule is not settled.
    """

    id: str
    statement: str
    citation: Citation
    test: Predicate
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    verification: Verification = Verification.VERIFIED
    unverified_reason: str | None = None
    basis: str | None = None

    def in_force(self, on: dt.date) -> bool:
        """Whether the rule applies on the given day."""
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to


@attrs.frozen
class Group:
    """An inner node: ``all-of`` its children, ``any-of`` them, or ``n-of-m`` (at least ``n``)."""

    id: str
    statement: str
    mode: Literal["all-of", "any-of", "n-of-m"]
    children: tuple[Node, ...]
    n: int | None = None

    @property
    def needed(self) -> int:
        """How many children must be met."""
        if self.mode == "all-of":
            return len(self.children)
        if self.mode == "any-of":
            return 1
        return self.n or 0


Node = Requirement | Group


def leaves(node: Node) -> Iterator[Requirement]:
    """The requirements under ``node``, depth first, in the order the file gives."""
    if isinstance(node, Requirement):
        yield node
    else:
        for child in node.children:
            yield from leaves(child)


@attrs.frozen
class Pathway:
    """One way to the credential, with its requirement tree."""

    id: str
    title: str
    requirements: Group
    description: str | None = None

    @property
    def leaves(self) -> tuple[Requirement, ...]:
        """Every requirement of the pathway, in order."""
        return tuple(leaves(self.requirements))


@attrs.frozen
class CredentialNote:
    """A fact about a credential that no rule checks (fees, exam format …), cited."""

    text: str
    citation: Citation
    verification: Verification = Verification.VERIFIED
    unverified_reason: str | None = None


@attrs.frozen
class Credential:
    """A peer certification: who awards it, where, its sources and its pathways."""

    id: str
    title: str
    issuer: str
    citation: Citation
    pathways: tuple[Pathway, ...]
    jurisdiction: str | None = None
    notes: tuple[CredentialNote, ...] = ()

    def pathway(self, pathway_id: str | None = None) -> Pathway:
        """The pathway with this id; the first (initial certification) when None."""
        if pathway_id is None:
            return self.pathways[0]
        for p in self.pathways:
            if p.id == pathway_id:
                return p
        known = [p.id for p in self.pathways]
        raise UnknownIdError(
            pathway_id, closest(pathway_id, known) or known, f"pathway of {self.id}"
        )
