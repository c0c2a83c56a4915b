"""Household evidence as suppressed area statistics."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["statistics"])
