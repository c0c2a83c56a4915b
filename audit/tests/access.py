"""Who may use each audit page (see klang/testing.py): the data-protection officer only.

The administrator is refused too: configuring Klang does not make one a reader of who looked
at which household.
"""

from klang.testing import Access

DPO = frozenset({"dpo"})

ACCESS: list[Access] = [
    Access("audit:log", lambda w: "/audit/", DPO),
    Access("audit:log", lambda w: "/audit/?action=view&date_from=2025-01-01", DPO),
    Access("audit:export", lambda w: "/audit/export/?format=csv", DPO),
    Access("audit:export", lambda w: "/audit/export/?format=xlsx", DPO),
]
