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
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .._errors import InputError
from ._applicant import Applicant, parse_applicant, today
from ._credential import Credential, Group, Node, Requirement, Verification
from ._predicates import Context, NotChecked, Predicate, Status, evaluate
from ._result import _OUTCOME, Detail, Grown, Outcome, RequirementResult, Result
from ._rules import credential as find_credential
from ._rules import credentials, vocabulary

__all__ = ["Outcome", "RequirementResult", "Result", "check"]


# --- evaluation ------------------------------------------------------------------------------
#
# One engine (the plain tree walk is its readable specification, in tests/check_reference.py):
# a pathway's tree is compiled once per check date into a :class:`_Plan`: the leaves in force,
# each with its test's ``status`` where the test can tell its status alone, and the groups
# bottom up, each with its children's places and how many it needs. A check asks each leaf for
# its status (a test with no ``status`` is evaluated whole; a rule no record shows is evaluated
# once for everyone), then looks the leaves' statuses up in the plan's table of patterns: each
# group's status and reason, and which leaves the outcome turns on, follow from the statuses
# alone, and few patterns cover a roster. The results below the root, a leaf's reason and steps
# (its test's whole finding, which must agree with the status it told) and a group's open parts
# are made when first read: a roster often reads only outcomes.

_SPELLED = {s: s.value.lower().replace("_", " ") for s in Status}


def _group_status(needed: int, statuses: list[Status]) -> Status:
    met = statuses.count(Status.MET)
    unknown = statuses.count(Status.UNKNOWN)
    unchecked = statuses.count(Status.NOT_CHECKED)
    if met >= needed:
        return Status.MET
    if met + unknown + unchecked < needed:
        return Status.UNMET
    # a missing fact the record could give comes first; else it turns on what was not checked
    return Status.UNKNOWN if unknown else Status.NOT_CHECKED


def _needed(group: Group, in_force: int) -> int:
    return (
        min(group.needed, in_force)
        if group.mode == "n-of-m"
        else (in_force if group.mode == "all-of" else 1)
    )


def _group_reason(group: Group, needed: int, statuses: list[Status]) -> str:
    what = {"all-of": "all", "any-of": "any one"}.get(group.mode, str(needed))
    reason = f"{what} of {len(statuses)} required: {statuses.count(Status.MET)} met"
    for s in (Status.UNMET, Status.UNKNOWN, Status.NOT_CHECKED):
        if s in statuses:
            reason += f", {statuses.count(s)} {_SPELLED[s]}"
    return reason


def _leaf(node: Requirement, ctx: Context) -> RequirementResult:
    """A leaf's result: its test's finding, with the steps to take."""
    status, detail = _leaf_parts(node, ctx)
    reason, missing, steps, unrecognised = detail
    return RequirementResult(node, status, reason, missing, steps, unrecognised=unrecognised)


def _leaf_parts(node: Requirement, ctx: Context) -> tuple[Status, Detail]:
    """A leaf's status and detail: its test's finding, with the steps to take."""
    found = evaluate(node.test, ctx)
    status = found.status
    if status is Status.MET:
        return status, (found.reason, found.missing, (), found.unrecognised)
    steps: tuple[str, ...] = ()
    if status is Status.UNMET:
        steps = (found.step or f"meet: {node.statement}",)
    elif status is Status.NOT_CHECKED:
        steps = (f"confirm by hand: {node.statement}",)
    else:
        named = tuple(u.step for u in found.unrecognised)
        if found.missing:
            steps = (f"supply {', '.join(found.missing)}", *named)
        else:
            steps = named or (() if found.steps else (found.reason,))
        if found.step and steps:
            steps = (f"{steps[0]} (or {found.step})", *steps[1:])
        steps = (*steps, *found.steps)
    return status, (found.reason, found.missing, steps, found.unrecognised)


def _open_parts(
    group: Group, needed: int, met: int, children: tuple[RequirementResult, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields to supply and the steps of a group that is not met, from its children's."""
    open_children = [c for c in children if c.status is not Status.MET]
    missing = tuple(dict.fromkeys(m for c in open_children for m in c.missing))
    if group.mode == "all-of":
        return missing, tuple(dict.fromkeys(s for c in open_children for s in c.next_steps))
    options = list(dict.fromkeys(" and ".join(c.next_steps) for c in open_children if c.next_steps))
    if len(options) == 1 and needed - met == 1:
        return missing, (options[0],)  # every way to meet it asks for the same
    lead = "either" if needed - met == 1 else f"{needed - met} of"
    return missing, ((f"{lead}: " + "; or: ".join(options),) if options else ())


_deferred = RequirementResult._deferred

_AT_ONCE = False
"""Whether results are worked out whole at once (see :func:`detail_at_once`)."""


def detail_at_once() -> None:
    """Work out every result's detail when it is made, for the rest of this process: for a
    process whose every result is read whole (a roster worker sends each one back), where
    telling the status first and the detail later would do the work twice."""
    global _AT_ONCE
    _AT_ONCE = True


def _leaf_detail(node: Requirement, status: Status, ctx: Context) -> Grown:
    """The detail of a leaf whose test told its status: the whole finding, in a context of its
    own (a context notes the names it meets while a test runs) that reuses the work its status
    kept (:func:`once`)."""
    told, detail = _leaf_parts(node, ctx.again())
    if told is not status:
        raise AssertionError(f"{node.id}: the test's status {status} but its finding {told}")
    return (), detail


def _whole_status(test: Predicate, ctx: Context) -> Status:
    """The status of a test that cannot tell it alone: its whole finding's."""
    return evaluate(test, ctx).status


def _group_detail(
    node: Group, needed: int, met: int, reason: str, children: tuple[RequirementResult, ...]
) -> Grown:
    missing, steps = _open_parts(node, needed, met, children)
    return children, (reason, missing, steps, ())


class _Pattern(NamedTuple):
    """What the leaves' statuses settle: each group's status, reason and count of children
    met (bottom up), and the places of the unverified leaves and of the leaves not checked
    that the outcome turns on."""

    statuses: tuple[Status, ...]
    reasons: tuple[str, ...]
    met: tuple[int, ...]
    depends_on_unverified: tuple[Requirement, ...]
    not_checked_leaves: tuple[Requirement, ...]


class _Plan:
    """A pathway's tree compiled for checks as of one date."""

    def __init__(self, root: Group, on: dt.date) -> None:
        self.root = root  # kept alive, so that its id, the key of the plan, stays its own
        self.leaves: list[Requirement] = []
        self.skipped: list[Requirement] = []
        self.not_in_force: tuple[Requirement, ...] = ()
        self.groups: list[tuple[Group, tuple[int, ...], int]] = []
        self._shared: dict[int, RequirementResult] = {}
        self._patterns: dict[tuple[Status, ...], _Pattern] = {}
        self._place(root, on)
        self.unverified = tuple(
            leaf.verification is Verification.UNVERIFIED for leaf in self.leaves
        )
        self._constant = frozenset(
            i for i, leaf in enumerate(self.leaves) if isinstance(leaf.test, NotChecked)
        )
        self._asks = tuple(
            getattr(leaf.test, "status", None) or functools.partial(_whole_status, leaf.test)
            for leaf in self.leaves
        )

    def _place(self, node: Node, on: dt.date) -> int | None:
        """Give ``node`` its place (leaves first, then groups bottom up); None when nothing
        below it is in force."""
        if isinstance(node, Requirement):
            if not node.in_force(on):
                self.skipped.append(node)
                return None
            self.leaves.append(node)
            return len(self.leaves) - 1
        kids = [p for c in node.children if (p := self._place(c, on)) is not None]
        if not kids:
            return None
        self.groups.append((node, tuple(kids), _needed(node, len(kids))))
        return -len(self.groups)  # a group's place is settled once every leaf is placed

    def finish(self) -> _Plan:
        """Turn the groups' places into places after the leaves'."""
        count = len(self.leaves)

        def place(p: int) -> int:
            return p if p >= 0 else count - p - 1

        self.groups = [(node, tuple(place(k) for k in kids), n) for node, kids, n in self.groups]
        assert self.groups, "every pathway has a requirement in force"
        self.not_in_force = tuple(self.skipped)
        return self

    def run(self, ctx: Context) -> tuple[RequirementResult, _Pattern]:
        """The root's result for the applicant in ``ctx``, and the pattern of its leaves'
        statuses (which names the leaves the outcome turns on). The statuses are worked out
        now (a test that tells its status on its own, ``status``, is asked for it alone), the
        results below the root when first read."""
        made: list[RequirementResult] | None = None  # the leaves' results, worked out whole
        if _AT_ONCE:
            made = [self._whole(i, leaf, ctx) for i, leaf in enumerate(self.leaves)]
            statuses = [r.status for r in made]
        else:
            statuses = [ask(ctx) for ask in self._asks]
        key = tuple(statuses)
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._learn(key)
        if _AT_ONCE:
            root = self._tree(ctx, made, statuses, pattern)
        else:
            grow = functools.partial(self._grow, ctx, made, statuses, pattern)
            root = _deferred(self.groups[-1][0], pattern.statuses[-1], grow)
        return root, pattern

    def _grow(
        self,
        ctx: Context,
        made: list[RequirementResult] | None,
        statuses: list[Status],
        pattern: _Pattern,
    ) -> Grown:
        root = self._tree(ctx, made, statuses, pattern)
        return root.children, root._details()

    def _tree(
        self,
        ctx: Context,
        made: list[RequirementResult] | None,
        statuses: list[Status],
        pattern: _Pattern,
    ) -> RequirementResult:
        """The result of every node: the leaves' ``made`` whole, or each leaf's detail made
        when first read (a rule no record shows: once for everyone); a group's open parts
        when first read."""
        results: list[RequirementResult] = made or [
            self._whole(i, leaf, ctx)
            if i in self._constant
            else _deferred(leaf, status, functools.partial(_leaf_detail, leaf, status, ctx), ())
            for i, (leaf, status) in enumerate(zip(self.leaves, statuses, strict=True))
        ]
        for (node, kids, needed), status, reason, met in zip(
            self.groups, pattern.statuses, pattern.reasons, pattern.met, strict=True
        ):
            children = tuple([results[k] for k in kids])
            if status is Status.MET:
                results.append(RequirementResult(node, status, reason, children=children))
            elif _AT_ONCE:
                missing, steps = _open_parts(node, needed, met, children)
                results.append(RequirementResult(node, status, reason, missing, steps, children))
            else:
                later = functools.partial(_group_detail, node, needed, met, reason, children)
                results.append(_deferred(node, status, later, children))
        return results[-1]

    def _whole(self, i: int, leaf: Requirement, ctx: Context) -> RequirementResult:
        """The result of the leaf at ``i`` worked out whole; a rule no record shows is worked
        out once and shared (results are immutable)."""
        if i not in self._constant:
            return _leaf(leaf, ctx)
        found = self._shared.get(i)
        if found is None:
            found = self._shared[i] = _leaf(leaf, ctx)
        return found

    def _statuses(self, leaves: Sequence[Status]) -> list[Status]:
        """Every group's status, bottom up, from the leaves'."""
        found = list(leaves)
        for _, kids, needed in self.groups:
            found.append(_group_status(needed, [found[k] for k in kids]))
        return found[len(leaves) :]

    def _learn(self, leaves: tuple[Status, ...]) -> _Pattern:
        everything = [*leaves, *self._statuses(leaves)]
        groups = everything[len(leaves) :]
        reasons, met = [], []
        for node, kids, needed in self.groups:
            statuses = [everything[k] for k in kids]
            reasons.append(_group_reason(node, needed, statuses))
            met.append(statuses.count(Status.MET))
        outcome = groups[-1]
        unverified, not_checked = [], []
        for i, status in enumerate(leaves):
            if not (self.unverified[i] or status is Status.NOT_CHECKED):
                continue
            changed = list(leaves)
            for other in Status:
                if other is status:
                    continue
                changed[i] = other
                if self._statuses(changed)[-1] is not outcome:  # the outcome turns on it
                    if self.unverified[i]:
                        unverified.append(i)
                    if status is Status.NOT_CHECKED:
                        not_checked.append(i)
                    break
        pattern = _Pattern(
            tuple(groups),
            tuple(reasons),
            tuple(met),
            tuple([self.leaves[i] for i in unverified]),
            tuple([self.leaves[i] for i in not_checked]),
        )
        if len(self._patterns) >= _PATTERNS_MAX:
            self._patterns.clear()
        self._patterns[leaves] = pattern
        return pattern


_PATTERNS_MAX = 4096
"""Patterns of leaf statuses remembered per plan."""

_PLANS: dict[tuple[int, dt.date], _Plan] = {}
_PLANS_MAX = 256


def _plan(root: Group, on: dt.date) -> _Plan:
    """The pathway tree ``root`` compiled for checks as of ``on``: once per pathway and date."""
    found = _PLANS.get((id(root), on))
    if found is None or found.root is not root:
        if len(_PLANS) >= _PLANS_MAX:
            _PLANS.clear()
        found = _PLANS[(id(root), on)] = _Plan(root, on).finish()
    return found


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
    cred = credential if credential.__class__ is Credential else find_credential(credential)
    assert isinstance(cred, Credential)
    chosen = cred.pathway(pathway)
    today_ = today()
    when = today_ if as_of is None else as_of
    if when.__class__ is not dt.date and (
        isinstance(when, dt.datetime) or not isinstance(when, dt.date)
    ):
        raise InputError("as_of is a date", where="as_of", fix="pass a datetime.date")
    if when > today_:
        raise InputError(
            f"the check date {when.isoformat()} is in the future",
            where="as_of",
            fix="check as of today or an earlier date",
        )
    person = applicant if isinstance(applicant, Applicant) else parse_applicant(applicant)
    ctx = Context(person, when, today_, vocabulary(), _states_with_credential())
    plan = _plan(chosen.requirements, when)
    root, pattern = plan.run(ctx)
    return Result(
        cred,
        chosen,
        when,
        _OUTCOME[root.status],
        root,
        person.id,
        plan.not_in_force,
        pattern.depends_on_unverified,
        pattern.not_checked_leaves,
    )
