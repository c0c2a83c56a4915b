"""Forms of the committee pages: bodies, members, meetings, the agenda and decisions; seats,
terms, nominations, endorsements and selections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Level
from committee.models import Body, BodyMember, Decision, Meeting, Seat, SeatTerm
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


# --- composition: seats, terms, nominations --------------------------------------------------

def organisations_near(body: Body) -> Any:
    """Organisations working in the body's area (or below it), for the holder and candidate."""
    from orgs.models import Organisation

    return Organisation.objects.in_area(body.area).order_by("name_th", "pk")


class SeatForm(forms.ModelForm):
    number = forms.IntegerField(
        label=_("Seat number"), required=False, min_value=1,
        help_text=_("Leave empty to take the next number."))

    class Meta:
        model = Seat
        fields = ["number", "category", "title", "qualification", "target_groups", "issue_areas"]
        widgets = {"qualification": forms.Textarea(attrs={"rows": 3}),
                   "target_groups": forms.CheckboxSelectMultiple,
                   "issue_areas": forms.CheckboxSelectMultiple}


class SeatLimitsForm(forms.Form):
    cso_seats_min = forms.IntegerField(
        label=_("Minimum civil-society seats"), min_value=0, max_value=99,
        help_text=_("The least number the rules give this body (4 for a ก.บ.จ.)."))
    cso_seats_max = forms.IntegerField(
        label=_("Maximum civil-society seats"), min_value=0, max_value=99,
        help_text=_("No more civil-society seats than this can be created (12 for a ก.บ.จ.)."))


class TermForm(forms.ModelForm):
    class Meta:
        model = SeatTerm
        fields = ["holder_name", "organisation", "starts_on", "ends_on", "target_groups",
                  "issue_areas"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"}),
                   "target_groups": forms.CheckboxSelectMultiple,
                   "issue_areas": forms.CheckboxSelectMultiple}
        help_texts = {
            "ends_on": _("Leave empty while the term runs. The first day the holder no longer "
                         "sits."),
            "target_groups": _("The groups this holder speaks for on the committee."),
        }

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_near(body)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The term must end after it starts."))
        return data


class EndTermForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Ended on"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The first day the holder no longer sits; the seat is vacant from then."))
    reason = forms.CharField(label=_("Why the term ended"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class NominationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Nominating organisation"), queryset=Body.objects.none(),
        help_text=_("An organisation you coordinate. It must be registered."))
    candidate_name = forms.CharField(label=_("Candidate's name"), max_length=200)
    candidate_organisation = forms.ModelChoiceField(
        label=_("Candidate's organisation"), queryset=Body.objects.none(), required=False,
        help_text=_("Leave empty if the candidate belongs to the nominating organisation."))
    statement = forms.CharField(
        label=_("Why this candidate"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the candidate meets the seat's qualification criteria, and whose "
                    "voice they would bring."))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Groups the candidate would represent"), required=False,
        queryset=Body.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, seat: Seat, organisations: Any, **kwargs: Any) -> None:
        from orgs.models import TargetGroup

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["candidate_organisation"].queryset = organisations_near(seat.body)
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        if not self.is_bound:
            self.initial.setdefault("target_groups", list(seat.target_groups.all()))
            if organisations.count() == 1:
                self.initial.setdefault("organisation", organisations.first())


class EndorsementForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Endorsing organisation"), queryset=Body.objects.none(),
        help_text=_("An organisation you coordinate, other than the nominating one."))
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Why your organisation supports this candidate."))

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if not self.is_bound and organisations.count() == 1:
            self.initial.setdefault("organisation", organisations.first())


class SelectionForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Term starts on"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the candidate takes the seat."))
    reason = forms.CharField(
        label=_("Reason for the selection"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to every nominating organisation, selected or not."))
