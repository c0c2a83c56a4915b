"""Survey pages: the list and one survey (public: questions and purposes are no personal data),
its XLSForm file, and uploading an organisation's own survey (its coordinators).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.predicates import organisation_ids_for
from evidence.models import Survey
from evidence.xlsform import MAX_FILE_BYTES, SurveyDefinition, XLSFormError, parse
from orgs.models import Organisation
from portal.shortcuts import refuse

DEFAULT_XLSFORM = Path(__file__).resolve().parent.parent / "data" / "household_survey.xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def coordinated_organisations(user: Any) -> list[Organisation]:
    """The organisations this person may upload a survey for (``evidence.upload_survey``)."""
    ids = organisation_ids_for(user, [Role.CSO_COORDINATOR])
    return [org for org in Organisation.objects.filter(pk__in=ids).order_by("name_th")
            if user.has_perm("evidence.upload_survey", org)]


class SurveyUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label=gettext_lazy("For the organisation"))
    xlsform = forms.FileField(
        label=gettext_lazy("XLSForm file (.xlsx)"),
        help_text=gettext_lazy("A workbook with the sheets survey, choices and settings, as "
                               "written for KoboToolbox or ODK. Use the names of Klang's "
                               "household survey for the questions that should count in "
                               "statistics."))
    title_en = forms.CharField(label=gettext_lazy("Title in English (optional)"),
                               max_length=255, required=False)
    purpose_th = forms.CharField(
        label=gettext_lazy("Purpose told to households (Thai)"), widget=forms.Textarea(
            attrs={"rows": 3}), max_length=5000,
        help_text=gettext_lazy("What the data is for, as it is read to each household "
                               "before it consents."))
    purpose_en = forms.CharField(label=gettext_lazy("Purpose (English, optional)"),
                                 widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                                 required=False)
    retention_days = forms.IntegerField(
        label=gettext_lazy("Keep household records for (days)"), min_value=30,
        max_value=36500, initial=5 * 365)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]).order_by("name_th")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        self.parsed: Any = None

    def clean_xlsform(self) -> Any:
        upload = self.cleaned_data["xlsform"]
        limit = min(MAX_FILE_BYTES, getattr(settings, "KLANG_UPLOAD_MAX_BYTES", MAX_FILE_BYTES))
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(size)s MB.") % {
                "size": max(limit // (1024 * 1024), 1)})
        data = upload.read()
        try:
            self.parsed = parse(data, name=upload.name)
        except XLSFormError as error:
            raise forms.ValidationError(error.problems) from error
        self.data_bytes = data
        return upload


def unique_slug(base: str) -> str:
    base = (slugify(base) or "survey")[:60]
    if base == "new":  # the upload page's address
        base = "new-survey"
    slug, number = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


# --- pages -----------------------------------------------------------------------------------

def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = Survey.objects.select_related("organisation").order_by("-is_default", "title_th")
    return render(request, "evidence/surveys/list.html", {
        "surveys": surveys,
        "can_upload": bool(request.user.is_authenticated
                           and coordinated_organisations(request.user)),
    })


def survey_detail(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("organisation"), slug=slug)
    view = SurveyDefinition.from_json(survey.definition)
    language = get_language() or "th"
    present, missing = view.canonical_coverage()
    rows = [{"question": q, "label": q.label(language),
             "choices": [c.label_en or c.name if language.startswith("en")
                         else c.label_th or c.name for c in q.choices]}
            for q in view.questions]
    return render(request, "evidence/surveys/detail.html", {
        "survey": survey, "view": view, "rows": rows,
        "canonical_present": present, "canonical_missing": missing,
        "purpose": (survey.purpose_en if language.startswith("en") and survey.purpose_en
                    else survey.purpose_th),
        "can_enter": survey.is_default and request.user.has_perm("evidence.collect"),
    })


def survey_xlsform(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    if survey.xlsform:
        try:
            handle = survey.xlsform.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("The file is missing.")) from error
    elif survey.is_default and survey.slug == "household":
        handle = DEFAULT_XLSFORM.open("rb")
    else:
        raise Http404(_("This survey has no XLSForm file."))
    response = FileResponse(handle, content_type=XLSX_TYPE, as_attachment=True,
                            filename=f"{survey.slug}.xlsx")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def survey_upload(request: HttpRequest) -> HttpResponse:
    organisations = (coordinated_organisations(request.user)
                     if request.user.is_authenticated else [])
    if not organisations:
        return refuse(request)
    if request.method == "POST":
        form = SurveyUploadForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            # Checked again on the object chosen: the form's list is a convenience.
            if not request.user.has_perm("evidence.upload_survey", organisation):
                return refuse(request)
            parsed = form.parsed.survey
            survey = Survey(
                slug=unique_slug(parsed.form_id or parsed.title),
                title_th=(parsed.title or parsed.form_id or _("Survey"))[:255],
                title_en=form.cleaned_data["title_en"], form_id=parsed.form_id[:100],
                version=parsed.version[:50], definition=form.parsed.definition,
                organisation=organisation, purpose_th=form.cleaned_data["purpose_th"],
                purpose_en=form.cleaned_data["purpose_en"],
                retention_days=form.cleaned_data["retention_days"], created_by=request.user,
            )
            survey.xlsform.save(f"{survey.slug}.xlsx", ContentFile(form.data_bytes),
                                save=False)
            survey.save()
            messages.success(request, _("The survey is saved."))
            return redirect(reverse("evidence:survey", args=[survey.slug]))
        status = 400
    else:
        form = SurveyUploadForm(organisations=organisations)
        status = 200
    return render(request, "evidence/surveys/upload.html", {"form": form}, status=status)


urlpatterns = [
    path("surveys/", survey_list, name="surveys"),
    path("surveys/new/", survey_upload, name="survey_upload"),
    path("surveys/<slug:slug>/", survey_detail, name="survey"),
    path("surveys/<slug:slug>/xlsform/", survey_xlsform, name="survey_xlsform"),
]
