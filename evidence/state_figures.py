"""Importing the figures the state published (e.g. TPMAP's count of target poor per sub-district)
so that each area's statistics page shows them beside Klang's own: what civil-society evidence
adds to what the state already counts.

A file (XLSX or CSV, UTF-8 or the Thai Windows-874/TIS-620 encoding) has one figure a row, with
the columns ``area_code``, ``indicator``, ``group`` (optional: "all" when empty), ``year``
(Buddhist Era), ``value`` and ``source`` (Thai headers are understood too). Numbers may use Thai
digits (๐–๙) and thousands separators. The import is all or nothing: one bad row and nothing is
written, and every problem is reported with its row and column. A provincial officer may import
figures of their province, a national analyst of any area
(``evidence.publish_state_figures``). Importing the same area, indicator, group, year and
source again replaces the value.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MAX_ROWS = 50_000
MAX_VALUE = Decimal("999999999999.99")

# Accepted headers (lower-cased, spaces as underscores) for each column.
HEADERS: dict[str, set[str]] = {
    "area_code": {"area_code", "area", "code", "รหัสพื้นที่", "รหัส"},
    "indicator": {"indicator", "ตัวชี้วัด"},
    "group": {"group", "target_group", "กลุ่ม", "กลุ่มเป้าหมาย"},
    "year": {"year", "ปี", "ปี_พ.ศ.", "พ.ศ."},
    "value": {"value", "ค่า", "จำนวน"},
    "source": {"source", "แหล่งที่มา", "ที่มา"},
}
REQUIRED = ["area_code", "indicator", "year", "value", "source"]


@dataclass
class Problem:
    row: int | None
    column: str
    message: str


class StateFigureError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def read_rows(data: bytes) -> list[list[str]]:
    """Every row of the file's first sheet as text (the header first)."""
    if data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise StateFigureError([Problem(None, "", _(
                "The file could not be read as an Excel workbook (%(error)s).") % {
                    "error": type(error).__name__})]) from error
        sheet = workbook.worksheets[0]
        rows = [["" if v is None else str(v) for v in row]
                for row in islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2)]
        workbook.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp874", errors="replace")
    try:
        return list(islice(csv.reader(io.StringIO(text)), MAX_ROWS + 2))
    except csv.Error as error:
        raise StateFigureError([Problem(None, "", _(
            "The file could not be read as CSV (%(error)s).") % {"error": error})]) from error


def parse_number(text: str) -> Decimal | None:
    cleaned = text.translate(THAI_DIGITS).replace(",", "").replace(" ", "").strip()
    if cleaned.endswith(".0") and cleaned[:-2].isdigit():
        cleaned = cleaned[:-2]
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def import_figures(data: bytes, user: Any) -> int:
    """Validate every row, then write them all in one transaction; answers how many were
    written. Raises ``StateFigureError`` listing every problem (and writes nothing)."""
    from areas.services import resolve
    from evidence.models import StateFigure
    from evidence.statistics import GROUPS, INDICATORS, PUBLISHED_LEVELS, forget_cached

    rows = read_rows(data)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise StateFigureError([Problem(None, "", _("The file is empty."))])
    header = [cell.strip().lower().replace(" ", "_") for cell in rows[0]]
    position: dict[str, int] = {}
    for column, names in HEADERS.items():
        for i, name in enumerate(header):
            if name in names:
                position[column] = i
                break
    missing = [c for c in REQUIRED if c not in position]
    if missing:
        raise StateFigureError([Problem(1, c, _("The column “%(column)s” is missing.") % {
            "column": c}) for c in missing])
    if len(rows) > MAX_ROWS + 1:
        raise StateFigureError([Problem(None, "", _(
            "The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS})])

    problems: list[Problem] = []
    figures: list[dict[str, Any]] = []
    areas: dict[str, Any] = {}
    for number, row in enumerate(rows[1:], start=2):
        def cell(column: str, row: list[str] = row) -> str:
            i = position.get(column)
            return row[i].strip() if i is not None and i < len(row) else ""

        if not any(c.strip() for c in row):
            continue
        found: dict[str, Any] = {}
        code = cell("area_code").translate(THAI_DIGITS)
        if code not in areas:
            areas[code] = resolve(code) if code else None
        area = areas[code]
        if area is None:
            problems.append(Problem(number, "area_code", _(
                "There is no area with the code “%(code)s”.") % {"code": code}))
        elif area.level not in PUBLISHED_LEVELS:
            problems.append(Problem(number, "area_code", _(
                "Figures are kept for sub-districts and larger areas, not villages.")))
        elif not user.has_perm("evidence.publish_state_figures", area):
            problems.append(Problem(number, "area_code", _(
                "You may not publish figures for %(area)s.") % {"area": area.name}))
        found["area"] = area
        indicator = cell("indicator")
        if indicator not in INDICATORS:
            problems.append(Problem(number, "indicator", _(
                "Unknown indicator “%(value)s”; use one of: %(choices)s.") % {
                    "value": indicator, "choices": ", ".join(INDICATORS)}))
        found["indicator"] = indicator
        group = cell("group") or "all"
        if group not in GROUPS:
            problems.append(Problem(number, "group", _(
                "Unknown group “%(value)s”; use one of: %(choices)s.") % {
                    "value": group, "choices": ", ".join(GROUPS)}))
        found["group"] = group
        year = parse_number(cell("year"))
        if year is None or year != int(year):
            problems.append(Problem(number, "year", _("The year must be a whole number.")))
        elif not 2400 <= year <= 2700:
            problems.append(Problem(number, "year", _(
                "The year must be in the Buddhist Era (e.g. 2567 for 2024).")))
        found["year"] = int(year) if year is not None and year == int(year) else None
        value = parse_number(cell("value"))
        if value is None:
            problems.append(Problem(number, "value", _("The value must be a number.")))
        elif value < 0 or value > MAX_VALUE:
            problems.append(Problem(number, "value", _(
                "The value must be between 0 and %(max)s.") % {"max": MAX_VALUE}))
        found["value"] = value.quantize(Decimal("0.01")) if value is not None else None
        source = cell("source")
        if not source:
            problems.append(Problem(number, "source", _("Say where the figure comes from.")))
        elif len(source) > 255:
            problems.append(Problem(number, "source", _("The source is longer than 255 "
                                                        "characters.")))
        found["source"] = source
        figures.append(found)
    if problems:
        raise StateFigureError(problems)
    if not figures:
        raise StateFigureError([Problem(None, "", _("The file has no figures."))])
    with transaction.atomic():
        for figure in figures:
            StateFigure.objects.update_or_create(
                area=figure["area"], indicator=figure["indicator"], group=figure["group"],
                year=figure["year"], source=figure["source"],
                defaults={"value": figure["value"], "imported_by": user})
    forget_cached()
    return len(figures)
