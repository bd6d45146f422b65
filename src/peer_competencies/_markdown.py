"""A framework as a Markdown page (:func:`to_markdown`, the ``markdown`` export format): the
page the documentation site shows for each framework, so that the site and the export are one
rendering."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._markup import markdown_text as md
from ._model import Citation, Framework, Item, Kind

if TYPE_CHECKING:
    from .crosswalk import Crosswalk

__all__ = ["anchor", "citation", "to_markdown"]

HEADED_BELOW_ROOTS = frozenset({Kind.COMPETENCY})
"""Kinds that get a heading of their own below a top-level item (SAMHSA's and the BJA list's
competencies under their categories); every top-level item gets one too."""

KIND_TITLES = {
    Kind.SKILL: "Skills",
    Kind.VALUE: "Values",
    Kind.THEME: "Themes",
    Kind.FIELD_EXAMPLE: "Field examples",
    Kind.STATEMENT: "Statements",
    Kind.SUB_COMPETENCY: "Sub-competencies",
    Kind.COMPETENCY: "Competencies",
}

_HEADING_TEXT = 110  # characters of an item's text in its heading; the whole text follows


def anchor(item: Item) -> str:
    """The item's anchor on its framework's page: its code, ``.`` written ``_`` (codes hold no
    ``_``, so no two items share one)."""
    return item.code.replace(".", "_")


def link(item: Item, page: str) -> str:
    """A Markdown link to the item from the framework page ``page`` (a framework id)."""
    target = (
        f"#{anchor(item)}"
        if item.framework_id == page
        else f"{item.framework_id}.md#{anchor(item)}"
    )
    return f"[`{item.id}`]({target})"


def _headed(item: Item) -> bool:
    return item.parent_id is None or (
        item.kind in HEADED_BELOW_ROOTS
        and item.parent is not None
        and item.parent.parent_id is None
    )


def _heading(item: Item, level: int) -> list[str]:
    text = " ".join(item.text.split())
    short = text if len(text) <= _HEADING_TEXT else text[:_HEADING_TEXT].rsplit(" ", 1)[0] + " …"
    number = item.code if "." in item.code else f"{item.code}."
    lines = [f"{'#' * level} {md(number)} {md(short)} {{#{anchor(item)}}}", ""]
    if short != text:
        lines += [md(text), ""]
    return lines


def _place(item: Item, framework: Framework) -> str:
    """Where the item is in the source: its section, or its whole citation when it comes from
    another document than the framework's."""
    c = item.citation
    s = framework.source
    if (c.title, c.publisher, c.url) == (s.title, s.publisher, s.url):
        return md(c.section or "")
    return citation(c)


def citation(c: Citation) -> str:
    """A citation as Markdown on one line: publisher (year), *title*, section, linked to its URL
    where it has one, then the day it was checked; its wording escaped (the one Markdown form of
    a citation: framework pages and credential pages alike)."""
    title = f"{md(c.publisher)}{f' ({c.year})' if c.year else ''}, *{md(c.title)}*"
    if c.section:
        title += f", {md(c.section)}"
    checked = f" (checked {c.checked_on.isoformat()})" if c.checked_on else ""
    return (f"[{title}]({c.url})" if c.url else title) + checked


def _crosswalk_lines(item: Item, cw: Crosswalk | None) -> list[str]:
    links = _crosswalk_links(item, cw)
    return [f"*Crosswalk:* {links}", ""] if links else []


def _crosswalk_links(item: Item, cw: Crosswalk | None) -> str:
    """The item's asserted mappings, read from the item, as links (curated no-matches last);
    none without a crosswalk."""
    if cw is None:
        return ""
    from .crosswalk._model import NO_TERM_FOUND

    links: list[str] = []
    nothing: list[str] = []
    for record in cw.mappings(item.id):
        mine = record.subject_id == item.id
        other = record.object_id if mine else record.subject_id
        predicate = record.predicate if mine else record.predicate.inverse
        if other == NO_TERM_FOUND:
            source = record.object_source if mine else record.subject_source
            nothing.append(f"no {predicate.label} match in `{(source or '').rsplit(':', 1)[-1]}`")
            continue
        target = cw.get(other)
        if target is None:
            continue
        label = ("not " if record.negated else "") + predicate.label
        confidence = "" if record.confidence is None else f" {record.confidence:.2f}"
        links.append(f"{label} {link(target, item.framework_id)}{confidence}")
    return " · ".join([*links, *nothing])


def _group_lines(children: Sequence[Item], framework: Framework, cw: Crosswalk | None) -> list[str]:
    """The items below a heading, grouped by kind; each group's place in the source once when
    its items share it, else after each item."""
    lines: list[str] = []
    for kind, group in itertools.groupby(children, key=lambda i: i.kind):
        items = list(group)
        places = {_place(i, framework) for i in items}
        shared = places.pop() if len(places) == 1 else None
        title = KIND_TITLES.get(kind, kind.value.capitalize())
        lines += [f"**{title}**" + (f" ({shared})" if shared else "") + ":", ""]
        for i in items:
            lines += _list_item(i, framework, cw, 0, with_place=shared is None)
        lines.append("")
    return lines


def _list_item(
    item: Item, framework: Framework, cw: Crosswalk | None, depth: int, with_place: bool
) -> list[str]:
    pad = "    " * depth
    text = md(item.text)
    if item.description:
        text += f" {md(item.description)}"
    if item.origins:
        text += " *(origin: " + md("; ".join(o.tag or o.framework for o in item.origins)) + ")*"
    if with_place:
        text += f" — *{_place(item, framework)}*"
    lines = [f'{pad}- <a id="{anchor(item)}"></a>`{md(item.code)}` {text}']
    lines += [f"{pad}    - *Note (ours):* {md(note)}" for note in item.notes]
    links = _crosswalk_links(item, cw)
    if links:
        lines.append(f"{pad}    - *Crosswalk:* {links}")
    for child in item.children:
        lines += _list_item(child, framework, cw, depth + 1, with_place=True)
    return lines


def _section(item: Item, framework: Framework, cw: Crosswalk | None, level: int) -> list[str]:
    lines = _heading(item, level)
    if item.label:
        lines += [f"Label (ours): {md(item.label)}", ""]
    if item.description:
        lines += [md(item.description), ""]
    lines += [f"*Source:* {_place(item, framework)}", ""]
    if item.origins:
        lines += ["*Origin:* " + md("; ".join(o.tag or o.framework for o in item.origins)), ""]
    lines += [f"*Note (ours):* {md(note)}" for note in item.notes] + [""] * bool(item.notes)
    lines += _crosswalk_lines(item, cw)
    headed = [c for c in item.children if _headed(c)]
    listed = [c for c in item.children if not _headed(c)]
    if listed:
        lines += _group_lines(listed, framework, cw)
    for child in headed:
        lines += _section(child, framework, cw, level + 1)
    return lines


def to_markdown(framework: Framework, *, crosswalk: Crosswalk | None = None) -> str:
    """The framework as a Markdown page, the one the documentation site shows: the source cited
    once at the top; one heading, with an anchor (``{#VIII_4}``, read by MkDocs and Pandoc), per
    top-level item and per competency, each section's place in the source once under it; the
    items below a competency grouped by kind, each with an ``<a id>`` anchor; the notes after
    the items. With ``crosswalk``, each item's mappings in it, as links to the other
    frameworks' pages (``ca-sb803.md#13``: one page per framework, named by its id)."""
    kinds = ", ".join(f"{n} {k.value}" for k, n in framework.kinds.items())
    lines = [
        f"# {md(framework.title)}",
        "",
        f"Framework id `{framework.id}`, version {md(framework.version)}: {len(framework)} items"
        f" ({kinds}). Each item's id is the framework id, a colon and the code before its text "
        f"(`{framework.items[0].id}`); its anchor on this page is the code.",
        "",
        f"Source of every item below, unless an item names another: {citation(framework.source)}",
        "",
    ]
    if not framework.attribution_confirmed:
        lines += [f"**Attribution unconfirmed.** {md(framework.attribution_note or '')}", ""]
    for root in framework.roots:
        lines += _section(root, framework, crosswalk, 2)
    if framework.notes:
        lines += ["## Notes from the source {#notes-from-the-source}", ""]
        for note in framework.notes:
            lines += [
                f"### {md(note.code)}. {md(note.title)} {{#{note.code.replace('.', '_')}}}",
                "",
                md(note.text),
                "",
                f"*Source:* {citation(note.source)}",
                "",
            ]
    if framework.editorial_notes:
        lines += ["## Editorial notes (ours) {#editorial-notes}", ""]
        lines += [f"- {md(note)}" for note in framework.editorial_notes] + [""]
    return "\n".join(lines).rstrip() + "\n"
