"""Reporting results: a dated progress update on a plan item, written on the proposal's timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.models import ProgressUpdate
from proposals.commands import ProposalError, record_event
from proposals.models import EventKind


def clean_figures(figures: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Keep the rows that have a label and a value: ``{"label", "value", "unit"}``."""
    rows = []
    for row in figures or []:
        label = str(row.get("label", "")).strip()
        value = row.get("value")
        if label and value not in (None, ""):
            number = float(value)
            rows.append({"label": label, "value": int(number) if number.is_integer() else number,
                         "unit": str(row.get("unit", "")).strip()})
    return rows


def report_progress(plan_item: Any, date: dt.date, progress: int, text: str, actor: Any, *,
                    figures: list[dict[str, Any]] | None = None,
                    photo: UploadedFile | None = None,
                    at: dt.datetime | None = None) -> ProgressUpdate:
    """Record what happened; the item's progress becomes that of its latest dated update.

    ``photo`` must already be validated (``monitoring.forms.validate_photo``).
    """
    from planning.models import PlanItem

    if progress is None or not 0 <= progress <= 100:
        raise ProposalError(_("Progress is a percentage from 0 to 100."))
    if not (text or "").strip():
        raise ProposalError(_("Say what happened."))
    figures = clean_figures(figures)
    with transaction.atomic():
        update = ProgressUpdate(plan_item=plan_item, date=date, progress=progress,
                                text=text.strip(), figures=figures, reported_by=actor)
        if photo is not None:
            update.photo.save(photo.name, photo, save=False)
        update.save()
        # An update about an earlier date (entered late) must not roll progress back.
        latest = plan_item.updates.order_by("-date", "-pk").first()
        PlanItem.objects.filter(pk=plan_item.pk).update(progress=latest.progress)
        plan_item.progress = latest.progress
        if plan_item.proposal_id:
            record_event(plan_item.proposal, EventKind.PROGRESS, actor=actor, at=at,
                         text=update.text, progress=progress, figures=figures,
                         date=date.isoformat(), plan_item=plan_item.pk, update=update.pk,
                         has_photo=bool(update.photo))
    return update
