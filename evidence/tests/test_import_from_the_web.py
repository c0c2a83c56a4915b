"""A member uploads an export on the web page; the job page shows progress and the report;
a quarantined row is corrected; the report downloads as XLSX with neutralised cells; nobody
outside the organisation sees any of it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from audit.models import AuditEvent
from evidence.importing import samples
from evidence.models import Household, ImportJob, QuarantinedRow, Survey

pytestmark = pytest.mark.django_db


def upload(client: Any, world: Any, tmp_path: Any, submissions: list[Any],
           on_error: str = "quarantine") -> Any:
    households, members = samples.klang_csv_pair(tmp_path, submissions)
    return client.post("/evidence/imports/new/", {
        "organisation": world.org.pk, "survey": Survey.objects.get(slug="household").pk,
        "on_error": on_error,
        "file": SimpleUploadedFile("households.csv", households.read_bytes()),
        "members_file": SimpleUploadedFile("members.csv", members.read_bytes()),
    })


def test_upload_runs_the_import_and_shows_the_report(client: Any, world: Any, tmp_path: Any,
                                                     django_capture_on_commit_callbacks: Any
                                                     ) -> None:
    bad = samples.submission(members=1)
    bad[1][0]["age"] = "=HYPERLINK(\"http://x\")"
    world.login(client, "cso_member")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, world, tmp_path, [samples.submission(), bad])
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evidence/imports/{job.pk}/"
    assert job.status == ImportJob.Status.DONE, job.problems
    assert (job.created_count, job.quarantined_count) == (1, 1)

    page = client.get(f"/evidence/imports/{job.pk}/")
    assert page.status_code == 200
    assert b"<progress" in page.content and b"invalid_age" not in page.content
    status = client.get(f"/evidence/imports/{job.pk}/status/").json()
    assert status["finished"] and status["created"] == 1 and status["rows_done"] == 2

    report = client.get(f"/evidence/imports/{job.pk}/report.xlsx")
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(report.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("members", 4, "age", "invalid_age")
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")))


def test_the_uploaded_file_is_deleted_once_imported(client: Any, world: Any, tmp_path: Any,
                                                    django_capture_on_commit_callbacks: Any
                                                    ) -> None:
    # The upload holds names and ID numbers in clear text; only encrypted records stay.
    from pathlib import Path

    from django.conf import settings

    world.login(client, "cso_member")
    before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, tmp_path, [samples.submission()])
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE and not job.file
    assert job.file_name == "households.csv"
    left = {p for p in set(Path(settings.MEDIA_ROOT).rglob("*")) - before if p.is_file()}
    assert not left, left


def test_a_report_cell_from_the_file_is_neutralised(world: Any) -> None:
    from evidence.importing.report import report_xlsx

    job = ImportJob.objects.create(
        survey=Survey.objects.get(slug="household"), organisation=world.org,
        file_name="=cmd|' /C calc'!A0", problems=[{"row": 2, "sheet": "@sheet",
                                                  "column": "=SUM(A1)", "code": "x",
                                                  "message": "-1+1"}])
    book = load_workbook(io.BytesIO(report_xlsx(job)))
    cells = [c for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row]
    assert "'=SUM(A1)" in cells and "'@sheet" in cells and "'-1+1" in cells
    assert "'=cmd|' /C calc'!A0" in cells
    assert all(c.data_type != "f" for s in book.worksheets for row in s.iter_rows()
               for c in row)


def test_content_not_name_is_checked(client: Any, world: Any) -> None:
    world.login(client, "cso_member")
    response = client.post("/evidence/imports/new/", {
        "organisation": world.org.pk, "survey": Survey.objects.get(slug="household").pk,
        "on_error": "reject",
        "file": SimpleUploadedFile("export.xlsx", b"PK\x03\x04 not really a workbook"),
    })
    assert response.status_code == 200
    assert ImportJob.objects.count() == 0
    assert response.context["form"].errors["file"]


def test_correct_a_quarantined_row(client: Any, world: Any, tmp_path: Any,
                                   django_capture_on_commit_callbacks: Any) -> None:
    bad = samples.submission(members=2)
    bad[1][1]["age"] = "ไม่ทราบ"
    world.login(client, "cso_member")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, tmp_path, [bad])
    row = QuarantinedRow.objects.get()
    url = f"/evidence/imports/{row.job_id}/quarantine/{row.token}/"

    page = client.get(url)
    assert page.status_code == 200
    form = page.context["member_forms"][1]
    assert form.initial["age"] == "ไม่ทราบ"                        # prefilled, decrypted
    assert AuditEvent.objects.filter(action="view", object_label=row.token).exists()

    data = {}
    for prefix, values in [("household", bad[0])] + [(f"member-{i}", m)
                                                     for i, m in enumerate(bad[1])]:
        for name, value in values.items():
            data[f"{prefix}-{name}"] = value
    data["member-1-age"] = "still not a number"
    again = client.post(url, data)
    assert again.status_code == 200 and Household.objects.count() == 0
    assert [p["code"] for p in again.context["problems"]] == ["invalid_age"]

    data["member-1-age"] = "41"
    done = client.post(url, data)
    assert done.status_code == 302
    household = Household.objects.get()
    assert household.submission_key == bad[0]["submission_id"]
    assert household.members.get(position=2).age == 41
    row.refresh_from_db()
    assert row.resolved_at is not None and bytes(row.payload) == b""
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "citizen", "working_group", "provincial_officer",
                                  "committee_member", "national_analyst", "administrator"])
def test_others_cannot_see_a_job(client: Any, world: Any, role: str) -> None:
    job = ImportJob.objects.create(survey=Survey.objects.get(slug="household"),
                                   organisation=world.org, file_name="x.csv")
    world.login(client, role)
    for suffix in ("", "status/", "report.xlsx"):
        response = client.get(f"/evidence/imports/{job.pk}/{suffix}")
        assert response.status_code in (302, 403, 404)
        if role != "anonymous":
            assert response.status_code == 404


def test_another_organisations_member_cannot_see_a_job(client: Any, world: Any) -> None:
    from accounts.models import Role, RoleGrant, User

    outsider = User.objects.create_user("li-member@example.org", "x-password-123456")
    RoleGrant.objects.create(user=outsider, role=Role.CSO_MEMBER, area=world.lamphun,
                             organisation=world.other_org)
    job = ImportJob.objects.create(survey=Survey.objects.get(slug="household"),
                                   organisation=world.org, file_name="x.csv")
    client.force_login(outsider)
    assert client.get(f"/evidence/imports/{job.pk}/").status_code == 404
    assert job.file_name.encode() not in client.get("/evidence/imports/").content
    # and cannot upload for the world's organisation
    response = client.post("/evidence/imports/new/", {
        "organisation": world.org.pk, "survey": Survey.objects.get(slug="household").pk,
        "on_error": "reject", "file": SimpleUploadedFile("a.csv", b"submission_id\n1\n")})
    assert response.status_code == 200 and ImportJob.objects.count() == 1
