"""The authorization matrix's vocabulary (test support; imported only by tests).

Every app declares, in ``<app>/tests/access.py``, a list ``ACCESS`` with one ``Access`` per URL
name (and per method where a URL takes more than one). ``portal/tests/test_authorization_matrix.py``
collects them all, fails for any URL of the URL configuration that no app declared, and checks
every declared URL for every role in ``conftest.MATRIX_ROLES``:

- a role in ``allowed`` must not be refused (no 401/403/404, no redirect to the login page);
- any other role must be refused: 403 or 404, or for anonymous people 401 or a redirect to login.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

EVERYONE = frozenset({
    "anonymous", "citizen", "cso_member", "cso_coordinator", "working_group",
    "provincial_officer", "other_province_officer", "committee_member", "funder",
    "national_analyst", "dpo", "administrator",
})
REGISTERED = EVERYONE - {"anonymous"}


@dataclass(frozen=True)
class Access:
    name: str                               # URL name, e.g. "orgs:edit" or "api-1.0.0:area"
    url: Callable[[Any], str]               # builds the path from the test ``world``
    allowed: frozenset[str]                 # roles that may use it
    method: str = "GET"
    data: Callable[[Any], dict[str, Any]] = field(default=lambda world: {})
    json: bool = False                      # send ``data`` as a JSON body
