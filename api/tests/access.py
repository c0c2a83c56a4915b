"""The authorization matrix's entries for the API and the API token pages.

Reads are public. Registering an organisation needs a login (token or session); changing one
needs ``orgs.change_organisation`` on it: its coordinator, the provincial officer of its province,
or an administrator. Ninja's root ``/api/v1/`` only exists to anchor the others: it answers 404
to everyone outside debug mode.
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, REGISTERED, Access

API = "api-1.0.0"
MANAGERS = frozenset({"cso_coordinator", "provincial_officer", "administrator"})


def org_url(world: Any, slash: bool = True) -> str:
    return f"/api/v1/organisations/{world.org.pk}" + ("/" if slash else "")


def new_organisation(world: Any) -> dict[str, Any]:
    return {"name_th": "กลุ่มทดสอบสิทธิ์", "home_area": "5104", "areas": ["5104"],
            "target_groups": ["older-people"]}


def change(world: Any) -> dict[str, Any]:
    return {"description": "ปรับปรุงข้อมูลองค์กร", "issue_areas": ["health"]}


def own_token_url(world: Any) -> str:
    from accounts.models import ApiToken

    token, _key = ApiToken.issue(world.people["citizen"], "matrix")
    return f"/accounts/tokens/{token.pk}/revoke/"


ACCESS = [
    Access(f"{API}:api-root", lambda world: "/api/v1/", frozenset()),
    Access(f"{API}:openapi-json", lambda world: "/api/v1/openapi.json", EVERYONE),
    Access(f"{API}:openapi-view", lambda world: "/api/v1/docs", EVERYONE),
    Access(f"{API}:areas", lambda world: "/api/v1/areas/?level=province", EVERYONE),
    Access(f"{API}:area", lambda world: "/api/v1/areas/51/", EVERYONE),
    Access(f"{API}:area-no-slash", lambda world: "/api/v1/areas/51", EVERYONE),
    Access(f"{API}:organisations", lambda world: "/api/v1/organisations/?area=51", EVERYONE),
    Access(f"{API}:organisations", lambda world: "/api/v1/organisations/", REGISTERED,
           method="POST", data=new_organisation, json=True),
    Access(f"{API}:organisation", org_url, EVERYONE),
    Access(f"{API}:organisation", org_url, MANAGERS, method="PATCH", data=change, json=True),
    Access(f"{API}:organisation-no-slash", lambda world: org_url(world, slash=False), EVERYONE),
    Access(f"{API}:organisation-no-slash", lambda world: org_url(world, slash=False), MANAGERS,
           method="PATCH", data=change, json=True),
    Access("accounts:tokens", lambda world: "/accounts/tokens/", REGISTERED),
    Access("accounts:tokens", lambda world: "/accounts/tokens/", REGISTERED, method="POST",
           data=lambda world: {"name": "matrix"}),
    # Only the token's owner may revoke it; for everyone else it does not exist (404).
    Access("accounts:revoke_token", own_token_url, frozenset({"citizen"}), method="POST"),
]
