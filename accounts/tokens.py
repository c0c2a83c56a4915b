"""API tokens: a person creates, lists and revokes their own tokens for the JSON API.

The key is shown once, in the answer to the request that created it; only its SHA-256 digest
is stored (``ApiToken``). Every logged-in person may hold tokens: what a token can do is what its
owner's roles allow, asked of the rules by each API endpoint. A token of another person is
answered 404, as if it did not exist.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “import from our survey tool”, so "
                               "that you know which one to revoke later."),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."), code="required")
        return name


@never_cache  # the page may hold a new key: no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = new_token = None
    if request.method == "POST" and form.is_valid():
        new_token, new_key = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = TokenForm()
    tokens = request.user.api_tokens.order_by("revoked_at", "-created_at")
    return render(request, "accounts/tokens.html", {
        "form": form,
        "tokens": tokens,
        "new_key": new_key,
        "new_token": new_token,
    })


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        messages.success(request, _("The token “%(name)s” is revoked: it no longer works.")
                         % {"name": token.name})
    return redirect("accounts:tokens")
