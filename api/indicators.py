"""Area indicators and composite indices."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["indicators"])
