"""Budget charts (inline SVG bars) and the list of budget lines for a plan item or proposal.

``{% load budget %}{% budget_lines_for item %}`` on a plan item's or a proposal's page lists the
budget lines linked to it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

ROW_HEIGHT = 34
BAR_HEIGHT = 12


@register.simple_tag
def budget_bars(rows: list[Any], title: str) -> SafeString:
    """Horizontal bars, one per row (its ``bar`` is the percent of the largest row). The data
    table beside each chart carries the figures; the SVG is a picture of them, named by its
    title, so that screen readers read the table, not the shapes."""
    if not rows:
        return SafeString("")
    height = ROW_HEIGHT * len(rows)
    parts = format_html_join(
        "", '<text x="0" y="{}" class="budget-bar-label">{} · {}%</text>'
            '<rect x="0" y="{}" width="{}%" height="{}" rx="2" class="budget-bar"></rect>',
        ((i * ROW_HEIGHT + 13, row.label, row.share, i * ROW_HEIGHT + 18,
          max(row.bar, 0.5), BAR_HEIGHT) for i, row in enumerate(rows)),
    )
    return format_html(
        '<svg class="budget-bars" role="img" aria-label="{}" width="100%" height="{}" '
        'focusable="false">{}</svg>', title, height, parts)


@register.inclusion_tag("budget/_linked_lines.html")
def budget_lines_for(obj: Any) -> dict[str, Any]:
    from budget.services import lines_for

    lines = list(lines_for(obj)) if obj is not None and getattr(obj, "pk", None) else []
    return {"budget_lines": lines, "budget_total": sum(line.amount for line in lines)}
