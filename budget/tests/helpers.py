"""Budget lines and budget files for tests: real rows, real XLSX/CSV bytes."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from budget.importer import line_key

HEADER = ["fiscal_year", "plan", "project", "agency", "amount", "source", "area_code",
          "target_groups", "class"]


def make_line(area_code: str = "51", *, project: str = "โครงการทดสอบ", amount: Any = "1000000",
              fiscal_year: int = 2569, agency: str = "สำนักงานจังหวัดลำพูน",
              source: str = "province", budget_class: str | None = None,
              confirmed: bool = False, groups: tuple[str, ...] = ()) -> Any:
    from areas.models import Area
    from budget.models import BudgetClass, BudgetLine
    from budget.services import ensure_classes
    from orgs.models import TargetGroup

    ensure_classes()
    area = Area.objects.get(code=area_code)
    amount = Decimal(str(amount))
    line = BudgetLine.objects.create(
        fiscal_year=fiscal_year, project=project, agency=agency, amount=amount, source=source,
        area=area, key=line_key(fiscal_year, area, project, agency, amount),
        budget_class=BudgetClass.objects.get(slug=budget_class) if budget_class else None,
        class_confirmed=confirmed,
    )
    if groups:
        line.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    return line


def xlsx_bytes(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], header: list[str] | None = None,
              encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
