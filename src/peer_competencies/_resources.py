"""The shipped data: one lazy, locked table per folder of ``peer_competencies/data``, and the
only module that opens the package's resources.

Each shipped folder (``frameworks``, ``credentials``, ``requirements``, ``crosswalk``,
``matcher``, ``schemas``, and the data folder itself for ``vocabulary.json``) is read through
one :class:`Table`: the names of its files are listed on first use, and each file is read and
handed to the table's parser once, on first use, under the table's lock (pycountry's lazy
``Database``). The modules that own a kind of data declare its table next to its parser.

Installed as a folder on disk (the usual case), the data is read through :mod:`pathlib`
directly: the standard library's :mod:`importlib.resources` pulls in ``zipfile``,
``tempfile``, ``shutil`` and ``lzma`` at import (10 ms, a fifth of ``import
peer_competencies``), which only a package inside a zip file needs. There, the data is opened as
a package resource: :mod:`importlib.resources` on Python 3.11 and later, the
``importlib-resources`` backport on 3.10, whose ``files()`` lacks multi-part ``joinpath``.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["Table", "data_folder", "source_folder"]

T = TypeVar("T")


class Table(Generic[T]):
    """The files ``data/<folder>/<name><suffix>`` by name, each parsed once on first use by
    ``parse(raw bytes, file, name)`` (``file`` as errors name it:
    ``peer_competencies/data/<folder>/<name><suffix>``); safe to share between threads.

    The lock is re-entrant: a parser may read another entry of its own table (a credential
    whose rule refers to another credential's requirement)."""

    def __init__(
        self, folder: str, parse: Callable[[bytes, str, str], T], *, suffix: str = ".json"
    ) -> None:
        self._parts = (folder,) if folder else ()
        self._suffix = suffix
        self._parse = parse
        self._lock = threading.RLock()
        self._names: tuple[str, ...] | None = None
        self.loaded: dict[str, T] = {}
        """The entries parsed so far, by name (read it, never write it)."""

    def names(self) -> tuple[str, ...]:
        """The names of the folder's files with the suffix (the suffix cut off), sorted."""
        if self._names is None:
            cut = len(self._suffix)
            entries = (entry.name for entry in data_folder(*self._parts).iterdir())
            self._names = tuple(sorted(n[:-cut] for n in entries if n.endswith(self._suffix)))
        return self._names

    def file(self, name: str) -> str:
        """The file of entry ``name`` as errors name it."""
        return "/".join(("peer_competencies", "data", *self._parts, name + self._suffix))

    def __contains__(self, name: object) -> bool:
        return name in self.loaded or name in self.names()

    def __getitem__(self, name: str) -> T:
        """The entry ``name``, parsed on first use; :class:`KeyError` when there is no such
        file (the public faces turn that into an :class:`UnknownIdError` naming the closest)."""
        found = self.loaded.get(name)
        if found is not None:
            return found
        if name not in self.names():
            raise KeyError(name)
        with self._lock:
            if name not in self.loaded:
                raw = _read_bytes(*self._parts, name + self._suffix)
                self.loaded[name] = self._parse(raw, self.file(name), name)
            return self.loaded[name]

    def read(self, name: str) -> bytes | None:
        """The bytes of entry ``name`` as shipped, neither parsed nor kept (None when there is
        no such file): for a parser that reads a file of another table alongside its own."""
        if name not in self.names():
            return None
        return _read_bytes(*self._parts, name + self._suffix)

    def get(self, name: str) -> T | None:
        """The entry ``name``, or None when there is no such file."""
        if name not in self:
            return None
        return self[name]

    def all(self) -> tuple[T, ...]:
        """Every entry, in the order of :meth:`names`."""
        return tuple(self[name] for name in self.names())


def data_folder(*parts: str) -> Any:
    """The shipped ``peer_competencies/data`` folder, or a file or folder under it (a
    ``Traversable``: ``iterdir``, ``joinpath``, ``is_file``, ``read_bytes``)."""
    folder = _on_disk()
    if folder is not None:
        return folder.joinpath(*parts)
    return _packaged(*parts)  # pragma: no cover - a package inside a zip file


def _read_bytes(*parts: str) -> bytes:
    """The bytes of a shipped file: on disk by one unbuffered read of its path (a third
    quicker than pathlib's, which counts when seven frameworks load), else as a resource."""
    folder = _on_disk()
    if folder is not None:
        with open(os.path.join(folder, *parts), "rb", buffering=0) as stream:
            return stream.read()
    raw: bytes = _packaged(*parts).read_bytes()  # pragma: no cover - inside a zip file
    return raw


def source_folder(*parts: str) -> Path:
    """The data folder of a source checkout (or a file or folder under it), for the
    maintainers' tools that write shipped files (``python -m peer_competencies._schemas``)."""
    return Path(__file__).resolve().with_name("data").joinpath(*parts)


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
