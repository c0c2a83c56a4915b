"""Forms of the organisation registry: register or edit an organisation and its contacts.

Areas are entered by their official DOPA code (2/4/6/8 digits), not picked from a list of
8,000 names; each code is checked and a wrong one is named in the error.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Level
from orgs.models import Contact, IssueArea, Organisation, OrgType, TargetGroup

HOME_AREA_LEVELS = {Level.PROVINCE, Level.DISTRICT, Level.SUBDISTRICT}
FOUNDED_MIN, FOUNDED_MAX = 2400, 2600


def split_codes(text: str) -> list[str]:
    """Area codes typed with commas, spaces or new lines between them, duplicates dropped."""
    return list(dict.fromkeys(code for code in re.split(r"[\s,;]+", text or "") if code))


class AreaCodeField(forms.CharField):
    """One area code; cleans to the Area. Only province, district and sub-district codes."""

    default_error_messages = {
        "unknown": _("There is no area with the code “%(code)s”. Check the code and try again."),
        "level": _("“%(code)s” is a %(level)s. Choose a province, district or sub-district code."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 16)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Area):
            return value.code
        if isinstance(value, int):
            area = Area.objects.filter(pk=value).only("code").first()
            return area.code if area else ""
        return value

    def clean(self, value: Any) -> Area | None:
        code = super().clean(value)
        if not code:
            return None
        code = code.strip()
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown",
                                  params={"code": code})
        if area.level not in HOME_AREA_LEVELS:
            raise ValidationError(self.error_messages["level"], code="level",
                                  params={"code": code, "level": area.get_level_display()})
        return area


class AreaCodesField(forms.CharField):
    """Several area codes of any level; cleans to a list of Areas."""

    widget = forms.Textarea(attrs={"rows": 2})
    default_error_messages = {
        "unknown": _("Unknown area code: %(codes)s. Check the code and try again."),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            codes = [item.code if isinstance(item, Area) else str(item) for item in value]
            if value and not isinstance(value[0], Area):
                # A ModelForm's initial data holds primary keys.
                codes = list(Area.objects.filter(pk__in=value).order_by("code")
                             .values_list("code", flat=True))
            return " ".join(codes)
        return value

    def clean(self, value: Any) -> list[Area]:
        text = super().clean(value)
        codes = split_codes(text)
        found = {area.code: area for area in Area.objects.filter(code__in=codes)}
        missing = [code for code in codes if code not in found]
        if missing:
            raise ValidationError(self.error_messages["unknown"], code="unknown",
                                  params={"codes": ", ".join(missing)})
        return [found[code] for code in codes]


class OrganisationForm(forms.ModelForm):
    home_area = AreaCodeField(
        label=_("Based in (area code)"),
        help_text=_("The DOPA code of the province (2 digits), district (4 digits) or "
                    "sub-district (6 digits) where the organisation is based, e.g. 51 for "
                    "Lamphun or 5104 for Li district."),
    )
    areas = AreaCodesField(
        label=_("Areas covered (area codes)"),
        help_text=_("Every area the organisation works in, as codes separated by commas or "
                    "spaces, e.g. 5104, 5105. Any level: a province code covers the whole "
                    "province."),
    )
    founded_year = forms.IntegerField(
        label=_("Year founded (B.E.)"), required=False,
        min_value=FOUNDED_MIN, max_value=FOUNDED_MAX,
        help_text=_("In the Buddhist Era, e.g. 2545."),
        error_messages={
            "min_value": _("Give the year in the Buddhist Era (B.E.), between 2400 and 2600."),
            "max_value": _("Give the year in the Buddhist Era (B.E.), between 2400 and 2600."),
        },
    )
    issue_areas = forms.ModelMultipleChoiceField(
        label=_("Issue areas"), queryset=IssueArea.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups served"), queryset=TargetGroup.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https",
                             max_length=200)
    confirm_different = forms.BooleanField(
        label=_("This is a different organisation"), required=False,
        help_text=_("Tick this only if your organisation is not one of those listed above."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name_th", "name_en", "short_name", "org_type", "registration_status",
            "registration_number", "founded_year", "description", "home_area", "areas",
            "issue_areas", "target_groups", "networks", "website", "email", "phone", "address",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Organisation] = []
        networks = self.fields["networks"]
        networks.queryset = Organisation.objects.filter(org_type=OrgType.NETWORK).order_by(
            "name_th", "pk")
        if self.instance.pk:
            networks.queryset = networks.queryset.exclude(pk=self.instance.pk)
        networks.help_text = _("Networks this organisation is a member of. Hold Ctrl (or Cmd) "
                               "to choose more than one.")
        networks.required = False
        for name in ("name_th", "home_area", "areas"):
            self.fields[name].widget.attrs["required"] = True
        self.fields["name_th"].widget.attrs["lang"] = "th"
        self.fields["name_en"].widget.attrs["lang"] = "en"

    def clean_name_th(self) -> str:
        name = (self.cleaned_data.get("name_th") or "").strip()
        if not name:
            raise ValidationError(_("Give the organisation's name in Thai."), code="required")
        return name

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.errors:
            return
        # Never merge silently: a second organisation of the same name in the same province is
        # saved only once the person says it is a different one.
        self.duplicates = list(
            self.instance.same_name_in_province().select_related("home_area")[:10]
        )
        if self.duplicates and not self.cleaned_data.get("confirm_different"):
            self.add_error("confirm_different", _(
                "An organisation with this name is already registered in this province. "
                "Open it to check; if yours is a different organisation, tick this box."
            ))

    @property
    def needs_confirmation(self) -> bool:
        """The only thing wrong is an unconfirmed duplicate name."""
        return bool(self.duplicates) and list(self.errors) == ["confirm_different"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "phone", "email", "line_id", "is_public"]


ContactFormSet = inlineformset_factory(
    Organisation, Contact, form=ContactForm, extra=2, can_delete=True, max_num=50,
    validate_max=True,
)
