"""Forms for grants, pilot funds, their payments and reports, campaigns and pledges."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.predicates import is_administrator, organisation_ids_for
from areas.models import Area
from areas.services import unknown_area_message
from funding import promptpay
from funding.models import (
    MAX_PLEDGE,
    Campaign,
    Disbursement,
    Grant,
    PilotFund,
    PilotReport,
    Pledge,
    PledgeStatus,
)
from orgs.models import Organisation
from planning.models import PlanItem
from portal.uploads import check_upload
from proposals.models import Proposal, State

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AreaCodeField(forms.CharField):
    """An official area code of any level; cleans to the Area."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("label", _("Area (code)"))
        kwargs.setdefault("help_text", _("The official code of the province (2 digits), "
                                         "district (4), sub-district (6) or village (8), e.g. "
                                         "51 for Lamphun or 5104 for Li district."))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            value = Area.objects.filter(pk=value).first()
        return value.code if isinstance(value, Area) else value

    def clean(self, value: Any) -> Area | None:
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise ValidationError(unknown_area_message(code), code="unknown")
        return area


def plan_item_choices() -> Any:
    return PlanItem.objects.select_related("plan").order_by("-fiscal_year", "title")


def public_proposals() -> Any:
    return Proposal.objects.exclude(state=State.DRAFT).order_by("-pk")


def coordinated_organisations(user: Any) -> Any:
    if is_administrator(user):
        return Organisation.objects.order_by("name_th")
    return Organisation.objects.filter(
        pk__in=organisation_ids_for(user, [Role.CSO_COORDINATOR])).order_by("name_th")


class DatesInOrder:
    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class GrantForm(DatesInOrder, forms.ModelForm):
    area = AreaCodeField()

    class Meta:
        model = Grant
        fields = ["funder", "organisation", "title", "area", "amount", "fiscal_year",
                  "starts_on", "ends_on", "status", "plan_item", "proposal"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.area_refused = False
        self.fields["organisation"].queryset = Organisation.objects.order_by("name_th")
        self.fields["plan_item"].queryset = plan_item_choices()
        self.fields["proposal"].queryset = public_proposals()
        self.fields["fiscal_year"].help_text = _("Buddhist Era, e.g. 2569.")

    def clean_area(self) -> Area:
        area = self.cleaned_data["area"]
        # The area decides who may record the grant: refuse an area outside one's own.
        if area is not None and not self.user.has_perm("funding.add_grant", Grant(area=area)):
            self.area_refused = True
            raise ValidationError(_("You may record grants only in the areas of your role."))
        return area


class PilotFundForm(DatesInOrder, forms.ModelForm):
    area = AreaCodeField()

    class Meta:
        model = PilotFund
        fields = ["organisation", "title", "description", "area", "budget", "starts_on",
                  "ends_on", "plan_item", "grants", "results"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "grants": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4}),
                   "results": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = coordinated_organisations(user)
        self.fields["plan_item"].queryset = plan_item_choices()
        organisation_ids = list(self.fields["organisation"].queryset.values_list("pk",
                                                                                  flat=True))
        self.fields["grants"].queryset = Grant.objects.filter(
            organisation_id__in=organisation_ids).select_related("funder")
        self.fields["grants"].label_from_instance = (
            lambda g: f"{g.funder.name}: {g.title} ({g.amount:,.2f})")
        if self.instance.pk:
            # The managing organisation does not change once money has moved.
            self.fields["organisation"].disabled = True


class DisbursementForm(forms.ModelForm):
    class Meta:
        model = Disbursement
        fields = ["paid_on", "amount", "recipient", "purpose"]
        widgets = {"paid_on": DATE}


class ReportForm(forms.ModelForm):
    class Meta:
        model = PilotReport
        fields = ["title", "text", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"file": _("Optional: a PDF, OpenDocument, Word or Excel file. Reports "
                                "are public: leave out names and details of the people "
                                "helped.")}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "size"):
            self.content_type = check_upload(upload, "document")
        return upload


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["organisation", "title", "story", "goal", "deadline", "promptpay_id",
                  "proposal", "plan_item"]
        widgets = {"deadline": DATE, "story": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = coordinated_organisations(user).filter(
            pk__in=organisation_ids_for(user, [Role.CSO_COORDINATOR]))
        self.fields["proposal"].queryset = public_proposals()
        self.fields["plan_item"].queryset = plan_item_choices()

    def clean_promptpay_id(self) -> str:
        value = self.cleaned_data["promptpay_id"]
        try:
            promptpay.proxy(value)
        except promptpay.PromptPayError as error:
            raise ValidationError(str(error), code="invalid") from error
        return "".join(ch for ch in value if ch.isdigit()) or value

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise ValidationError(_("The deadline has passed."))
        return deadline


class PledgeForm(forms.ModelForm):
    amount = forms.DecimalField(
        label=_("Amount (baht)"), min_value=Decimal("1"), max_value=MAX_PLEDGE,
        max_digits=12, decimal_places=2,
        help_text=_("From 1 to %(max)s baht.") % {"max": f"{MAX_PLEDGE:,.0f}"})

    class Meta:
        model = Pledge
        fields = ["amount", "show_name", "display_name", "may_contact", "email"]
        help_texts = {
            "display_name": _("Only if you ticked the box above. Otherwise nothing about you "
                              "is kept."),
            "email": _("Only if you ticked the box above. Only the organisation's coordinator "
                       "will see it."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("show_name") and not (data.get("display_name") or "").strip():
            self.add_error("display_name", _("Give the name to show, or untick the box."))
        if data.get("may_contact") and not data.get("email"):
            self.add_error("email", _("Give your e-mail, or untick the box."))
        # Nothing personal is kept unless the donor asked for it.
        if not data.get("show_name"):
            data["display_name"] = ""
        if not data.get("may_contact"):
            data["email"] = ""
        return data


class PledgeStatusForm(forms.Form):
    pledge = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=PledgeStatus.choices)
