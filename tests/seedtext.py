"""An independent reading of the seed documents, for the fidelity tests.

Nothing here uses the package's loader: the shipped JSON files are read with :mod:`json` and the
seeds (in the folder the ``seeds`` fixture gives) with plain string handling, so a bug in the
package cannot hide a bug in the data.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from tests.support import REPO

DATA = REPO / "src" / "peer_competencies" / "data" / "frameworks"


def squash(text: str) -> str:
    """Whitespace normalized: runs of white space become one space, ends trimmed."""
    return " ".join(text.split())


def raw_seed(seeds: Path, number: str) -> str:
    """The raw text of seed ``number`` (``"000"`` … ``"004"``) in the folder ``seeds``."""
    (path,) = seeds.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def plain_seed(seeds: Path, number: str) -> str:
    """Seed ``number`` without HTML tags, Markdown emphasis or bullets; whitespace squashed."""
    text = raw_seed(seeds, number)
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
