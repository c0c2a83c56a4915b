"""Logging in and out, signing up, password reset and change, and one's own profile.

Access is decided by the rules in ``accounts/rules.py``; the views only ask them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import require_perm
from accounts.forms import EmailAuthenticationForm, EmailPasswordResetForm, RegistrationForm
from accounts.models import RoleGrant

# Django's ModelBackend logs in a person who has just signed up: there is no failed attempt for
# django-axes to count, and ``login`` must be told which backend to record.
SIGNUP_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    # A logged-in person sees the form (with a note), never a redirect: another page may have
    # sent them here, and bouncing back would loop.
    redirect_authenticated_user = False


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.info(request, _("You have logged out."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = EmailPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A person locked out by too many wrong passwords who proves they own the address
        # may log in again at once with the new password.
        from axes.utils import reset

        reset(username=form.user.get_username().casefold())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@method_decorator(require_perm("accounts.change_own_password"), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


@method_decorator(require_perm("accounts.change_own_password"), name="dispatch")
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """A citizen signs up, and is logged in at once."""
    if request.user.is_authenticated:
        return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            user = form.save()
            login(request, user, backend=SIGNUP_BACKEND)
            messages.success(request, _("Welcome to Klang. Your account is ready."))
            return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
        status = 400
    else:
        form = RegistrationForm()
    return render(request, "accounts/register.html", {"form": form}, status=status)


@require_http_methods(["GET"])
@require_perm("accounts.view_own_profile")
def profile(request: HttpRequest) -> HttpResponse:
    """The person's account, and every role they hold or held: the history is theirs to see."""
    grants = (
        RoleGrant.objects.filter(user=request.user)
        .select_related("area", "organisation", "granted_by", "revoked_by")
        .order_by("-granted_at")
    )
    active = [g for g in grants if g.is_active]
    past = [g for g in grants if not g.is_active]
    return render(request, "accounts/profile.html", {
        "active_grants": active,
        "past_grants": past,
    })
