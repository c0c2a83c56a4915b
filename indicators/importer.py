"""Importing indicator values (and, optionally, indicator definitions) from XLSX or CSV.

All or nothing: every row is checked first and every problem is reported with its sheet, row
and column; only a file without a single problem is written, in one transaction.

The values sheet (or the CSV file) has the columns ``indicator``, ``area``, ``year`` and
``value`` (Thai headers ตัวชี้วัด, พื้นที่, ปี, ค่า also work). An XLSX file may carry a sheet
named ``indicators`` with the columns ``code``, ``name_th``, ``name_en``, ``unit``,
``direction`` (positive/negative), ``dimension``, ``source``, ``year``: those indicators are
created or updated first. Numbers may use Thai digits (๐–๙) and thousands separators.
Years are Buddhist Era (e.g. 2568).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from areas.models import Area
from indicators.models import Dimension, Direction, Indicator, IndicatorValue, may_write_for

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
VALUE_COLUMNS = {
    "indicator": "indicator", "ตัวชี้วัด": "indicator", "area": "area", "พื้นที่": "area",
    "year": "year", "ปี": "year", "value": "value", "ค่า": "value",
}
DEFINITION_COLUMNS = ["code", "name_th", "name_en", "unit", "direction", "dimension", "source",
                      "year"]
MAX_ERRORS = 100
# Pages under /indicators/ that an indicator's code must not hide.
RESERVED_CODES = {"import", "indices", "scenarios"}
YEARS = range(2400, 2701)


def parse_number(text: Any) -> float:
    """A number as people write it: Thai digits, thousands separators, spaces, "บาท"."""
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, int | float):
        return float(text)
    cleaned = str(text or "").translate(THAI_DIGITS).strip()
    cleaned = cleaned.removesuffix("บาท").strip().replace(" ", "").replace("\u00a0", "")
    if GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not NUMBER.match(cleaned):
        raise ValueError(text)
    return float(cleaned)


def parse_year(text: Any) -> int:
    number = parse_number(text)
    if number != int(number) or int(number) not in YEARS:
        raise ValueError(text)
    return int(number)


def plain_code(text: Any) -> str:
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return str(text or "").translate(THAI_DIGITS).strip()


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % {
            "sheet": self.sheet, "row": self.row, "column": self.column,
            "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    replaced: int = 0
    indicators: int = 0
    errors: list[RowError] = field(default_factory=list)


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(errors)


Sheet = tuple[str, list[list[Any]]]


def read_sheets(name: str, content: bytes) -> list[Sheet]:
    if name.lower().endswith(".csv"):
        text = content.decode("utf-8-sig")
        return [("csv", [row for row in csv.reader(io.StringIO(text))])]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
                for ws in book.worksheets]
    finally:
        book.close()


def data_rows(rows: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    for number, row in enumerate(rows[1:], start=2):
        if any(cell not in (None, "") for cell in row):
            yield number, row


def headers(row: list[Any]) -> list[str]:
    return [str(cell or "").strip().lower() for cell in row]


def import_file(name: str, content: bytes, user: Any) -> ImportReport:
    """Check the whole file, then write it; ``ImportFailed`` lists every problem found."""
    try:
        sheets = read_sheets(name, content)
    except Exception as exc:  # openpyxl and csv raise many kinds for a damaged file
        raise ImportFailed([RowError(name, 1, "-", _("The file could not be read as XLSX or "
                                                      "CSV (UTF-8)."))]) from exc
    errors: list[RowError] = []
    definitions = next((s for s in sheets if s[0].strip().lower() == "indicators"), None)
    value_sheets = [s for s in sheets if s is not definitions]
    values_sheet = next((s for s in value_sheets if s[0].strip().lower() == "values"),
                        value_sheets[0] if value_sheets else None)
    new_indicators = read_definitions(definitions, user, errors) if definitions else {}
    rows = read_values(values_sheet, new_indicators, user, errors) if values_sheet else []
    if values_sheet is None and not new_indicators:
        errors.append(RowError(name, 1, "-", _("The file has no rows.")))
    if errors:
        raise ImportFailed(errors[:MAX_ERRORS])
    report = ImportReport()
    with transaction.atomic():
        indicators = {i.code: i for i in Indicator.objects.all()}
        for code, fields in new_indicators.items():
            indicator, _created = Indicator.objects.update_or_create(code=code, defaults=fields)
            indicators[code] = indicator
            report.indicators += 1
        keys = {(indicators[c].pk, a.pk, y) for c, a, y, _v in rows}
        existing = {
            (v.indicator_id, v.area_id, v.year): v
            for v in IndicatorValue.objects.filter(
                indicator_id__in={k[0] for k in keys}, area_id__in={k[1] for k in keys},
                year__in={k[2] for k in keys})
        }
        new, changed = [], []
        for code, area, year, value in rows:
            key = (indicators[code].pk, area.pk, year)
            if key in existing:
                row = existing[key]
                row.value, row.imported_by = value, user
                changed.append(row)
            else:
                new.append(IndicatorValue(indicator=indicators[code], area=area, year=year,
                                          value=value, imported_by=user))
        IndicatorValue.objects.bulk_create(new, batch_size=2000)
        IndicatorValue.objects.bulk_update(changed, ["value", "imported_by"], batch_size=2000)
        report.created, report.replaced = len(new), len(changed)
    return report


def read_definitions(sheet: Sheet, user: Any,
                     errors: list[RowError]) -> dict[str, dict[str, Any]]:
    title, rows = sheet
    # An indicator is shared by every province: only national roles may redefine one.
    existing = set(Indicator.objects.values_list("code", flat=True))
    national = user.has_perm("indicators.redefine_indicator")
    if not rows:
        return {}
    head = headers(rows[0])
    missing = [c for c in ("code", "name_th") if c not in head]
    if missing:
        errors.append(RowError(title, 1, ", ".join(missing), _("This column is missing.")))
        return {}
    found: dict[str, dict[str, Any]] = {}
    for number, row in data_rows(rows):
        cell = {h: row[i] if i < len(row) else None for i, h in enumerate(head)}
        code = plain_code(cell.get("code"))
        if not re.fullmatch(r"[-a-zA-Z0-9_]{1,60}", code):
            errors.append(RowError(title, number, "code", _(
                "Use letters, digits, - and _ only (at most 60).")))
            continue
        if code.lower() in RESERVED_CODES:
            errors.append(RowError(title, number, "code", _(
                "“%(code)s” is the name of a page; choose another code.") % {"code": code}))
            continue
        if code in found:
            errors.append(RowError(title, number, "code", _("This code appears twice.")))
            continue
        if code in existing and not national:
            errors.append(RowError(title, number, "code", _(
                "The indicator “%(code)s” already exists; only a national analyst may change "
                "its definition. Leave it off the indicators sheet.") % {"code": code}))
            continue
        fields: dict[str, Any] = {
            "name_th": str(cell.get("name_th") or "").strip(),
            "name_en": str(cell.get("name_en") or "").strip(),
            "unit": str(cell.get("unit") or "").strip(),
            "source": str(cell.get("source") or "").strip(),
        }
        if not fields["name_th"]:
            errors.append(RowError(title, number, "name_th", _("Give the Thai name.")))
        direction = str(cell.get("direction") or "positive").strip().lower()
        if direction not in Direction.values:
            errors.append(RowError(title, number, "direction", _(
                "Write positive (higher is better) or negative (lower is better).")))
        dimension = str(cell.get("dimension") or "context").strip().lower()
        if dimension not in Dimension.values:
            errors.append(RowError(title, number, "dimension", _(
                "Unknown dimension. Use one of: %(choices)s.") % {
                "choices": ", ".join(Dimension.values)}))
        year = None
        if cell.get("year") not in (None, ""):
            try:
                year = parse_year(cell["year"])
            except ValueError:
                errors.append(RowError(title, number, "year", _(
                    "“%(text)s” is not a year in the Buddhist Era, e.g. 2568.") % {
                    "text": cell["year"]}))
        fields.update(direction=direction, dimension=dimension, year=year)
        found[code] = fields
    return found


def read_values(sheet: Sheet, new_indicators: dict[str, Any], user: Any,
                errors: list[RowError]) -> list[tuple[str, Area, int, float]]:
    title, rows = sheet
    if not rows:
        errors.append(RowError(title, 1, "-", _("The sheet is empty.")))
        return []
    head = [VALUE_COLUMNS.get(h, h) for h in headers(rows[0])]
    missing = [c for c in ("indicator", "area", "year", "value") if c not in head]
    if missing:
        errors.append(RowError(title, 1, ", ".join(missing), _(
            "This column is missing. The columns are indicator, area, year and value.")))
        return []
    at = {name: head.index(name) for name in ("indicator", "area", "year", "value")}
    known = set(Indicator.objects.values_list("code", flat=True)) | set(new_indicators)
    codes = {plain_code(row[at["area"]]) for _n, row in data_rows(rows)
             if at["area"] < len(row)}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    allowed: dict[str, bool] = {}
    seen: dict[tuple[str, str, int], int] = {}
    out: list[tuple[str, Area, int, float]] = []
    for number, row in data_rows(rows):
        cell = {name: row[i] if i < len(row) else None for name, i in at.items()}
        ok = True
        code = plain_code(cell["indicator"])
        if code not in known:
            errors.append(RowError(title, number, "indicator", _(
                "Unknown indicator “%(code)s”. Add it on the indicators sheet.") % {
                "code": code}))
            ok = False
        area_code = plain_code(cell["area"])
        area = areas.get(area_code)
        if area is None:
            errors.append(RowError(title, number, "area", _(
                "Unknown area code “%(code)s”.") % {"code": area_code}))
            ok = False
        else:
            if area_code not in allowed:
                allowed[area_code] = may_write_for(user, area)
            if not allowed[area_code]:
                errors.append(RowError(title, number, "area", _(
                    "You may not import figures for %(area)s.") % {"area": area.name}))
                ok = False
        try:
            year = parse_year(cell["year"])
        except ValueError:
            errors.append(RowError(title, number, "year", _(
                "“%(text)s” is not a year in the Buddhist Era, e.g. 2568.") % {
                "text": cell["year"] if cell["year"] is not None else ""}))
            ok = False
        try:
            if cell["value"] in (None, ""):
                raise ValueError
            value = parse_number(cell["value"])
        except ValueError:
            errors.append(RowError(title, number, "value", _(
                "“%(text)s” is not a number. Leave the row out when there is no value.") % {
                "text": cell["value"] if cell["value"] is not None else ""}))
            ok = False
        if not ok:
            continue
        key = (code, area_code, year)
        if key in seen:
            errors.append(RowError(title, number, "value", _(
                "The same indicator, area and year is already on row %(row)s.") % {
                "row": seen[key]}))
            continue
        seen[key] = number
        out.append((code, area, year, value))  # type: ignore[arg-type]
    return out
