"""One way to do each job: the documentation site's framework pages are the package's Markdown
export, and every old public name is one line of one table."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

import peer_competencies as pc
from peer_competencies import coverage, crosswalk, eligibility
from tests.test_docs_pages import hooks


def test_the_sites_framework_page_is_the_markdown_export_with_the_shipped_crosswalk() -> None:
    for fw in pc.frameworks():
        page = pc.render(fw, "markdown", crosswalk=crosswalk.default())
        assert hooks.framework_page(fw) == page, fw.id
    assert "markdown" in pc.FORMATS


def test_the_markdown_export_links_mappings_only_when_given_a_crosswalk() -> None:
    fw = pc.framework("samhsa-2015")
    alone = pc.render(fw, "markdown")
    assert alone == pc.to_markdown(fw)
    assert "*Crosswalk:*" not in alone
    linked = pc.to_markdown(fw, crosswalk=crosswalk.default())
    assert "[`ca-sb803:13`](ca-sb803.md#13)" in linked
    # every item is on the page once, with its anchor, with or without the links
    for page in (alone, linked):
        found = set(re.findall(r"\{#([^}]+)\}|<a id=\"([^\"]+)\">", page))
        anchors = {a or b for a, b in found}
        assert {i.code.replace(".", "_") for i in fw} <= anchors


@pytest.mark.parametrize("package", [pc, coverage, crosswalk, eligibility])
def test_an_old_name_warns_from_the_line_that_used_it(package: ModuleType) -> None:
    from peer_competencies._deprecated import RENAMED  # the table under test

    name = next(iter(RENAMED[package.__name__]))
    with pytest.warns(DeprecationWarning, match="is deprecated") as caught:
        getattr(package, name)
    assert caught[0].filename == __file__


def _first_sentence(doc: str) -> str:
    """A docstring's first sentence as the module map writes it (Markdown, one line)."""
    first = " ".join(doc.split("\n\n")[0].split())
    found = re.match(r"(.+?[.!?])(\s|$)", first)
    first = found.group(1) if found else first
    first = re.sub(r":[a-z]+:`~?\.?([^`]+)`", r"`\1`", first).replace("``", "`")
    return first.replace("|", "\\|")


def test_the_contributor_guides_module_map_names_every_module_and_what_it_owns() -> None:
    import ast

    from tests.support import REPO

    src = REPO / "src"
    page = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
    mapped = dict(re.findall(r"^\| `(peer_competencies/[^`]+\.py)` \| (.+) \|$", page, re.M))
    rows = {}
    for path in sorted((src / "peer_competencies").rglob("*.py")):
        name = path.relative_to(src).as_posix()
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, f"{name} says in no docstring what it owns"
        rows[name] = _first_sentence(doc)
    missing = [f"| `{n}` | {first} |" for n, first in rows.items() if n not in mapped]
    assert missing == [], "add these rows to the module map of docs/contributing.md"
    assert sorted(set(mapped) - set(rows)) == [], "modules the map names that are gone"
