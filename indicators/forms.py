"""Forms: importing values, defining a composite index, making an allocation scenario."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from areas.models import Level
from areas.services import find_area, unknown_area_message
from indicators.importer import parse_number, parse_year
from indicators.models import Dimension, IndexConfig, Indicator, Rule

LEVEL_CHOICES = [(Level.PROVINCE.value, _("Provinces")), (Level.DISTRICT.value, _("Districts")),
                 (Level.SUBDISTRICT.value, _("Sub-districts"))]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX or CSV file"),
        help_text=_("Columns indicator, area, year (B.E.) and value; an XLSX file may add a "
                    "sheet “indicators” defining new indicators."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Send an .xlsx or .csv file."))
        limit = getattr(settings, "KLANG_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(_("The file is too large."))
        return upload


class YearField(forms.CharField):
    def clean(self, value: Any) -> int:
        value = super().clean(value)
        try:
            return parse_year(value)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a year in the Buddhist Era, e.g. 2568.")) from None


class BahtField(forms.CharField):
    """Whole baht, written as people write them: 90,000,000 or ๙๐,๐๐๐,๐๐๐."""

    def clean(self, value: Any) -> int | None:
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            number = parse_number(value)
        except ValueError:
            raise forms.ValidationError(
                _("Enter an amount in baht, e.g. 90,000,000.")) from None
        if number < 0:
            raise forms.ValidationError(_("Enter an amount of at least 0."))
        return round(number)


class IndexConfigForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    scope = forms.CharField(
        label=_("Within area (code)"), max_length=16,
        help_text=_("e.g. 51 for Lamphun; TH for the whole country."))
    level = forms.ChoiceField(label=_("Areas compared"), choices=LEVEL_CHOICES)
    year = YearField(label=_("Year of the values (B.E.)"), max_length=8)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"), queryset=Indicator.objects.exclude(dimension=Dimension.CONTEXT),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each indicator counts in its own dimension."))

    def clean_scope(self) -> Any:
        code = self.cleaned_data["scope"].strip()
        area = find_area(code)
        if area is None:
            raise forms.ValidationError(unknown_area_message(code))
        return area

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        scope, level = data.get("scope"), data.get("level")
        from areas.models import LEVEL_ORDER

        if scope is not None and level and LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(
                scope.level):
            self.add_error("level", _("Choose areas below the area the index is within."))
        return data


class ScenarioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    index = forms.ModelChoiceField(label=_("Composite index"),
                                   queryset=IndexConfig.objects.select_related("scope"),
                                   help_text=_("The areas of the index share the envelope."))
    year = YearField(label=_("Fiscal year (B.E.)"), max_length=8)
    envelope = BahtField(label=_("Envelope (baht)"), max_length=30)
    rule = forms.ChoiceField(label=_("Rule"), choices=Rule.choices, initial=Rule.POPULATION_GAP)
    floor = BahtField(label=_("Floor per area (baht)"), max_length=30, required=False,
                      help_text=_("Every area gets at least this much. Empty: 0."))
    cap = BahtField(label=_("Cap per area (baht)"), max_length=30, required=False,
                    help_text=_("No area gets more than this. Empty: no cap."))
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def clean_envelope(self) -> int:
        value = self.cleaned_data["envelope"]
        if not value:
            raise forms.ValidationError(_("The envelope must be more than 0 baht."))
        return value
