"""Provincial and cluster budget lines."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["budget"])
