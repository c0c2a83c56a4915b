"""Forms of the plan pages: a plan item from an approved proposal, funding, the outcome."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planning.models import Funding, Plan, PlanItem
from proposals.models import State

YEAR_MIN, YEAR_MAX = 2500, 2700
YEAR_ERRORS = {"min_value": _("Give the fiscal year in the Buddhist Era (B.E.), e.g. 2569."),
               "max_value": _("Give the fiscal year in the Buddhist Era (B.E.), e.g. 2569.")}


def fiscal_year_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=YEAR_MIN,
                              max_value=YEAR_MAX, error_messages=YEAR_ERRORS,
                              help_text=_("The Thai fiscal year runs from 1 October to 30 "
                                          "September, e.g. 2569."))


class PlanItemForm(forms.ModelForm):
    fiscal_year = fiscal_year_field()
    budget = forms.DecimalField(label=_("Budget (baht)"), min_value=Decimal("0"),
                                max_digits=14, decimal_places=2)

    class Meta:
        model = PlanItem
        fields = ["title", "strategy", "fiscal_year", "owner_agency", "budget", "parent"]
        labels = {"parent": _("Part of (optional)")}
        help_texts = {
            "title": _("As it will appear in the plan. Leave as it is to use the proposal's "
                       "title."),
            "strategy": _("The strategy of the provincial plan this item serves. Social and "
                          "quality-of-life work sits under the security of livelihood "
                          "strategy."),
            "owner_agency": _("The agency responsible for carrying it out."),
            "parent": _("A larger plan item this one belongs to; its progress rolls up into "
                        "it."),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = plan.strategies.all()
        self.fields["strategy"].empty_label = None
        self.fields["parent"].queryset = plan.items.order_by("title")
        self.fields["title"].required = False


class FundingForm(forms.ModelForm):
    amount = forms.DecimalField(label=_("Amount (baht)"), max_digits=14, decimal_places=2,
                                min_value=Decimal("0.01"),
                                error_messages={"min_value": _("The amount must be more than "
                                                               "0 baht.")})
    fiscal_year = fiscal_year_field()

    class Meta:
        model = Funding
        fields = ["amount", "fiscal_year", "agency", "source", "budget_line"]


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(State.COMPLETED.value, State.COMPLETED.label),
                 (State.NOT_IMPLEMENTED.value, State.NOT_IMPLEMENTED.label)])
    reason = forms.CharField(
        label=_("Reason or summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the work was not implemented: the reason is shown "
                    "publicly."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == State.NOT_IMPLEMENTED and not data.get("reason", "").strip():
            self.add_error("reason", ValidationError(
                _("Say why it was not implemented: the reason is shown publicly."),
                code="required"))
        return data


class CycleDatesForm(forms.Form):
    """A province's own dates for each step of a cycle (one start and one end per step)."""

    def __init__(self, *args: Any, steps: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = steps
        for step in steps:
            for edge, label, value in (("start", _("Starts on"), step.starts_on),
                                       ("end", _("Ends on"), step.ends_on)):
                self.fields[f"{edge}_{step.order}"] = forms.DateField(
                    label=f"{step.name}: {label}", initial=value,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def pairs(self) -> list[tuple[Any, tuple[Any, Any]]]:
        return [(step, (self[f"start_{step.order}"], self[f"end_{step.order}"]))
                for step in self.steps]

    def clean(self) -> dict[str, Any]:
        from planning.calendar import CalendarError, check_order

        data = super().clean()
        if self.errors:
            return data
        for step in self.steps:
            start, end = data[f"start_{step.order}"], data[f"end_{step.order}"]
            if end < start:
                self.add_error(f"end_{step.order}", _("The end must not be before the start."))
        if not self.errors:
            for step in self.steps:
                step.starts_on = data[f"start_{step.order}"]
                step.ends_on = data[f"end_{step.order}"]
            try:
                check_order(self.steps)
            except CalendarError as error:
                raise forms.ValidationError(str(error)) from error
        return data

    def dates(self) -> list[tuple[Any, Any]]:
        return [(self.cleaned_data[f"start_{s.order}"], self.cleaned_data[f"end_{s.order}"])
                for s in self.steps]


class FollowForm(forms.Form):
    days_before = forms.IntegerField(label=_("Remind me this many days before each step"),
                                     min_value=0, max_value=60, initial=7, required=False)
