"""MkDocs hook: pages generated from the shipped data at build time.

- ``frameworks/<id>.md`` for each framework, every item with its id, text and citation (rendered
  by ``peer_competencies.export(framework, "markdown")``), and an index page;
- ``credentials/<id>.md`` for each credential, generated from its rules by
  ``peer_competencies.eligibility.markdown_pages()``;
- ``changelog.md``, the repository's ``CHANGELOG.md``.
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
    from peer_competencies import eligibility

    for name, page in eligibility.markdown_pages().items():
        files.append(_page(config, f"credentials/{name}", page))
    changelog = Path(config.config_file_path).parent / "CHANGELOG.md"
    files.append(_page(config, "changelog.md", changelog.read_text(encoding="utf-8")))
    return files
