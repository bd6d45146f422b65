"""What the command line shows a person at a terminal: lines clipped to a width, and a progress
bar on standard error for work worth waiting for (scripts and pipes see no bar)."""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path
from typing import IO, TypeVar

from ._errors import InputError, PeerCompetenciesError

__all__ = ["clip", "command_inputs", "output_file", "progress", "write_output"]

T = TypeVar("T")


_INPUTS: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "peer_competencies_inputs", default=()
)


@contextlib.contextmanager
def command_inputs(names: Iterable[str]) -> Iterator[None]:
    """Within this block no output file may be one of the files ``names`` (the arguments of the
    command being run): ``-o`` naming an input is refused rather than emptying it."""
    token = _INPUTS.set(tuple(names))
    try:
        yield
    finally:
        _INPUTS.reset(token)


def _cannot_write(output: str, exc: OSError) -> PeerCompetenciesError:
    return InputError(
        f"cannot write the file: {exc.strerror or exc}",
        file=output,
        fix="check the folder exists and can be written to, and the disk has room",
    )


def _check_not_an_input(output: str) -> None:
    names = list(_INPUTS.get())
    if output in names:
        names.remove(output)  # the output's own mention on the command line
    for name in names:
        try:
            same = os.path.samefile(name, output)  # the same file, whatever links lead to it
        except (OSError, ValueError):  # no such file (a word, an id), or no file name at all
            same = False
        if same:
            raise InputError(
                f"the output file is the input {name}: writing it would destroy the input",
                file=output,
                fix="write the output to another file",
            )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def output_file(output: str) -> Iterator[IO[str]]:
    """A text stream (UTF-8) for the file ``output``, put in place only once written whole.

    The text goes to a temporary file in the same folder, renamed over ``output`` when the block
    ends without an error, so that an interrupted or failed run leaves the old file (or none),
    never a half-written one; through a link, the file it names is replaced. A device or a pipe
    (``/dev/stdout``) is written directly. ``output`` naming one of the :func:`command_inputs`
    is refused. Failures to write raise :class:`InputError` naming the file."""
    _check_not_an_input(output)
    target = Path(os.path.realpath(output))
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    try:
        if status is not None and not stat.S_ISREG(status.st_mode):
            with target.open("w", encoding="utf-8", newline="") as stream:
                yield stream
            return
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    try:
        mode = stat.S_IMODE(status.st_mode) if status else 0o666 & ~_umask()
        os.chmod(temp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _cannot_write(output, exc) from None
        raise


def write_output(text: str, output: str | None) -> None:
    """Write a command's result to the file ``output`` (saying so on stderr; see
    :func:`output_file`), or to stdout."""
    if not output:
        sys.stdout.write(text)
        return
    with output_file(output) as stream:
        stream.write(text)
    print(f"wrote {output}", file=sys.stderr)


def clip(text: str, width: int = 80) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, keeping its indentation."""
    text = text.rstrip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


WORTH_SHOWING = 200  # items; fewer finish before a bar would be read


def progress(items: Iterable[T], total: int | None = None, label: str = "") -> Iterator[T]:
    """Yield ``items``, drawing a bar on stderr when it is a terminal and there are at least
    :data:`WORTH_SHOWING` of them (``total`` when ``items`` has no length)."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    if not total or total < WORTH_SHOWING or not sys.stderr.isatty():
        yield from items
        return
    last = 0.0
    done = 0
    for done, item in enumerate(items, start=1):
        now = time.monotonic()
        if now - last > 0.1 or done == total:
            filled = int(30 * done / total)
            sys.stderr.write(f"\r{label} [{'#' * filled}{' ' * (30 - filled)}] {done}/{total}")
            sys.stderr.flush()
            last = now
        yield item
    sys.stderr.write("\n")
