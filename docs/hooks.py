"""MkDocs hook: pages generated from the shipped data at build time.

- ``frameworks/<id>.md`` for each framework (:func:`framework_page`): the package's own
  Markdown export, ``peer_competencies.render(framework, "markdown", crosswalk=...)``, whose
  crosswalk links lead to the other frameworks' pages. An index page lists the frameworks.
- ``credentials/<id>.md`` for each credential, generated from its rules by
  ``peer_competencies.eligibility.explain(…, "markdown")``, with links to the items its rules
  implement (:func:`credential_page`) and the names records may use;
- ``schemas.md``, the JSON Schemas of the file formats;
- ``changelog.md``, the repository's ``CHANGELOG.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import peer_competencies as pc
from peer_competencies._markdown import anchor  # the export's anchor rule, for the links here
from peer_competencies._markup import markdown_text as md

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

    from peer_competencies.crosswalk import Crosswalk
    from peer_competencies.eligibility import Credential


def framework_page(framework: pc.Framework, cw: Crosswalk | None = None) -> str:
    """The documentation page of a framework: the package's Markdown export of it, with the
    mappings of the crosswalk ``cw`` (default: the shipped one)."""
    from peer_competencies import crosswalk

    return pc.render(framework, "markdown", crosswalk=crosswalk.default() if cw is None else cw)


_IMPLEMENTS = re.compile(r"implements `([a-z0-9]+(?:-[a-z0-9]+)*):([A-Za-z0-9.\-]+)`")


def _item_link(match: re.Match[str]) -> str:
    item = pc.get(f"{match.group(1)}:{match.group(2)}")
    if item is None:
        return match.group()
    return f"implements [`{item.id}`](../frameworks/{item.framework_id}.md#{anchor(item)})"


def credential_page(markdown: str, names: str = "") -> str:
    """A credential page for the site: ``explain(…, "markdown")`` as it is (its lists nest four
    spaces a level, as Python-Markdown needs), each item a rule implements linked to its
    framework page, then ``names`` (the names records may use)."""
    return _IMPLEMENTS.sub(_item_link, markdown) + names


def credential_page_of(credential: Credential) -> str:
    """A credential's page: its rules as ``eligibility.explain(…, "markdown")`` gives them, then
    the names records may use (the same section ``eligibility explain --markdown`` prints)."""
    from peer_competencies import eligibility
    from peer_competencies.eligibility._describe import names_markdown

    return credential_page(
        eligibility.explain(credential, "markdown"), names_markdown(credential, None)
    )


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

    cw = crosswalk.default()
    for fw in pc.frameworks():
        files.append(_page(config, f"frameworks/{fw.id}.md", framework_page(fw, cw)))
    files.append(_page(config, "frameworks/index.md", index_page(pc.frameworks())))
    for cred in eligibility.credentials():
        files.append(_page(config, f"credentials/{cred.id}.md", credential_page_of(cred)))
    from peer_competencies._schemas import markdown_page  # the JSON Schemas of the formats

    files.append(_page(config, "schemas.md", markdown_page()))
    changelog = Path(config.config_file_path).parent / "CHANGELOG.md"
    files.append(_page(config, "changelog.md", changelog.read_text(encoding="utf-8")))
    return files
