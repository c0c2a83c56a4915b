from klang.testing import Access  # noqa: F401

ACCESS: list = []
