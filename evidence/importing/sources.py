"""Reading uploaded files as tables of text, one row at a time.

An upload is one XLSX workbook (one sheet per table: Kobo puts each repeat group on its own
sheet), one ZIP of CSV files (ODK Central's export), or one or two CSV files (households, and
members). What a file is comes from its bytes, never from its name: a ZIP container holding
``xl/workbook.xml`` is a workbook, any other ZIP is a bundle of CSVs, anything else is CSV text.

Nothing is read whole: CSV goes through the ``csv`` module over a text stream (also inside a
ZIP), XLSX through openpyxl's read-only mode, which parses the sheet XML as it goes. Every cell
comes out as a string, as it would from a CSV export, so the rest of the importer sees one kind
of input.

Text encodings: UTF-8 (with or without a byte-order mark), else Windows-874 (a superset of
TIS-620, the encoding of Thai text from older Excel and government systems). A sample of the
file is tried as strict UTF-8; when that fails the file is read as cp874. Which one was used is
reported on the import.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

SAMPLE_BYTES = 256 * 1024
# The longest cell we accept (a bigger one is a broken file, not an answer); csv's own default
# limit is 131,072 characters.
MAX_CELL_CHARS = 100_000
MAX_COLUMNS = 2_000

csv.field_size_limit(MAX_CELL_CHARS)


class SourceError(Exception):
    """A file that cannot be read (not a spreadsheet, truncated, undecodable, ...).

    ``code`` and ``message`` go into the import's problems; ``sheet``/``row`` say where."""

    def __init__(self, code: str, message: Any, sheet: str = "", row: int | None = None,
                 column: str = "") -> None:
        super().__init__(str(message))
        self.code, self.message, self.sheet, self.row, self.column = (
            code, message, sheet, row, column)


@dataclass
class Table:
    """One sheet or CSV file: a header and a way to stream its rows.

    ``rows()`` yields ``(row_number, values)`` with the header as row 1, as a spreadsheet
    numbers them; values are strings (``""`` for an empty cell). It may be called more than
    once (each call reads the file again from the start)."""

    name: str
    header: list[str]
    _open_rows: Any = field(repr=False)
    encoding: str = ""
    formulas: list[tuple[int, str]] = field(default_factory=list)
    # A plain CSV file on disk (not inside a ZIP): the import's fast path may read it itself.
    path: Path | None = None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self._open_rows()


# --- detection -------------------------------------------------------------------------------

def kind_of(path: Path) -> str:
    """"xlsx", "zip" or "csv", from the file's first bytes and, for ZIPs, its contents."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head[:2] != b"PK":
        return "csv"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError("broken_zip", _("The file looks like a ZIP or XLSX file but cannot "
                                          "be opened (is it complete?).")) from exc
    return "xlsx" if "xl/workbook.xml" in names else "zip"


def detect_encoding(sample: bytes) -> str:
    """"utf-8-sig" when the sample is valid UTF-8 (a BOM is dropped), else "cp874"."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        # final=False: a character cut at the end of the sample is not an error.
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp874"
    return "utf-8-sig"


def encoding_label(encoding: str) -> str:
    return {"utf-8-sig": "UTF-8", "cp874": "TIS-620 / Windows-874"}.get(encoding, encoding)


# --- opening ---------------------------------------------------------------------------------

def open_tables(paths: list[Path]) -> list[Table]:
    """Every table in the uploaded files, in order (a workbook's sheets in sheet order)."""
    tables: list[Table] = []
    for path in paths:
        kind = kind_of(path)
        if kind == "xlsx":
            tables.extend(_xlsx_tables(path))
        elif kind == "zip":
            tables.extend(_zip_tables(path))
        else:
            table = _csv_table(path.stem, lambda p=path: open(p, "rb"))
            table.path = path
            tables.append(table)
    if not tables:
        raise SourceError("empty", _("The upload holds no table (no sheet and no CSV file)."))
    return tables


def _csv_table(name: str, opener: Any) -> Table:
    with opener() as raw:
        sample = raw.read(SAMPLE_BYTES)
    if not sample.strip():
        raise SourceError("empty", _("The file is empty."), sheet=name)
    if b"\x00" in sample[:4096] and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("binary", _("The file is not a spreadsheet or CSV text (it holds "
                                      "binary data)."), sheet=name)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("utf16", _("The file is in UTF-16: save it as CSV UTF-8."),
                          sheet=name)
    encoding = detect_encoding(sample)

    def reader() -> tuple[Any, Iterator[list[str]]]:
        raw = opener()
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        return text, csv.reader(text)

    handle, rows = reader()
    try:
        header = _read_csv_row(rows, name, 1)
    finally:
        handle.close()
    if header is None:
        raise SourceError("empty", _("The file is empty."), sheet=name)
    header = _clean_header(header, name)

    def stream() -> Iterator[tuple[int, list[str]]]:
        handle, rows = reader()
        try:
            _read_csv_row(rows, name, 1)
            number = 1
            while True:
                number += 1
                values = _read_csv_row(rows, name, number)
                if values is None:
                    return
                if not "".join(values).strip():
                    continue  # a blank line: nothing to import, nothing to report
                yield number, values
        finally:
            handle.close()

    return Table(name=name, header=header, _open_rows=stream, encoding=encoding)


def _read_csv_row(rows: Iterator[list[str]], sheet: str, number: int) -> list[str] | None:
    try:
        return next(rows)
    except StopIteration:
        return None
    except UnicodeDecodeError as exc:
        raise SourceError("encoding", _("The text cannot be read in the encoding detected "
                                        "from the start of the file (near row %(row)s): save "
                                        "it as CSV UTF-8.") % {"row": number},
                          sheet=sheet, row=number) from exc
    except csv.Error as exc:
        raise SourceError("csv", _("Row %(row)s cannot be read as CSV (a cell longer than "
                                   "%(limit)s characters, or a broken quote).")
                          % {"row": number, "limit": f"{MAX_CELL_CHARS:,}"},
                          sheet=sheet, row=number) from exc
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise SourceError("truncated", _("The file ends unexpectedly near row %(row)s "
                                         "(is it complete?).") % {"row": number},
                          sheet=sheet, row=number) from exc


def _clean_header(header: list[str], sheet: str) -> list[str]:
    if len(header) > MAX_COLUMNS:
        raise SourceError("columns", _("The table has more than %(n)s columns.")
                          % {"n": MAX_COLUMNS}, sheet=sheet, row=1)
    # A BOM that survived (e.g. a second BOM, or one inside a ZIP member) is not part of a name.
    return [str(h or "").replace("\ufeff", "").strip() for h in header]


def _zip_tables(path: Path) -> list[Table]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in archive.infolist()
                     if not info.is_dir() and info.filename.lower().endswith(".csv")
                     and not Path(info.filename).name.startswith(("._", "."))]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError("broken_zip", _("The ZIP file cannot be opened (is it complete?)."))\
            from exc
    if not names:
        raise SourceError("empty", _("The ZIP file holds no CSV file."))
    tables = []
    for name in sorted(names, key=lambda n: (n.count("-"), n)):
        def opener(name: str = name) -> IO[bytes]:
            return _ZipMember(path, name)
        try:
            tables.append(_csv_table(Path(name).stem, opener))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise SourceError("broken_zip", _("%(name)s inside the ZIP file cannot be read "
                                              "(is the ZIP complete?).") % {"name": name},
                              sheet=Path(name).stem) from exc
    return tables


class _ZipMember(io.RawIOBase):
    """A member of a ZIP archive as a byte stream that closes its archive when closed."""

    def __init__(self, path: Path, name: str) -> None:
        super().__init__()
        self._archive = zipfile.ZipFile(path)
        self._stream = self._archive.open(name)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
            self._archive.close()
        super().close()


def _xlsx_tables(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
        titles = list(book.sheetnames)
        book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise SourceError("broken_xlsx", _("The XLSX file cannot be opened (is it complete, "
                                           "and saved by a spreadsheet program?).")) from exc
    tables = []
    for title in titles:
        table = _xlsx_table(path, title)
        if table is not None:
            tables.append(table)
    if not tables:
        raise SourceError("empty", _("The workbook has no sheet with a header row."))
    return tables


def _xlsx_table(path: Path, title: str) -> Table | None:
    from openpyxl import load_workbook

    def stream(with_header: bool = False) -> Iterator[tuple[int, list[str]]]:
        try:
            book = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:
            raise SourceError("broken_xlsx", _("The XLSX file cannot be opened."),
                              sheet=title) from exc
        try:
            sheet = book[title]
            number = 0
            rows = sheet.iter_rows(values_only=True)
            while True:
                number += 1
                try:
                    values = next(rows)
                except StopIteration:
                    return
                except Exception as exc:
                    raise SourceError("broken_xlsx", _("The sheet cannot be read near row "
                                                       "%(row)s (is the file complete?).")
                                      % {"row": number}, sheet=title, row=number) from exc
                if number == 1 and not with_header:
                    continue
                if len(values) > MAX_COLUMNS:
                    values = values[:MAX_COLUMNS]
                text = [cell_text(v) for v in values]
                if number > 1 and not any(t.strip() for t in text):
                    continue
                yield number, text
        finally:
            book.close()

    first = next(stream(with_header=True), None)
    if first is None or not any(first[1]):
        return None
    header = _clean_header(first[1], title)
    # Trailing empty header cells (formatting that reaches far right) are not columns.
    while header and not header[-1]:
        header.pop()
    return Table(name=title, header=header, _open_rows=stream, encoding="xlsx")


def cell_text(value: Any) -> str:
    """A cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    if len(text) > MAX_CELL_CHARS:
        return text[:MAX_CELL_CHARS]
    return text
