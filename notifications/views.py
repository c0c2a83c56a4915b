"""The inbox, marking notifications read, and the choice of how to be told.

Access is decided by the rules in ``notifications/models.py``; the views only ask them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import require_perm
from notifications.forms import PreferenceForm
from notifications.models import Notification, Preference

PAGE_SIZE = 25


def back_to(request: HttpRequest) -> HttpResponse:
    """Where the person was (a safe local address from ``next``), or the inbox."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:inbox")


@require_GET
@require_perm("notifications.view_own_notifications")
def inbox(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {
        "page": page,
        "unread_count": mine.filter(read_at__isnull=True).count(),
    })


@require_POST
@require_perm("notifications.view_own_notifications")
def read_all(request: HttpRequest) -> HttpResponse:
    count = Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now())
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return back_to(request)


@require_POST
@require_perm("notifications.view_own_notifications")
def read_one(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk)
    if not request.user.has_perm("notifications.mark_notification_read", notification):
        # Someone else's notification: as if it did not exist.
        raise Http404
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now())
    return back_to(request)


@require_http_methods(["GET", "POST"])
@require_perm("notifications.change_own_preference")
def preferences(request: HttpRequest) -> HttpResponse:
    preference = Preference.for_user(request.user)
    status = 200
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=preference)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your choices are saved."))
            return redirect(reverse("notifications:settings"))
        status = 400
    else:
        form = PreferenceForm(instance=preference)
    return render(request, "notifications/settings.html", {"form": form}, status=status)
