"""Who may use each page of the organisation registry (see klang/testing.py)."""

from klang.testing import EVERYONE, REGISTERED, Access

MANAGERS = frozenset({"cso_coordinator", "provincial_officer", "administrator"})
VERIFIERS = frozenset({"provincial_officer", "administrator"})

ACCESS: list[Access] = [
    Access("orgs:directory", lambda w: "/organisations/", EVERYONE),
    Access("orgs:create", lambda w: "/organisations/new/", REGISTERED),
    Access("orgs:detail", lambda w: f"/organisations/{w.org.pk}/", EVERYONE),
    Access("orgs:edit", lambda w: f"/organisations/{w.org.pk}/edit/", MANAGERS),
    Access("orgs:verify", lambda w: f"/organisations/{w.org.pk}/verify/", VERIFIERS,
           method="POST"),
    Access("orgs:coverage", lambda w: f"/organisations/coverage/{w.lamphun.code}/", EVERYONE),
]
