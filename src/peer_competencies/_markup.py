"""Text made safe inside the markup the package writes (Markdown, CSV and spreadsheet cells), so
that wording from a data file or a syllabus is shown as written and never read as markup or run
as a formula."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["CsvWriter", "csv_writer", "markdown_text", "spreadsheet_cell"]

_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown, safe inside a table cell or on one line: every character
    that starts markup (``\\ ` * _ [ ] < > | #``) escaped with a backslash, so that no raw HTML,
    link or emphasis gets through, and line breaks turned into spaces."""
    return " ".join(text.translate(_MARKDOWN).splitlines())


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` safe as a CSV or spreadsheet cell: a text that begins with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return, which a spreadsheet program would run as a formula, gets a
    leading single quote (OWASP's advice against CSV injection), unless it is a plain number
    such as ``-4`` or ``+1.5``; numbers and every other value are left as they are.

    Every CSV and spreadsheet writer of the package passes each cell through here."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class CsvWriter:
    """A :func:`csv.writer` whose every cell goes through :func:`spreadsheet_cell`."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([spreadsheet_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: IO[str]) -> CsvWriter:
    """A CSV writer (lines ending ``\\n``) that neutralises formulas in cells (see
    :func:`spreadsheet_cell`): use it for every CSV the package writes."""
    return CsvWriter(stream)
