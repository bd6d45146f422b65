"""What the command line shows a person at a terminal: text with its control characters escaped,
wrapped or clipped to the terminal's width, JSON that escapes them too, and a progress bar on
standard error for work worth waiting for (scripts and pipes see no bar)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
import textwrap
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path
from typing import IO, Any, TextIO, TypeVar

from ._errors import InputError, PeerCompetenciesError

__all__ = [
    "DEFAULT_WIDTH",
    "clip",
    "command_inputs",
    "dump_json",
    "escape",
    "fit",
    "json_safe",
    "output_file",
    "progress",
    "terminal_width",
    "wrap",
    "write_output",
]

DEFAULT_WIDTH = 80
"""The width of output that does not go to a terminal, or to one whose width is not known."""
_NARROWEST = 20

T = TypeVar("T")


def command_inputs() -> contextlib.AbstractContextManager[object]:
    """Within this block every file the package reads is recorded, and no output file may be
    one of them (the same file on disk, through whatever name or link): ``-o`` naming an input
    is refused rather than emptying it."""
    from ._files import recording_reads

    return recording_reads()


def _cannot_write(output: str, exc: OSError) -> PeerCompetenciesError:
    return InputError(
        f"cannot write the file: {exc.strerror or exc}",
        file=output,
        fix="check the folder exists and can be written to, and the disk has room",
    )


def _check_not_an_input(output: str) -> None:
    from ._files import files_read

    try:
        status = os.stat(output)  # through links: the file written in the end
    except (OSError, ValueError):  # no such file yet (or no file name at all)
        return
    name = files_read().get((status.st_dev, status.st_ino))
    if name is not None:
        raise InputError(
            f"the output file is the input {name}: writing it would destroy the input",
            file=output,
            fix="write the output to another file",
        )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def output_file(output: str) -> contextlib.AbstractContextManager[IO[str]]:
    """A text stream (UTF-8) for the file ``output``, put in place only once written whole.

    The text goes to a temporary file in the same folder, renamed over ``output`` when the block
    ends without an error, so that an interrupted or failed run leaves the old file (or none),
    never a half-written one; through a link, the file it names is replaced. A device or a pipe
    (``/dev/stdout``) is written directly. ``output`` naming one of the :func:`command_inputs`
    is refused. Failures to write raise :class:`InputError` naming the file."""
    return _output(output, binary=False)


@contextlib.contextmanager
def _output(output: str, binary: bool) -> Iterator[IO[Any]]:
    """:func:`output_file`, for text or (``binary``) bytes."""
    mode, encoding, newline = ("wb", None, None) if binary else ("w", "utf-8", "")
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
            with target.open(mode, encoding=encoding, newline=newline) as stream:
                yield stream
            return
        import tempfile  # only when a file is written: it is slow to import

        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    try:
        os.chmod(temp, stat.S_IMODE(status.st_mode) if status else 0o666 & ~_umask())
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as stream:
            yield stream
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _cannot_write(output, exc) from None
        raise


def write_output(data: str | bytes, output: str | None) -> None:
    """Write a command's result (text, or bytes such as a workbook) to the file ``output``
    (saying so on stderr; see :func:`output_file`), or to stdout."""
    if not output:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    with _output(output, binary=isinstance(data, bytes)) as stream:
        stream.write(data)
    print(f"wrote {escape(output)}", file=sys.stderr)


def terminal_width(stream: TextIO | None = None) -> int:
    """The width of the terminal ``stream`` (standard output) writes to: its columns when it is
    a terminal (``COLUMNS`` wins, as in :func:`shutil.get_terminal_size`), else
    :data:`DEFAULT_WIDTH`."""
    stream = sys.stdout if stream is None else stream
    try:
        if not stream.isatty():
            return DEFAULT_WIDTH
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() else os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return DEFAULT_WIDTH
    return max(width, _NARROWEST) if width > 0 else DEFAULT_WIDTH


def _shown(ch: str) -> str:
    if ch.isprintable() or unicodedata.category(ch) == "Zs":
        return ch
    code = ord(ch)
    if code < 0x100:
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(ch, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every character a terminal could act on written as an escape: control
    characters (ESC sequences, carriage returns, tabs), format characters (the bidi overrides
    such as U+202E, zero-width characters) and line separators (``\\x1b``, ``\\u202e``), so that
    text from a file or a user is shown, never obeyed. ``keep_newlines`` keeps ``\\n``."""
    if text.isprintable():
        return text
    if keep_newlines:
        return "\n".join(escape(line) for line in text.split("\n"))
    return "".join(map(_shown, text))


def clip(text: str, width: int = DEFAULT_WIDTH) -> str:
    """``text`` escaped (:func:`escape`) and cut to ``width`` characters with an ellipsis,
    keeping its indentation."""
    text = escape(text.rstrip())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrap(text: str, width: int = DEFAULT_WIDTH, indent: str = "", hang: str = "") -> list[str]:
    """``text`` (one paragraph) in lines of at most ``width`` characters: the first indented by
    ``indent``, the others by ``indent + hang``. Words are never cut (a word longer than a line,
    such as a long URL, gets a line of its own). The text is escaped first (:func:`escape`)."""
    return textwrap.wrap(
        " ".join(escape(text).split()),
        width,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


_INDENT = re.compile(r"[ ]*(?:[-*] |\d+\. )?")


def fit(text: str, width: int = DEFAULT_WIDTH) -> str:
    """Text made for a terminal: every line escaped (:func:`escape`), and a line longer than
    ``width`` wrapped: continuation lines go under the text of a ``- `` or ``1. `` item, and two
    columns further in than the line itself otherwise."""
    lines: list[str] = []
    for line in escape(text, keep_newlines=True).split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        lead = _INDENT.match(line)
        prefix = lead.group() if lead else ""
        bullet = prefix.strip() != ""
        if len(prefix) + 2 > width // 2:  # deeply indented: wrap from the left margin
            lines += wrap(line, width, "", "  ")
            continue
        indent = " " * len(prefix)
        wrapped = wrap(line[len(prefix) :], width, indent, "" if bullet else "  ")
        lines.append(prefix + wrapped[0][len(indent) :])
        lines.extend(wrapped[1:])
    return "\n".join(lines)


_NOT_PLAIN_ASCII = re.compile("[^\x20-\x7e\n]")  # the only candidates; the rest is plain


def _json_escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch.isprintable() or unicodedata.category(ch) == "Zs":
        return ch
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(text: str) -> str:
    """JSON text with every character a terminal could act on escaped as ``\\uXXXX``: what
    :func:`escape` escapes (DEL and C1 controls, bidi and other format characters, line
    separators, lone surrogates, unassigned code points; :mod:`json` escapes the C0 controls
    itself). Outside strings JSON has none of them, so the result decodes to the same data."""
    return _NOT_PLAIN_ASCII.sub(_json_escape, text)


def dump_json(data: Any) -> str:
    """``data`` as indented JSON (UTF-8 text, not ASCII escapes) with :func:`json_safe`'s
    escapes, ending in a newline."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


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
