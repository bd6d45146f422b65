"""Reading a user's file as bytes or text, with limits: regular files only, a size limit checked
before anything is read, UTF-8 with a byte-order mark dropped, and a record of the files read
(for refusing to overwrite an input).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from ._errors import InputError

__all__ = [
    "MAX_FILE_BYTES",
    "check_readable",
    "decode",
    "files_read",
    "open_file",
    "read_bytes",
    "read_text",
    "recording_reads",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The size above which a file is refused unless its reader gives its own limit."""


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot read the file: {exc.strerror}", file=str(path), fix="check the path")


def _too_big(path: Path, size: int | str, limit: int) -> InputError:
    size = f"{size:,} bytes" if isinstance(size, int) else size
    return InputError(
        f"file is {size}, more than the {limit:,} allowed",
        file=str(path),
        fix="split it, or check it is the right file",
    )


_READ: contextvars.ContextVar[dict[tuple[int, int], str] | None] = contextvars.ContextVar(
    "peer_competencies_read", default=None
)


@contextlib.contextmanager
def recording_reads() -> Iterator[Mapping[tuple[int, int], str]]:
    """Within this block, every file :func:`open_file` opens is recorded: the mapping yielded
    gives the name of each by its identity on disk (device and inode), so that a command can
    refuse to write its output over a file it read, whatever name or link leads to it."""
    read: dict[tuple[int, int], str] = {}
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)


def files_read() -> Mapping[tuple[int, int], str]:
    """The files opened so far within :func:`recording_reads` (empty outside it)."""
    return _READ.get() or {}


def open_file(path: Path, limit: int | None = MAX_FILE_BYTES) -> BinaryIO:
    """``path`` opened to read bytes, once it is known to be a regular file (not a folder, a
    pipe or a device such as ``/dev/zero``, which could hang or never end) of at most ``limit``
    bytes as it stands now (None: any size). The caller reads it, and bounds the reading."""
    try:
        # non-blocking: opening a pipe waits for a writer otherwise; a regular file ignores it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                "not a regular file (a folder, a pipe or a device)",
                file=str(path),
                fix="name a file saved on disk",
            )
        if limit is not None and status.st_size > limit:
            raise _too_big(path, status.st_size, limit)
        read = _READ.get()
        if read is not None:
            read[(status.st_dev, status.st_ino)] = str(path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_readable(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """Raise InputError unless ``path`` is a readable regular file of at most ``limit`` bytes."""
    open_file(path, limit).close()


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refused when there are more than ``limit`` (counted
    while reading: a file that grows, or claims a size it does not have, is still bounded)."""
    with open_file(path, limit) as stream:
        try:
            raw = stream.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(raw) > limit:
        raise _too_big(path, "larger", limit)
    return raw


def decode(raw: bytes, file: str) -> str:
    """``raw`` as UTF-8 text (a byte-order mark is dropped)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            file=file,
            fix="save the file as UTF-8",
        ) from None


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The text of a UTF-8 regular file of at most ``limit`` bytes, problems raised as
    InputError."""
    return decode(read_bytes(path, limit), str(path))
