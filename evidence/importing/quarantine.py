"""Correcting a quarantined row: its decrypted answers, re-validated by the shared rules, and
written as a household when they pass (in one transaction, audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit import log
from evidence import crypto
from evidence.answers import BuiltHousehold, Problem, build_household
from evidence.importing.writer import Writer
from evidence.models import QuarantinedRow


def payload(row: QuarantinedRow) -> dict[str, Any]:
    """The kept submission: {"household": {...}, "members": [{...}], ...}."""
    return crypto.decrypt(row.payload, row.token)


def correct(row: QuarantinedRow, household: dict[str, str], members: list[dict[str, str]],
            user: Any) -> BuiltHousehold | list[Problem]:
    """Validate the corrected answers; when they pass, store the household and mark the row
    resolved. Otherwise keep the corrected answers (encrypted) with the new problems."""
    kept = payload(row)
    sheets = tuple(kept.get("sheets") or ("households", "members"))
    built = build_household(row.job.survey, row.organisation, household, members,
                            entered_by=user, submission_key=row.submission_key,
                            row=row.row_number, sheets=sheets)  # type: ignore[arg-type]
    with transaction.atomic():
        if isinstance(built, list):
            row.payload = crypto.encrypt({**kept, "household": household, "members": members},
                                         bound_to=row.token)
            row.problems = [{**p.as_dict(), "message": str(p.message)} for p in built]
            row.save(update_fields=["payload", "problems"])
            return built
        writer = Writer(survey=row.job.survey, organisation=row.organisation, user=user,
                        job=row.job)
        written = writer.write([built])
        row.resolved_at = timezone.now()
        row.payload = b""  # the household holds the data now; keep no second copy
        row.problems = []
        row.save(update_fields=["resolved_at", "payload", "problems"])
        job = row.job
        job.quarantined_count = max(0, job.quarantined_count - 1)
        job.created_count += written.created
        job.updated_count += written.updated
        job.save(update_fields=["quarantined_count", "created_count", "updated_count"])
        log.record(user, "change", object_type="quarantined_row", object_label=row.token,
                   organisation_id=row.organisation_id,
                   detail={"import_job": job.pk, "household": built.household.pseudonym})
    from evidence import statistics

    statistics.refresh_later()
    return built
