from django import forms
from django.utils.translation import gettext_lazy as _

from areas.models import Area


class VillageForm(forms.Form):
    """A village or community under a sub-district; the DOPA number when people know it."""

    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    village_no = forms.IntegerField(
        label=_("Village number (หมู่ที่)"), min_value=1, max_value=99, required=False,
        help_text=_("Leave empty for a community that has no official village number."),
    )

    def __init__(self, *args, subdistrict: Area, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.subdistrict = subdistrict

    def clean_village_no(self) -> int | None:
        number = self.cleaned_data.get("village_no")
        if number and Area.objects.filter(code=self.code_for(number)).exists():
            raise forms.ValidationError(
                _("Village number %(no)s of this sub-district is already listed."),
                params={"no": number},
            )
        return number

    def code_for(self, number: int | None) -> str:
        if number:
            return f"{self.subdistrict.code}{number:02d}"
        # Communities without a DOPA number get a local code that can never clash with one.
        taken = Area.objects.filter(code__startswith=f"{self.subdistrict.code}-").count()
        return f"{self.subdistrict.code}-C{taken + 1}"
