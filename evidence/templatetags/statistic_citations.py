"""``{% statistic_citations need %}`` / ``{% statistic_citations proposal %}``: the household-
evidence figures a need or proposal cites, each compared with the current release, and a link
to cite one for those who may. The page including it has already checked that the person may
see the need or proposal, so citations follow its visibility."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from evidence.citations import cited_by

register = template.Library()


@register.inclusion_tag("evidence/citations/_list.html", takes_context=True)
def statistic_citations(context: template.Context, obj: Any) -> dict[str, Any]:
    kind = obj._meta.model_name   # "need" or "proposal"
    user = context.get("user")
    may_cite = user is not None and user.has_perm("evidence.cite_statistic", obj)
    return {
        "cited": cited_by(**{kind: obj}),
        "cite_url": reverse(f"evidence:cite_{kind}", args=[obj.pk]) if may_cite else "",
        "show_empty": True,
        "request": context.get("request"),
    }
