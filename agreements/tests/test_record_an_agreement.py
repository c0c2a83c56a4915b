"""A party's coordinator, the area's provincial officer or an administrator records an MOU
with its parties, areas and dates; bad dates and unknown area codes are refused, nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement, Party
from agreements.tests.helpers import make_agreement

pytestmark = pytest.mark.django_db


def data(world: Any, **changes: Any) -> dict[str, Any]:
    base = {"title": "MOU on older people's care", "kind": "mou",
            "scope": "Home visits in every sub-district.", "organisations": [world.org.pk],
            "agencies": "สำนักงานสาธารณสุขจังหวัดลำพูน\nองค์การบริหารส่วนจังหวัดลำพูน",
            "partners": "มหาวิทยาลัยเชียงใหม่", "area_codes": "51, 5104",
            "signed_on": "2025-09-15", "starts_on": "2025-10-01", "ends_on": "2026-09-30"}
    base.update(changes)
    return base


@pytest.mark.parametrize("role", ["cso_coordinator", "provincial_officer", "administrator"])
def test_allowed_roles_record_an_agreement(client, world, role):
    world.login(client, role)
    response = client.post("/agreements/new/", data(world))
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/agreements/{agreement.pk}/"
    assert sorted(agreement.areas.values_list("code", flat=True)) == ["51", "5104"]
    assert list(agreement.organisations.all()) == [world.org]
    assert sorted(agreement.parties.values_list("name", "kind")) == sorted([
        ("สำนักงานสาธารณสุขจังหวัดลำพูน", Party.PartyKind.AGENCY),
        ("องค์การบริหารส่วนจังหวัดลำพูน", Party.PartyKind.AGENCY),
        ("มหาวิทยาลัยเชียงใหม่", Party.PartyKind.OTHER)])
    assert agreement.created_by == world.people[role]
    page = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "MOU on older people&#x27;s care" in page
    assert "มหาวิทยาลัยเชียงใหม่" in page and world.org.name_th in page
    # In Thai (the default), dates are shown in the Buddhist Era.
    client.cookies["klang_language"] = "th"
    thai = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "15 กันยายน 2568" in thai and "30 กันยายน 2569" in thai


@pytest.mark.parametrize("role", ["citizen", "cso_member", "working_group", "committee_member",
                                  "funder"])
def test_other_roles_cannot_record_one(client, world, role):
    world.login(client, role)
    assert client.get("/agreements/new/").status_code == 403
    assert client.post("/agreements/new/", data(world)).status_code == 403
    assert not Agreement.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client, world):
    response = client.post("/agreements/new/", data(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Agreement.objects.exists()


def test_an_officer_of_another_province_cannot_record_one_for_lamphun(client, world):
    world.login(client, "other_province_officer")
    response = client.post("/agreements/new/", data(world, organisations=[]))
    assert response.status_code == 400
    assert "area_codes" in response.context["form"].errors
    assert not Agreement.objects.exists()
    # In Chiang Mai, the same officer may.
    assert client.post("/agreements/new/", data(world, organisations=[],
                                                area_codes="50")).status_code == 302


def test_a_coordinator_must_name_their_own_organisation(client, world):
    world.login(client, "cso_coordinator")
    response = client.post("/agreements/new/", data(world, organisations=[world.other_org.pk]))
    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_an_agreement_that_ends_before_it_starts_is_refused(client, world):
    world.login(client, "provincial_officer")
    response = client.post("/agreements/new/", data(world, starts_on="2026-10-01",
                                                    ends_on="2026-09-30"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["ends_on"]
    assert "cannot end before it starts" in errors["ends_on"][0]
    assert not Agreement.objects.exists()


def test_unknown_area_codes_are_named(client, world):
    world.login(client, "provincial_officer")
    response = client.post("/agreements/new/", data(world, area_codes="51, 9999, 77x"))
    assert response.status_code == 400
    message = response.context["form"].errors["area_codes"][0]
    assert "“9999”" in message and "“77x”" in message and "“51”" not in message
    # The field error is linked to its input for screen readers.
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert not Agreement.objects.exists()


def test_a_party_coordinator_edits_and_another_cannot(client, world):
    agreement = make_agreement(world, organisations=[world.org], areas=[world.lamphun])
    world.login(client, "cso_coordinator")
    response = client.post(f"/agreements/{agreement.pk}/edit/",
                           data(world, title="MOU, second version", partners=""))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "MOU, second version"
    assert agreement.parties.count() == 2
    world.login(client, "other_province_officer")
    assert client.get(f"/agreements/{agreement.pk}/edit/").status_code == 403


def test_documents_are_checked_and_served_through_the_agreement(client, world):
    agreement = make_agreement(world)
    world.login(client, "provincial_officer")
    fake = SimpleUploadedFile("mou.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(f"/agreements/{agreement.pk}/documents/new/",
                           {"title": "Signed MOU", "file": fake})
    assert response.status_code == 400 and "file" in response.context["form"].errors
    assert not agreement.documents.exists()
    pdf = SimpleUploadedFile("mou.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(f"/agreements/{agreement.pk}/documents/new/",
                           {"title": "Signed MOU", "file": pdf})
    assert response.status_code == 302
    document = agreement.documents.get()
    client.logout()
    page = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert f"/agreements/{agreement.pk}/documents/{document.pk}/" in page
    assert "/media/" not in page
    download = client.get(f"/agreements/{agreement.pk}/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["X-Content-Type-Options"] == "nosniff"
