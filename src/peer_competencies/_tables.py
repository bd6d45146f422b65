"""Decoders of tables, one record a row: CSV text and the first sheet of an Excel workbook, each
row numbered as a spreadsheet numbers it. The readers of tables (a syllabus of one module a
row) take their rows from here, as the readers of structured text take their data from
``_decoders``; every problem is an :class:`InputError` naming the file and the row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ._errors import InputError
from ._files import MAX_FILE_BYTES, read_bytes

__all__ = ["MAX_SHEET_ROWS", "MAX_UNPACKED_BYTES", "column_letters", "csv_rows", "sheet_rows"]


def column_letters(index: int) -> str:
    """The letters of a sheet's column (0: ``A``, 26: ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _unreadable(exc: Exception, file: str) -> InputError:
    return InputError(
        f"not a readable .xlsx workbook ({exc})",
        file=file,
        fix="save the sheet as .xlsx, or export it as CSV",
    )


def csv_rows(text: str, file: str) -> Iterator[tuple[int, Sequence[object]]]:
    """Every record of a CSV file with its row number as a spreadsheet shows it (an empty line
    is a row; a cell may hold line breaks)."""
    reader = csv.reader(io.StringIO(text))
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                f"not a readable CSV row ({exc})",
                file=file,
                where=f"row {number}",
                fix="save the file as CSV from a spreadsheet",
            ) from None
        yield number, cells


MAX_SHEET_ROWS = 1_048_576
"""The most rows a sheet has (Excel's limit): a workbook claiming a row beyond it is refused."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most bytes a workbook's parts may unpack to (an .xlsx is a zip archive): more is
refused before any is unpacked."""


def _workbook_bytes(path: Path, file: str, limit: int) -> io.BytesIO:
    """The workbook's bytes (bounded as every file is), once its parts are known to unpack to at
    most :data:`MAX_UNPACKED_BYTES`."""
    import zipfile

    data = io.BytesIO(read_bytes(path, limit))
    try:
        with zipfile.ZipFile(data) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as exc:  # zipfile raises many kinds for a damaged archive
        raise _unreadable(exc, file) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"the workbook unpacks to {unpacked:,} bytes, more than the "
            f"{MAX_UNPACKED_BYTES:,} allowed",
            file=file,
            fix="export the sheet as CSV, or check it is the right file",
        )
    data.seek(0)
    return data


def sheet_rows(
    path: Path, file: str, limit: int = MAX_FILE_BYTES
) -> list[tuple[int, list[object]]]:
    """The rows of the first sheet of a workbook, numbered as the sheet numbers them; a formula
    gives the value the workbook saved with it, and one with no saved value is an error.

    Every row the sheet holds is read: the size the workbook records for the sheet (its
    ``dimension``, which a program may leave stale) is not trusted."""
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InputError(
            "reading Excel files needs openpyxl",
            file=file,
            fix="pip install 'peer-competencies[excel]'",
        ) from None
    data = _workbook_bytes(path, file, limit)

    def read(values: bool) -> list[tuple[int, list[Any]]]:
        try:
            data.seek(0)
            book = openpyxl.load_workbook(data, read_only=True, data_only=values)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise _unreadable(exc, file) from None
        try:
            numbered = []
            number = 0
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # read to the last row there is, not the one recorded
            for row in sheet.iter_rows():
                # an empty cell knows no row; a row with any value names its own number
                number = next((c.row for c in row if getattr(c, "row", None)), number + 1)
                if number > MAX_SHEET_ROWS:
                    raise InputError(
                        f"the sheet has a row beyond row {MAX_SHEET_ROWS:,}",
                        file=file,
                        where=f"row {number}",
                        fix="save the sheet again from a spreadsheet program",
                    )
                if any(getattr(c, "value", None) is not None for c in row):
                    numbered.append((number, list(row)))
            return numbered
        except InputError:
            raise
        except Exception as exc:  # a damaged sheet shows itself while it is read
            raise _unreadable(exc, file) from None
        finally:
            book.close()

    rows = read(values=False)
    formulas = {
        (number, index)
        for number, cells in rows
        for index, cell in enumerate(cells)
        if getattr(cell, "data_type", None) == "f"
    }
    saved: dict[int, list[Any]] = dict(read(values=True)) if formulas else {}
    table: list[tuple[int, list[object]]] = []
    for number, cells in rows:
        values: list[object] = []
        for index, cell in enumerate(cells):
            if (number, index) not in formulas:
                values.append(cell.value)
                continue
            row = saved.get(number, [])
            value = getattr(row[index], "value", None) if index < len(row) else None
            if value is None:
                raise InputError(
                    "a formula with no saved value",
                    file=file,
                    where=f"row {number}, column {column_letters(index)}",
                    fix="open the workbook in a spreadsheet program and save it, or type the value",
                )
            values.append(value)
        table.append((number, values))
    return table
