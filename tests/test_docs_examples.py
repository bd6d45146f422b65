"""Every Python example in README.md and docs/*.md runs as written, from the checkout's root.

The ```python blocks of one page run in order in one namespace (a page's later examples use
names its earlier ones set). A statement whose comment is a quoted value
(``item.parent.text  # 'Helps peers to manage crises'``, prose may follow the quotes) must give
that value: ``…`` in the quotes stands for any text, so a page cannot promise output the code
does not print.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import shlex
import tokenize
from pathlib import Path

import pytest

from tests.support import EXIT_ERROR, REPO, main

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
SHELL = re.compile(r"^```(?:sh|shell|bash)\n(.*?)^```", re.DOTALL | re.MULTILINE)
WRITES = ("-o", "--output", "--html", ">")


def python_blocks(page: Path) -> list[tuple[int, str]]:
    """The page's ```python blocks with the line each starts on."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]


QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def promised(source: str) -> dict[int, str]:
    """Line number -> the quoted value a line's comment begins with (prose may follow it)."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            quoted = QUOTED.match(token.string.lstrip("#").strip())
            if quoted:
                found[token.start[0]] = quoted.group()
    return found


def matches(value: object, comment: str) -> bool:
    """Whether ``repr(value)`` is the quoted ``comment``, ``…`` standing for any text."""
    pattern = ".*".join(re.escape(part) for part in comment.split("…"))
    return re.fullmatch(pattern, repr(value), re.DOTALL) is not None


def run_page(page: Path) -> list[str]:
    """Run the page's examples; returns what they promised and did not give."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    broken: list[str] = []
    for start, source in python_blocks(page):
        comments = promised(source)
        for statement in ast.parse(source).body:
            where = f"{page.name}:{start + statement.lineno - 1}"
            code = ast.Module(body=[statement], type_ignores=[])
            comment = comments.get(statement.end_lineno or statement.lineno)
            if comment is None or not isinstance(statement, ast.Expr):
                exec(compile(code, where, "exec"), namespace)
                continue
            shown = statement.value
            if (
                isinstance(shown, ast.Call)
                and isinstance(shown.func, ast.Name)
                and shown.func.id == "print"
                and len(shown.args) == 1
            ):
                shown = shown.args[0]  # print(x)  # 'value': the value printed is x's
            value = eval(compile(ast.Expression(shown), where, "eval"), namespace)
            if not matches(value, comment):
                broken.append(f"{where}: promises {comment}, gives {value!r}")
    return broken


def test_the_pages_have_python_examples() -> None:
    counts = {page.name: len(python_blocks(page)) for page in PAGES}
    assert counts["README.md"] >= 3
    assert counts["eligibility.md"] >= 2
    assert sum(counts.values()) >= 12


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_python_example_runs_as_written_from_the_checkout_root(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    with contextlib.redirect_stdout(io.StringIO()):
        broken = run_page(page)
    assert broken == []


def test_a_promised_value_that_the_code_does_not_give_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nimport peer_competencies as pc\n"
        "pc.lookup('samhsa-2015:VIII.4').parent.text   # 'Helps peers to manage …'\n"
        "pc.lookup('samhsa-2015:VIII.4').kind.value    # 'category' (prose may follow)\n```\n",
        encoding="utf-8",
    )
    assert run_page(page) == ["page.md:4: promises 'category', gives 'competency'"]


def shell_commands(page: Path) -> list[list[str]]:
    """The ``peer-competencies`` command lines of the page's ```sh blocks, comments dropped."""
    found: list[list[str]] = []
    for block in SHELL.findall(page.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("peer-competencies "):
                found.append(shlex.split(line, comments=True)[1:])
    return found


def test_the_pages_show_command_lines() -> None:
    assert sum(len(shell_commands(page)) for page in PAGES) >= 20


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_command_line_on_a_page_runs(
    page: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Each command runs from the checkout's root and ends in an answer, not an error; the
    files it writes (``-o``, ``--html``, ``>``) go to a temporary folder instead."""
    monkeypatch.chdir(REPO)
    for argv in shell_commands(page):
        args = list(argv)
        for n, arg in enumerate(args[:-1]):
            if arg in WRITES:
                args[n + 1] = str(tmp_path / Path(args[n + 1]).name)
        if ">" in args:
            args = args[: args.index(">")]
        code = main(args)
        _, err = capsys.readouterr()
        assert code != EXIT_ERROR, (argv, err)
