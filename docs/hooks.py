"""MkDocs hook: the framework pages are generated from the shipped data at build time.

Each framework gets ``frameworks/<id>.md`` (every item with its id, text and citation, rendered by
``peer_competencies.export(framework, "markdown")``), plus an index page; the changelog page is
the repository's ``CHANGELOG.md``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import peer_competencies as pc


def _page(config: MkDocsConfig, path: str, content: str) -> File:
    return File.generated(config, path, content=content)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages to the site."""
    rows = [
        "# Frameworks",
        "",
        "Generated from the data the package ships.",
        "",
        "| id | title | items | source |",
        "|---|---|---|---|",
    ]
    for fw in pc.frameworks():
        files.append(_page(config, f"frameworks/{fw.id}.md", pc.export(fw, "markdown")))
        rows.append(f"| [`{fw.id}`]({fw.id}.md) | {fw.title} | {len(fw)} | {fw.source.publisher} |")
    files.append(_page(config, "frameworks/index.md", "\n".join(rows) + "\n"))
    changelog = Path(config.config_file_path).parent / "CHANGELOG.md"
    files.append(_page(config, "changelog.md", changelog.read_text(encoding="utf-8")))
    return files
