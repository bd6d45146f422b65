"""An independent reading of the seed documents, for the fidelity tests.

Nothing here uses the package's loader: the shipped JSON files are read with :mod:`json` and the
seeds with plain string handling, so a bug in the package cannot hide a bug in the data.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "peer_competencies" / "data" / "frameworks"


def seeds_dir() -> Path | None:
    """The folder of source documents: ``$PEER_COMPETENCIES_SEEDS`` or ``../shared/seeds``."""
    env = os.environ.get("PEER_COMPETENCIES_SEEDS")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def schema(name: str) -> Path:
    """A schema file of ``../shared/schemas``; skips the test where that folder is absent."""
    folder = seeds_dir()
    path = None if folder is None else folder.parent / "schemas" / name
    if path is None or not path.is_file():
        pytest.skip(f"../shared/schemas/{name} is not beside this checkout")
    return path


def squash(text: str) -> str:
    """Whitespace normalized: runs of white space become one space, ends trimmed."""
    return " ".join(text.split())


def raw_seed(number: str) -> str:
    """The raw text of seed ``number`` (``"000"`` … ``"004"``); skips the test where absent."""
    folder = seeds_dir()
    if folder is None:
        pytest.skip("../shared/seeds is not beside this checkout")
    (path,) = folder.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def plain_seed(number: str) -> str:
    """Seed ``number`` without HTML tags, Markdown emphasis or bullets; whitespace squashed."""
    text = raw_seed(number)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    text = text.replace("▪", " ").replace("**", " ")
    return squash(text)


def shipped(framework_id: str) -> dict[str, Any]:
    """The shipped data file of ``framework_id``, read with :mod:`json`, not the package."""
    with (DATA / f"{framework_id}.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def items_of(framework_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    """The shipped items of ``framework_id``, optionally of one kind."""
    items: list[dict[str, Any]] = shipped(framework_id)["items"]
    return [i for i in items if kind is None or i["kind"] == kind]
