"""Household records, for the collecting organisation's members only."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["households"])
