"""Forms of the forum record: the forum itself, its attendance, named participants and files.

The area is entered by its official DOPA code (any level: a forum may be held for a village or
for a whole province); a wrong code is named in the error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from areas.services import unknown_area_message
from forums.models import Forum, ForumFile, Participant
from orgs.models import Organisation, TargetGroup
from portal.uploads import check_upload

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class AreaCodeField(forms.CharField):
    """One area code of any level; cleans to the Area."""

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
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise ValidationError(unknown_area_message(code), code="unknown")
        return area


def datetime_field(label: Any, required: bool, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, help_text=help_text,
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )


class ForumForm(forms.ModelForm):
    area = AreaCodeField(
        label=_("Area (area code)"),
        help_text=_("The DOPA code of the area the forum is held for: 2 digits for a province, "
                    "4 for a district, 6 for a sub-district, 8 for a village, e.g. 51 for "
                    "Lamphun or 5104 for Li district."),
    )
    starts_at = datetime_field(_("Starts at"), True)
    ends_at = datetime_field(_("Ends at"), False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https",
                                max_length=200,
                                help_text=_("For a meeting held online or streamed."))
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organised by"), queryset=Organisation.objects.none(), required=False,
        help_text=_("Registered organisations that organise the forum. Hold Ctrl (or Cmd) to "
                    "choose more than one."),
    )

    class Meta:
        model = Forum
        fields = ["title", "kind", "area", "starts_at", "ends_at", "place", "online_url",
                  "organisers", "agenda", "minutes"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisers"].queryset = Organisation.objects.order_by("name_th", "pk")
        for name in ("title", "area", "starts_at"):
            self.fields[name].widget.attrs["required"] = True

    def clean_area(self) -> Area | None:
        area = self.cleaned_data.get("area")
        if area is None:
            return area
        moved = self.instance.pk is None or self.instance.area_id != area.pk
        # Asking the rules with an unsaved forum in the chosen area: "may this person organise
        # a forum there?" A forum may not be moved to an area its editor could not organise in.
        if moved and not self.user.has_perm("forums.add_forum", Forum(area=area)):
            raise ValidationError(
                _("You may not organise forums in %(area)s (%(code)s). Choose an area where "
                  "you hold a role."),
                code="not_your_area", params={"area": area.name, "code": area.code},
            )
        return area

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", ValidationError(
                _("The forum must end after it starts."), code="ends_before_start"))
        if not (data.get("place") or "").strip() and not data.get("online_url") \
                and "online_url" not in self.errors:
            self.add_error("place", ValidationError(
                _("Give the place of the forum, an online link, or both."), code="where"))
        return data


class OrganisationAttendanceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Registered organisation"), queryset=Organisation.objects.none(),
        required=False, empty_label=_("— not registered —"),
    )
    organisation_name = forms.CharField(
        label=_("or its name, if not registered"), max_length=255, required=False)
    count = forms.IntegerField(label=_("People"), min_value=0, required=False,
                               max_value=1_000_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name_th", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        org, name = data.get("organisation"), (data.get("organisation_name") or "").strip()
        data["organisation_name"] = name
        count = data.get("count")
        if org and name:
            self.add_error("organisation_name", _(
                "Choose a registered organisation or type a name, not both."))
        elif (org or name) and count is None and "count" not in self.errors:
            self.add_error("count", _("How many people came from this organisation?"))
        elif count is not None and not (org or name):
            self.add_error("organisation", _("Which organisation did these people come from?"))
        return data

    @property
    def who(self) -> Organisation | str | None:
        data = getattr(self, "cleaned_data", {})
        return data.get("organisation") or data.get("organisation_name") or None


class BaseOrganisationAttendanceFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[Any] = set()
        for form in self.forms:
            who = form.who
            if who is None:
                continue
            key = who.pk if isinstance(who, Organisation) else who.casefold()
            if key in seen:
                raise ValidationError(_("“%(name)s” is listed twice. Give one count per "
                                        "organisation."),
                                      params={"name": who.name if isinstance(who, Organisation)
                                              else who})
            seen.add(key)

    def attendance(self) -> dict[Organisation | str, int]:
        return {form.who: form.cleaned_data["count"] for form in self.forms
                if form.who is not None}


OrganisationAttendanceFormSet = formset_factory(
    OrganisationAttendanceForm, formset=BaseOrganisationAttendanceFormSet, extra=3,
    max_num=300, validate_max=True,
)


class GroupAttendanceForm(forms.Form):
    """One count per target group; a group left empty was not counted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = list(TargetGroup.objects.all())
        for group in self.groups:
            self.fields[f"group_{group.pk}"] = forms.IntegerField(
                label=group.name, min_value=0, max_value=1_000_000, required=False)

    def attendance(self) -> dict[TargetGroup, int]:
        return {group: self.cleaned_data[f"group_{group.pk}"] for group in self.groups
                if self.cleaned_data.get(f"group_{group.pk}") is not None}


class ParticipantForm(forms.ModelForm):
    consent_to_be_named = forms.BooleanField(
        label=_("This person agreed to be named in the forum's record"),
        help_text=_("Name people only with their consent. Anyone else is counted above, "
                    "without a name."),
        error_messages={"required": _(
            "A person can be named only if they agreed to it. Tick the box once they have, "
            "or count them in the attendance without a name.")},
    )

    class Meta:
        model = Participant
        fields = ["name", "organisation_name", "consent_to_be_named"]


class ForumFileForm(forms.ModelForm):
    class Meta:
        model = ForumFile
        fields = ["kind", "title", "file"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A photo (JPEG, PNG or WebP) or a document (PDF, .odt, .docx or .xlsx).")
        self.content_type = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload, kind = data.get("file"), data.get("kind")
        if upload and kind:
            try:
                self.content_type = check_upload(upload, kind)
            except ValidationError as error:
                self.add_error("file", error)
        return data
