"""How a person wants to be told: how often, and where (e-mail, LINE)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from notifications.models import Frequency, Preference

# What LINE calls a user ID: "U" and 32 hexadecimal characters (not the @name people share).
LINE_USER_ID = re.compile(r"U[0-9a-f]{32}", re.IGNORECASE)

FREQUENCY_CHOICES = [
    (Frequency.IMMEDIATE, _("At once: one message for each update")),
    (Frequency.DAILY, _("Once a day: one summary of the day's updates")),
    (Frequency.WEEKLY, _("Once a week: one summary of the week's updates")),
    (Frequency.NEVER, _("Never: I will look at my notifications page in Klang")),
]


class PreferenceForm(forms.ModelForm):
    frequency = forms.ChoiceField(
        label=_("How often should Klang send you updates?"),
        choices=FREQUENCY_CHOICES, widget=forms.RadioSelect,
        help_text=_("Whatever you choose, every update is also kept on your notifications "
                    "page."),
    )

    class Meta:
        model = Preference
        fields = ["frequency", "by_email", "by_line", "line_user_id"]
        labels = {
            "by_email": _("Send them by e-mail"),
            "by_line": _("Send them on LINE"),
            "line_user_id": _("Your LINE user ID"),
        }
        help_texts = {
            "line_user_id": _(
                "This is not the LINE ID you share with friends. It is a code of the letter U "
                "and 32 letters and numbers (for example U4af4980629…). Add Klang's LINE "
                "official account as a friend and it will send you this code."),
        }
        widgets = {
            "line_user_id": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                   "size": 34}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No colon after labels: two of them sit beside their checkbox.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        email = getattr(self.instance.user, "email", "") if self.instance.user_id else ""
        if email:
            # Django renders help text unescaped; the address is the person's own input.
            self.fields["by_email"].help_text = _("To %(email)s, the address you log in with.") % {
                "email": escape(email)}
        if not getattr(settings, "LINE_CHANNEL_ACCESS_TOKEN", ""):
            self.fields["by_line"].help_text = _(
                "LINE messages are not switched on for this site yet. Your choice is kept and "
                "used as soon as they are.")

    def clean_line_user_id(self) -> str:
        value = "".join(self.cleaned_data.get("line_user_id", "").split())
        if value and not LINE_USER_ID.fullmatch(value):
            raise forms.ValidationError(
                _("A LINE user ID is the letter U followed by 32 letters a–f and numbers 0–9, "
                  "33 characters in all. Please copy it again from Klang's LINE account."),
                code="invalid")
        # LINE issues the hexadecimal part in lower case.
        return "U" + value[1:].lower() if value else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("by_line") and not cleaned.get("line_user_id") \
                and "line_user_id" not in self.errors:
            self.add_error("line_user_id", forms.ValidationError(
                _("Enter your LINE user ID so that Klang can send you LINE messages."),
                code="required"))
        return cleaned
