"""Small builders for the agreement tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agreements.models import Agreement, Commitment
from agreements.services import add_commitment, save_agreement


def make_agreement(world: Any, *, areas: list[Any] | None = None, organisations: Any = None,
                   title: str = "MOU on accessible district offices", **fields: Any) -> Agreement:
    fields.setdefault("scope", "Ramps and accessible toilets at every district office.")
    fields.setdefault("signed_on", dt.date(2025, 8, 1))
    fields.setdefault("starts_on", dt.date(2025, 8, 1))
    fields.setdefault("ends_on", dt.date(2027, 9, 30))
    return save_agreement(
        Agreement(title=title, **fields),
        organisations=[world.org] if organisations is None else organisations,
        areas=areas or [world.lamphun],
        agencies=["สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน"],
        actor=world.people["provincial_officer"])


def make_commitment(world: Any, agreement: Agreement | None = None, *,
                    title: str = "Survey every district office",
                    due_date: dt.date = dt.date(2026, 3, 31)) -> Commitment:
    return add_commitment(agreement or make_agreement(world), title, due_date,
                          responsible="สมาคมคนพิการจังหวัดลำพูน")
