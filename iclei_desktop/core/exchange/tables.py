"""Writing a record list as a table: CSV that Excel opens in any script, or an .xlsx workbook.

Rows arrive as an iterator of typed cells (see core/columns.py) and are written as they
come, so a list of a hundred thousand events is never held whole. The caller gives the
stream (core/files.writing_atomically), which makes the file appear only when complete.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain, islice
from typing import Any, BinaryIO

from ..columns import Cell

FORMATS = ("csv", "xlsx")
DATE_FORMAT = "yyyy-mm-dd"  # unambiguous in every locale the secretariat works in
WIDTH_SAMPLE = 200  # rows read before the first is written, to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60  # in characters of the default font


def csv_text(value: Cell) -> str:
    """A cell as CSV text: dates in ISO form, yes/no, nothing for no value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(stream: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write one header row and ``rows`` as CSV; return how many rows were written.

    UTF-8 with a byte-order mark: without it Excel reads the file in the system's code page
    and shows 成都, 서울 or Улаанбаатар as mojibake. Quoting and line ends are the csv
    module's Excel dialect, so commas, quotes and line breaks inside a value survive.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(headers)
        written = 0
        for row in rows:
            writer.writerow([csv_text(value) for value in row])
            written += 1
        text.flush()
    finally:
        text.detach()  # the caller owns the stream and closes it
    return written


def display_width(value: Cell) -> int:
    """Roughly how many character widths a cell needs (CJK characters take two)."""
    text = value.isoformat() if isinstance(value, date) else csv_text(value)
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in longest)


def write_xlsx(
    stream: BinaryIO, title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> int:
    """Write ``rows`` as one sheet of an Excel workbook; return how many rows were written.

    A bold header row with the panes frozen below it and a filter on it, dates as real
    dates, numbers as numbers, and columns as wide as their first rows need. The workbook
    is written in openpyxl's write-only mode, which keeps rows on disk, not in memory.
    """
    from openpyxl import Workbook  # loaded when a workbook is first wanted
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    remaining = iter(rows)
    sample = list(islice(remaining, WIDTH_SAMPLE))
    for number, header in enumerate(headers, start=1):
        widest = max([display_width(header)] + [display_width(row[number - 1]) for row in sample])
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=_safe_text(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    written = 0
    for row in chain(sample, remaining):
        sheet.append([_xlsx_cell(sheet, WriteOnlyCell, value) for value in row])
        written += 1
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{written + 1}"
    workbook.save(stream)
    return written


def _xlsx_cell(sheet: Any, make: Any, value: Cell) -> Any:
    """A cell holding ``value`` as its type, a text never read as a formula."""
    if isinstance(value, str):
        cell = make(sheet, value=_safe_text(value))
        # A title such as "=HYPERLINK(…)" is text someone typed, never a formula to run.
        cell.data_type = "s"
        return cell
    if isinstance(value, date) and not isinstance(value, datetime):
        cell = make(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _safe_text(value: str) -> str:
    """``value`` without the control characters a workbook cannot hold (openpyxl refuses them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def write_table(
    stream: BinaryIO,
    fmt: str,
    title: str,
    headers: Sequence[str],
    rows: Iterator[Sequence[Cell]],
) -> int:
    """Write a table in ``fmt`` (one of FORMATS); return how many rows were written."""
    if fmt == "csv":
        return write_csv(stream, headers, rows)
    if fmt == "xlsx":
        return write_xlsx(stream, title, headers, rows)
    raise ValueError(f"unknown table format {fmt!r}")
