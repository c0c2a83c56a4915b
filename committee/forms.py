"""Forms of the committee pages: bodies, members, meetings, the agenda and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Level
from committee.models import Body, BodyMember, Decision, Meeting
from committee.services import RESOLUTION_REQUIRED, duplicate_meeting_message, meeting_exists
from proposals.models import Proposal

BODY_AREA_LEVELS = {Level.CLUSTER, Level.PROVINCE, Level.DISTRICT, Level.SUBDISTRICT}
YEAR_MIN, YEAR_MAX = 2500, 2700


class BodyForm(forms.ModelForm):
    area_code = forms.CharField(
        label=_("Area (area code)"), max_length=16,
        help_text=_("The DOPA code of the area the committee serves, e.g. 51 for Lamphun."),
    )

    class Meta:
        model = Body
        fields = ["name_th", "name_en", "short_name", "kind"]

    def clean_area_code(self) -> Area:
        code = self.cleaned_data["area_code"].strip()
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise ValidationError(_("There is no area with the code “%(code)s”."),
                                  params={"code": code}, code="unknown")
        if area.level not in BODY_AREA_LEVELS:
            raise ValidationError(
                _("“%(code)s” is a %(level)s. Choose a cluster, province, district or "
                  "sub-district."), params={"code": code, "level": area.get_level_display()},
                code="level")
        return area


class MemberForm(forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["name", "position", "organisation_name"]


class MeetingForm(forms.ModelForm):
    year = forms.IntegerField(
        label=_("Year (B.E.)"), min_value=YEAR_MIN, max_value=YEAR_MAX,
        help_text=_("In the Buddhist Era, e.g. 2568."),
        error_messages={"min_value": _("Give the year in the Buddhist Era (B.E.), e.g. 2568."),
                        "max_value": _("Give the year in the Buddhist Era (B.E.), e.g. 2568.")},
    )

    class Meta:
        model = Meeting
        fields = ["number", "year", "date", "place", "minutes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}),
                   "minutes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"number": _("The meeting's number within its year, e.g. 4 for 4/2568.")}

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        number, year = data.get("number"), data.get("year")
        if number and year and meeting_exists(self.body, number, year):
            # On the number: that is the field the person most likely mistyped.
            self.add_error("number", duplicate_meeting_message(self.body, number, year))
        return data


class AgendaForm(forms.Form):
    proposal = forms.ModelChoiceField(
        label=_("Proposal to put on the agenda"), queryset=Proposal.objects.none(),
        help_text=_("Proposals of this area that were submitted to the province or deferred "
                    "by a committee."),
        error_messages={"invalid_choice": _("That proposal cannot be put on this agenda: it is "
                                            "not submitted or deferred, not in this area, or "
                                            "already on it.")},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = queryset


class DecisionForm(forms.Form):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices,
                                 widget=forms.RadioSelect)
    resolution = forms.CharField(
        label=_("Resolution"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The committee's resolution. Required when deferring or rejecting: the "
                    "reason is shown publicly."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") in RESOLUTION_REQUIRED and not data.get("resolution", "").strip():
            self.add_error("resolution", _("Write the reason: it is shown publicly with the "
                                           "decision."))
        return data
