"""``{% next_milestone area as step %}``: the next planning step a need or proposal must reach."""

from __future__ import annotations

from typing import Any

from django import template

from planning.calendar import CLOSED_STATES, NextStep, next_step

register = template.Library()


@register.simple_tag
def next_milestone(area: Any, state: str = "") -> NextStep | None:
    """``state``: the need's status or the proposal's state; closed ones have no next step."""
    if area is None or state in CLOSED_STATES:
        return None
    return next_step(area)


@register.simple_tag
def pulse_code(area: Any) -> str:
    """The pulse page nearest the area: its district's, else its province's."""
    for level in ("district", "province"):
        found = getattr(area, level, None)
        if found is not None:
            return found.code
    return ""
