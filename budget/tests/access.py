"""Who may use each budget page and API endpoint (see klang/testing.py).

Budget lines are public money: every read is open to everyone. Importing is for people who may
import somewhere (provincial officers of any province, national analysts, administrators; each
row is then checked against its area, see test_budget_work_stays_with_the_province). Classifying
and linking Lamphun's lines is for Lamphun's provincial officer, national analysts and
administrators.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, Access

API = "api-1.0.0"
IMPORTERS = frozenset({"provincial_officer", "other_province_officer", "national_analyst",
                       "administrator"})
LAMPHUN_MANAGERS = frozenset({"provincial_officer", "national_analyst", "administrator"})


def line(w: Any) -> Any:
    """Lamphun's line (one per test, however many entries ask for it)."""
    from budget.models import BudgetLine
    from budget.tests.helpers import make_line

    project = "ก่อสร้างถนนทดสอบสิทธิ์"
    return BudgetLine.objects.filter(project=project).first() or make_line(
        "5104", project=project, groups=("older-people",))


def import_data(w: Any) -> dict[str, Any]:
    from budget.tests.helpers import upload, xlsx_bytes

    data = xlsx_bytes([[2569, "", "โครงการทดสอบสิทธิ์", "สำนักงานจังหวัดลำพูน", "100,000",
                        "งบจังหวัด", "51", "", ""]])
    return {"file": upload("matrix.xlsx", data)}


ACCESS: list[Access] = [
    Access("budget:index", lambda w: "/budget/", EVERYONE),
    Access("budget:template", lambda w: "/budget/import/template.xlsx", EVERYONE),
    Access("budget:province_latest", lambda w: (line(w), "/budget/51/")[1], EVERYONE),
    Access("budget:province", lambda w: (line(w), "/budget/51/2569/")[1], EVERYONE),
    Access("budget:lines", lambda w: (line(w), "/budget/51/2569/lines/")[1], EVERYONE),
    Access("budget:export_lines", lambda w: (line(w), "/budget/51/2569/lines.xlsx")[1],
           EVERYONE),
    Access("budget:export_summary", lambda w: (line(w), "/budget/51/2569/summary.xlsx")[1],
           EVERYONE),
    Access("budget:line", lambda w: f"/budget/lines/{line(w).pk}/", EVERYONE),
    Access("budget:import", lambda w: "/budget/import/", IMPORTERS),
    Access("budget:import", lambda w: "/budget/import/", IMPORTERS, method="POST",
           data=import_data),
    Access("budget:classify", lambda w: (line(w), "/budget/51/2569/classify/")[1],
           LAMPHUN_MANAGERS),
    Access("budget:classify", lambda w: (line(w), "/budget/51/2569/classify/")[1],
           LAMPHUN_MANAGERS, method="POST"),
    Access("budget:edit_line", lambda w: f"/budget/lines/{line(w).pk}/edit/", LAMPHUN_MANAGERS),
    Access("budget:edit_line", lambda w: f"/budget/lines/{line(w).pk}/edit/", LAMPHUN_MANAGERS,
           method="POST"),
    # The API: open data.
    Access(f"{API}:budget_lines", lambda w: (line(w), "/api/v1/budget-lines/?province=51")[1],
           EVERYONE),
    Access(f"{API}:budget_summary",
           lambda w: (line(w), "/api/v1/budget-lines/summary/?province=51&fiscal_year=2569")[1],
           EVERYONE),
    Access(f"{API}:budget_line", lambda w: f"/api/v1/budget-lines/{line(w).pk}/", EVERYONE),
]
