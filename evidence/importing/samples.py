"""Small export files in each supported format, written from canonical answers.

Used by the tests, the fuzzing test and as worked examples of what the importer expects: each
writer lays the same submissions out the way KoboToolbox, ODK Central/Briefcase or Klang's
template would. Nothing here is used by an import itself.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evidence.schema import WELFARE

Submission = tuple[dict[str, str], list[dict[str, str]]]
WELFARE_CODES = [code for code, _label in WELFARE] + ["none"]


def submission(area_code: str = "510101", *, members: int = 2, key: str | None = None,
               **answers: str) -> Submission:
    """A valid household (consent given, ``members`` members) with ``answers`` overriding."""
    household = {"submission_id": key or str(uuid.uuid4()), "consent": "yes",
                 "consent_date": "2025-06-01", "area_code": area_code,
                 "collected_on": "2025-06-01", "income_year": "120000",
                 "head_name": "นางทดสอบ ตัวอย่าง", "phone": "0812345678",
                 **{f"bmn_{i:02d}": "yes" for i in range(1, 18)}}
    household.update(answers)
    people = []
    for position in range(1, members + 1):
        people.append({"position": str(position), "sex": "female" if position % 2 else "male",
                       "age": str(70 - 20 * (position - 1) if position < 4 else 10),
                       "id_type": "thai_id", "disability": "no", "chronic_illness": "no",
                       "bedridden": "no", "ethnicity": "", "welfare": "uc_gold_card",
                       "in_school": "", "works": "yes",
                       "member_name": f"สมาชิก {position}"})
    return household, people


def _columns(rows: Sequence[dict[str, str]], skip: Sequence[str] = ()) -> list[str]:
    names: list[str] = []
    for row in rows:
        for name in row:
            if name not in names and name not in skip:
                names.append(name)
    return names


def kobo_xlsx(path: Path, submissions: Sequence[Submission], *, group: str = "group_hh",
              split_welfare: bool = False, members_sheet: str = "members") -> Path:
    """Kobo's XLSX export: the main sheet (``_uuid``, ``_index``, questions under their group
    path) and a repeat sheet ``members`` linked by ``_parent_index`` and
    ``_submission__uuid``."""
    from openpyxl import Workbook

    book = Workbook()
    main = book.active
    main.title = "household_survey"
    columns = _columns([h for h, _m in submissions], skip=["submission_id"])
    main.append([f"{group}/{c}" for c in columns] + ["_id", "_uuid", "_submission_time",
                                                    "_index"])
    member_columns = _columns([p for _h, m in submissions for p in m], skip=["position"])
    sheet = book.create_sheet(members_sheet)
    header = []
    for column in member_columns:
        if column == "welfare" and split_welfare:
            header += [f"members/welfare/{code}" for code in WELFARE_CODES]
        else:
            header.append(f"members/{column}")
    sheet.append(header + ["_index", "_parent_table_name", "_parent_index",
                           "_submission__uuid"])
    member_index = 0
    for index, (household, people) in enumerate(submissions, start=1):
        key = household["submission_id"]
        main.append([household.get(c, "") for c in columns]
                    + [index, key, "2025-06-01T10:00:00", index])
        for person in people:
            member_index += 1
            row: list[Any] = []
            for column in member_columns:
                if column == "welfare" and split_welfare:
                    chosen = person.get("welfare", "").split()
                    row += [1 if code in chosen else 0 for code in WELFARE_CODES]
                else:
                    row.append(person.get(column, ""))
            sheet.append(row + [member_index, "household_survey", index, key])
    book.save(path)
    return path


def kobo_csv_pair(directory: Path, submissions: Sequence[Submission], *,
                  split_welfare: bool = True, encoding: str = "utf-8-sig") -> list[Path]:
    """Kobo's CSV export (``;``-free, comma separated) of the main table and the repeat table,
    select_multiple as one 0/1 column per choice."""
    main_path, member_path = directory / "kobo.csv", directory / "kobo-members.csv"
    columns = _columns([h for h, _m in submissions], skip=["submission_id"])
    member_columns = _columns([p for _h, m in submissions for p in m], skip=["position"])
    with open(main_path, "w", newline="", encoding=encoding) as main_file, \
            open(member_path, "w", newline="", encoding=encoding) as member_file:
        main, members = csv.writer(main_file), csv.writer(member_file)
        main.writerow([f"group_a/{c}" for c in columns] + ["_uuid", "_index"])
        header = []
        for column in member_columns:
            if column == "welfare" and split_welfare:
                header += [f"members/welfare/{code}" for code in WELFARE_CODES]
            else:
                header.append(f"members/{column}")
        members.writerow(header + ["_parent_index", "_submission__uuid"])
        for index, (household, people) in enumerate(submissions, start=1):
            main.writerow([household.get(c, "") for c in columns]
                          + [household["submission_id"], index])
            for person in people:
                row: list[Any] = []
                for column in member_columns:
                    if column == "welfare" and split_welfare:
                        chosen = person.get("welfare", "").split()
                        row += ["1" if code in chosen else "0" for code in WELFARE_CODES]
                    else:
                        row.append(person.get(column, ""))
                members.writerow(row + [index, household["submission_id"]])
    return [main_path, member_path]


def odk_csv_pair(directory: Path, submissions: Sequence[Submission], *,
                 separator: str = "-", form: str = "household") -> list[Path]:
    """ODK Central/Briefcase: ``<form>.csv`` with ``KEY`` and ``meta-instanceID`` and
    ``<form>-members.csv`` with ``PARENT_KEY`` and ``KEY`` = ``<parent>/members[n]``."""
    main_path, member_path = directory / f"{form}.csv", directory / f"{form}-members.csv"
    columns = _columns([h for h, _m in submissions], skip=["submission_id"])
    member_columns = _columns([p for _h, m in submissions for p in m], skip=["position"])
    with open(main_path, "w", newline="", encoding="utf-8") as main_file, \
            open(member_path, "w", newline="", encoding="utf-8") as member_file:
        main, members = csv.writer(main_file), csv.writer(member_file)
        main.writerow(["SubmissionDate"] + [f"hh{separator}{c}" for c in columns]
                      + [f"meta{separator}instanceID", "KEY"])
        members.writerow([f"members{separator}{c}" for c in member_columns]
                         + ["PARENT_KEY", "KEY"])
        for household, people in submissions:
            key = "uuid:" + household["submission_id"]
            main.writerow(["2025-06-01T10:00:00.000Z"] + [household.get(c, "") for c in columns]
                          + [key, key])
            for n, person in enumerate(people, start=1):
                members.writerow([person.get(c, "") for c in member_columns]
                                 + [key, f"{key}/members[{n}]"])
    return [main_path, member_path]


def klang_csv_pair(directory: Path, submissions: Sequence[Submission],
                   encoding: str = "utf-8") -> list[Path]:
    """Klang's template: households with ``submission_id``, members with ``submission_id``
    and ``position``."""
    main_path, member_path = directory / "households.csv", directory / "members.csv"
    columns = ["submission_id"] + _columns([h for h, _m in submissions],
                                           skip=["submission_id"])
    member_columns = ["submission_id", "position"] + _columns(
        [p for _h, m in submissions for p in m], skip=["position"])
    with open(main_path, "w", newline="", encoding=encoding) as main_file, \
            open(member_path, "w", newline="", encoding=encoding) as member_file:
        main, members = csv.writer(main_file), csv.writer(member_file)
        main.writerow(columns)
        members.writerow(member_columns)
        for household, people in submissions:
            main.writerow([household.get(c, "") for c in columns])
            for person in people:
                members.writerow([household["submission_id"] if c == "submission_id"
                                  else person.get(c, "") for c in member_columns])
    return [main_path, member_path]
