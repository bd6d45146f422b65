"""What a check answers: the :class:`Outcome`, each :class:`RequirementResult`, the :class:`Result`.

A result is written as text, Markdown or JSON (its methods); how it is worked out is in
``_check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from .._enum import TextEnum
from .._markup import markdown_text
from .._model import Citation
from ._credential import Credential, Node, Pathway, Requirement, Verification
from ._predicates import Status, Unrecognised, quoted

__all__ = ["Outcome", "RequirementResult", "Result"]


class Outcome(TextEnum):
    """The overall answer for an applicant; the CLI's exit code is :attr:`exit_code`.

    ELIGIBLE is given only when every requirement was checked and met. ELIGIBLE_IF_CONFIRMED
    means met on every requirement checked, with requirements no applicant record shows (listed
    in :attr:`Result.not_checked`) left for a person to confirm.
    """

    ELIGIBLE = "ELIGIBLE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    INCOMPLETE = "INCOMPLETE"
    ELIGIBLE_IF_CONFIRMED = "ELIGIBLE_IF_CONFIRMED"

    @property
    def exit_code(self) -> int:
        """0 eligible, 1 not eligible, 2 incomplete, 5 eligible if the requirements not
        checked are confirmed (3 is the command line's error, 4 a roster's rows in error)."""
        return {"ELIGIBLE": 0, "NOT_ELIGIBLE": 1, "INCOMPLETE": 2, "ELIGIBLE_IF_CONFIRMED": 5}[
            self.value
        ]

    @property
    def meaning(self) -> str:
        """The outcome in a few plain words."""
        return _MEANINGS[self]


_MEANINGS = {
    Outcome.ELIGIBLE: "every requirement checked and met",
    Outcome.NOT_ELIGIBLE: "a requirement is not met",
    Outcome.INCOMPLETE: "facts are missing: supply them and check again",
    Outcome.ELIGIBLE_IF_CONFIRMED: (
        "met on every requirement checked; confirm by hand those not checked"
    ),
}

_OUTCOME = {
    Status.MET: Outcome.ELIGIBLE,
    Status.UNMET: Outcome.NOT_ELIGIBLE,
    Status.UNKNOWN: Outcome.INCOMPLETE,
    Status.NOT_CHECKED: Outcome.ELIGIBLE_IF_CONFIRMED,
}


Detail = tuple[str, tuple[str, ...], tuple[str, ...], tuple[Unrecognised, ...]]
"""A result's reason, fields to supply, next steps and unrecognised names."""

Grown = tuple[tuple["RequirementResult", ...], Detail]
"""A result's children and detail."""


class RequirementResult:
    """How one requirement (a leaf or a group) fared: status, reason, what to supply or do.

    Immutable, and equal to another with the same content. The status is known when the
    result is made; :func:`check` works out the children's results, the reason, the fields to
    supply, the steps and the unrecognised names when one of them is first read (a roster often
    reads only outcomes), and they are the same whenever they are read.
    """

    __slots__ = ("_children", "_detail", "_later", "node", "status")

    node: Node
    status: Status
    _children: tuple[RequirementResult, ...] | None
    _detail: Detail | None
    _later: Callable[[], Grown] | None

    def __init__(
        self,
        node: Node,
        status: Status,
        reason: str,
        missing: tuple[str, ...] = (),
        next_steps: tuple[str, ...] = (),
        children: tuple[RequirementResult, ...] = (),
        unrecognised: tuple[Unrecognised, ...] = (),
    ) -> None:
        _set(self, "node", node)
        _set(self, "status", status)
        _set(self, "_children", children)
        _set(self, "_detail", (reason, missing, next_steps, unrecognised))
        _set(self, "_later", None)

    @classmethod
    def _deferred(
        cls,
        node: Node,
        status: Status,
        later: Callable[[], Grown],
        children: tuple[RequirementResult, ...] | None = None,
    ) -> RequirementResult:
        """A result whose detail (and children, when not given) ``later`` works out when
        first read."""
        made = cls.__new__(cls)
        _set(made, "node", node)
        _set(made, "status", status)
        _set(made, "_children", children)
        _set(made, "_detail", None)
        _set(made, "_later", later)
        return made

    def _details(self) -> Detail:
        later = self._later  # read first: the detail is stored before ``_later`` is cleared
        found = self._detail
        if found is None:
            assert later is not None  # set whenever the detail is not
            children, found = later()
            _set(self, "_children", children)
            _set(self, "_detail", found)
            _set(self, "_later", None)
        return found

    @property
    def children(self) -> tuple[RequirementResult, ...]:
        """The results of a group's children in force (none for a leaf)."""
        found = self._children
        if found is None:
            self._details()
            found = self._children
            assert found is not None
        return found

    @property
    def reason(self) -> str:
        """Why the status is what it is, in numbers."""
        return self._details()[0]

    @property
    def missing(self) -> tuple[str, ...]:
        """The applicant fields whose absence keeps the requirement UNKNOWN."""
        return self._details()[1]

    @property
    def next_steps(self) -> tuple[str, ...]:
        """What to supply or do."""
        return self._details()[2]

    @property
    def unrecognised(self) -> tuple[Unrecognised, ...]:
        """The names in the record the vocabulary does not know that keep it UNKNOWN."""
        return self._details()[3]

    def _content(self) -> tuple[object, ...]:
        return (self.node, self.status, *self._details(), self.children)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, RequirementResult)
        return self is other or self._content() == other._content()

    def __hash__(self) -> int:
        return hash(self._content())

    def __repr__(self) -> str:
        reason, missing, steps, unrecognised = self._details()
        return (
            f"RequirementResult(node={self.node!r}, status={self.status!r}, reason={reason!r}, "
            f"missing={missing!r}, next_steps={steps!r}, children={self.children!r}, "
            f"unrecognised={unrecognised!r})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[object, ...]:
        reason, missing, steps, unrecognised = self._details()
        args = (self.node, self.status, reason, missing, steps, self.children, unrecognised)
        return (RequirementResult, args)

    @property
    def id(self) -> str:
        """The requirement's id within its pathway."""
        return self.node.id

    @property
    def statement(self) -> str:
        """The requirement in plain language."""
        return self.node.statement

    @property
    def citation(self) -> Citation | None:
        """Where the rule comes from (None for a group: its leaves cite)."""
        return self.node.citation if isinstance(self.node, Requirement) else None

    @property
    def unverified(self) -> bool:
        """Whether the rule is marked unverified."""
        node = self.node
        return isinstance(node, Requirement) and node.verification is Verification.UNVERIFIED

    def walk(self) -> Iterator[RequirementResult]:
        """This result and every result below it, depth first."""
        stack = [self]
        while stack:
            r = stack.pop()
            yield r
            stack.extend(reversed(r.children))


_set = object.__setattr__


@attrs.frozen
class Result:
    """The answer for one applicant, one credential, one pathway, on one date."""

    credential: Credential
    pathway: Pathway
    as_of: dt.date
    outcome: Outcome
    requirements: RequirementResult
    applicant_id: str | None = None
    not_in_force: tuple[Requirement, ...] = ()
    depends_on_unverified: tuple[Requirement, ...] = ()
    not_checked: tuple[Requirement, ...] = ()

    @property
    def leaves(self) -> tuple[RequirementResult, ...]:
        """The result of every requirement in force, in order."""
        found = []
        stack = [self.requirements]
        while stack:  # depth first, as walk() goes; a group has children, a leaf none
            r = stack.pop()
            children = r.children
            if children:
                stack.extend(reversed(children))
            elif isinstance(r.node, Requirement):
                found.append(r)
        return tuple(found)

    def requirement(self, requirement_id: str) -> RequirementResult:
        """The result of the requirement (or group) with this id; raises KeyError."""
        for r in self.requirements.walk():
            if r.id == requirement_id:
                return r
        raise KeyError(requirement_id)

    @property
    def unrecognised(self) -> tuple[Unrecognised, ...]:
        """The names in the record that the vocabulary does not know and that keep a
        requirement UNKNOWN, once each (by place), with the names each could be."""
        found: dict[str, Unrecognised] = {}
        for r in self.leaves:
            for u in r.unrecognised:
                if u.field in found:
                    names = (*found[u.field].could_be, *u.could_be)
                    u = attrs.evolve(u, could_be=tuple(dict.fromkeys(names)))
                found[u.field] = u
        return tuple(found.values())

    def with_status(self, status: Status) -> tuple[RequirementResult, ...]:
        """The requirements (leaves) with this status."""
        return tuple(r for r in self.leaves if r.status is status)

    @property
    def to_supply(self) -> tuple[str, ...]:
        """The applicant fields whose absence keeps requirements UNKNOWN, in order."""
        if self.outcome is Outcome.ELIGIBLE:
            return ()
        return self.requirements.missing

    @property
    def next_steps(self) -> tuple[str, ...]:
        """What to supply or do next, in the order of the requirements, each once."""
        return tuple(dict.fromkeys(self.requirements.next_steps))

    @property
    def exit_code(self) -> int:
        """0 eligible, 1 not eligible, 2 incomplete."""
        return self.outcome.exit_code

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data."""

        def node(r: RequirementResult) -> dict[str, Any]:
            data: dict[str, Any] = {
                "id": r.id,
                "statement": r.statement,
                "status": r.status.value,
                "reason": r.reason,
            }
            if r.citation is not None:
                c = r.citation
                data["citation"] = {
                    "title": c.title,
                    "publisher": c.publisher,
                    "url": c.url,
                    "section": c.section,
                    "checked_on": None if c.checked_on is None else c.checked_on.isoformat(),
                }
                data["verification"] = "unverified" if r.unverified else "verified"
            if r.missing:
                data["to_supply"] = list(r.missing)
            if r.unrecognised:
                data["unrecognised"] = [_unrecognised(u) for u in r.unrecognised]
            if r.next_steps:
                data["next_steps"] = list(r.next_steps)
            if r.children:
                data["children"] = [node(c) for c in r.children]
            return data

        return {
            "applicant_id": self.applicant_id,
            "credential": self.credential.id,
            "pathway": self.pathway.id,
            "as_of": self.as_of.isoformat(),
            "outcome": self.outcome.value,
            "to_supply": list(self.to_supply),
            "next_steps": list(self.next_steps),
            "depends_on_unverified": [
                {"id": r.id, "reason": r.unverified_reason} for r in self.depends_on_unverified
            ],
            "not_checked": [{"id": r.id, "statement": r.statement} for r in self.not_checked],
            "not_in_force": [r.id for r in self.not_in_force],
            "unrecognised": [_unrecognised(u) for u in self.unrecognised],
            "requirements": node(self.requirements),
        }

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """A Markdown report: the outcome, a table of the requirements with their status and
        reason, what was not checked, the unrecognised names and the next steps."""
        who = f"Applicant `{self.applicant_id}`: " if self.applicant_id else ""
        out = [
            f"## {who}{_md(self.credential.title)} (`{self.credential.id}`), "
            f"{_md(self.pathway.title)}",
            "",
            f"As of {self.as_of.isoformat()}: **{self.outcome.value}** ({self.outcome.meaning}).",
            "",
            "| requirement | status | reason |",
            "|---|---|---|",
        ]
        for r in self.leaves:
            flag = " (unverified)" if r.unverified else ""
            out.append(f"| `{r.id}`{flag} | {r.status.value} | {_md(r.reason)} |")
        if self.not_checked:
            out += ["", "Not checked (confirm by hand):", ""]
            out += [f"- `{r.id}`: {_md(r.statement)}" for r in self.not_checked]
        if self.depends_on_unverified:
            out += ["", "Depends on unverified rules:", ""]
            out += [
                f"- `{r.id}`: {_md(r.unverified_reason or '')}" for r in self.depends_on_unverified
            ]
        if self.next_steps:
            out += ["", "Next:", ""]
            out += [f"- {_md(step)}" for step in self.next_steps]
        return "\n".join(out) + "\n"

    def to_text(self) -> str:
        """A plain-text report: outcome, each requirement with its reason and source, next steps."""
        who = f"applicant {self.applicant_id}: " if self.applicant_id else ""
        lines = [
            f"{who}{self.credential.id} / {self.pathway.id} as of {self.as_of.isoformat()}: "
            f"{self.outcome.value} ({self.outcome.meaning})"
        ]

        def walk(r: RequirementResult, depth: int) -> None:
            pad = "  " * depth
            flag = " (unverified)" if r.unverified else ""
            lines.append(f"{pad}[{r.status.value}] {r.id}{flag}: {r.reason}")
            if r.citation is not None:
                lines.append(f"{pad}    source: {r.citation}")
            for child in r.children:
                walk(child, depth + 1)

        for child in self.requirements.children:
            walk(child, 1)
        if self.not_in_force:
            ids = ", ".join(r.id for r in self.not_in_force)
            lines.append(f"not in force on {self.as_of.isoformat()}: {ids}")
        for r in self.not_checked:
            lines.append(f"not checked: {r.id}: {r.statement}")
        for r in self.depends_on_unverified:
            lines.append(f"depends on an unverified rule: {r.id}: {r.unverified_reason}")
        for u in self.unrecognised:
            lines.append(f"not a name this package knows: {u.field} {quoted(u.given)}")
        if self.next_steps:
            lines.append("next:")
            lines.extend(f"  - {step}" for step in self.next_steps)
        return "\n".join(lines)


def _md(text: str) -> str:
    return markdown_text(text)


def _unrecognised(u: Unrecognised) -> dict[str, Any]:
    return {"field": u.field, "given": u.given, "could_be": list(u.could_be)}
