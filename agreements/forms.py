"""Forms of the agreement pages: the agreement, its documents, commitments and their status."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import NOTE_REQUIRED, Agreement, AgreementDocument, Commitment, Party, Status
from areas.models import Area
from orgs.models import Organisation
from portal.uploads import check_upload

MAX_PARTIES = 30


def split_codes(text: str) -> list[str]:
    return list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text or "") if code))


def split_lines(text: str) -> list[str]:
    return list(dict.fromkeys(" ".join(line.split()) for line in (text or "").splitlines()
                              if line.strip()))


class AgreementForm(forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Party organisations"), required=False,
        queryset=Organisation.objects.order_by("name_th"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Registered organisations that signed. Hold Ctrl (or ⌘) to choose more "
                    "than one."),
    )
    agencies = forms.CharField(
        label=_("Government agencies and local governments"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. the provincial social development office."),
    )
    partners = forms.CharField(
        label=_("Other partners"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: universities, companies, media, foundations…"),
    )
    area_codes = forms.CharField(
        label=_("Areas (area codes)"), max_length=500,
        help_text=_("The DOPA codes of the areas the agreement covers, separated by commas, "
                    "e.g. 51 for Lamphun or 5104 for Li district."),
    )

    class Meta:
        model = Agreement
        fields = ["title", "kind", "scope", "signed_on", "starts_on", "ends_on"]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"}),
                   "starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"}),
                   "scope": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreement = self.instance
        if agreement.pk and not self.is_bound:
            self.initial["organisations"] = list(agreement.organisations.values_list("pk",
                                                                                     flat=True))
            self.initial["area_codes"] = ", ".join(agreement.areas.values_list("code",
                                                                               flat=True))
            parties = list(agreement.parties.all())
            self.initial["agencies"] = "\n".join(
                p.name for p in parties if p.kind == Party.PartyKind.AGENCY)
            self.initial["partners"] = "\n".join(
                p.name for p in parties if p.kind == Party.PartyKind.OTHER)

    def clean_area_codes(self) -> list[Area]:
        codes = split_codes(self.cleaned_data["area_codes"])
        if not codes:
            raise ValidationError(_("Give at least one area code."), code="required")
        found = {area.code: area for area in Area.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                _("There is no area with the code %(codes)s. Area codes are the official "
                  "DOPA codes: 2 digits for a province, 4 for a district, 6 for a "
                  "sub-district."),
                params={"codes": ", ".join(f"“{code}”" for code in unknown)}, code="unknown")
        return [found[code] for code in codes]

    def _clean_parties(self, name: str) -> list[str]:
        names = split_lines(self.cleaned_data.get(name, ""))
        if any(len(n) > 255 for n in names):
            raise ValidationError(_("Keep each name under 255 characters."), code="long")
        if len(names) > MAX_PARTIES:
            raise ValidationError(_("Name at most %(max)s parties here."),
                                  params={"max": MAX_PARTIES}, code="many")
        return names

    def clean_agencies(self) -> list[str]:
        return self._clean_parties("agencies")

    def clean_partners(self) -> list[str]:
        return self._clean_parties("partners")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The agreement cannot end before it starts: give an "
                                        "end date on or after the start date."))
        if (not data.get("organisations") and not data.get("agencies")
                and not data.get("partners") and "organisations" not in self.errors):
            self.add_error("organisations", _("Name at least one party: an organisation, an "
                                              "agency or another partner."))
        return data

    def _post_clean(self) -> None:
        # The check constraint is judged in clean() with a clearer message on the field.
        if "ends_on" in self.errors:
            return
        super()._post_clean()


class DocumentForm(forms.ModelForm):
    class Meta:
        model = AgreementDocument
        fields = ["title", "file"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A PDF, an OpenDocument text (.odt), a Word (.docx) "
                                          "or an Excel (.xlsx) file.")
        self.content_type = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = check_upload(upload, "document")
        return upload


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["title", "responsible", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Status note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened. Required when the commitment is late or dropped: the "
                    "note is public."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") in NOTE_REQUIRED and not data.get("note", "").strip():
            self.add_error("note", _("Say why it is late or dropped: the partners following "
                                     "this commitment read it."))
        return data
