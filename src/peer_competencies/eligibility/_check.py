"""Checking one applicant against a credential's pathway: :func:`check` (its answer: ``_result``).

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
from collections.abc import Callable, Mapping
from typing import Any

from .._errors import InputError
from ._applicant import Applicant, parse_applicant
from ._predicates import Context, NotChecked, Status, evaluate
from ._result import _OUTCOME, Outcome, RequirementResult, Result
from ._rules import (
    Credential,
    Group,
    Node,
    Requirement,
    credentials,
    vocabulary,
)
from ._rules import (
    credential as find_credential,
)

__all__ = ["Outcome", "RequirementResult", "Result", "check"]


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
