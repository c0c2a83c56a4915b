"""Forms for raising a need and for the working group's screening, split and synthesis.

Areas are entered by their official DOPA code (any level: province, district, sub-district or
village); a wrong code is named in the error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.predicates import organisation_ids_for
from areas.models import Area
from areas.services import unknown_area_message
from needs.models import Need, NeedEvidence, NeedStatus, Urgency
from needs.uploads import ALLOWED_LABEL, sniff_content_type
from orgs.forms import split_codes
from orgs.models import IssueArea, Organisation, TargetGroup

RAISING_ROLES = [Role.CSO_MEMBER, Role.CSO_COORDINATOR]
# Forums offered when raising a need: recent and coming ones (older ones are history).
FORUM_WINDOW = dt.timedelta(days=730)


class AnyAreaCodeField(forms.CharField):
    """One area code of any level; cleans to the Area."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 16)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.code if isinstance(value, Area) else value

    def clean(self, value: Any) -> Area | None:
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise ValidationError(unknown_area_message(code), code="unknown")
        return area


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255,
                            help_text=_("In a few words: what is the problem or need?"))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who is affected, what happens to them, and what would help."))
    area = AnyAreaCodeField(
        label=_("Where (area code)"),
        help_text=_("The official code of the province (2 digits), district (4), sub-district "
                    "(6) or village (8), e.g. 51 for Lamphun or 5104 for Li district."))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Groups of people affected"), queryset=TargetGroup.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple)
    issue_area = forms.ModelChoiceField(label=_("Issue area"), queryset=IssueArea.objects.all(),
                                        required=False, empty_label=_("Not sure"))
    urgency = forms.ChoiceField(label=_("How urgent is it?"), choices=Urgency.choices,
                                initial=Urgency.MEDIUM, widget=forms.RadioSelect)
    people_affected = forms.IntegerField(
        label=_("About how many people are affected?"), required=False, min_value=0,
        max_value=100_000_000, help_text=_("An estimate is fine. Leave empty if unknown."))
    is_sensitive = forms.BooleanField(
        label=_("Keep this need confidential"), required=False,
        help_text=_("Tick this if making the need public could harm the people it is about. "
                    "Then only you, the members of the organisation you raise it for, the "
                    "province's working group and the site's administrators will see it. "
                    "Everyone else, including the public, will not know it exists."))
    organisation = forms.TypedChoiceField(
        label=_("Raised by"), coerce=int, empty_value=None, required=False,
        help_text=_("Raise it as yourself, or for an organisation you are a member of."))
    forum = forms.ModelChoiceField(
        label=_("Raised at a forum"), queryset=None, required=False,
        empty_label=_("Not at a forum"),
        help_text=_("If the need was raised at a forum (เวทีประชาคม), choose it."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from forums.models import Forum

        self.user = user
        org_ids = organisation_ids_for(user, RAISING_ROLES)
        choices: list[tuple[Any, str]] = [("", _("Myself, as a registered citizen"))]
        choices += [(org.pk, org.name) for org in
                    Organisation.objects.filter(pk__in=org_ids).order_by("name_th")]
        self.fields["organisation"].choices = choices
        now = timezone.now()
        self.fields["forum"].queryset = Forum.objects.filter(
            starts_at__gte=now - FORUM_WINDOW).order_by("-starts_at")
        for name in ("title", "description", "area"):
            self.fields[name].widget.attrs["required"] = True

    def clean_title(self) -> str:
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise ValidationError(_("This field is required."), code="required")
        return title

    def clean_organisation(self) -> Organisation | None:
        pk = self.cleaned_data.get("organisation")
        if pk is None:
            return None
        # The choice list already holds only the person's organisations; ask again anyway.
        if pk not in organisation_ids_for(self.user, RAISING_ROLES):
            raise ValidationError(_("You can raise needs only for your own organisations."))
        return Organisation.objects.get(pk=pk)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"),
                             choices=[("", "—"), *NeedEvidence.Kind.choices], required=False)
    title = forms.CharField(label=_("What it shows"), max_length=255, required=False)
    value = forms.DecimalField(label=_("Number"), max_digits=14, decimal_places=2,
                               required=False)
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False,
                           help_text=_("e.g. people, households, baht"))
    source = forms.CharField(label=_("Source of the number"), max_length=255, required=False,
                             help_text=_("Who counted it and when, e.g. a survey of 2567."))
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https",
                         max_length=200)
    file = forms.FileField(label=_("Document or photo"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.conf import settings
        from django.utils.translation import gettext

        size = settings.KLANG_UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = gettext("%(types)s, at most %(size)s MB.") % {
            "types": ALLOWED_LABEL, "size": size}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            if any(data.get(n) for n in ("title", "value", "unit", "source", "url", "file")):
                self.add_error("kind", _("Choose the kind of evidence."))
            return data
        if not (data.get("title") or "").strip():
            self.add_error("title", _("Say in a few words what this evidence shows."))
        if kind == NeedEvidence.Kind.FIGURE:
            if data.get("value") is None:
                self.add_error("value", _("Give the number."))
            if not (data.get("source") or "").strip():
                self.add_error("source", _("Give the source of the number."))
        elif kind == NeedEvidence.Kind.LINK:
            if not data.get("url"):
                self.add_error("url", _("Give the link."))
        elif kind == NeedEvidence.Kind.DOCUMENT:
            upload = data.get("file")
            if not upload:
                self.add_error("file", _("Choose the file to upload."))
            else:
                try:
                    data["content_type"] = sniff_content_type(upload)
                except ValidationError as error:
                    self.add_error("file", error)
        return data

    def row(self) -> dict[str, Any] | None:
        """The evidence row to save, or None for an empty form."""
        data = self.cleaned_data
        kind = data.get("kind")
        if not kind:
            return None
        row = {"kind": kind, "title": data["title"].strip()}
        if kind == NeedEvidence.Kind.FIGURE:
            row.update(value=data["value"], unit=data.get("unit", ""), source=data["source"])
        elif kind == NeedEvidence.Kind.LINK:
            row.update(url=data["url"], source=data.get("source", ""))
        else:
            row.update(file=data["file"], content_type=data["content_type"],
                       source=data.get("source", ""))
        return row


EvidenceFormSet = formset_factory(EvidenceForm, extra=3, max_num=20, validate_max=True)


class ScreenForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(NeedStatus.ACCEPTED, _("Accept")),
                 (NeedStatus.MORE_INFO, _("Needs more information")),
                 (NeedStatus.OUT_OF_SCOPE, _("Out of scope"))])
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person who raised the need reads this. Required unless you accept."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") in (NeedStatus.MORE_INFO, NeedStatus.OUT_OF_SCOPE) and \
                not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason: the person who raised the need will "
                                       "read it."))
        return data


class SplitPartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("description") or "").strip() and not (data.get("title") or "").strip():
            self.add_error("title", _("Give the new need a title."))
        return data


class BaseSplitFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        filled = [f for f in self.forms if (f.cleaned_data.get("title") or "").strip()]
        if len(filled) < 2:
            raise ValidationError(_("Give at least two new needs, each with a title."))


SplitFormSet = formset_factory(SplitPartForm, formset=BaseSplitFormSet, extra=3, max_num=20,
                               validate_max=True)


class AreaCodesField(forms.CharField):
    """Several area codes of any level; cleans to a list of Areas."""

    widget = forms.TextInput

    def clean(self, value: Any) -> list[Area]:
        codes = split_codes(super().clean(value))
        found = {a.code: a for a in Area.objects.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise ValidationError(_("Unknown area code: %(codes)s. Check the code and try "
                                    "again.") % {"codes": ", ".join(missing)}, code="unknown")
        return [found[c] for c in codes]


class SynthesiseForm(forms.Form):
    title = forms.CharField(label=_("Title of the proposal"), max_length=255)
    summary = forms.CharField(
        label=_("Summary in plain language"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two or three sentences someone who has never read a plan can follow."))
    kind = forms.ChoiceField(label=_("Kind of proposal"), widget=forms.RadioSelect)
    objectives = forms.CharField(label=_("Objectives"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"), queryset=TargetGroup.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    areas = AreaCodesField(
        label=_("Areas it covers (area codes)"), required=False,
        help_text=_("Codes separated by spaces or commas, e.g. 5104 5105."))
    beneficiaries = forms.IntegerField(label=_("Number of beneficiaries"), required=False,
                                       min_value=0, max_value=100_000_000)
    estimated_budget = forms.DecimalField(label=_("Estimated budget (baht)"), required=False,
                                          min_value=0, max_digits=14, decimal_places=2)
    responsible_agency = forms.CharField(label=_("Suggested responsible agency"),
                                         max_length=255, required=False)
    strategy = forms.ModelChoiceField(label=_("Provincial strategy it serves"), queryset=None,
                                      required=False, empty_label=_("Not decided yet"))
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the needs and data show, with sources. Filled in from the needs' "
                    "evidence; evidence of confidential needs is left out."))

    def __init__(self, *args: Any, province: Area | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from planning.models import Strategy
        from proposals.models import Kind

        self.fields["kind"].choices = Kind.choices
        self.fields["kind"].initial = Kind.PROJECT
        self.fields["strategy"].queryset = (
            Strategy.objects.filter(plan__area=province).select_related("plan")
            if province is not None else Strategy.objects.none())
        for name in ("title", "summary"):
            self.fields[name].widget.attrs["required"] = True


def need_ids(values: list[str]) -> list[int]:
    """Need ids from a query string or form, ignoring anything that is not a number."""
    return list(dict.fromkeys(int(v) for v in values if str(v).strip().isdigit()))


def visible_needs(user: Any, ids: list[int]) -> list[Need]:
    return list(Need.objects.visible_to(user).filter(pk__in=ids)
                .select_related("area", "province").order_by("created_at", "pk"))
