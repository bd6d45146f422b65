"""What the command line shows a person at a terminal: lines clipped to a width, and a progress
bar on standard error for work worth waiting for (scripts and pipes see no bar)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

__all__ = ["clip", "progress", "write_output"]

T = TypeVar("T")


def write_output(text: str, output: str | None) -> None:
    """Write a command's result to the file ``output`` (saying so on stderr), or to stdout."""
    if not output:
        sys.stdout.write(text)
        return
    from pathlib import Path

    from ._errors import InputError

    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write the file: {exc.strerror}",
            file=output,
            fix="check the folder exists and can be written to",
        ) from None
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
