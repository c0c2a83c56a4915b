"""Who may use the import pages: the world's organisation's member and coordinator (their
organisation's imports), and the DPO (reading only). Everyone else: 404 for a job, 403 or the
login page for the lists and the upload form."""

from __future__ import annotations

from typing import Any

from klang.testing import Access

MEMBERS = frozenset({"cso_member", "cso_coordinator"})
READERS = MEMBERS | {"dpo"}


def job(w: Any) -> Any:
    from evidence.models import ImportJob, Survey

    # Browser tests flush the database, data migrations' rows included.
    survey, _created = Survey.objects.get_or_create(
        slug="household", defaults={"title_th": "แบบสำรวจครัวเรือน", "is_default": True})
    return ImportJob.objects.create(
        survey=survey, organisation=w.org, file_name="x.csv",
        status=ImportJob.Status.DONE, problems=[{"row": 2, "sheet": "households",
                                                 "column": "age", "code": "invalid_age",
                                                 "message": "Age"}])


def quarantined(w: Any) -> str:
    from evidence import crypto
    from evidence.importing import samples
    from evidence.models import QuarantinedRow

    the_job = job(w)
    household, members = samples.submission()
    row = QuarantinedRow(job=the_job, organisation=w.org, row_number=2, submission_key="k1",
                         problems=[])
    row.payload = crypto.encrypt({"household": household, "members": members},
                                 bound_to=row.token)
    row.save()
    return f"/evidence/imports/{the_job.pk}/quarantine/{row.token}/"


ACCESS: list[Access] = [
    Access("evidence:imports", lambda w: "/evidence/imports/", READERS),
    Access("evidence:import_new", lambda w: "/evidence/imports/new/", MEMBERS),
    Access("evidence:import_new", lambda w: "/evidence/imports/new/", MEMBERS, method="POST"),
    Access("evidence:import", lambda w: f"/evidence/imports/{job(w).pk}/", READERS),
    Access("evidence:import_status", lambda w: f"/evidence/imports/{job(w).pk}/status/",
           READERS),
    Access("evidence:import_report", lambda w: f"/evidence/imports/{job(w).pk}/report.xlsx",
           READERS),
    Access("evidence:import_quarantined_row", quarantined, MEMBERS),
    Access("evidence:import_quarantined_row", quarantined, MEMBERS, method="POST"),
]
