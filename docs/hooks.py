"""MkDocs hook: pages generated from the shipped data at build time.

- ``frameworks/<id>.md`` for each framework (:func:`framework_page`): one heading, with an
  anchor, per top-level item and per competency; the source cited once at the top and each
  section's place once under its heading; the items below a competency grouped by kind; each
  item's crosswalk mappings as links to the other frameworks' pages; the notes after the
  items. An index page lists the frameworks.
- ``credentials/<id>.md`` for each credential, generated from its rules by
  ``peer_competencies.eligibility.explain(…, "markdown")``, with nested lists indented as
  Python-Markdown reads them (:func:`credential_page`) and the names records may use;
- ``schemas.md``, the JSON Schemas of the file formats;
- ``changelog.md``, the repository's ``CHANGELOG.md``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import peer_competencies as pc
from peer_competencies._markup import markdown_text as md

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from peer_competencies.crosswalk import Crosswalk

HEADED_BELOW_ROOTS = frozenset({pc.Kind.COMPETENCY})
"""Kinds that get a heading of their own below a top-level item (SAMHSA's and the BJA list's
competencies under their categories); every top-level item gets one too."""

KIND_TITLES = {
    pc.Kind.SKILL: "Skills",
    pc.Kind.VALUE: "Values",
    pc.Kind.THEME: "Themes",
    pc.Kind.FIELD_EXAMPLE: "Field examples",
    pc.Kind.STATEMENT: "Statements",
    pc.Kind.SUB_COMPETENCY: "Sub-competencies",
    pc.Kind.COMPETENCY: "Competencies",
}

_HEADING_TEXT = 110  # characters of an item's text in its heading; the whole text follows


def anchor(item: pc.Item) -> str:
    """The item's anchor on its framework's page: its code, ``.`` written ``_`` (codes hold no
    ``_``, so no two items share one)."""
    return item.code.replace(".", "_")


def link(item: pc.Item, page: str) -> str:
    """A Markdown link to the item from the framework page ``page`` (a framework id)."""
    target = (
        f"#{anchor(item)}"
        if item.framework_id == page
        else f"{item.framework_id}.md#{anchor(item)}"
    )
    return f"[`{item.id}`]({target})"


def _headed(item: pc.Item) -> bool:
    return item.parent_id is None or (
        item.kind in HEADED_BELOW_ROOTS
        and item.parent is not None
        and item.parent.parent_id is None
    )


def _heading(item: pc.Item, level: int) -> list[str]:
    text = " ".join(item.text.split())
    short = text if len(text) <= _HEADING_TEXT else text[:_HEADING_TEXT].rsplit(" ", 1)[0] + " …"
    number = item.code if "." in item.code else f"{item.code}."
    lines = [f"{'#' * level} {md(number)} {md(short)} {{#{anchor(item)}}}", ""]
    if short != text:
        lines += [md(text), ""]
    return lines


def _place(item: pc.Item, framework: pc.Framework) -> str:
    """Where the item is in the source: its section, or its whole citation when it comes from
    another document than the framework's."""
    c = item.citation
    s = framework.source
    if (c.title, c.publisher, c.url) == (s.title, s.publisher, s.url):
        return md(c.section or "")
    return _citation(c)


def _citation(c: pc.Citation) -> str:
    title = f"{md(c.publisher)}{f' ({c.year})' if c.year else ''}, *{md(c.title)}*"
    if c.section:
        title += f", {md(c.section)}"
    if c.url:
        title += f". <{c.url}>"
    if c.checked_on:
        title += f" (checked {c.checked_on.isoformat()})"
    return title


def _crosswalk_lines(item: pc.Item, cw: Crosswalk) -> list[str]:
    links = _crosswalk_links(item, cw)
    return [f"*Crosswalk:* {links}", ""] if links else []


def _crosswalk_links(item: pc.Item, cw: Crosswalk) -> str:
    """The item's asserted mappings, read from the item, as links (curated no-matches last)."""
    from peer_competencies.crosswalk._model import NO_TERM_FOUND

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


def _group_lines(children: Sequence[pc.Item], framework: pc.Framework, cw: Crosswalk) -> list[str]:
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
    item: pc.Item, framework: pc.Framework, cw: Crosswalk, depth: int, with_place: bool
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


def _section(item: pc.Item, framework: pc.Framework, cw: Crosswalk, level: int) -> list[str]:
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


def framework_page(framework: pc.Framework, cw: Crosswalk | None = None) -> str:
    """The documentation page of a framework (see the module's description)."""
    from peer_competencies import crosswalk

    cw = crosswalk.default() if cw is None else cw
    kinds = ", ".join(f"{n} {k.value}" for k, n in framework.kinds.items())
    lines = [
        f"# {md(framework.title)}",
        "",
        f"Framework id `{framework.id}`, version {md(framework.version)}: {len(framework)} items"
        f" ({kinds}). Each item's id is the framework id, a colon and the code before its text "
        f"(`{framework.items[0].id}`); its anchor on this page is the code.",
        "",
        f"Source of every item below, unless an item names another: {_citation(framework.source)}",
        "",
    ]
    if not framework.attribution_confirmed:
        lines += [f"**Attribution unconfirmed.** {md(framework.attribution_note or '')}", ""]
    for root in framework.roots:
        lines += _section(root, framework, cw, 2)
    if framework.notes:
        lines += ["## Notes from the source {#notes-from-the-source}", ""]
        for note in framework.notes:
            lines += [
                f"### {md(note.code)}. {md(note.title)} {{#{note.code.replace('.', '_')}}}",
                "",
                md(note.text),
                "",
                f"*Source:* {_citation(note.source)}",
                "",
            ]
    if framework.editorial_notes:
        lines += ["## Editorial notes (ours) {#editorial-notes}", ""]
        lines += [f"- {md(note)}" for note in framework.editorial_notes] + [""]
    return "\n".join(lines).rstrip() + "\n"


_LIST_INDENT = re.compile(r"^((?:  )+)(?=- )", re.MULTILINE)
_IMPLEMENTS = re.compile(r"implements `([a-z0-9]+(?:-[a-z0-9]+)*):([A-Za-z0-9.\-]+)`")


def _item_link(match: re.Match[str]) -> str:
    item = pc.get(f"{match.group(1)}:{match.group(2)}")
    if item is None:
        return match.group()
    return f"implements [`{item.id}`](../frameworks/{item.framework_id}.md#{anchor(item)})"


def credential_page(markdown: str, names: str = "") -> str:
    """A credential page for the site: the nested lists of ``explain(…, "markdown")`` (two
    spaces a level, as CommonMark reads them) indented four spaces a level, as Python-Markdown
    needs, each item a rule implements linked to its framework page, then ``names`` (the names
    records may use)."""
    page = _LIST_INDENT.sub(lambda m: m.group(1) * 2, markdown)
    return _IMPLEMENTS.sub(_item_link, page) + names


def index_page(frameworks: Iterable[pc.Framework]) -> str:
    """The list of frameworks."""
    rows = [
        "# Frameworks",
        "",
        "Generated from the data the package ships.",
        "",
        "| id | title | items | source |",
        "|---|---|---|---|",
    ]
    for fw in frameworks:
        rows.append(
            f"| [`{fw.id}`]({fw.id}.md) | {md(fw.title)} | {len(fw)} | {md(fw.source.publisher)} |"
        )
    return "\n".join(rows) + "\n"


def _page(config: MkDocsConfig, path: str, content: str) -> File:
    from mkdocs.structure.files import File

    return File.generated(config, path, content=content)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages to the site."""
    from peer_competencies import crosswalk, eligibility
    from peer_competencies.eligibility._describe import names_markdown

    cw = crosswalk.default()
    for fw in pc.frameworks():
        files.append(_page(config, f"frameworks/{fw.id}.md", framework_page(fw, cw)))
    files.append(_page(config, "frameworks/index.md", index_page(pc.frameworks())))
    for cred in eligibility.credentials():
        page = credential_page(eligibility.explain(cred, "markdown"), names_markdown(cred, None))
        files.append(_page(config, f"credentials/{cred.id}.md", page))
    from peer_competencies._schemas import markdown_page  # the JSON Schemas of the formats

    files.append(_page(config, "schemas.md", markdown_page()))
    changelog = Path(config.config_file_path).parent / "CHANGELOG.md"
    files.append(_page(config, "changelog.md", changelog.read_text(encoding="utf-8")))
    return files
