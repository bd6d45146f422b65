"""The readable specification of ``check``: the requirement tree walked node by node.

The package has one engine (``eligibility/_check.py``): a pathway's tree compiled once per
check date into a plan, and the group statuses, reasons and deciding requirements looked up
by the pattern of the leaves' statuses. This walk says the same thing the plain way, group by
group, and the tests hold the engine to it (``test_check_compiled.py``, ``test_roster_fast.py``).
Each leaf is evaluated by the engine's own ``_leaf`` (the predicates are what they are); what
is specified here is how the leaves' results combine into groups, the outcome and the
requirements the outcome turns on.
"""

from __future__ import annotations

import datetime as dt

from peer_competencies import eligibility as el
from peer_competencies.eligibility._check import _leaf
from peer_competencies.eligibility._predicates import Context
from peer_competencies.eligibility._result import _OUTCOME

Status = el.Status


def _needed(group: el.Group, in_force: int) -> int:
    """How many children in force a group needs: all, one, or n (at most those in force)."""
    if group.mode == "all-of":
        return in_force
    if group.mode == "any-of":
        return 1
    return min(group.needed, in_force)


def _status(needed: int, statuses: list[el.Status]) -> el.Status:
    """MET when enough children are met; UNMET when too few could be; else UNKNOWN while a
    child is UNKNOWN, NOT_CHECKED otherwise."""
    met = statuses.count(Status.MET)
    could = met + statuses.count(Status.UNKNOWN) + statuses.count(Status.NOT_CHECKED)
    if met >= needed:
        return Status.MET
    if could < needed:
        return Status.UNMET
    return Status.UNKNOWN if Status.UNKNOWN in statuses else Status.NOT_CHECKED


def _group(group: el.Group, children: list[el.RequirementResult]) -> el.RequirementResult:
    needed = _needed(group, len(children))
    statuses = [c.status for c in children]
    status = _status(needed, statuses)
    met = statuses.count(Status.MET)
    what = {"all-of": "all", "any-of": "any one"}.get(group.mode, str(needed))
    reason = f"{what} of {len(children)} required: {met} met"
    for s in (Status.UNMET, Status.UNKNOWN, Status.NOT_CHECKED):
        if s in statuses:
            reason += f", {statuses.count(s)} {s.value.lower().replace('_', ' ')}"
    steps: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    if status is not Status.MET:
        open_children = [c for c in children if c.status is not Status.MET]
        missing = tuple(dict.fromkeys(m for c in open_children for m in c.missing))
        if group.mode == "all-of":
            steps = tuple(dict.fromkeys(s for c in open_children for s in c.next_steps))
        else:
            options = list(
                dict.fromkeys(" and ".join(c.next_steps) for c in open_children if c.next_steps)
            )
            if len(options) == 1 and needed - met == 1:
                steps = (options[0],)
            elif options:
                lead = "either" if needed - met == 1 else f"{needed - met} of"
                steps = (f"{lead}: " + "; or: ".join(options),)
    return el.RequirementResult(group, status, reason, missing, steps, tuple(children))


def _walk(
    node: el.Group | el.Requirement, ctx: Context, skipped: list[el.Requirement]
) -> el.RequirementResult | None:
    """The result of ``node``; None when nothing below it is in force on the check date."""
    if isinstance(node, el.Requirement):
        if not node.in_force(ctx.as_of):
            skipped.append(node)
            return None
        return _leaf(node, ctx)
    children = [r for c in node.children if (r := _walk(c, ctx, skipped)) is not None]
    return _group(node, children) if children else None


def _with(root: el.RequirementResult, leaf: el.RequirementResult, status: el.Status) -> el.Status:
    """The root's status were ``leaf``'s status ``status``."""
    if root is leaf:
        return status
    if not root.children:
        return root.status
    statuses = [_with(c, leaf, status) for c in root.children]
    assert isinstance(root.node, el.Group)
    return _status(_needed(root.node, len(root.children)), statuses)


def _leaves(root: el.RequirementResult) -> list[el.RequirementResult]:
    return [r for r in root.walk() if not r.children]


def walked_check(
    applicant: el.Applicant, credential: str | el.Credential, pathway: str | None, as_of: dt.date
) -> el.Result:
    """``check`` by the plain walk. A requirement is one the outcome turns on when it is
    unverified or not checked and another status of it would change the outcome."""
    cred = el.credential(credential)
    chosen = cred.pathway(pathway)
    ctx = Context(
        applicant=applicant,
        as_of=as_of,
        today=dt.date.today(),
        vocabulary=el.vocabulary(),
        states_with_credential=frozenset(
            c.jurisdiction for c in el.credentials() if c.jurisdiction
        ),
    )
    skipped: list[el.Requirement] = []
    root = _walk(chosen.requirements, ctx, skipped)
    assert root is not None
    turning = [
        r
        for r in _leaves(root)
        if (r.unverified or r.status is Status.NOT_CHECKED)
        and any(_with(root, r, s) is not root.status for s in Status if s is not r.status)
    ]
    return el.Result(
        credential=cred,
        pathway=chosen,
        as_of=as_of,
        outcome=_OUTCOME[root.status],
        requirements=root,
        applicant_id=applicant.id,
        not_in_force=tuple(skipped),
        depends_on_unverified=tuple(r.node for r in turning if r.unverified),  # type: ignore[misc]
        not_checked=tuple(r.node for r in turning if r.status is Status.NOT_CHECKED),  # type: ignore[misc]
    )
