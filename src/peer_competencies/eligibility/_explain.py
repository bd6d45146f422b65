"""Explaining a credential from its rules: the requirement tree with citations, as text or
Markdown, each requirement's facts listed once (:func:`_facts`) and rendered either way.
:func:`markdown_pages` (deprecated) renders one page per credential."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

from .._markdown import citation
from .._model import Citation
from ._credential import Credential, Group, Node, Pathway, Requirement, Verification
from ._predicates import Vocabulary
from ._rules import credential as find_credential
from ._rules import credentials, vocabulary

__all__ = ["explain", "markdown_pages"]

_MODES = {"all-of": "all of", "any-of": "any one of"}


def _dates(r: Requirement) -> str:
    if r.effective_from and r.effective_to:
        return f"in force {r.effective_from.isoformat()} to {r.effective_to.isoformat()}"
    if r.effective_from:
        return f"in force from {r.effective_from.isoformat()}"
    if r.effective_to:
        return f"in force until {r.effective_to.isoformat()}"
    return ""


def _checked(c: Citation) -> str:
    return f" (checked {c.checked_on.isoformat()})" if c.checked_on else ""


def _mode(g: Group) -> str:
    return _MODES.get(g.mode, f"at least {g.n} of")


def _pathways(cred: Credential, pathway: str | None) -> Iterable[Pathway]:
    """Every pathway of ``cred``, or the one named."""
    return cred.pathways if pathway is None else (cred.pathway(pathway),)


def _tree(group: Group, depth: int) -> Iterator[tuple[int, Node]]:
    """Every requirement under ``group`` in the order written, each with its depth (its
    children's is ``depth``)."""
    for child in group.children:
        yield depth, child
        if isinstance(child, Group):
            yield from _tree(child, depth + 1)


class _Rendering(NamedTuple):
    """How text and Markdown write a requirement's facts: the citation, and the words before
    the item a rule implements and before the reason a rule is unverified."""

    cite: Callable[[Citation], str]
    implements: str
    unverified: str


def _facts(node: Requirement, vocab: Vocabulary, how: _Rendering) -> Iterator[str]:
    """A requirement's facts, one a line, in the order both renderings give them: what is
    checked, the source, the item it implements, its dates, why it is unverified."""
    yield f"checks: {node.test.describe(vocab)}"
    yield f"source: {how.cite(node.citation)}"
    if node.basis:
        yield how.implements.format(node.basis)
    if dates := _dates(node):
        yield dates
    if node.verification is Verification.UNVERIFIED:
        yield how.unverified.format(node.unverified_reason)


def _text(cred: Credential, pathway: str | None, vocab: Vocabulary) -> str:
    lines = [f"{cred.id}: {cred.title}", f"issuer: {cred.issuer}"]
    if cred.jurisdiction:
        lines.append(f"jurisdiction: {cred.jurisdiction}")
    lines.append(f"source: {cred.citation}{_checked(cred.citation)}")

    for p in _pathways(cred, pathway):
        lines.append("")
        lines.append(f"pathway {p.id}: {p.title}")
        if p.description:
            lines.append(f"  {p.description}")
        for depth, node in _tree(p.requirements, 1):
            pad = "  " * depth
            if isinstance(node, Group):
                lines.append(f"{pad}{node.id}: {_mode(node)}: {node.statement}")
                continue
            flag = " (NOT CHECKED: confirm by hand)" if node.test.kind == "not-checked" else ""
            lines.append(f"{pad}{node.id}: {node.statement}{flag}")
            lines += (f"{pad}    {fact}" for fact in _facts(node, vocab, _TEXT))
    for note in cred.notes:
        flag = f" UNVERIFIED: {note.unverified_reason}" if note.unverified_reason else ""
        lines.append("")
        lines.append(f"note: {note.text} ({note.citation}){flag}")
    return "\n".join(lines) + "\n"


_TEXT = _Rendering(lambda c: f"{c}{_checked(c)}", "implements: {}", "UNVERIFIED: {}")
_MARKDOWN = _Rendering(citation, "implements `{}`", "unverified: {}")


def _markdown(cred: Credential, pathway: str | None, vocab: Vocabulary) -> str:
    out = [f"# {cred.title} (`{cred.id}`)", ""]
    out.append(
        f"Awarded by {cred.issuer}" + (f" ({cred.jurisdiction})." if cred.jurisdiction else ".")
    )
    out += ["", f"Source: {citation(cred.citation)}", ""]
    out.append(
        "Generated from the package's rules (`peer_competencies.eligibility`). Each requirement "
        "gives what is checked, against which applicant fields, and its source."
    )

    for p in _pathways(cred, pathway):
        out += ["", f"## Pathway `{p.id}`: {p.title}", ""]
        if p.description:
            out += [p.description, ""]
        out.append(f"Requirements: {len(p.leaves)}; all of:")
        out.append("")
        for depth, node in _tree(p.requirements, 0):
            pad = "    " * depth  # four spaces a level: CommonMark and Python-Markdown agree
            if isinstance(node, Group):
                out.append(f"{pad}- **{node.statement}** — {_mode(node)} (`{node.id}`):")
                continue
            flag = " ⚠ **unverified**" if node.verification is Verification.UNVERIFIED else ""
            if node.test.kind == "not-checked":
                flag += " — **not checked** (confirm by hand)"
            out.append(f"{pad}- **{node.statement}** (`{node.id}`){flag}")
            out += (f"{pad}    - {fact}" for fact in _facts(node, vocab, _MARKDOWN))
    if cred.notes:
        out += ["", "## Notes", ""]
        for note in cred.notes:
            flag = f" ⚠ unverified: {note.unverified_reason}" if note.unverified_reason else ""
            out.append(f"- {note.text} ({citation(note.citation)}){flag}")
    return "\n".join(out) + "\n"


def explain(
    credential: str | Credential,
    format: Literal["text", "markdown"] = "text",
    pathway: str | None = None,
) -> str:
    """The credential's requirement trees (every pathway, or one), each requirement with what
    is checked, its citation, dates and verification, as plain text or as a Markdown page."""
    cred = find_credential(credential)
    if format == "markdown":
        return _markdown(cred, pathway, vocabulary())
    if format == "text":
        return _text(cred, pathway, vocabulary())
    raise ValueError(f"format is 'text' or 'markdown', not {format!r}")


def markdown_pages() -> Mapping[str, str]:
    """One Markdown page per shipped credential, keyed by file name (``ca-pss.md``), rendered
    from the rules themselves: for the documentation build."""
    return MappingProxyType({f"{c.id}.md": explain(c, format="markdown") for c in credentials()})
