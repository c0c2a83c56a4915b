"""Joint funding, pilot funds and public pledge campaigns."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["funding"])
