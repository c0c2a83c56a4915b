"""Which export a file is, and which of its columns answer which canonical question.

Formats (told apart by their headers, never by the file name):

- **Kobo** (KoboToolbox CSV/XLSX): households carry ``_uuid`` (the submission key) and
  ``_index``; a repeat group is another sheet whose rows carry ``_parent_index`` (the
  household's ``_index``) and usually ``_submission__uuid`` (the household's ``_uuid``).
- **ODK** (ODK Central / Briefcase): households carry ``KEY`` (``uuid:…``, also in
  ``meta/instanceID``); the members file carries ``PARENT_KEY`` (the household's ``KEY``) and
  its own ``KEY`` ending in ``/members[n]``.
- **Klang** (our template, ``evidence.synthetic.write_klang_csv``): households carry
  ``submission_id``; members carry ``submission_id`` and ``position``.

Columns are matched to the canonical names of ``evidence.schema`` by the last segment of their
group path (``/`` for Kobo and ODK Central, ``-`` for ODK Briefcase), case-insensitively:
``group_hh/consent`` and ``meta-consent`` are both ``consent``. A select-multiple question may
come as one column of space-separated choices (``welfare``) or as one 0/1 (or True/False)
column per choice (``members/welfare/old_age_allowance``); both become the space-separated form.
Submission keys lose a leading ``uuid:`` so Kobo's and ODK's exports of one submission share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from evidence import schema
from evidence.importing.sources import SourceError, Table

KOBO, ODK, KLANG = "kobo", "odk", "klang"
FORMAT_LABELS = {KOBO: "KoboToolbox", ODK: "ODK Central / Briefcase", KLANG: "Klang"}

SELECT_MULTIPLE = {"welfare": [code for code, _label in schema.WELFARE] + ["none"]}
TRUE_TEXT = {"1", "true", "yes", "y", "t", "ใช่"}
FALSE_TEXT = {"0", "false", "no", "n", "f", "", "ไม่ใช่"}
# Columns that describe the submission, not the household: never answers.
META = {
    "_id", "_uuid", "_submission__uuid", "_index", "_parent_index", "_parent_table_name",
    "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "_tags",
    "__version__", "_version_", "_xform_id_string", "_attachments", "_geolocation",
    "_submission__id", "_submission__submission_time", "_submission__validation_status",
    "_submission__notes", "_submission__status", "_submission__submitted_by", "_submission__tags",
    "_submission___version__", "key", "parent_key", "submissiondate", "submitterid",
    "submittername", "attachmentspresent", "attachmentsexpected", "status", "reviewstate",
    "deviceid", "edits", "formversion", "instanceid", "instancename", "start", "end", "today",
    "username", "simserial", "subscriberid", "phonenumber", "audit",
    "submission_id", "position",
}
HOUSEHOLD_NAMES = set(schema.HOUSEHOLD_QUESTIONS)
PERSON_NAMES = set(schema.PERSON_QUESTIONS)
REQUIRED_HOUSEHOLD = ["consent", "area_code"]
_SPLIT = re.compile(r"[/-]")
_ODK_POSITION = re.compile(r"\[(\d+)\]$")


def segments(column: str) -> list[str]:
    return [s for s in _SPLIT.split(column.strip()) if s]


def last_segment(column: str) -> str:
    parts = segments(column)
    return parts[-1].lower() if parts else ""


def clean_key(value: str) -> str:
    value = value.strip()
    return value[5:] if value.lower().startswith("uuid:") else value


@dataclass
class Columns:
    """How one table's columns map: canonical name -> column index, choice columns, extras."""

    table: Table
    canonical: dict[str, int] = field(default_factory=dict)
    # question -> [(choice, column index)] for one-column-per-choice select_multiple
    choices: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # survey-specific questions the schema does not name (kept as answers, never identifying)
    extra: dict[str, int] = field(default_factory=dict)
    unrecognised: list[str] = field(default_factory=list)

    def values(self, row: list[str]) -> dict[str, str]:
        """The row as ``{canonical name: text}`` (select-multiple columns folded)."""
        width = len(row)
        out = {name: row[i].strip() if i < width else "" for name, i in self.canonical.items()}
        for question, columns in self.choices.items():
            if out.get(question):
                continue  # the space-separated column is there and answered: it wins
            picked = [choice for choice, i in columns
                      if i < width and row[i].strip().lower() in TRUE_TEXT]
            out[question] = " ".join(picked)
        return out

    def extras(self, row: list[str]) -> dict[str, str]:
        width = len(row)
        return {name: row[i].strip() for name, i in self.extra.items()
                if i < width and row[i].strip()}


def map_columns(table: Table, names: set[str]) -> Columns:
    columns = Columns(table)
    for index, header in enumerate(table.header):
        if not header:
            continue
        parts = [p.lower() for p in segments(header)]
        name = parts[-1] if parts else ""
        if header.lower() in META or name in META or name.startswith("_") \
                or header.lower().startswith(("meta/", "meta-", "__")):
            continue
        if len(parts) >= 2 and parts[-2] in SELECT_MULTIPLE and parts[-2] in names \
                and name in SELECT_MULTIPLE[parts[-2]]:
            columns.choices.setdefault(parts[-2], []).append((name, index))
            continue
        if name in names:
            # The first column of a name wins (a later one is usually a calculated copy).
            columns.canonical.setdefault(name, index)
        elif re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
            columns.extra.setdefault(name, index)
        else:
            columns.unrecognised.append(header)
    return columns


@dataclass
class Layout:
    """The format of an upload, its household and members tables, and their keys."""

    format: str
    households: Table
    members: Table | None
    household_key: int            # column of the submission key
    household_link: int           # column the members point at (== key, or Kobo's _index)
    member_link: int | None       # column of a member row naming its household
    member_position: int | None   # explicit position column (Klang) or ODK KEY with [n]
    household_columns: Columns
    member_columns: Columns | None


def _find(header: list[str], *names: str, exact: bool = False) -> int | None:
    for name in names:
        for i, h in enumerate(header):
            if (h == name) if exact else (h.lower() == name.lower()):
                return i
    return None


def _format_of(header: list[str]) -> str | None:
    if _find(header, "submission_id") is not None:
        return KLANG
    if _find(header, "_uuid", "_submission__uuid", "_index", "_parent_index") is not None:
        return KOBO
    if _find(header, "KEY", "PARENT_KEY", exact=True) is not None \
            or _find(header, "meta/instanceID", "meta-instanceID") is not None:
        return ODK
    return None


def _is_member_table(table: Table) -> bool:
    header = table.header
    return (_find(header, "_parent_index", "_submission__uuid") is not None
            or _find(header, "PARENT_KEY", exact=True) is not None
            or (_find(header, "submission_id") is not None
                and _find(header, "position") is not None))


def detect(tables: list[Table]) -> Layout:
    """Pick the household and members tables and their key columns, or explain why not."""
    parents = [t for t in tables if not _is_member_table(t)]
    children = [t for t in tables if _is_member_table(t)]
    if not parents:
        raise SourceError("no_households", _("No table of households was found: expected a "
                                             "sheet or file with a submission key column "
                                             "(_uuid, KEY or submission_id) and no parent "
                                             "link."))
    households = parents[0]
    fmt = _format_of(households.header)
    if fmt is None:
        raise SourceError("format", _("The format was not recognised: the households table "
                                      "needs a submission key column (_uuid from "
                                      "KoboToolbox, KEY or meta/instanceID from ODK, or "
                                      "submission_id from Klang's template)."),
                          sheet=households.name, row=1)
    # Kobo names the repeat sheet after the group; ODK Central's file is "<form>-members".
    members = None
    if children:
        named = [t for t in children if t.name.lower().split("-")[-1].endswith("members")]
        members = (named or children)[0]

    header = households.header
    if fmt == KLANG:
        key = link = _find(header, "submission_id")
    elif fmt == ODK:
        key = _find(header, "KEY", exact=True)
        if key is None:
            key = _find(header, "meta/instanceID", "meta-instanceID")
        link = key
    else:
        key = _find(header, "_uuid")
        if key is None:
            key = _find(header, "meta/instanceID", "meta-instanceID", "_submission__uuid")
        link = key
    if key is None:
        raise SourceError("no_key", _("The households table has no submission key column."),
                          sheet=households.name, row=1)

    member_link = member_position = None
    if members is not None:
        mh = members.header
        if fmt == KLANG:
            member_link = _find(mh, "submission_id")
            member_position = _find(mh, "position")
        elif fmt == ODK:
            member_link = _find(mh, "PARENT_KEY", exact=True)
            member_position = _find(mh, "KEY", exact=True)
        else:
            member_link = _find(mh, "_submission__uuid")
            if member_link is None or _find(header, "_uuid") is None:
                member_link = _find(mh, "_parent_index")
                link = _find(header, "_index")
        if member_link is None or link is None:
            raise SourceError("no_link", _("The members table cannot be linked to the "
                                           "households (no _parent_index, PARENT_KEY or "
                                           "submission_id column on both sides)."),
                              sheet=members.name, row=1)

    household_columns = map_columns(households, HOUSEHOLD_NAMES)
    missing = [n for n in REQUIRED_HOUSEHOLD if n not in household_columns.canonical]
    if missing:
        message = _("Required columns are missing: %(missing)s.") % {
            "missing": ", ".join(missing)}
        strangers = [households.header[i] for i in household_columns.extra.values()]
        strangers += household_columns.unrecognised
        if strangers:
            message = _("%(message)s Columns not recognised (renamed?): %(columns)s.") % {
                "message": message, "columns": ", ".join(strangers[:20])}
        raise SourceError("missing_columns", message, sheet=households.name, row=1,
                          column=", ".join(missing))
    member_columns = map_columns(members, PERSON_NAMES) if members is not None else None
    return Layout(format=fmt, households=households, members=members, household_key=key,
                  household_link=link, member_link=member_link,
                  member_position=member_position, household_columns=household_columns,
                  member_columns=member_columns)


def member_position(layout: Layout, row: list[str], order: int) -> int | str:
    """The member's position in the household: Klang's column, ODK's ``KEY`` suffix
    ``members[n]``, or the order of the rows (Kobo)."""
    if layout.member_position is None or layout.member_position >= len(row):
        return order
    value = row[layout.member_position].strip()
    if layout.format == ODK:
        match = _ODK_POSITION.search(value)
        return int(match.group(1)) if match else order
    return value
