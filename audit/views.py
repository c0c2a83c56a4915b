"""The audit log for the data-protection officer: browse, filter, export (DESIGN.md §6).

Only ``evidence.view_audit`` (the DPO) may read it; everyone else is told 403 (or sent to log
in). Exporting the log is itself written to the log, with the filters used and the row count.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import record
from audit.models import Action, AuditEvent
from evidence.exports import safe_cell as safe  # reasons are free text: no formulas
from orgs.models import Organisation
from portal.shortcuts import refuse

PAGE_SIZE = 50
EXPORT_FORMATS = ("csv", "xlsx")
# Excel's sheet holds 1,048,576 rows; a bigger export is cut with a note in its last row.
XLSX_MAX_ROWS = 1_000_000


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=gettext_lazy("Who (e-mail address or part of it)"),
                            required=False, max_length=255)
    action = forms.ChoiceField(label=gettext_lazy("What"), required=False,
                               choices=[("", gettext_lazy("Any action")), *Action.choices])
    pseudonym = forms.CharField(label=gettext_lazy("Household pseudonym or record"),
                                required=False, max_length=100)
    organisation = forms.TypedChoiceField(label=gettext_lazy("Organisation"), required=False,
                                          coerce=int, empty_value=None)
    date_from = forms.DateField(label=gettext_lazy("From (date)"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("To (date)"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only organisations that appear in the log: the menu stays short.
        ids = AuditEvent.objects.exclude(organisation_id=None).values("organisation_id")
        self.fields["organisation"].choices = [
            ("", _("Any organisation")),
            *[(o.pk, o.name) for o in Organisation.objects.filter(pk__in=ids)
              .order_by("name_th")],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


def filtered_events(form: AuditFilterForm) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    if data["actor"]:
        events = events.filter(actor_label__icontains=data["actor"].strip())
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["pseudonym"]:
        # Pseudonyms are upper case; an exact match uses the index.
        events = events.filter(object_label=data["pseudonym"].strip().upper())
    if data["organisation"]:
        events = events.filter(organisation_id=data["organisation"])
    if data["date_from"]:
        events = events.filter(at__gte=start_of(data["date_from"]))
    if data["date_to"]:
        events = events.filter(at__lt=start_of(data["date_to"] + dt.timedelta(days=1)))
    return events.order_by("-at", "-pk")


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def used_filters(form: AuditFilterForm) -> dict[str, str]:
    if not form.is_valid():
        return {}
    return {name: str(value) for name, value in form.cleaned_data.items()
            if value not in (None, "")}


def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.view_audit"):
        return refuse(request)
    form = AuditFilterForm(request.GET or None)
    events = filtered_events(form) if request.GET else AuditEvent.objects.order_by("-at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    names = dict(Organisation.objects.filter(
        pk__in={e.organisation_id for e in page.object_list if e.organisation_id})
        .values_list("pk", "name_th"))
    for event in page.object_list:
        event.organisation_name = names.get(event.organisation_id, event.organisation_id or "")
    # A subject request starts from a pseudonym: lead the DPO from its events to the record.
    pseudonym = (form.cleaned_data.get("pseudonym") or "").strip().upper() if form.is_valid() else ""
    household_url = ""
    if pseudonym and re.fullmatch(r"HH-[A-Za-z0-9]{4,13}", pseudonym):
        household_url = reverse("evidence:household", args=[pseudonym])
    return render(request, "audit/log.html", {
        "form": form,
        "page": page,
        "household_url": household_url,
        "filtered": bool(used_filters(form)) if request.GET else False,
        "query": request.GET.urlencode(),
    })


EXPORT_COLUMNS = ["at", "actor", "action", "object_type", "object_label", "organisation_id",
                  "reason", "detail"]


def export_rows(events: QuerySet[AuditEvent]) -> Iterator[list[Any]]:
    import json

    for event in events.iterator(chunk_size=2000):
        yield [timezone.localtime(event.at).replace(tzinfo=None), event.actor_label,
               event.action, event.object_type, event.object_label, event.organisation_id or "",
               event.reason, json.dumps(event.detail, ensure_ascii=False)]


class Echo:
    def write(self, value: str) -> str:
        return value


def audit_export(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.view_audit"):
        return refuse(request)
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/log.html", {
            "form": form, "page": Paginator([], PAGE_SIZE).get_page(1),
            "filtered": True, "query": ""}, status=400)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        file_format = "csv"
    # What the log held when asked: the export's own event (and later ones) stay out.
    newest = AuditEvent.objects.aggregate(newest=Max("pk"))["newest"] or 0
    events = filtered_events(form).filter(pk__lte=newest)
    count = events.count()
    record(request.user, Action.EXPORT, object_type="audit_log", object_label="audit-log",
           reason=_("Export of the audit log"),
           detail={"format": file_format, "filters": used_filters(form), "rows": count})
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if file_format == "xlsx":
        response = HttpResponse(
            xlsx_bytes(events),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        writer = csv.writer(Echo())

        def lines() -> Iterator[str]:
            yield "\ufeff"  # Excel reads UTF-8 Thai only with a byte-order mark
            yield writer.writerow(EXPORT_COLUMNS)
            for row in export_rows(events):
                yield writer.writerow([safe(v) for v in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="klang-audit-log-{stamp}.{file_format}"')
    return response


def xlsx_bytes(events: QuerySet[AuditEvent]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Audit log"))
    sheet.append(EXPORT_COLUMNS)
    for index, row in enumerate(export_rows(events)):
        if index >= XLSX_MAX_ROWS:
            sheet.append([_("Cut at %(rows)s rows: export as CSV for the rest.")
                          % {"rows": XLSX_MAX_ROWS}])
            break
        sheet.append([safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
