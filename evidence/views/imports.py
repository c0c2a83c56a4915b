"""Importing household evidence from the web: upload, follow the progress, read the report,
correct quarantined rows.

Jobs belong to an organisation: their pages are for its members and coordinator and the
data-protection officer (``evidence.view_import``); anyone else gets 404, so that the existence
of an import does not leak. The import itself runs in a background task
(``evidence.tasks.import_households``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.predicates import is_dpo, organisation_ids_for
from audit import log
from evidence.importing import (
    permissions,  # noqa: F401  (declares the import permissions)
    quarantine,
    uploads,
)
from evidence.importing.mapping import FORMAT_LABELS, detect
from evidence.importing.report import report_xlsx
from evidence.importing.run import is_note, rows_done
from evidence.importing.sources import SourceError, kind_of, open_tables
from evidence.models import MEMBER_ROLES, ImportJob, QuarantinedRow, Survey
from evidence.schema import HOUSEHOLD_QUESTIONS, PERSON_QUESTIONS
from orgs.models import Organisation
from portal.shortcuts import refuse

PROBLEMS_PAGE = 100


# --- forms -----------------------------------------------------------------------------------

class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label=gettext_lazy("For the organisation"))
    survey = forms.ModelChoiceField(queryset=Survey.objects.none(),
                                    label=gettext_lazy("Survey"))
    file = forms.FileField(
        label=gettext_lazy("Export file"),
        help_text=gettext_lazy("An XLSX export (KoboToolbox: one sheet per repeat group), a "
                               "ZIP of CSV files (ODK Central), or the households CSV "
                               "(KoboToolbox, ODK Briefcase, Klang's template)."))
    members_file = forms.FileField(
        label=gettext_lazy("Members CSV (optional)"), required=False,
        help_text=gettext_lazy("When households and members are two CSV files: the members "
                               "file (with _parent_index, PARENT_KEY or submission_id)."))
    on_error = forms.ChoiceField(choices=ImportJob.OnError.choices,
                                 initial=ImportJob.OnError.REJECT, widget=forms.RadioSelect,
                                 label=gettext_lazy("If some rows have problems"))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = organisation_ids_for(user, MEMBER_ROLES)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=own)
        self.fields["survey"].queryset = Survey.objects.filter(
            organisation__isnull=True) | Survey.objects.filter(organisation_id__in=own)
        if len(own) == 1:
            self.fields["organisation"].initial = next(iter(own))
        default = Survey.objects.filter(is_default=True).first()
        if default:
            self.fields["survey"].initial = default.pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        limit = settings.EVIDENCE_IMPORT_MAX_BYTES
        for name in ("file", "members_file"):
            upload = data.get(name)
            if upload is not None and upload.size > limit:
                self.add_error(name, _("The file is larger than %(mb)s MB.")
                               % {"mb": limit // (1024 * 1024)})
            elif upload is not None and upload.size == 0:
                self.add_error(name, _("The file is empty."))
        return data


class CorrectionForm(forms.Form):
    """The canonical answers of a quarantined submission as text fields; members below."""

    def __init__(self, names: list[str], data_prefix: str, initial: dict[str, str],
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=data_prefix, initial=initial, **kwargs)
        for name in names:
            self.fields[name] = forms.CharField(label=name, required=False, max_length=1000)


# --- helpers ---------------------------------------------------------------------------------

def job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("organisation", "survey"), pk=pk)
    if not request.user.has_perm("evidence.view_import", job):
        raise Http404(_("No such import."))
    return job


def check_content(job: ImportJob) -> str:
    """"" when the stored upload is a readable export, else why not (checked by its bytes
    and headers, not its name)."""
    with uploads.job_paths(job) as paths:
        try:
            for one in paths:
                kind_of(one)
            detect(open_tables(paths))
        except SourceError as exc:
            return str(exc.message)
        except Exception:  # noqa: BLE001 - any unreadable file is the user's answer, not a 500
            return _("The file cannot be read as an XLSX, ZIP or CSV export.")
    return ""


# --- pages -----------------------------------------------------------------------------------

def import_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.list_imports"):
        return refuse(request)
    jobs = ImportJob.objects.select_related("organisation", "survey")
    if not is_dpo(request.user):
        jobs = jobs.filter(organisation_id__in=organisation_ids_for(request.user, MEMBER_ROLES))
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    return render(request, "evidence/imports/list.html", {
        "page": page, "jobs": page.object_list,
        "can_upload": request.user.has_perm("evidence.collect")})


def import_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.collect"):
        return refuse(request)
    form = UploadForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if not request.user.has_perm("evidence.collect_for", organisation):
            return refuse(request)
        upload = form.cleaned_data["file"]
        job = ImportJob(survey=form.cleaned_data["survey"], organisation=organisation,
                        file_name=(upload.name or "")[:255],
                        on_error=form.cleaned_data["on_error"], started_by=request.user)
        uploads.store(job, upload, form.cleaned_data.get("members_file"))
        problem = check_content(job)
        if problem:
            job.file.delete(save=False)
            form.add_error("file", problem)
        else:
            job.save()
            log.record(request.user, "import", object_type="import", object_label=str(job.pk),
                       organisation_id=organisation.pk, detail={"file": job.file_name})
            from evidence.tasks import import_households

            language = get_language() or "th"
            transaction.on_commit(lambda: import_households.enqueue(job.pk, language))
            return redirect("evidence:import", job.pk)
    return render(request, "evidence/imports/new.html", {
        "form": form, "max_mb": settings.EVIDENCE_IMPORT_MAX_BYTES // (1024 * 1024)})


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_or_404(request, pk)
    problems = [p for p in job.problems if not is_note(p)]
    page = Paginator(problems, PROBLEMS_PAGE).get_page(request.GET.get("page"))
    quarantined = job.quarantined.filter(resolved_at__isnull=True)[:200]
    running = job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
    return render(request, "evidence/imports/detail.html", {
        "job": job, "page": page, "problems": page.object_list,
        "problem_count": len(problems), "notes": [p for p in job.problems if is_note(p)],
        "rows_done": rows_done(job), "running": running,
        "format_label": FORMAT_LABELS.get(job.source_format, job.source_format),
        "quarantined": quarantined,
        "can_correct": request.user.has_perm("evidence.correct_quarantined_row", job)})


def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = job_or_404(request, pk)
    return JsonResponse({"status": job.status, "rows_done": rows_done(job),
                         "rows_total": job.rows_total, "created": job.created_count,
                         "updated": job.updated_count, "quarantined": job.quarantined_count,
                         "finished": job.finished_at is not None})


def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_or_404(request, pk)
    response = HttpResponse(
        report_xlsx(job),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-report.xlsx"'
    return response


def quarantined_row(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    job = job_or_404(request, pk)
    row = get_object_or_404(QuarantinedRow, job=job, token=token, resolved_at__isnull=True)
    if not request.user.has_perm("evidence.correct_quarantined_row", row):
        return refuse(request)
    kept = quarantine.payload(row)
    household_names = _names(HOUSEHOLD_QUESTIONS, kept.get("household", {}))
    member_names = _names(["position", *PERSON_QUESTIONS],
                          *kept.get("members", []))
    members_initial = kept.get("members", []) or [{}]
    post = request.POST if request.method == "POST" else None
    household_form = CorrectionForm(household_names, "household",
                                    _strings(kept.get("household", {})), data=post)
    member_forms = [CorrectionForm(member_names, f"member-{i}", _strings(initial), data=post)
                    for i, initial in enumerate(members_initial)]
    problems = row.problems
    if post is not None and household_form.is_valid() and all(f.is_valid() for f in
                                                                member_forms):
        household = {k: v for k, v in household_form.cleaned_data.items()}
        members = [{k: v for k, v in f.cleaned_data.items()} for f in member_forms]
        members = [m for m in members if any(v for k, v in m.items() if k != "position")]
        built = quarantine.correct(row, household, members, request.user)
        if not isinstance(built, list):
            return redirect("evidence:import", job.pk)
        problems = row.problems
    else:
        log.record(request.user, "view", object_type="quarantined_row", object_label=row.token,
                   organisation_id=row.organisation_id, detail={"import_job": job.pk})
    return render(request, "evidence/imports/correct.html", {
        "job": job, "row": row, "problems": problems, "household_form": household_form,
        "member_forms": member_forms})


def _names(canonical: list[str], *rows: dict[str, Any]) -> list[str]:
    names = list(canonical)
    for row in rows:
        names += [k for k in row if k not in names]
    return names


def _strings(values: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in values.items()}


urlpatterns = [
    path("imports/", import_list, name="imports"),
    path("imports/new/", import_new, name="import_new"),
    path("imports/<int:pk>/", import_detail, name="import"),
    path("imports/<int:pk>/status/", import_status, name="import_status"),
    path("imports/<int:pk>/report.xlsx", import_report, name="import_report"),
    path("imports/<int:pk>/quarantine/<str:token>/", quarantined_row,
         name="import_quarantined_row"),
]
