"""A registered person raises a need, with evidence; the province's working group is told."""

from __future__ import annotations

import pytest

from needs.models import Need, NeedEvidence
from needs.tests.helpers import form_data, pdf_upload, png_upload
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_citizen_raises_a_need_with_evidence_and_the_working_group_is_told(
        client, world, django_capture_on_commit_callbacks):
    world.login(client, "citizen")
    data = form_data(**{
        "evidence-0-kind": "figure", "evidence-0-title": "ผู้สูงอายุติดบ้าน",
        "evidence-0-value": "35", "evidence-0-unit": "คน",
        "evidence-0-source": "สำรวจ รพ.สต. 2567",
        "evidence-1-kind": "document", "evidence-1-title": "รายงานสำรวจ",
        "evidence-1-file": pdf_upload(),
        "evidence-2-kind": "document", "evidence-2-title": "ภาพบ้าน",
        "evidence-2-file": png_upload(),
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/needs/new/", data)
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/needs/{need.pk}/"
    assert need.raised_by == world.people["citizen"]
    assert need.province == world.lamphun and need.area.code == "5104"
    assert need.status == "new" and need.people_affected == 35
    assert [e.content_type for e in need.evidence.order_by("pk")] == [
        "", "application/pdf", "image/png"]
    assert Notification.objects.filter(user=world.people["working_group"],
                                       kind="new_need").count() == 1
    assert not Notification.objects.filter(user=world.people["other_province_officer"]).exists()

    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "ผู้สูงอายุติดบ้าน" in page and "สำรวจ รพ.สต. 2567" in page
    document = need.evidence.get(content_type="application/pdf")
    download = client.get(f"/needs/{need.pk}/evidence/{document.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_public_page_never_names_the_citizen_who_raised_it(client, world):
    world.login(client, "citizen")
    client.post("/needs/new/", form_data())
    need = Need.objects.get()
    client.logout()
    client.cookies["klang_language"] = "en"  # the assertion reads English text
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "a registered citizen" in page
    assert world.people["citizen"].full_name not in page
    assert world.people["citizen"].email not in page


def test_a_cso_member_raises_a_need_for_their_organisation_at_a_forum(client, world):
    from needs.tests.helpers import make_forum

    forum = make_forum(world)
    world.login(client, "cso_member")
    response = client.post("/needs/new/", form_data(organisation=str(world.org.pk),
                                                    forum=str(forum.pk)))
    assert response.status_code == 302
    need = Need.objects.get()
    assert list(need.organisations.all()) == [world.org]
    assert list(need.forums.all()) == [forum]
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "Lamphun Disability Association" in page and forum.title in page


def test_nobody_raises_a_need_for_an_organisation_that_is_not_theirs(client, world):
    world.login(client, "citizen")
    response = client.post("/needs/new/", form_data(organisation=str(world.org.pk)))
    assert response.status_code == 400
    assert not Need.objects.exists()


def test_a_wrong_area_code_is_named_and_nothing_is_saved(client, world):
    world.login(client, "citizen")
    response = client.post("/needs/new/", form_data(area="5199"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "5199" in page and 'id="id_area_error"' in page
    assert 'aria-describedby="id_area_helptext id_area_error"' in page
    assert not Need.objects.exists()


@pytest.mark.parametrize("upload", ["fake_pdf", "too_large", "script"])
def test_bad_uploads_are_refused_and_nothing_is_saved(client, world, settings, upload):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.KLANG_UPLOAD_MAX_BYTES = 1024
    files = {
        "fake_pdf": SimpleUploadedFile("report.pdf", b"not really a pdf",
                                       content_type="application/pdf"),
        "too_large": pdf_upload(size=2048),
        "script": SimpleUploadedFile("photo.png", b"<script>alert(1)</script>",
                                     content_type="image/png"),
    }
    world.login(client, "citizen")
    response = client.post("/needs/new/", form_data(**{
        "evidence-0-kind": "document", "evidence-0-title": "เอกสาร",
        "evidence-0-file": files[upload]}))
    assert response.status_code == 400
    assert 'id="id_evidence-0-file_error"' in response.content.decode()
    assert not Need.objects.exists() and not NeedEvidence.objects.exists()


def test_a_figure_needs_its_source(client, world):
    world.login(client, "citizen")
    response = client.post("/needs/new/", form_data(**{
        "evidence-0-kind": "figure", "evidence-0-title": "ครัวเรือน",
        "evidence-0-value": "12"}))
    assert response.status_code == 400
    assert "Give the source of the number." in response.content.decode()
    assert not Need.objects.exists()


def test_the_form_explains_who_sees_a_confidential_need(client, world):
    world.login(client, "citizen")
    page = client.get("/needs/new/").content.decode()
    assert "Keep this need confidential" in page
    assert "province&#x27;s working group" in page or "province's working group" in page


def test_anonymous_people_are_asked_to_log_in(client, world):
    response = client.get("/needs/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_support_is_one_per_person_and_can_be_taken_back(client, world):
    from needs.tests.helpers import make_need

    need = make_need(world)
    world.login(client, "citizen")
    client.post(f"/needs/{need.pk}/support/")
    client.post(f"/needs/{need.pk}/support/")
    assert need.supporters.count() == 0
    client.post(f"/needs/{need.pk}/support/")
    assert list(need.supporters.all()) == [world.people["citizen"]]
    assert "1 person supports this need." in client.get(f"/needs/{need.pk}/").content.decode()
