"""The funding part of the Lamphun demo (portal.demo.load_demo calls ``load``)."""

from __future__ import annotations

from collections.abc import Callable


def load(progress: Callable[[str], None] | None = None) -> None:
    """Idempotent: skipped when already loaded."""
