"""Checking one applicant against a credential's pathway: :func:`check` and its :class:`Result`.

Each requirement in force on the check date is evaluated to MET, UNMET, UNKNOWN or NOT_CHECKED
(a requirement no applicant record shows). A group is MET when enough children are MET, UNMET
when too few could be, else UNKNOWN while a child it needs is UNKNOWN, else NOT_CHECKED (it is
met if the requirements not checked are). The root gives the outcome: ELIGIBLE, NOT_ELIGIBLE,
INCOMPLETE or ELIGIBLE_IF_CONFIRMED. A result names the unverified rules and the requirements
not checked that it depends on: those whose status, were it different, would change the outcome.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from .._enum import TextEnum
from .._errors import InputError
from .._markup import markdown_text
from .._model import Citation
from ._applicant import Applicant, parse_applicant
from ._predicates import Context, NotChecked, Status, Unrecognised, evaluate, quoted
from ._rules import (
    Credential,
    Group,
    Node,
    Pathway,
    Requirement,
    Verification,
    credentials,
    vocabulary,
)
from ._rules import (
    credential as find_credential,
)

__all__ = ["Outcome", "RequirementResult", "Result", "check"]


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


@attrs.frozen
class RequirementResult:
    """How one requirement (a leaf or a group) fared: status, reason, what to supply or do."""

    node: Node
    status: Status
    reason: str
    missing: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    children: tuple[RequirementResult, ...] = ()
    unrecognised: tuple[Unrecognised, ...] = ()

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
        yield self
        for child in self.children:
            yield from child.walk()


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
        return tuple(r for r in self.requirements.walk() if isinstance(r.node, Requirement))

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


# --- evaluation ------------------------------------------------------------------------------


def _group_status(mode_needed: int, statuses: list[Status]) -> Status:
    met = statuses.count(Status.MET)
    unknown = statuses.count(Status.UNKNOWN)
    unchecked = statuses.count(Status.NOT_CHECKED)
    if met >= mode_needed:
        return Status.MET
    if met + unknown + unchecked < mode_needed:
        return Status.UNMET
    # a missing fact the record could give comes first; else it turns on what was not checked
    return Status.UNKNOWN if unknown else Status.NOT_CHECKED


def _needed(group: Group, in_force: int) -> int:
    return (
        min(group.needed, in_force)
        if group.mode == "n-of-m"
        else (in_force if group.mode == "all-of" else 1)
    )


def _leaf(node: Requirement, ctx: Context) -> RequirementResult:
    found = evaluate(node.test, ctx)
    steps: tuple[str, ...] = ()
    if found.status is Status.UNMET:
        steps = (found.step or f"meet: {node.statement}",)
    elif found.status is Status.NOT_CHECKED:
        steps = (f"confirm by hand: {node.statement}",)
    elif found.status is Status.UNKNOWN:
        named = tuple(u.step for u in found.unrecognised)
        if found.missing:
            steps = (f"supply {', '.join(found.missing)}", *named)
        else:
            steps = named or (() if found.steps else (found.reason,))
        if found.step and steps:
            steps = (f"{steps[0]} (or {found.step})", *steps[1:])
        steps = (*steps, *found.steps)
    return RequirementResult(
        node, found.status, found.reason, found.missing, steps, unrecognised=found.unrecognised
    )


def _evaluate(node: Node, ctx: Context, skipped: list[Requirement]) -> RequirementResult | None:
    """The result of ``node`` (None when nothing below it is in force), walking the tree: the
    plain form of what :func:`_compiled` does."""
    if isinstance(node, Requirement):
        if not node.in_force(ctx.as_of):
            skipped.append(node)
            return None
        return _leaf(node, ctx)
    children = [r for c in node.children if (r := _evaluate(c, ctx, skipped)) is not None]
    if not children:
        return None
    return _group(node, _needed(node, len(children)), children)


def _group(node: Group, needed: int, children: list[RequirementResult]) -> RequirementResult:
    """A group's result from its children's (those in force)."""
    statuses = [c.status for c in children]
    status = _group_status(needed, statuses)
    met = statuses.count(Status.MET)
    what = {"all-of": "all", "any-of": "any one"}.get(node.mode, str(needed))
    reason = f"{what} of {len(children)} required: {met} met"
    for s in (Status.UNMET, Status.UNKNOWN, Status.NOT_CHECKED):
        if s in statuses:
            reason += f", {statuses.count(s)} {s.value.lower().replace('_', ' ')}"
    open_children = [c for c in children if c.status is not Status.MET]
    steps: tuple[str, ...] = ()
    if status is not Status.MET:
        if node.mode == "all-of":
            steps = tuple(dict.fromkeys(s for c in open_children for s in c.next_steps))
        else:
            options = list(
                dict.fromkeys(" and ".join(c.next_steps) for c in open_children if c.next_steps)
            )
            lead = "either" if needed - met == 1 else f"{needed - met} of"
            if len(options) == 1 and needed - met == 1:
                steps = (options[0],)  # every way to meet it asks for the same
            else:
                steps = (f"{lead}: " + "; or: ".join(options),) if options else ()
    missing: tuple[str, ...] = ()
    if status is not Status.MET:
        missing = tuple(dict.fromkeys(m for c in open_children for m in c.missing))
    return RequirementResult(node, status, reason, missing, steps, tuple(children))


Evaluation = Callable[[Context], RequirementResult]
"""A requirement tree compiled for one check date: the result for the applicant in a context."""


def _compile(node: Node, on: dt.date, skipped: list[Requirement]) -> Evaluation | None:
    """``node`` as a function of the context, for checks as of ``on``: what is in force and how
    many children each group needs are settled once (None: nothing below it is in force)."""
    if isinstance(node, Requirement):
        if not node.in_force(on):
            skipped.append(node)
            return None
        if isinstance(node.test, NotChecked):  # looks at no record: the same for everyone
            return _once(functools.partial(_leaf, node))
        return functools.partial(_leaf, node)
    parts = [p for c in node.children if (p := _compile(c, on, skipped)) is not None]
    if not parts:
        return None
    needed = _needed(node, len(parts))

    def group(ctx: Context) -> RequirementResult:
        return _group(node, needed, [part(ctx) for part in parts])

    return group


def _once(evaluation: Evaluation) -> Evaluation:
    """``evaluation`` for a requirement whose result is the same for every applicant: worked
    out for the first, then shared (results are immutable)."""
    found: list[RequirementResult] = []

    def shared(ctx: Context) -> RequirementResult:
        if not found:
            found.append(evaluation(ctx))
        return found[0]

    return shared


_COMPILED: dict[tuple[int, dt.date], tuple[Group, Evaluation | None, tuple[Requirement, ...]]] = {}
_COMPILED_MAX = 256


def _compiled(root: Group, on: dt.date) -> tuple[Evaluation | None, tuple[Requirement, ...]]:
    """The pathway tree ``root`` compiled for checks as of ``on``, and the requirements not in
    force then; compiled once per pathway and date (each entry keeps its tree alive, so its id
    stays its own)."""
    found = _COMPILED.get((id(root), on))
    if found is None or found[0] is not root:
        skipped: list[Requirement] = []
        evaluation = _compile(root, on, skipped)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        found = _COMPILED[(id(root), on)] = (root, evaluation, tuple(skipped))
    return found[1], found[2]


def _recomputed(r: RequirementResult, leaf_id: str, status: Status) -> Status:
    if isinstance(r.node, Requirement):
        return status if r.node.id == leaf_id else r.status
    statuses = [_recomputed(c, leaf_id, status) for c in r.children]
    return _group_status(_needed(r.node, len(r.children)), statuses)


def _turns_on(root: RequirementResult, r: RequirementResult) -> bool:
    """Whether the outcome would differ were this requirement's status another."""
    assert isinstance(r.node, Requirement)
    others = [s for s in Status if s is not r.status]
    return any(_recomputed(root, r.node.id, s) is not root.status for s in others)


_TURNING: dict[tuple[object, ...], tuple[Node, tuple[bool, ...]]] = {}
"""Memo of :func:`_turning`. Which leaves decide an outcome follows from the pathway's tree,
the leaves in force and their statuses alone, and few such patterns cover a whole roster. Keys
hold the ids of the nodes; each entry keeps its root node alive, so no id is reused meanwhile."""
_TURNING_MAX = 4096


def _turning(root: RequirementResult, leaves: list[RequirementResult]) -> tuple[bool, ...]:
    """For each of ``leaves`` (the leaves of ``root`` in order), whether it is unverified or
    not checked and the outcome would differ were its status another."""
    key = (id(root.node), *(id(r.node) for r in leaves), *(r.status for r in leaves))
    cached = _TURNING.get(key)
    if cached is not None and cached[0] is root.node:
        return cached[1]
    found = tuple(
        (r.unverified or r.status is Status.NOT_CHECKED) and _turns_on(root, r) for r in leaves
    )
    if len(_TURNING) >= _TURNING_MAX:
        _TURNING.clear()
    _TURNING[key] = (root.node, found)
    return found


def _deciding(root: RequirementResult) -> tuple[tuple[Requirement, ...], tuple[Requirement, ...]]:
    """The unverified requirements, and the requirements not checked, that the outcome turns
    on, each in the order of the pathway."""
    leaves = []
    stack = [root]
    while stack:  # depth first, as walk() goes; a result with no children is a leaf's
        r = stack.pop()
        if r.children:
            stack.extend(reversed(r.children))
        else:
            leaves.append(r)
    if not any(r.unverified or r.status is Status.NOT_CHECKED for r in leaves):
        return (), ()
    deciding = [r for r, turns in zip(leaves, _turning(root, leaves), strict=True) if turns]
    unverified = tuple(r.node for r in deciding if r.unverified)
    not_checked = tuple(r.node for r in deciding if r.status is Status.NOT_CHECKED)
    return unverified, not_checked  # type: ignore[return-value]  # leaves' nodes: Requirements


@functools.lru_cache(maxsize=1)
def _states_with_credential() -> frozenset[str]:
    return frozenset(c.jurisdiction for c in credentials() if c.jurisdiction)


def check(
    applicant: Applicant | Mapping[str, Any],
    credential: str | Credential,
    pathway: str | None = None,
    as_of: dt.date | None = None,
) -> Result:
    """Check one applicant against a credential's pathway (the first, initial certification,
    when ``pathway`` is None) as of a date (today when None).

    ``applicant`` is an :class:`Applicant` or a mapping of its fields (as decoded from JSON).
    Raises :class:`UnknownIdError` for an unknown credential or pathway (naming the closest ids)
    and :class:`InputError` for a check date in the future or a malformed applicant.
    """
    cred = find_credential(credential)
    chosen = cred.pathway(pathway)
    today = dt.date.today()
    when = today if as_of is None else as_of
    if isinstance(when, dt.datetime) or not isinstance(when, dt.date):
        raise InputError("as_of is a date", where="as_of", fix="pass a datetime.date")
    if when > today:
        raise InputError(
            f"the check date {when.isoformat()} is in the future",
            where="as_of",
            fix="check as of today or an earlier date",
        )
    person = applicant if isinstance(applicant, Applicant) else parse_applicant(applicant)
    ctx = Context(
        applicant=person,
        as_of=when,
        today=today,
        vocabulary=vocabulary(),
        states_with_credential=_states_with_credential(),
    )
    evaluation, skipped = _compiled(chosen.requirements, when)
    assert evaluation is not None, "every pathway has a requirement in force"
    root = evaluation(ctx)
    depends_on_unverified, not_checked = _deciding(root)
    return Result(
        credential=cred,
        pathway=chosen,
        as_of=when,
        outcome=_OUTCOME[root.status],
        requirements=root,
        applicant_id=person.id,
        not_in_force=skipped,
        depends_on_unverified=depends_on_unverified,
        not_checked=not_checked,
    )
