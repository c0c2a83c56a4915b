"""Who may use the survey pages and API (see klang/testing.py).

Surveys are public (questions and purposes are no personal data); uploading one is for the
coordinator of an organisation (the world's ``org``).
"""

from __future__ import annotations

from typing import Any

from klang.testing import EVERYONE, Access

API = "api-1.0.0"
COORDINATOR = frozenset({"cso_coordinator"})


def xlsform_bytes(survey_rows: list[list[Any]], choices: list[list[Any]] | None = None,
                  settings: list[list[Any]] | None = None, survey_sheet: str = "survey") -> bytes:
    """An XLSForm workbook built with openpyxl (tests' real files, no fixtures on disk)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = survey_sheet
    for row in survey_rows:
        sheet.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows:
            extra = workbook.create_sheet(title)
            for row in rows:
                extra.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tiny_xlsform(form_id: str = "tiny_form") -> Any:
    """An uploaded file: a two-question XLSForm in Thai and English."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsform_bytes(
        [["type", "name", "label::Thai (th)", "label::English (en)", "required"],
         ["select_one yes_no", "consent", "ยินยอม", "Consent", "yes"],
         ["integer", "age", "อายุ", "Age", ""]],
        [["list_name", "name", "label::Thai (th)", "label::English (en)"],
         ["yes_no", "yes", "ใช่", "Yes"], ["yes_no", "no", "ไม่ใช่", "No"]],
        [["form_title", "form_id", "version"], ["แบบทดสอบ", form_id, "1"]],
    )
    return SimpleUploadedFile(f"{form_id}.xlsx", data, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))


def upload_data(w: Any) -> dict[str, Any]:
    """A valid upload: a tiny XLSForm for the world's organisation."""
    return {"organisation": str(w.org.pk), "xlsform": tiny_xlsform(),
            "purpose_th": "ทดสอบสิทธิ์", "retention_days": "365"}


ACCESS: list[Access] = [
    Access("evidence:surveys", lambda w: "/evidence/surveys/", EVERYONE),
    Access("evidence:survey", lambda w: "/evidence/surveys/household/", EVERYONE),
    Access("evidence:survey_xlsform", lambda w: "/evidence/surveys/household/xlsform/",
           EVERYONE),
    Access("evidence:survey_upload", lambda w: "/evidence/surveys/new/", COORDINATOR),
    Access("evidence:survey_upload", lambda w: "/evidence/surveys/new/", COORDINATOR,
           method="POST", data=upload_data),
    Access(f"{API}:surveys", lambda w: "/api/v1/surveys/", EVERYONE),
    Access(f"{API}:survey", lambda w: "/api/v1/surveys/household/", EVERYONE),
]
