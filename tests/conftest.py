"""Fixtures shared by the test files: an eligible applicant, the seed and schema folders, files.

Names a module needs while it is imported (records to build parameters from, fixture types) are in
``tests/support.py`` and ``tests/eligibility_cases.py``; this file only holds fixtures.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest

from tests.support import ELIGIBLE_CA_PSS, REPO, WriteFile


@pytest.fixture
def eligible_applicant() -> dict[str, Any]:
    """A fresh copy of an applicant who meets every rule of ca-pss that the package checks."""
    return copy.deepcopy(ELIGIBLE_CA_PSS)


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of source documents: ``$PEER_COMPETENCIES_SEEDS`` or ``../shared/seeds``."""
    env = os.environ.get("PEER_COMPETENCIES_SEEDS")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    pytest.skip("../shared/seeds is not beside this checkout")


@pytest.fixture(scope="session")
def shared_schemas(seeds: Path) -> Path:
    """The published schemas (SSSOM, CASE, CTDL) beside the seeds: ``../shared/schemas``."""
    folder = seeds.parent / "schemas"
    if not folder.is_dir():
        pytest.skip("../shared/schemas is not beside this checkout")
    return folder


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write a UTF-8 text file of a given name in the test's own folder and give its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
