"""Spreadsheet-safe writing of anything Klang exports (CSV and XLSX).

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheets skip before reading such a sign) is read by Excel, LibreOffice and Google Sheets as
a formula: a value typed by one person could run a command or leak data when another person
opens the export (CSV injection, OWASP). Every exported text cell therefore goes through
``safe_cell``, which puts an apostrophe in front of such text: spreadsheets show the text as
typed and never evaluate it. Numbers are left as numbers, so ``-5`` stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """The value to write into a spreadsheet cell: text that a spreadsheet would take for a
    formula gets a leading apostrophe; numbers, dates, booleans and ``None`` pass unchanged."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if not isinstance(value, str):
        # Lazy translations, Decimals, dates: dates and Decimals are safe as they are;
        # anything else is written as its text.
        from datetime import date, datetime
        from decimal import Decimal

        if isinstance(value, date | datetime | Decimal):
            return value
        value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV document (UTF-8 text; prefix a BOM when serving to Excel) with every cell
    neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def xlsx_bytes(sheets: dict[str, tuple[Sequence[Any], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook, one sheet per ``{title: (header, rows)}``, every cell neutralised.

    Written with openpyxl's write-only mode so a long sheet is streamed, not built in memory
    cell by cell."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title=_sheet_title(title))
        sheet.append(safe_row(header))
        for row in rows:
            sheet.append(safe_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel refuses titles over 31 characters or with []:*?/\ in them.
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(title))
    return cleaned[:31] or "Sheet"
