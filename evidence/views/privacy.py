"""One household's record and the data subject's rights: view, withdraw consent, correct,
export (subject access) and erase.

Only the collecting organisation's members and the DPO may see a household
(``evidence.view_household``); anyone else, logged in or not, is answered 404 so that the
record's existence does not leak. Someone who may see it but not do the action asked (a
member asking to erase) is answered 403. Every page that shows the record writes an audit
event; the identifying fields are decrypted only after the viewer states why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AuditEvent
from evidence import privacy, schema, thaiid
from evidence.indices import household_summary
from evidence.models import Household, Person

# Pseudonyms are "HH-" and letters/digits; the pattern keeps these URLs clear of the
# households list's own words (new, import, ...).
PSEUDONYM = r"(?P<pseudonym>HH-[A-Za-z0-9]{4,13})"
HISTORY_LIMIT = 100


def household_or_404(request: HttpRequest, pseudonym: str, perm: str = "") -> Household:
    """The household if this person may see it, else 404; 403 if seen but ``perm`` lacking."""
    household = (Household.objects.select_related("survey", "organisation", "area",
                                                  "consent_recorded_by", "entered_by",
                                                  "verified_by")
                 .filter(pseudonym=pseudonym).first())
    if household is None or not request.user.has_perm("evidence.view_household", household):
        raise Http404(_("No such household."))
    if perm and not request.user.has_perm(perm, household):
        raise PermissionDenied
    return household


# --- forms -----------------------------------------------------------------------------------

class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(label=gettext_lazy("Why do you open the names?"),
                                choices=privacy.PURPOSES, widget=forms.RadioSelect)
    note = forms.CharField(label=gettext_lazy("In a few words"), required=False,
                           max_length=300,
                           help_text=gettext_lazy("Required for “other”. Do not write names "
                                                  "here: this goes to the audit log."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("purpose") == "other" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why you open the names."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=gettext_lazy("Written to the audit log."))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class WithdrawForm(ReasonForm):
    withdrawn_on = forms.DateField(label=gettext_lazy("Date the household withdrew consent"),
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def clean_withdrawn_on(self) -> Any:
        day = self.cleaned_data["withdrawn_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class ExportForm(ReasonForm):
    file_format = forms.ChoiceField(label=gettext_lazy("File"), widget=forms.RadioSelect,
                                    choices=[("xlsx", gettext_lazy("Spreadsheet (XLSX)")),
                                             ("json", gettext_lazy("JSON"))], initial="xlsx")


class EraseForm(ReasonForm):
    confirm = forms.CharField(label=gettext_lazy("Type the household's pseudonym to confirm"),
                              max_length=20)

    def __init__(self, *args: Any, pseudonym: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pseudonym = pseudonym

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != self.pseudonym.upper():
            raise forms.ValidationError(_("This is not the household's pseudonym."))
        return value


YES_NO_UNKNOWN = [("", gettext_lazy("Not known")), ("true", gettext_lazy("Yes")),
                  ("false", gettext_lazy("No"))]


def optional_bool(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


class CorrectionForm(ReasonForm):
    """The household's fields, its identifying fields and one block of fields per member."""

    collected_on = forms.DateField(label=gettext_lazy("Collected on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    consent_purpose = forms.CharField(label=gettext_lazy("Purpose of collection"),
                                      required=False, widget=forms.Textarea(attrs={"rows": 2}))
    consent_date = forms.DateField(label=gettext_lazy("Consent date"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    income_year = forms.IntegerField(label=gettext_lazy("Household income a year (baht)"),
                                     required=False, min_value=0)
    head_name = forms.CharField(label=gettext_lazy("Name of the head of household"),
                                required=False, max_length=255)
    phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=50)
    address = forms.CharField(label=gettext_lazy("Address"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    gps = forms.CharField(label=gettext_lazy("GPS position"), required=False, max_length=100)

    def __init__(self, *args: Any, household: Household, identity: dict[str, Any],
                 **kwargs: Any) -> None:
        initial = {name: getattr(household, name) for name in privacy.HOUSEHOLD_FIELDS}
        initial["consent_purpose"] = household.purpose_told
        initial.update({name: identity.get(name, "") for name in schema.IDENTIFYING_HOUSEHOLD})
        super().__init__(*args, initial=initial, **kwargs)
        self.people = list(household.members.order_by("position"))
        member_identity = identity.get("members") or {}
        self.member_blocks: list[tuple[Person, list[str]]] = []
        for person in self.people:
            names = self.add_member_fields(person, member_identity.get(str(person.position), {}))
            self.member_blocks.append((person, names))

    def add_member_fields(self, person: Person, identity: dict[str, Any]) -> list[str]:
        p = person.position
        fields: dict[str, forms.Field] = {
            "member_name": forms.CharField(label=_("Name"), required=False, max_length=255,
                                           initial=identity.get("member_name", "")),
            "id_number": forms.CharField(label=_("ID number"), required=False, max_length=30,
                                         initial=identity.get("id_number", "")),
            "sex": forms.ChoiceField(label=_("Sex"), required=False,
                                     choices=[("", _("Not known")), *Person.Sex.choices],
                                     initial=person.sex),
            "age": forms.IntegerField(label=_("Age"), required=False, min_value=0,
                                      max_value=130, initial=person.age),
            "id_type": forms.ChoiceField(label=_("Identity document"), required=False,
                                         choices=[("", _("Not known")), *schema.ID_TYPES],
                                         initial=person.id_type),
            "disability": forms.BooleanField(label=_("Disability"), required=False,
                                             initial=person.disability),
            "chronic_illness": forms.BooleanField(label=_("Chronic illness"), required=False,
                                                  initial=person.chronic_illness),
            "bedridden": forms.BooleanField(label=_("Bedridden"), required=False,
                                            initial=person.bedridden),
            "has_carer": forms.TypedChoiceField(
                label=_("Has a carer"), required=False, choices=YES_NO_UNKNOWN,
                coerce=optional_bool, empty_value=None,
                initial={True: "true", False: "false"}.get(person.has_carer, "")),
            "ethnicity": forms.CharField(label=_("Ethnic group"), required=False,
                                         max_length=100, initial=person.ethnicity),
        }
        names = []
        for name, field in fields.items():
            key = f"m{p}_{name}"
            self.fields[key] = field
            names.append(key)
        return names

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for person in self.people:
            p = person.position
            number = (data.get(f"m{p}_id_number") or "").strip()
            if number and data.get(f"m{p}_id_type") == "thai_id" and not thaiid.is_valid(number):
                self.add_error(f"m{p}_id_number",
                               _("This 13-digit ID number fails its check digit."))
        return data

    def changes(self) -> dict[str, Any]:
        """The arguments of ``privacy.correct``."""
        data = self.cleaned_data
        members: dict[int, dict[str, Any]] = {}
        member_identity: dict[int, dict[str, Any]] = {}
        for person in self.people:
            p = person.position
            members[p] = {name: data.get(f"m{p}_{name}") for name in
                          ("sex", "age", "id_type", "disability", "chronic_illness",
                           "bedridden", "has_carer", "ethnicity")}
            members[p]["sex"] = members[p]["sex"] or ""
            members[p]["id_type"] = members[p]["id_type"] or ""
            members[p]["ethnicity"] = (members[p]["ethnicity"] or "").strip()
            member_identity[p] = {name: (data.get(f"m{p}_{name}") or "").strip()
                                  for name in schema.IDENTIFYING_PERSON}
        return {
            "reason": data["reason"],
            "fields": {name: data.get(name) for name in privacy.HOUSEHOLD_FIELDS}
            | {"consent_purpose": (data.get("consent_purpose") or "").strip()},
            "identity": {name: (data.get(name) or "").strip()
                         for name in schema.IDENTIFYING_HOUSEHOLD},
            "members": members,
            "member_identity": member_identity,
        }


# --- the record page -------------------------------------------------------------------------

def member_rows(household: Household, identity: dict[str, Any] | None) -> list[dict[str, Any]]:
    id_types = dict(schema.ID_TYPES)
    names = (identity or {}).get("members") or {}
    rows = []
    for person in household.members.order_by("position"):
        welfare = [str(label) for code, label in schema.WELFARE
                   if person.welfare & schema.WELFARE_BIT[code]]
        rows.append({
            "person": person,
            "id_type": id_types.get(person.id_type, person.id_type),
            "welfare": welfare,
            "identity": names.get(str(person.position), {}),
        })
    return rows


def household_page(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym)
    identity = None
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Audited before decrypting: a failure to decrypt is still on record.
        privacy.record_view(request.user, household, identifying=True,
                            purpose=form.cleaned_data["purpose"],
                            note=form.cleaned_data["note"])
        identity = household.read_identity()
    else:
        privacy.record_view(request.user, household, identifying=False)
    user = request.user
    history = AuditEvent.objects.filter(object_type=privacy.HOUSEHOLD,
                                        object_label=household.pseudonym)
    return render(request, "evidence/privacy/household.html", {
        "household": household,
        "summary": household_summary(household),
        "members": member_rows(household, identity),
        "identity": identity,
        "form": form,
        "answers": sorted(household.answers.items()),
        "history": history.order_by("-at", "-pk")[:HISTORY_LIMIT],
        "history_count": history.count(),
        "can_correct": user.has_perm("evidence.correct_household", household),
        "can_withdraw": (user.has_perm("evidence.withdraw_consent", household)
                         and household.consent_withdrawn_at is None),
        "can_export": user.has_perm("evidence.export_household", household),
        "can_erase": user.has_perm("evidence.erase_household", household),
        "can_read_log": user.has_perm("evidence.view_audit"),
    }, status=400 if request.method == "POST" and not form.is_valid() else 200)


# --- consent withdrawal ----------------------------------------------------------------------

def withdraw(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym, "evidence.withdraw_consent")
    if household.consent_withdrawn_at is not None:
        messages.info(request, _("Consent was already withdrawn."))
        return redirect(household)
    form = WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["withdrawn_on"]
        at = timezone.now() if day == timezone.localdate() else timezone.make_aware(
            dt.datetime.combine(day, dt.time.min))
        privacy.withdraw_consent(request.user, household, form.cleaned_data["reason"], at=at)
        messages.success(request, _("Consent withdrawn: the household no longer counts in any "
                                    "statistic."))
        return redirect(household)
    return render(request, "evidence/privacy/withdraw.html",
                  {"household": household, "form": form},
                  status=400 if request.method == "POST" else 200)


# --- correction ------------------------------------------------------------------------------

def correct(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym, "evidence.correct_household")
    # The form shows the identifying fields: opening it is a view of them, for correction.
    privacy.record_view(request.user, household, identifying=True, purpose="correction")
    identity = household.read_identity()
    form = CorrectionForm(request.POST or None, household=household, identity=identity)
    if request.method == "POST" and form.is_valid():
        changed = privacy.correct(request.user, household, **form.changes())
        if changed:
            messages.success(request, _("Corrected: %(count)s field(s).")
                             % {"count": len(changed)})
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect(household)
    return render(request, "evidence/privacy/correct.html", {
        "household": household, "form": form,
        "household_fields": [form[name] for name in
                             [*privacy.HOUSEHOLD_FIELDS, *schema.IDENTIFYING_HOUSEHOLD]],
        "member_blocks": [(person, [form[name] for name in names])
                          for person, names in form.member_blocks],
    }, status=400 if request.method == "POST" else 200)


# --- subject access --------------------------------------------------------------------------

def export(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym, "evidence.export_household")
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = privacy.subject_access_export(request.user, household,
                                             form.cleaned_data["reason"])
        if form.cleaned_data["file_format"] == "json":
            response = HttpResponse(privacy.as_json(data),
                                    content_type="application/json; charset=utf-8")
            extension = "json"
        else:
            response = HttpResponse(
                privacy.as_xlsx(data),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            extension = "xlsx"
        response["Content-Disposition"] = (
            f'attachment; filename="{household.pseudonym}-subject-access.{extension}"')
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "evidence/privacy/export.html",
                  {"household": household, "form": form},
                  status=400 if request.method == "POST" else 200)


# --- erasure ---------------------------------------------------------------------------------

def erase(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym, "evidence.erase_household")
    form = EraseForm(request.POST or None, pseudonym=household.pseudonym)
    if request.method == "POST" and form.is_valid():
        privacy.erase(request.user, household, form.cleaned_data["reason"])
        messages.success(request, _("Household %(pseudonym)s was erased. The audit log keeps "
                                    "only its pseudonym.") % {"pseudonym": pseudonym})
        if request.user.has_perm("evidence.view_audit"):
            return redirect(reverse("audit:log") + "?" + urlencode(
                {"pseudonym": household.pseudonym}))
        return redirect("/")
    return render(request, "evidence/privacy/erase.html",
                  {"household": household, "form": form},
                  status=400 if request.method == "POST" else 200)


urlpatterns = [
    re_path(rf"^households/{PSEUDONYM}/$", household_page, name="household"),
    re_path(rf"^households/{PSEUDONYM}/withdraw/$", withdraw, name="household_withdraw"),
    re_path(rf"^households/{PSEUDONYM}/correct/$", correct, name="household_correct"),
    re_path(rf"^households/{PSEUDONYM}/export/$", export, name="household_export"),
    re_path(rf"^households/{PSEUDONYM}/erase/$", erase, name="household_erase"),
]
