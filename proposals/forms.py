"""Forms of the proposal pages: edit (with the version it was based on), move, comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.forms import AreaCodeField
from orgs.models import TargetGroup
from proposals.models import Comment, Proposal

FISCAL_YEAR_MIN, FISCAL_YEAR_MAX = 2550, 2650


class ProposalForm(forms.ModelForm):
    area = AreaCodeField(
        label=_("Area (code)"),
        help_text=_("The official code of the province, district or sub-district the proposal "
                    "is for, e.g. 51 for Lamphun or 5104 for Li district."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"), queryset=TargetGroup.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The version the person started from; a save based on an older one is refused (409).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Proposal
        fields = ["title", "summary", "kind", "objectives", "area", "target_groups",
                  "beneficiaries", "estimated_budget", "responsible_agency", "strategy",
                  "fiscal_year", "evidence"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "version" not in self.initial:
            self.initial["version"] = self.instance.version
        self.fields["strategy"].queryset = self.fields["strategy"].queryset.select_related(
            "plan")
        self.fields["fiscal_year"].min_value = FISCAL_YEAR_MIN
        self.fields["fiscal_year"].widget.attrs.update(min=FISCAL_YEAR_MIN, max=FISCAL_YEAR_MAX)

    def clean_fiscal_year(self) -> int | None:
        year = self.cleaned_data.get("fiscal_year")
        if year is not None and not FISCAL_YEAR_MIN <= year <= FISCAL_YEAR_MAX:
            raise forms.ValidationError(
                _("Give the fiscal year in the Buddhist Era, e.g. 2569."))
        return year


class TransitionForm(forms.Form):
    to_state = forms.CharField(max_length=20, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        error_messages = {"body": {"required": _("Write something before sending.")}}
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": 4000})}

    def clean_body(self) -> str:
        body = (self.cleaned_data.get("body") or "").strip()
        if not body:
            raise forms.ValidationError(_("Write something before sending."))
        return body


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             widget=forms.TextInput(attrs={"maxlength": 300}))

    def clean_reason(self) -> str:
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason
