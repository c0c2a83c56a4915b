"""A need or a proposal citing an area statistic (the chain of DESIGN.md section 3).

A citation keeps what the figure said when it was cited (count, households, rate, definition
version, date of the release). It stays honest afterwards: it always shows that snapshot with
its date, and says when the current release differs ("updated since: now X"), when the figure
is now suppressed (the current number is never shown then) or no longer computed.
Only a published (unsuppressed) cell can be cited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from evidence.models import AreaStatistic, StatisticCitation


@rules.predicate
def may_edit_cited(user: Any, obj: Any) -> bool:
    """Whoever may edit the need or the proposal may add evidence to it."""
    if obj is None:
        return False
    label = obj._meta.label_lower
    if label == "needs.need":
        return user.has_perm("needs.change_need", obj)
    if label == "proposals.proposal":
        return user.has_perm("proposals.change_proposal", obj)
    return False


rules.add_perm("evidence.cite_statistic", may_edit_cited)   # object: a Need or a Proposal


class CitationError(Exception):
    """The cell cannot be cited; the message says why, for the person citing."""


def cite(user: Any, *, area: Any, group: str, indicator: str, need: Any = None,
         proposal: Any = None) -> StatisticCitation:
    """Store a snapshot of a published cell on a need or a proposal."""
    row = AreaStatistic.objects.filter(area=area, group=group, indicator=indicator).first()
    if row is None:
        raise CitationError(_("Klang has no published statistic for this area, group and "
                              "indicator."))
    if row.suppressed:
        raise CitationError(_("This figure is suppressed to protect the households behind it, "
                              "so it cannot be cited."))
    return StatisticCitation.objects.create(
        need=need, proposal=proposal, area=area, group=group, indicator=indicator,
        count=row.count, denominator=row.denominator, rate=row.rate,
        definition_version=row.definition_version, computed_at=row.computed_at, cited_by=user)


@dataclass
class CitedFigure:
    citation: StatisticCitation
    indicator_label: Any
    group_label: Any
    state: str                       # "current", "updated", "suppressed" or "gone"
    now_count: int | None = None     # only when "updated"
    now_rate: float | None = None
    now_computed_at: Any = None


def describe(citations: list[StatisticCitation]) -> list[CitedFigure]:
    """Each citation with how it compares to the current release (one query for all)."""
    from evidence.statistics import group_labels, indicator_labels

    keys = {(c.area_id, c.group, c.indicator) for c in citations}
    current: dict[tuple[int, str, str], AreaStatistic] = {}
    if keys:
        rows = AreaStatistic.objects.filter(area_id__in={k[0] for k in keys},
                                            group__in={k[1] for k in keys},
                                            indicator__in={k[2] for k in keys})
        current = {(r.area_id, r.group, r.indicator): r for r in rows}
    indicators, groups = indicator_labels(), group_labels()
    described = []
    for citation in citations:
        row = current.get((citation.area_id, citation.group, citation.indicator))
        figure = CitedFigure(citation, indicators.get(citation.indicator, citation.indicator),
                             groups.get(citation.group, citation.group), "current")
        if row is None:
            figure.state = "gone"
        elif row.suppressed:
            figure.state = "suppressed"
        elif (row.count, row.denominator, row.definition_version) != (
                citation.count, citation.denominator, citation.definition_version):
            figure.state = "updated"
            figure.now_count, figure.now_rate = row.count, row.rate
            figure.now_computed_at = row.computed_at
        described.append(figure)
    return described


def cited_by(*, need: Any = None, proposal: Any = None) -> list[CitedFigure]:
    citations = StatisticCitation.objects.select_related("area")
    if need is not None:
        citations = citations.filter(need=need)
    else:
        citations = citations.filter(proposal=proposal)
    return describe(list(citations))
