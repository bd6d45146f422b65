"""Packaging: the declared dependency floors, one version, the license, what the index shows."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

import peer_competencies as pc
from tests.support import REPO, main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _floor_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "floor_constraints", REPO / ".ci" / "floor_constraints.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_floor_constraints_pin_every_core_dependency_to_its_lower_bound() -> None:
    lines = _floor_script().floor_constraints(REPO / "pyproject.toml")
    dependencies = PYPROJECT["project"]["dependencies"]
    assert len(lines) == len(dependencies)
    assert "cattrs==25.2" in lines
    assert "importlib-resources==5.12; python_version < '3.11'" in lines
    for line in lines:
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][0-9.]*(; .+)?", line), line


def test_a_dependency_without_a_lower_bound_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\ndependencies = ["attrs>=24.3", "networkx<4"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'networkx<4' needs exactly one lower bound"):
        _floor_script().floor_constraints(path)


def test_the_version_is_written_once_and_the_command_line_prints_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/peer_competencies/__init__.py"
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"peer-competencies {pc.__version__}\n"


def test_the_wheel_carries_the_mit_license() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_backport_of_importlib_resources_is_needed_only_before_python_3_11() -> None:
    (entry,) = [d for d in PYPROJECT["project"]["dependencies"] if "importlib-resources" in d]
    assert entry.endswith("; python_version < '3.11'")
    source = REPO / "src" / "peer_competencies"
    users = sorted(
        str(p.relative_to(source))
        for p in source.rglob("*.py")
        if "importlib_resources" in p.read_text(encoding="utf-8")
    )
    assert users == ["_resources.py"]


def test_the_documentation_tools_are_held_below_mkdocs_2() -> None:
    docs = PYPROJECT["project"]["optional-dependencies"]["docs"]
    assert any(d.startswith("mkdocs>=") and "<2" in d for d in docs)


def test_readme_links_work_on_the_package_index_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets
    assert [t for t in targets if not t.startswith("https://")] == []
    base = "https://github.com/peer-competencies/peer_competencies/blob/main/"
    for target in targets:
        if target.startswith(base):
            assert (REPO / target[len(base) :]).is_file(), target
