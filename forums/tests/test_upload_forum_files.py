"""Organisers add photos and documents; Klang checks what the files really are."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from forums.models import ForumFile
from forums.tests.helpers import make_forum, pdf_upload, png_bytes, png_upload


def upload(client, forum, kind, file, title="ภาพบรรยากาศ"):
    return client.post(f"/forums/{forum.pk}/files/new/",
                       {"kind": kind, "title": title, "file": file})


def test_a_real_png_photo_is_accepted_and_shown(client, world):
    forum = make_forum(world)
    world.login(client, "cso_member")
    response = upload(client, forum, "photo", png_upload())
    assert response.status_code == 302
    stored = ForumFile.objects.get()
    assert stored.content_type == "image/png"
    assert stored.uploaded_by == world.people["cso_member"]
    html = client.get(f"/forums/{forum.pk}/").content.decode()
    assert f'src="/forums/{forum.pk}/files/{stored.pk}/"' in html
    assert "/media/" not in html


def test_text_renamed_to_png_is_refused_naming_the_file(client, world):
    forum = make_forum(world)
    world.login(client, "cso_member")
    fake = SimpleUploadedFile("holiday.png", b"just some text, not an image",
                              content_type="image/png")
    response = upload(client, forum, "photo", fake)
    assert response.status_code == 400
    error = response.context["form"].errors["file"][0]
    assert "holiday.png" in error and "JPEG, PNG or WebP" in error
    assert not ForumFile.objects.exists()


def test_a_too_large_file_is_refused(client, world, settings):
    settings.KLANG_UPLOAD_MAX_BYTES = 50
    forum = make_forum(world)
    world.login(client, "cso_member")
    response = upload(client, forum, "photo", png_upload("big.png"))
    assert response.status_code == 400
    error = response.context["form"].errors["file"][0]
    assert "big.png" in error and "at most" in error
    assert not ForumFile.objects.exists()


def test_a_pdf_document_is_accepted_and_downloaded_through_the_forum(client, world):
    forum = make_forum(world)
    world.login(client, "provincial_officer")
    assert upload(client, forum, "document", pdf_upload(), title="รายงานการประชุม"
                  ).status_code == 302
    stored = ForumFile.objects.get()
    assert stored.content_type == "application/pdf"
    client.logout()
    response = client.get(f"/forums/{forum.pk}/files/{stored.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_file_of_another_forum_is_not_found(client, world):
    forum = make_forum(world)
    other = make_forum(world)
    world.login(client, "cso_member")
    upload(client, forum, "photo", png_upload())
    stored = ForumFile.objects.get()
    assert client.get(f"/forums/{other.pk}/files/{stored.pk}/").status_code == 404


def test_documents_are_checked_by_content(client, world):
    forum = make_forum(world)
    world.login(client, "cso_member")
    not_pdf = SimpleUploadedFile("report.pdf", b"<html>hello</html>")
    response = upload(client, forum, "document", not_pdf)
    assert response.status_code == 400
    assert "report.pdf" in response.context["form"].errors["file"][0]
    # A photo is not a document, whatever its kind says.
    assert upload(client, forum, "document", png_upload()).status_code == 400
    assert not ForumFile.objects.exists()


def test_an_office_document_is_accepted_by_its_zip_structure(client, world):
    forum = make_forum(world)
    world.login(client, "cso_member")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    docx = SimpleUploadedFile("agenda.docx", buffer.getvalue())
    assert upload(client, forum, "document", docx).status_code == 302
    assert ForumFile.objects.get().content_type.endswith("wordprocessingml.document")
    # The same zip named .xlsx is not a spreadsheet.
    xlsx = SimpleUploadedFile("budget.xlsx", buffer.getvalue())
    assert upload(client, forum, "document", xlsx).status_code == 400


def test_a_png_named_jpg_is_stored_with_its_real_type(client, world):
    forum = make_forum(world)
    world.login(client, "cso_member")
    photo = SimpleUploadedFile("photo.jpg", png_bytes())
    assert upload(client, forum, "photo", photo).status_code == 302
    assert ForumFile.objects.get().content_type == "image/png"


def test_only_organisers_and_officers_upload_or_remove_files(client, world):
    forum = make_forum(world)
    world.login(client, "citizen")
    assert upload(client, forum, "photo", png_upload()).status_code == 403
    assert not ForumFile.objects.exists()
    world.login(client, "cso_coordinator")
    upload(client, forum, "photo", png_upload())
    stored = ForumFile.objects.get()
    world.login(client, "citizen")
    assert client.post(f"/forums/{forum.pk}/files/{stored.pk}/delete/").status_code == 403
    world.login(client, "cso_coordinator")
    assert client.post(f"/forums/{forum.pk}/files/{stored.pk}/delete/").status_code == 302
    assert not ForumFile.objects.exists()
