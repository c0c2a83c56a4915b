"""The summary cache is per process and outlives a test's rolled-back transaction: start each
budget test with an empty one, so that no test reads another's entries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
