"""Malformed files never crash an import, always say what is wrong, and never half-write.

Hypothesis builds broken versions of good exports: TIS-620 and BOMs, merged cells, formulas,
huge cells, wrong types, renamed or missing columns, duplicate keys, truncated files and ZIPs,
empty files and binary garbage. Whatever it builds, ``import_files`` returns a job that is DONE,
REJECTED or FAILED; a rejected or failed job wrote no household.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.importing import import_files, samples
from evidence.importing.run import is_note
from evidence.models import Household, ImportJob, Survey

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["=1+1", "+66", "-5", "@SUM(A1)", "yes", "no", "1", "0", "TRUE", "",
                     "510101", "๑๒", "1e400", "NaN", "\x00", "\ufeff", "ลำพูน" * 3000]),
    st.integers(-10**20, 10**20).map(str),
)


def check(job: ImportJob, before: int) -> None:
    assert job.status in (ImportJob.Status.DONE, ImportJob.Status.REJECTED,
                          ImportJob.Status.FAILED)
    if job.status != ImportJob.Status.DONE:
        assert job.problems, "a refused file must say why"
        assert Household.objects.count() == before
    for problem in job.problems:
        assert problem["message"] and "code" in problem
        assert problem["code"] != "unexpected", problem


def run(paths: list[Path], world: Any, on_error: str = "reject") -> None:
    before = Household.objects.count()
    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"],
                       on_error=on_error)
    check(job, before)


@FUZZ
@given(data=st.data())
def test_csv_with_broken_cells_columns_and_bytes(world: Any, data: Any) -> None:
    submissions = [samples.submission(members=data.draw(st.integers(0, 3)))
                   for _ in range(data.draw(st.integers(1, 4)))]
    with tempfile.TemporaryDirectory() as folder:
        paths = samples.klang_csv_pair(Path(folder), submissions,
                                       encoding=data.draw(st.sampled_from(
                                           ["utf-8", "utf-8-sig", "cp874"])))
        target = paths[data.draw(st.integers(0, 1))]
        raw = target.read_bytes()
        action = data.draw(st.sampled_from(["cell", "header", "truncate", "garbage", "empty",
                                            "duplicate", "drop_column", "bytes"]))
        if action == "cell":
            text = raw.decode("cp874" if b"\xef\xbb\xbf" not in raw[:3] and
                              not _utf8(raw) else "utf-8-sig").splitlines()
            if len(text) > 1:
                line = data.draw(st.integers(1, len(text) - 1))
                cells = text[line].split(",")
                cells[data.draw(st.integers(0, len(cells) - 1))] = \
                    '"' + data.draw(CELLS).replace('"', '""') + '"'
                text[line] = ",".join(cells)
            raw = "\n".join(text).encode("utf-8", errors="replace")
        elif action == "header":
            raw = raw.replace(b"consent", data.draw(st.sampled_from(
                [b"Consent", b"consent_given", b"", b"consent,consent"])), 1)
        elif action == "truncate":
            raw = raw[:len(raw) * data.draw(st.integers(0, 99)) // 100]
        elif action == "garbage":
            raw = data.draw(st.binary(min_size=1, max_size=300))
        elif action == "empty":
            raw = b""
        elif action == "duplicate":
            lines = raw.split(b"\n")
            raw = b"\n".join(lines[:2] + lines[1:])
        elif action == "drop_column":
            raw = b"\n".join(b",".join(line.split(b",")[1:]) for line in raw.split(b"\n"))
        else:
            position = len(raw) * data.draw(st.integers(0, 99)) // 100
            raw = raw[:position] + data.draw(st.binary(max_size=8)) + raw[position:]
        target.write_bytes(raw)
        run(paths, world, data.draw(st.sampled_from(["reject", "quarantine"])))


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@FUZZ
@given(data=st.data())
def test_xlsx_with_merged_cells_formulas_and_wrong_types(world: Any, data: Any) -> None:
    from openpyxl import load_workbook

    submissions = [samples.submission(members=2) for _ in range(data.draw(st.integers(1, 3)))]
    with tempfile.TemporaryDirectory() as folder:
        path = samples.kobo_xlsx(Path(folder) / "export.xlsx", submissions,
                                 split_welfare=data.draw(st.booleans()))
        book = load_workbook(path)
        sheet = book.worksheets[data.draw(st.integers(0, 1))]
        for _ in range(data.draw(st.integers(1, 4))):
            row = data.draw(st.integers(1, sheet.max_row))
            column = data.draw(st.integers(1, sheet.max_column))
            kind = data.draw(st.sampled_from(["value", "formula", "merge", "number", "date",
                                              "delete_sheet"]))
            if kind == "value":
                from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

                sheet.cell(row, column, ILLEGAL_CHARACTERS_RE.sub("", data.draw(CELLS)[:30000]))
            elif kind == "formula":
                sheet.cell(row, column, "=A1&B1")
            elif kind == "merge" and column < sheet.max_column:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row,
                                  end_column=column + 1)
            elif kind == "number":
                sheet.cell(row, column, data.draw(st.floats(allow_nan=True)))
            elif kind == "date":
                import datetime as dt

                sheet.cell(row, column, dt.datetime(2025, 1, 2, 3, 4))
            elif kind == "delete_sheet" and len(book.worksheets) > 1:
                del book[book.sheetnames[-1]]
                break
        book.save(path)
        raw = path.read_bytes()
        if data.draw(st.booleans()):
            raw = raw[:len(raw) * data.draw(st.integers(0, 99)) // 100]   # truncated zip
            path.write_bytes(raw)
        run([path], world, data.draw(st.sampled_from(["reject", "quarantine"])))


@FUZZ
@given(payload=st.binary(max_size=2000), zipped=st.booleans(), name=st.from_regex(r"[a-zก-ฮ]{1,8}", fullmatch=True))
def test_binary_garbage_and_broken_zips(world: Any, payload: bytes, zipped: bool,
                                        name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        if zipped:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr(name + ".csv", payload)
            data = buffer.getvalue()
            path.write_bytes(data[:len(data) - (len(payload) % 7)])
        else:
            path.write_bytes(payload)
        run([path], world)


def test_huge_cell_is_a_problem_not_a_crash(world: Any, tmp_path: Path) -> None:
    household, members = samples.submission()
    household["address"] = "ก" * 200_000
    paths = samples.klang_csv_pair(tmp_path, [(household, members)])
    before = Household.objects.count()
    job = import_files(paths, survey=Survey.objects.get(slug="household"),
                       organisation=world.org, user=world.people["cso_member"])
    check(job, before)
    assert job.status == ImportJob.Status.FAILED
    assert [p["code"] for p in job.problems if not is_note(p)] == ["csv"]
