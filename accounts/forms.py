"""Forms for signing in, signing up and granting roles.

Django 5.2 links every field's help text and errors to its input (``aria-describedby``) and marks
invalid inputs (``aria-invalid``); the templates render fields with ``as_field_group`` so that
nothing of it is lost.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordResetForm,
    UserChangeForm,
)
from django.utils.translation import gettext_lazy as _

from accounts.models import ORGANISATION_ROLES, RoleGrant, User


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with an e-mail address (matched without regard to case) and a password."""

    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please try again."
        ),
        "inactive": _("This account has been closed."),
    }


class EmailPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        help_text=_("The address you log in with."),
    )


class _EmailUniqueMixin:
    """E-mail addresses are stored in lower case and are unique whatever their case."""

    instance: User

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()  # type: ignore[attr-defined]
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. "
                  "Log in, or reset your password if you have forgotten it."),
                code="duplicate_email",
            )
        return email


class RegistrationForm(_EmailUniqueMixin, BaseUserCreationForm):
    """A citizen signs up: e-mail, name, and a password checked by Django's validators."""

    class Meta:
        model = User
        fields = ("email", "full_name")
        labels = {"email": _("E-mail"), "full_name": _("Full name")}
        help_texts = {
            "email": _("You will log in with this address; we send password resets to it."),
            "full_name": _("Shown beside what you write on Klang."),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["password1"].label = _("Password")
        self.fields["password2"].label = _("Password again")


class UserAddForm(_EmailUniqueMixin, AdminUserCreationForm):
    """The administration site's form for a new person."""

    class Meta:
        model = User
        fields = ("email", "full_name")


class UserEditForm(_EmailUniqueMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


def organisation_error(role: str | None, has_organisation: bool) -> str | None:
    """Why this role cannot be granted with (or without) an organisation, if it cannot."""
    if not role:
        return None
    if role in ORGANISATION_ROLES and not has_organisation:
        return str(_("A CSO role is held for one organisation: choose the organisation."))
    if role not in ORGANISATION_ROLES and has_organisation:
        return str(_("Only CSO members and coordinators act for an organisation: "
                     "leave the organisation empty for this role."))
    return None


class RoleGrantForm(forms.ModelForm):
    """Grant a role. An existing grant is never edited: it can only be revoked."""

    class Meta:
        model = RoleGrant
        fields = ("user", "role", "area", "organisation", "position", "grant_reason")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        role = cleaned.get("role")
        error = organisation_error(role, bool(cleaned.get("organisation")))
        if error:
            self.add_error("organisation", error)
            return cleaned
        user, area = cleaned.get("user"), cleaned.get("area")
        if user and area and role:
            duplicate = RoleGrant.objects.active().filter(
                user=user, role=role, area=area, organisation=cleaned.get("organisation")
            )
            if duplicate.exists():
                raise forms.ValidationError(
                    _("This person already holds this role here."), code="duplicate_grant"
                )
        return cleaned


class RevokeForm(forms.Form):
    revoke_reason = forms.CharField(
        label=_("Reason for the revocation"), max_length=300,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_("Kept in the grant's history."),
    )
