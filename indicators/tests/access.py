"""Who may use each indicators page and API endpoint (see klang/testing.py)."""

from klang.testing import Access  # noqa: F401

ACCESS: list = []
