"""Small builders for the funding tests (real models, real database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone


def funders() -> dict[str, Any]:
    """The seeded funders (seeded again after a browser test flushed the database)."""
    import importlib

    from django.apps import apps

    from funding.models import Funder

    if not Funder.objects.exists():
        importlib.import_module("funding.migrations.0002_seed_funders").seed(apps, None)
    return {f.slug: f for f in Funder.objects.all()}


def make_grant(world: Any, funder: str = "thaihealth", amount: str = "100000",
               area: Any = None, **extra: Any) -> Any:
    from funding.models import Grant

    return Grant.objects.create(
        funder=funders()[funder], organisation=extra.pop("organisation", world.org),
        title=extra.pop("title", "ทุนทดสอบ"), area=area or world.lamphun,
        amount=Decimal(amount), fiscal_year=extra.pop("fiscal_year", 2569), **extra)


def make_fund(world: Any, budget: str = "200000", **extra: Any) -> Any:
    from funding.models import PilotFund

    return PilotFund.objects.create(
        title=extra.pop("title", "กองทุนดูแลผู้ป่วยติดเตียง"), description="ทดสอบ",
        organisation=extra.pop("organisation", world.org),
        area=extra.pop("area", world.lamphun), budget=Decimal(budget), **extra)


def make_campaign(world: Any, goal: str = "50000", **extra: Any) -> Any:
    from funding.models import Campaign

    return Campaign.objects.create(
        organisation=extra.pop("organisation", world.org),
        title=extra.pop("title", "รถเข็นสำหรับคนพิการ"), story="เรื่องราว",
        goal=Decimal(goal),
        deadline=extra.pop("deadline", timezone.localdate() + dt.timedelta(days=30)),
        promptpay_id=extra.pop("promptpay_id", "0812345678"), **extra)


def make_pledge(campaign: Any, amount: str = "500", **extra: Any) -> Any:
    from funding.models import Pledge

    return Pledge.objects.create(campaign=campaign, amount=Decimal(amount), **extra)


SECRET_EMAIL = "donor-secret@example.org"
