"""The household list shows a member only their own organisation's households, by pseudonym."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.build_default_survey import ensure_default_survey
from evidence.models import Household


def make(world: Any, organisation: Any, key: str, synthetic: bool = False) -> Household:
    household = Household(survey=ensure_default_survey(), organisation=organisation,
                          area=world.lamphun.children.first().children.first(),
                          submission_key=key, consent_given=True, is_synthetic=synthetic)
    household.write_identity({"head_name": f"ชื่อลับ {key}"})
    household.save()
    return household


def test_the_list_shows_only_our_households(client: Any, world: Any) -> None:
    ours = make(world, world.org, "ours", synthetic=True)
    theirs = make(world, world.other_org, "theirs")
    world.login(client, "cso_member")
    page = client.get("/evidence/households/").content.decode()
    assert ours.pseudonym in page and theirs.pseudonym not in page
    assert "ชื่อลับ" not in page
    client.cookies["klang_language"] = "en"
    assert "synthetic demo data" in client.get("/evidence/households/").content.decode()
    assert ours.pseudonym not in client.get(
        "/evidence/households/?status=verified").content.decode()


@pytest.mark.parametrize("role", ["working_group", "provincial_officer", "dpo",
                                  "administrator", "citizen"])
def test_others_get_no_list(client: Any, world: Any, role: str) -> None:
    make(world, world.org, "ours")
    world.login(client, role)
    assert client.get("/evidence/households/").status_code == 403
    assert client.get("/evidence/households/new/").status_code == 403
