"""Forms: uploading a budget file, and a line's class, target groups and links."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from budget.models import BudgetClass, BudgetLine
from orgs.models import TargetGroup


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Budget file (.xlsx or .csv)"),
        help_text=_("First row: the column names. Required: fiscal year, project, agency, "
                    "amount, source, area code. Optional: plan, target groups, class."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.KLANG_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {
                "mb": settings.KLANG_UPLOAD_MAX_BYTES // (1024 * 1024)})
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
        return upload


class LineForm(forms.ModelForm):
    """A provincial officer's corrections: class (confirmed on save), groups and links."""

    class Meta:
        model = BudgetLine
        fields = ["budget_class", "target_groups", "plan_items", "proposals"]
        widgets = {"target_groups": forms.CheckboxSelectMultiple,
                   "plan_items": forms.CheckboxSelectMultiple,
                   "proposals": forms.CheckboxSelectMultiple}
        labels = {"budget_class": _("Class")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from planning.models import PlanItem
        from proposals.models import Proposal, State

        super().__init__(*args, **kwargs)
        line: BudgetLine = self.instance
        self.fields["budget_class"].queryset = BudgetClass.objects.all()
        self.fields["budget_class"].required = True
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        # Plan items and proposals of the line's province (or of the cluster's provinces).
        scope = {"plan__area_id": line.province_id} if line.province_id else \
            {"plan__area__cluster_id": line.cluster_id}
        self.fields["plan_items"].queryset = (PlanItem.objects.filter(**scope)
                                              .order_by("-fiscal_year", "title"))
        self.fields["plan_items"].help_text = _("Plan items of the province's development plan.")
        proposal_scope = {"province_id": line.province_id} if line.province_id else \
            {"province__cluster_id": line.cluster_id}
        self.fields["proposals"].queryset = (
            Proposal.objects.filter(**proposal_scope)
            .filter(state__in=[State.APPROVED, State.FUNDED, State.IN_IMPLEMENTATION,
                               State.COMPLETED, State.UNDER_REVIEW, State.SUBMITTED])
            .order_by("-created_at"))
        self.fields["proposals"].help_text = _(
            "Proposals of the province that have reached the province.")
