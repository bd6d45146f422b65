"""Where the shipped data lives: the package's ``data`` folder.

Installed as a folder on disk (the usual case), the data is read through :mod:`pathlib`
directly: the standard library's :mod:`importlib.resources` pulls in ``zipfile``,
``tempfile``, ``shutil`` and ``lzma`` at import (10 ms, a fifth of ``import
peer_competencies``), which only a package inside a zip file needs. There, the data is opened as
a package resource: :mod:`importlib.resources` on Python 3.11 and later, the
``importlib-resources`` backport on 3.10, whose ``files()`` lacks multi-part ``joinpath``.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

__all__ = ["data_folder"]


def data_folder(*parts: str) -> Any:
    """The shipped ``peer_competencies/data`` folder, or a file or folder under it (a
    ``Traversable``: ``iterdir``, ``joinpath``, ``is_file``, ``read_bytes``)."""
    folder = _on_disk()
    if folder is not None:
        return folder.joinpath(*parts)
    return _packaged(*parts)  # pragma: no cover - a package inside a zip file


@functools.cache
def _on_disk() -> Path | None:
    """The ``data`` folder next to this module, when the package is a folder on disk."""
    folder = Path(__file__).with_name("data")
    return folder if folder.is_dir() else None


def _packaged(*parts: str) -> Any:
    """The folder or file as a package resource, wherever the package was imported from."""
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - Python 3.10
        from importlib_resources import files
    return files("peer_competencies").joinpath("data", *parts)
