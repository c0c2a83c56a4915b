"""Entering one household on the web, and the list of an organisation's households.

Both are for members of a collecting organisation only (``evidence.collect`` /
``evidence.collect_for``). The list shows pseudonyms, never names. The form is built from the
canonical questions of Klang's default survey (labels in the reader's language) and saved
through ``evidence.answers.build_household``, the same rules as the importers. It works without
JavaScript: "add a member" submits the form and comes back with one more blank member.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.predicates import organisation_ids_for
from audit.log import record
from evidence.answers import MEMBERS_SHEET, build_household
from evidence.models import Household, HouseholdStatus, Person, Survey
from evidence.schema import HOUSEHOLD_QUESTIONS, MEMBERS_GROUP, PERSON_QUESTIONS
from evidence.xlsform import Question, SurveyDefinition
from orgs.models import Organisation
from portal.shortcuts import refuse

PAGE_SIZE = 50
MAX_FORM_MEMBERS = 20
# Without JavaScript a question cannot appear only when another is answered; say when instead.
ONLY_WHEN = {
    "id_number": gettext_lazy("Only for a Thai ID card. Leave it empty if the person has no "
                              "number or prefers not to give it."),
    "has_carer": gettext_lazy("Only for a bedridden member."),
    "in_school": gettext_lazy("For members aged 3 to 24."),
    "works": gettext_lazy("For members aged 15 and over."),
    "income_year": gettext_lazy("For members aged 15 and over."),
    "ethnicity": gettext_lazy("Optional."),
}
IDENTIFYING_HELP = gettext_lazy("Encrypted; seen only by your organisation.")


def collecting_organisations(user: Any) -> list[Organisation]:
    ids = organisation_ids_for(user, [Role.CSO_MEMBER, Role.CSO_COORDINATOR])
    return [org for org in Organisation.objects.filter(pk__in=ids).order_by("name_th")
            if user.has_perm("evidence.collect_for", org)]


def default_survey() -> Survey:
    survey = Survey.objects.filter(is_default=True, slug="household").first()
    if survey is None:
        raise Http404(_("Klang's household survey is not installed."))
    return survey


def field_for(question: Question, language: str) -> forms.Field:
    """A form field for one survey question; every answer stays a string for build_household."""
    label = question.label(language)
    choices = [(c.name, c.label_en or c.name if language.startswith("en")
                else c.label_th or c.name) for c in question.choices]
    help_text = str(ONLY_WHEN.get(question.name, ""))
    if question.name in ("head_name", "phone", "address", "gps", "member_name", "id_number"):
        help_text = f"{help_text} {IDENTIFYING_HELP}".strip()
    if question.is_multiple:
        return forms.MultipleChoiceField(label=label, choices=choices, required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=help_text)
    if question.is_select:
        widget: forms.Widget = (forms.RadioSelect if len(choices) <= 3
                                else forms.Select)
        if widget is forms.Select:
            choices = [("", _("– not answered –")), *choices]
        return forms.ChoiceField(label=label, choices=choices, required=False, widget=widget,
                                 help_text=help_text)
    attrs: dict[str, str] = {}
    if question.type == "integer":
        attrs = {"inputmode": "numeric", "pattern": "[0-9]*"}
    elif question.type == "date":
        return forms.CharField(label=label, required=False, help_text=help_text,
                               widget=forms.DateInput(attrs={"type": "date"}))
    elif question.type == "geopoint":
        help_text = f"{_('Latitude and longitude, e.g. 18.05 98.95.')} {help_text}".strip()
    return forms.CharField(label=label, required=False, max_length=1000,
                           help_text=help_text, widget=forms.TextInput(attrs=attrs))


class HouseholdForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(),
                                          label=gettext_lazy("Collected by"))

    def __init__(self, *args: Any, questions: list[Question], organisations: list[Organisation],
                 language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]).order_by("name_th")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        for question in questions:
            self.fields[question.name] = field_for(question, language)
        self.question_names = [q.name for q in questions]

    def answers(self) -> dict[str, str]:
        return _as_strings(self.cleaned_data, self.question_names)

    def section(self, names: list[str]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]


class MemberForm(forms.Form):
    def __init__(self, *args: Any, questions: list[Question], language: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.name] = field_for(question, language)
        self.question_names = [q.name for q in questions]

    def answers(self) -> dict[str, str]:
        return _as_strings(self.cleaned_data, self.question_names)


def _as_strings(data: dict[str, Any], names: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        value = data.get(name)
        out[name] = " ".join(value) if isinstance(value, list) else str(value or "")
    return out


def _member_count(request: HttpRequest) -> int:
    raw = request.POST.get("members_count") or request.GET.get("members") or "1"
    try:
        count = int(raw)
    except ValueError:
        count = 1
    return max(1, min(count, MAX_FORM_MEMBERS))


# --- pages -----------------------------------------------------------------------------------

def enter(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.collect"):
        return refuse(request)
    organisations = collecting_organisations(request.user)
    if not organisations:
        return refuse(request)
    survey = default_survey()
    view = SurveyDefinition.from_json(survey.definition)
    language = get_language() or "th"
    household_questions = [q for q in view.questions
                           if not q.repeat and q.name in HOUSEHOLD_QUESTIONS]
    member_questions = [q for q in view.questions
                        if q.repeat == MEMBERS_GROUP and q.name in PERSON_QUESTIONS]
    count = _member_count(request)
    action = request.POST.get("action", "save")
    if request.method == "POST" and action == "add" and count < MAX_FORM_MEMBERS:
        count += 1
    elif request.method == "POST" and action == "remove" and count > 1:
        count -= 1

    bound = request.POST if request.method == "POST" else None
    form = HouseholdForm(bound, questions=household_questions, organisations=organisations,
                         language=language)
    members = [MemberForm(bound, questions=member_questions, language=language,
                          prefix=f"m{i}") for i in range(count)]
    status = 200
    if request.method == "POST" and action == "save":
        saved = _save(request, survey, form, members)
        if saved is not None:
            messages.success(request, _("Household %(pseudonym)s is saved and waits for a "
                                        "second member to verify it.") % {
                                            "pseudonym": saved.pseudonym})
            return redirect(reverse("evidence:households"))
        status = 400
    elif request.method == "POST":
        # Adding or removing a member: the same answers again, one member more or less, and no
        # error messages yet (nothing was meant to be saved).
        form = HouseholdForm(initial=_initial(form), questions=household_questions,
                             organisations=organisations, language=language)
        members = [MemberForm(initial=_initial(m), questions=member_questions,
                              language=language, prefix=m.prefix) for m in members]
    return render(request, "evidence/households/enter.html", {
        "form": form, "members": members, "members_count": count,
        "max_members": MAX_FORM_MEMBERS, "survey": survey,
        "consent_fields": form.section(["consent", "consent_date", "collected_on"]),
        "place_fields": form.section(["area_code", "head_name", "phone", "address", "gps"]),
        "home_fields": form.section(["housing_tenure", "water_source", "income_year"]),
        "indicator_fields": form.section([n for n in HOUSEHOLD_QUESTIONS
                                          if n.startswith("bmn_")]),
        "purpose": (survey.purpose_en if language.startswith("en") and survey.purpose_en
                    else survey.purpose_th),
    }, status=status)


def _initial(form: forms.Form | None) -> dict[str, Any] | None:
    """What was typed, to show again after "add a member" (unvalidated, as typed)."""
    if form is None or not form.is_bound:
        return None
    values: dict[str, Any] = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.MultipleChoiceField):
            values[name] = form.data.getlist(key)
        else:
            values[name] = form.data.get(key, "")
    return values


def _save(request: HttpRequest, survey: Survey, form: HouseholdForm,
          members: list[MemberForm]) -> Household | None:
    valid = form.is_valid()
    valid = all([m.is_valid() for m in members]) and valid
    if not valid:
        return None
    organisation = form.cleaned_data["organisation"]
    if not request.user.has_perm("evidence.collect_for", organisation):
        form.add_error("organisation", _("You cannot enter households for this organisation."))
        return None
    built = build_household(
        survey, organisation, form.answers(), [m.answers() for m in members],
        entered_by=request.user, submission_key=f"web-{uuid.uuid4().hex}",
        member_rows=list(range(1, len(members) + 1)),
    )
    if isinstance(built, list):
        consent_refused = any(p.code == "consent_missing" for p in built)
        for problem in built:
            if consent_refused and problem.column != "consent":
                continue  # without consent nothing else matters, and nothing is stored
            if problem.sheet == MEMBERS_SHEET and problem.row:
                target: forms.Form = members[problem.row - 1]
            else:
                target = form
            field = problem.column if problem.column in target.fields else None
            target.add_error(field, problem.message)
        return None
    with transaction.atomic():
        built.seal()
        household = built.household
        household.save()
        Person.objects.bulk_create(built.members)
        record(request.user, "create", object_type="household",
               object_label=household.pseudonym, organisation_id=organisation.pk,
               reason=_("Entered on the web form"),
               detail={"members": len(built.members), "survey": survey.slug})
    return household


def household_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.collect"):
        return refuse(request)
    organisations = collecting_organisations(request.user)
    households = (Household.objects.visible_to(request.user)
                  .filter(organisation__in=organisations)
                  .select_related("area", "organisation").order_by("-created_at", "-pk"))
    chosen_org = request.GET.get("organisation", "")
    if chosen_org.isdigit():
        households = households.filter(organisation_id=int(chosen_org))
    chosen_status = request.GET.get("status", "")
    if chosen_status in HouseholdStatus.values:
        households = households.filter(status=chosen_status)
    page = Paginator(households.only(
        "pseudonym", "status", "collected_on", "created_at", "members_count", "is_synthetic",
        "area__code", "area__name_th", "area__name_en", "organisation__name_th",
        "organisation__name_en"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "evidence/households/list.html", {
        "page": page, "organisations": organisations, "statuses": HouseholdStatus.choices,
        "filters": {"organisation": chosen_org, "status": chosen_status},
        "any_synthetic": any(h.is_synthetic for h in page.object_list),
    })


urlpatterns = [
    path("households/", household_list, name="households"),
    path("households/new/", enter, name="household_enter"),
]
