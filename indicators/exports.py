"""XLSX exports of a composite index and of an allocation scenario (public data)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from evidence.exports import xlsx_bytes


def workbook_bytes(sheets: list[tuple[str, list[list[Any]]]]) -> bytes:
    """Sheets given as rows, the first row being the header (every cell neutralised)."""
    return xlsx_bytes({title: (rows[0] if rows else [], rows[1:]) for title, rows in sheets})


def index_workbook(table: Any) -> bytes:
    from indicators.services import METHOD, MISSING_RULE

    head = [_("Area code"), _("Area"), *table.dimension_labels, _("Composite"), _("Rank"),
            _("Flags")]
    rows: list[list[Any]] = [head]
    for r in table.rows:
        rows.append([r.area.code, r.area.name,
                     *[round(s, 4) if s is not None else None for s in r.scores],
                     round(r.composite, 4) if r.composite is not None else None, r.rank,
                     "; ".join(r.flags)])
    about = [[table.config.name], [_("Year (B.E.)"), table.config.year], [str(METHOD)],
             [str(MISSING_RULE)]]
    if table.error:
        about.append([table.error])
    for indicator in table.left_out:
        about.append([_("Left out (no values)"), indicator.code, indicator.name])
    for indicator in table.no_spread:
        about.append([_("No spread (all values equal)"), indicator.code, indicator.name])
    return workbook_bytes([(_("Index"), rows), (_("Method"), about)])


def scenario_workbook(scenario: Any, lines: list[Any], previous: Any) -> bytes:
    from indicators.allocation import __doc__ as method

    head = [_("Area code"), _("Area"), _("Population"), _("Composite index"), _("Rank"),
            _("Weight"), _("Amount (baht)"), _("Share"), _("Floor or cap"),
            _("Last year (baht)"), _("Change (baht)"), _("Reason")]
    rows: list[list[Any]] = [head]
    for line in lines:
        r = line.row
        rows.append([r.area.code, r.area.name, r.population,
                     round(r.composite, 4) if r.composite is not None else None, r.rank,
                     round(r.weight, 4), int(r.amount), round(r.share, 6),
                     r.get_bound_display() if r.bound else "",
                     int(line.last_year) if line.last_year is not None else None,
                     int(line.change) if line.change is not None else None, line.reason])
    about = [[scenario.name], [_("Fiscal year (B.E.)"), scenario.year],
             [_("Envelope (baht)"), int(scenario.envelope)],
             [_("Rule"), scenario.get_rule_display()],
             [_("Floor per area (baht)"), int(scenario.floor)],
             [_("Cap per area (baht)"), int(scenario.cap) if scenario.cap is not None else ""],
             [_("Composite index"), scenario.index.name],
             [_("Compared with"), previous.name if previous else ""],
             [(method or "").strip()]]
    return workbook_bytes([(_("Allocation"), rows), (_("Method"), about)])
