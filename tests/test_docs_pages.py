"""The documentation site's generated pages (``docs/hooks.py``): a framework page has one
heading with an anchor per top-level item and per competency, cites its source once and each
section's place once, lists every item, puts the notes after the items, and links each headed
item's crosswalk mappings to anchors that exist; credential pages nest as Python-Markdown reads
them."""

from __future__ import annotations

import importlib
import importlib.util
import re
from types import ModuleType
from typing import Any

import pytest

import peer_competencies as pc
from peer_competencies import crosswalk, eligibility
from tests.support import REPO


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", REPO / "docs" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = _hooks()
markdown: Any = importlib.import_module("markdown")  # Python-Markdown, as MkDocs uses it
HEADING = re.compile(r"^(#{2,6}) .* \{#([^}]+)\}$", re.MULTILINE)
LINK = re.compile(r"\]\(([a-z0-9-]+)\.md#([^)]+)\)")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    cw = crosswalk.default()
    return {fw.id: hooks.framework_page(fw, cw) for fw in pc.frameworks()}


def anchors(page: str) -> set[str]:
    return {m.group(2) for m in HEADING.finditer(page)} | set(re.findall(r'<a id="([^"]+)">', page))


def test_one_heading_with_an_anchor_per_top_level_item_and_competency(
    pages: dict[str, str],
) -> None:
    for fw in pc.frameworks():
        page = pages[fw.id]
        item_headings = [
            m for m in HEADING.finditer(page) if not m.group(2).startswith(("notes", "editorial"))
        ]
        item_headings = [
            m for m in item_headings if fw.get(m.group(2).replace("_", ".")) is not None
        ]
        headed = {m.group(2).replace("_", ".") for m in item_headings}
        wanted = {i.code for i in fw.roots} | {
            i.code for i in fw.of_kind("competency") if i.parent is not None
        }
        assert headed == wanted, fw.id
        assert len(item_headings) == len(headed), fw.id  # each once
    samhsa = pages["samhsa-2015"]
    assert "## VIII. Helps peers to manage crises {#VIII}" in samhsa
    assert "### VIII.4 Takes action to address distress or a crisis" in samhsa
    assert len(HEADING.findall(pages["ca-sb803"])) >= 25


def test_every_item_is_on_its_page_with_its_anchor(pages: dict[str, str]) -> None:
    for fw in pc.frameworks():
        found = anchors(pages[fw.id])
        assert {hooks.anchor(i) for i in fw} <= found, fw.id
        flat = " ".join(pages[fw.id].split())
        for item in fw.items:
            assert hooks.md(" ".join(item.text.split())) in flat, item.id


def test_the_source_is_cited_once_and_each_section_once_under_its_heading(
    pages: dict[str, str],
) -> None:
    samhsa = pages["samhsa-2015"]
    url = pc.framework("samhsa-2015").source.url
    assert url is not None
    assert samhsa.count(url) == 1
    assert samhsa.count("Core Competencies for Peer Workers in Behavioral Health Services") == 2
    assert samhsa.count("*Source:* Category VIII, competency 4\n") == 1
    ca = pages["ca-sb803"]
    assert ca.count("Competency 13 table, Skills that can be assigned") == 1  # the group's
    assert "**Skills** (Competency 13 table, Skills that can be assigned):" in ca


def test_the_notes_come_after_the_items(pages: dict[str, str]) -> None:
    for fw in pc.frameworks():
        page = pages[fw.id]
        last_item = max(page.index(f"{{#{hooks.anchor(i)}}}") for i in fw.roots)
        for title in ("## Notes from the source", "## Editorial notes (ours)"):
            if title in page:
                assert page.index(title) > last_item, (fw.id, title)
    assert pages["samhsa-2015"].index("## Notes from the source") > pages["samhsa-2015"].index(
        "{#XII_4}"
    )


def test_crosswalk_links_lead_to_anchors_that_exist(pages: dict[str, str]) -> None:
    found = {fid: anchors(page) for fid, page in pages.items()}
    links = [
        (fid, m.group(1), m.group(2)) for fid, page in pages.items() for m in LINK.finditer(page)
    ]
    assert len(links) > 300
    assert [(src, fid, a) for src, fid, a in links if a not in found[fid]] == []
    section = pages["samhsa-2015"].split("{#VIII}")[1].split("\n### ")[0]
    assert "[`ca-sb803:13`](ca-sb803.md#13)" in section
    skill = next(line for line in pages["ca-sb803"].splitlines() if 'id="11_S7"' in line)
    after = pages["ca-sb803"].split(skill)[1].split("\n- ")[0]
    assert "*Crosswalk:* close [`samhsa-2015:XII.1`](samhsa-2015.md#XII_1)" in after


def test_credential_pages_nest_their_requirements_as_python_markdown_reads_them() -> None:
    page = hooks.credential_page(eligibility.explain("ca-pss", "markdown"))
    html = markdown.markdown(page)
    assert "<ul>\n<li><strong>Be at least 18 years of age.</strong>" in html
    assert "(<code>age</code>)<ul>\n<li>checks: age on the check date" in html
    assert "implements [`ca-sb803:Q1`](../frameworks/ca-sb803.md#Q1)" in page


def _deepest_list(html: str) -> int:
    depth = deepest = 0
    for tag in re.findall(r"</?ul>", html):
        depth += 1 if tag == "<ul>" else -1
        deepest = max(deepest, depth)
    return deepest


def test_every_credential_page_keeps_every_level_of_its_requirement_trees() -> None:
    for cred in eligibility.credentials():
        source = eligibility.explain(cred, "markdown")
        levels = {len(m) // 4 for m in re.findall(r"^( *)- ", source, re.MULTILINE)}
        html = markdown.markdown(hooks.credential_page(source))
        assert _deepest_list(html) == max(levels) + 1, cred.id
        assert _deepest_list(markdown.markdown(source)) == max(levels) + 1, cred.id  # as given


def test_credential_pages_name_what_records_may_write() -> None:
    page = hooks.credential_page_of(eligibility.credential("icrc-pr"))
    assert "## Names accepted in applicant records" in page
    assert "| `exam` | `icrc-pr` | IC&RC Peer Recovery exam;" in page
