"""Where the shipped data lives: the package's ``data`` folder, opened as a package resource.

The standard library's :mod:`importlib.resources` on Python 3.11 and later; the
``importlib-resources`` backport on 3.10, whose ``files()`` lacks multi-part ``joinpath``.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["data_folder"]


def data_folder(*parts: str) -> Any:
    """The shipped ``peer_competencies/data`` folder, or a file or folder under it (a
    ``Traversable``: ``iterdir``, ``joinpath``, ``is_file``, ``read_bytes``)."""
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - Python 3.10
        from importlib_resources import files
    return files("peer_competencies").joinpath("data", *parts)
