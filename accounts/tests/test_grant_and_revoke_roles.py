"""An administrator grants and revokes roles in the administration site; the history stays."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import Role, RoleGrant, User
from accounts.predicates import has_role_anywhere, has_role_in

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:accounts_rolegrant_changelist"


@pytest.fixture
def admin_client(client: Any, world: Any) -> Any:
    """The administrator of the world: is_staff, with the administrator role (no superuser)."""
    assert not world.people["administrator"].is_superuser
    return world.login(client, "administrator")


def grant_working_group(admin_client: Any, world: Any, **extra: Any) -> Any:
    data = {"user": world.people["citizen"].pk, "role": Role.WORKING_GROUP,
            "area": world.lamphun.pk, "organisation": "", "position": "",
            "grant_reason": "chosen at the 2568 forum", **extra}
    return admin_client.post(reverse("admin:accounts_rolegrant_add"), data)


def test_an_administrator_grants_a_role(admin_client: Any, world: Any) -> None:
    assert admin_client.get(reverse(CHANGELIST)).status_code == 200
    assert admin_client.get(reverse("admin:accounts_rolegrant_add")).status_code == 200
    response = grant_working_group(admin_client, world)
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant = RoleGrant.objects.get(user=world.people["citizen"])
    assert grant.role == Role.WORKING_GROUP
    assert grant.granted_by == world.people["administrator"]
    assert grant.grant_reason == "chosen at the 2568 forum"
    assert grant.is_active
    citizen = User.objects.get(pk=world.people["citizen"].pk)
    assert has_role_in(citizen, [Role.WORKING_GROUP], world.lamphun)


def test_granted_by_cannot_be_forged(admin_client: Any, world: Any) -> None:
    grant_working_group(admin_client, world, granted_by=world.people["dpo"].pk)
    grant = RoleGrant.objects.get(user=world.people["citizen"])
    assert grant.granted_by == world.people["administrator"]


def test_a_cso_role_needs_an_organisation(admin_client: Any, world: Any) -> None:
    response = grant_working_group(admin_client, world, role=Role.CSO_MEMBER)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "กรุณาเลือกองค์กร" in errors["organisation"][0]
    assert not RoleGrant.objects.filter(user=world.people["citizen"]).exists()

    response = grant_working_group(admin_client, world, role=Role.CSO_MEMBER,
                                   organisation=world.org.pk)
    assert response.status_code == 302
    assert RoleGrant.objects.get(user=world.people["citizen"]).organisation == world.org


def test_other_roles_have_no_organisation(admin_client: Any, world: Any) -> None:
    response = grant_working_group(admin_client, world, organisation=world.org.pk)
    assert response.status_code == 200
    assert "กรุณาเว้นช่ององค์กรว่างไว้" in (
        response.context["adminform"].form.errors["organisation"][0]
    )


def test_the_same_active_role_is_not_granted_twice(admin_client: Any, world: Any) -> None:
    grant_working_group(admin_client, world)
    response = grant_working_group(admin_client, world)
    assert response.status_code == 200
    assert RoleGrant.objects.filter(user=world.people["citizen"]).count() == 1


def test_revoke_selected_grants_with_a_reason(admin_client: Any, world: Any) -> None:
    officer = world.people["provincial_officer"]
    grant = officer.role_grants.get()
    selection = {"action": "revoke_selected", ACTION_CHECKBOX_NAME: [grant.pk], "index": 0}

    # First the action asks for the reason...
    page = admin_client.post(reverse(CHANGELIST), selection)
    assert page.status_code == 200
    assert "revoke_reason" in page.content.decode()
    grant.refresh_from_db()
    assert grant.is_active

    # ...and a reason is required.
    page = admin_client.post(reverse(CHANGELIST), {**selection, "apply": "1",
                                                  "revoke_reason": ""})
    assert page.status_code == 200
    grant.refresh_from_db()
    assert grant.is_active

    response = admin_client.post(reverse(CHANGELIST), {**selection, "apply": "1",
                                                      "revoke_reason": "moved to Chiang Mai"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert not grant.is_active
    assert grant.revoked_by == world.people["administrator"]
    assert grant.revoke_reason == "moved to Chiang Mai"

    # The revoked grant stops conferring its role.
    fresh = User.objects.get(pk=officer.pk)
    assert not has_role_anywhere(fresh, [Role.PROVINCIAL_OFFICER])
    assert not has_role_in(fresh, [Role.PROVINCIAL_OFFICER], world.lamphun)


def test_revoke_from_the_grant_page(admin_client: Any, world: Any) -> None:
    grant = world.people["funder"].role_grants.get()
    url = reverse("admin:accounts_rolegrant_change", args=[grant.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert list(form.fields) == ["revoke_reason"]  # nothing else about a grant is editable

    # Saving without a reason keeps the grant; other fields posted are ignored.
    admin_client.post(url, {"revoke_reason": "", "role": Role.ADMINISTRATOR})
    grant.refresh_from_db()
    assert grant.is_active and grant.role == Role.FUNDER

    response = admin_client.post(url, {"revoke_reason": "funding ended"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert grant.revoke_reason == "funding ended"
    assert grant.revoked_by == world.people["administrator"]

    # A revoked grant's page is entirely read-only.
    assert list(admin_client.get(url).context["adminform"].form.fields) == []


def test_grants_are_never_deleted(admin_client: Any, world: Any) -> None:
    grant = world.people["funder"].role_grants.get()
    assert admin_client.get(
        reverse("admin:accounts_rolegrant_delete", args=[grant.pk])
    ).status_code == 403
    changelist = admin_client.get(reverse(CHANGELIST))
    assert "delete_selected" not in changelist.content.decode()
    assert "revoke_selected" in changelist.content.decode()


def test_the_history_keeps_revoked_grants(admin_client: Any, client: Any, world: Any) -> None:
    officer = world.people["provincial_officer"]
    officer.role_grants.get().revoke(world.people["administrator"], "end of term")
    RoleGrant.objects.create(user=officer, role=Role.PROVINCIAL_OFFICER,
                             area=world.chiang_mai, granted_by=world.people["administrator"])

    page = admin_client.get(reverse("admin:accounts_user_change", args=[officer.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "end of term" in html
    assert world.lamphun.name_th in html and world.chiang_mai.name_th in html

    revoked = admin_client.get(reverse(CHANGELIST) + "?status=revoked").context["cl"]
    assert [g.user for g in revoked.result_list] == [officer]

    # The person sees both, too.
    client.force_login(officer)
    profile = client.get(reverse("accounts:profile"))
    assert [g.area for g in profile.context["active_grants"]] == [world.chiang_mai]
    assert [g.area for g in profile.context["past_grants"]] == [world.lamphun]
    assert "end of term" in profile.content.decode()


def test_the_list_filters_and_searches(admin_client: Any, world: Any) -> None:
    url = reverse(CHANGELIST)
    for query in ("?role=dpo", "?status=active", "?area__level__exact=province",
                  "?q=provincial-officer", "?q=ลำพูน"):
        response = admin_client.get(url + query)
        assert response.status_code == 200, query
    by_role = admin_client.get(url + "?role=dpo").context["cl"].result_list
    assert [g.user for g in by_role] == [world.people["dpo"]]
    by_area = admin_client.get(url + "?q=ลำพูน").context["cl"].result_list
    assert world.people["provincial_officer"] in [g.user for g in by_area]
    assert world.people["other_province_officer"] not in [g.user for g in by_area]


def test_areas_and_people_are_picked_by_autocomplete(admin_client: Any, world: Any) -> None:
    params = {"app_label": "accounts", "model_name": "rolegrant"}
    areas = admin_client.get(reverse("admin:autocomplete"),
                             {**params, "field_name": "area", "term": "ลำพูน"})
    assert areas.status_code == 200
    assert str(world.lamphun.pk) in [r["id"] for r in areas.json()["results"]]
    people = admin_client.get(reverse("admin:autocomplete"),
                              {**params, "field_name": "user", "term": "citizen"})
    assert [r["id"] for r in people.json()["results"]] == [str(world.people["citizen"].pk)]


def test_an_administrator_adds_a_person_with_a_password(admin_client: Any, world: Any) -> None:
    response = admin_client.post(reverse("admin:accounts_user_add"), {
        "email": "Officer.New@Example.org", "full_name": "เจ้าหน้าที่ ใหม่",
        "usable_password": "true",
        "password1": "a-proper-pass-phrase-2569", "password2": "a-proper-pass-phrase-2569",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = User.objects.get(email="officer.new@example.org")
    assert person.check_password("a-proper-pass-phrase-2569")
    assert not person.is_superuser


def test_only_a_superuser_makes_a_superuser(admin_client: Any, world: Any) -> None:
    citizen = world.people["citizen"]
    page = admin_client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    assert "is_superuser" not in page.context["adminform"].form.fields
    assert "is_staff" in page.context["adminform"].form.fields


def test_an_administrator_cannot_take_over_a_superuser(admin_client: Any, world: Any) -> None:
    boss = User.objects.create_superuser("boss@example.org", "boss-pass-phrase-2569")
    assert admin_client.get(
        reverse("admin:auth_user_password_change", args=[boss.pk])
    ).status_code == 403
    response = admin_client.post(reverse("admin:accounts_user_change", args=[boss.pk]),
                                 {"email": "mine@example.org"})
    assert response.status_code == 403
    boss.refresh_from_db()
    assert boss.email == "boss@example.org"


@pytest.mark.parametrize("role", ["provincial_officer", "citizen", "dpo"])
def test_people_without_staff_status_are_sent_to_the_admin_login(client: Any, world: Any,
                                                                 role: str) -> None:
    world.login(client, role)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_administrator_role_cannot_grant(client: Any, world: Any) -> None:
    officer = world.people["provincial_officer"]
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(reverse("admin:accounts_rolegrant_add")).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_a_revoked_administrator_can_no_longer_grant(admin_client: Any, world: Any) -> None:
    world.people["administrator"].role_grants.get().revoke(by=None, reason="left")
    assert admin_client.get(reverse(CHANGELIST)).status_code == 403
