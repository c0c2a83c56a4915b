"""A bad XLSForm is explained, never a crash: not a workbook, cut short, duplicate names,
missing lists, huge cells, formulas, random bytes."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.build_default_survey import OUTPUT
from evidence.models import Survey
from evidence.tests.access_surveys import xlsform_bytes
from evidence.xlsform import XLSFormError, parse

HEADER = ["type", "name", "label"]
SHIPPED = OUTPUT.read_bytes()


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(XLSFormError) as caught:
        parse(data)
    assert caught.value.problems and all(isinstance(p, str) and p for p in caught.value.problems)
    return caught.value.problems


def test_not_a_workbook() -> None:
    assert "xlsx" in problems_of(b"type,name,label\ntext,a,A\n")[0]
    problems_of(b"")


def test_a_workbook_cut_short() -> None:
    problems_of(SHIPPED[: len(SHIPPED) // 2])


def test_duplicate_names_name_the_sheet_and_row() -> None:
    [problem] = problems_of(xlsform_bytes([HEADER, ["text", "a", "A"], ["text", "a", "B"]]))
    assert "survey" in problem and "3" in problem


def test_a_select_without_its_choices() -> None:
    problems_of(xlsform_bytes([HEADER, ["select_one nope", "a", "A"]]))


def test_no_questions() -> None:
    problems_of(xlsform_bytes([HEADER]))


def test_unknown_type_and_bad_reference() -> None:
    problems_of(xlsform_bytes([HEADER, ["flying_car", "a", "A"]]))
    problems_of(xlsform_bytes([[*HEADER, "relevant"], ["text", "a", "A", "${nowhere} = 1"]]))


def test_huge_cell() -> None:
    assert "4000" in problems_of(xlsform_bytes([HEADER, ["text", "a", "x" * 50_000]]))[0]


def test_a_formula_label_is_not_evaluated() -> None:
    # openpyxl reads the cached value (none: never calculated), so the label is missing.
    problems_of(xlsform_bytes([HEADER, ["text", "a", "=HYPERLINK(\"http://x\")"]]))


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/huge.xml", b"0" * (60 * 1024 * 1024))
    assert "MB" in problems_of(buffer.getvalue())[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    problems_of(data)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, len(SHIPPED) - 1), st.binary(min_size=1, max_size=64))
def test_damaged_copies_of_the_shipped_form(position: int, patch: bytes) -> None:
    damaged = SHIPPED[:position] + patch + SHIPPED[position + len(patch):]
    try:
        parse(damaged)
    except XLSFormError as error:
        assert error.problems


def test_the_upload_page_shows_the_errors(client: Any, world: Any) -> None:
    world.login(client, "cso_coordinator")
    client.cookies["klang_language"] = "en"
    bad = SimpleUploadedFile("bad.xlsx", xlsform_bytes([HEADER, ["text", "a", "A"],
                                                        ["text", "a", "B"]]))
    response = client.post("/evidence/surveys/new/", {
        "organisation": world.org.pk, "xlsform": bad, "purpose_th": "ทดสอบ",
        "retention_days": "365"})
    assert response.status_code == 400
    assert "unique" in response.content.decode()
    assert not Survey.objects.filter(organisation=world.org).exists()
