"""The demo's Lamphun budget: 300 M baht in 2569 at 70/30, loaded once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from areas.models import Area
from budget.demo import load
from budget.models import BudgetLine
from budget.services import summarise

pytestmark = pytest.mark.django_db


def test_the_demo_has_seed_000s_split_and_loads_once(world: Any) -> None:
    messages: list[str] = []
    load(messages.append)
    load(messages.append)
    assert "already loaded" in messages[-1]
    summary = summarise(Area.objects.get(code="51"), 2569)
    assert summary.total == Decimal("300000000")
    assert (summary.infrastructure_share, summary.quality_of_life_share) == (70.0, 30.0)
    assert 0 < summary.qol_vulnerable < summary.quality_of_life
    assert len(summary.qol_vulnerable_by_district) >= 5
    assert summary.unconfirmed_count == 3
    assert summarise(Area.objects.get(code="51"), 2568).total == Decimal("280000000")
    assert all(line.amount > 0 for line in BudgetLine.objects.all())
