"""A funder's grants as an XLSX workbook.

Every cell goes through ``evidence.exports.safe_cell`` (Klang's one rule against formula
injection): text beginning with = + - @ is written with a leading apostrophe.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from evidence.exports import safe_cell
from funding.models import Funder


def grants_workbook(funder: Funder) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Grants")[:31]
    sheet.append([_("Funder"), _("Fiscal year (B.E.)"), _("Project"), _("Recipient organisation"),
                  _("Area code"), _("Area"), _("Amount (baht)"), _("Status"), _("Starts on"),
                  _("Ends on"), _("Plan item"), _("Proposal"), _("Illustrative")])
    grants = (funder.grants.select_related("organisation", "area", "plan_item", "proposal")
              .order_by("-fiscal_year", "pk"))
    for grant in grants:
        sheet.append([safe_cell(v) for v in (
            funder.name, grant.fiscal_year, grant.title, grant.organisation.name_th,
            grant.area.code, grant.area.name_th, grant.amount, grant.get_status_display(),
            grant.starts_on, grant.ends_on,
            grant.plan_item.title if grant.plan_item else "",
            grant.proposal.title if grant.proposal else "",
            _("yes") if grant.is_illustrative else "")])
    sheet.freeze_panes = "A2"
    return book
