"""E-mail: one message per notification, or one digest a day or a week.

Thai first (the site's language), with a plain-text part for every mail client and an HTML
alternative; every message links to the settings page where the person can change or stop them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.channels import Channel, DeliveryError, absolute_url
from notifications.models import Frequency, Notification, Preference

# A digest lists this many notifications; the rest are one click away in the inbox.
DIGEST_LIMIT = 50


def subject_for(notifications: Sequence[Notification], period: str) -> str:
    count = len(notifications)
    if period == Frequency.DAILY:
        text = ngettext("Your daily summary: %(count)d update",
                        "Your daily summary: %(count)d updates", count) % {"count": count}
    elif period == Frequency.WEEKLY:
        text = ngettext("Your weekly summary: %(count)d update",
                        "Your weekly summary: %(count)d updates", count) % {"count": count}
    else:
        text = notifications[0].title
    # A header must stay on one line.
    return "[Klang] " + " ".join(text.split())[:180]


class EmailChannel(Channel):
    name = "email"
    stamp_field = "emailed_at"

    def wants(self, user: Any, preference: Preference) -> bool:
        return bool(preference.by_email and user.email)

    def render(self, user: Any, notifications: Sequence[Notification],
               period: str = "") -> EmailMultiAlternatives:
        settings_url = absolute_url(reverse("notifications:settings"))
        context = {
            "user": user,
            "items": [(n, absolute_url(n.url)) for n in notifications[:DIGEST_LIMIT]],
            "more": max(0, len(notifications) - DIGEST_LIMIT),
            "period": period,
            "digest": bool(period),
            "site_url": absolute_url("/"),
            "inbox_url": absolute_url(reverse("notifications:inbox")),
            "settings_url": settings_url,
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = subject_for(notifications, period)
            text = render_to_string("notifications/email/message.txt", context)
            html = render_to_string("notifications/email/message.html", context)
        message = EmailMultiAlternatives(
            subject, text, to=[user.email],
            # Mail programs show an "unsubscribe" button for this header.
            headers={"List-Unsubscribe": f"<{settings_url}>"},
        )
        message.attach_alternative(html, "text/html")
        return message

    def send(self, user: Any, preference: Preference, notifications: Sequence[Notification],
             *, period: str = "") -> None:
        if not notifications:
            return
        try:
            self.render(user, notifications, period).send(fail_silently=False)
        except Exception as error:  # smtplib, socket and DNS errors alike
            raise DeliveryError(_("The e-mail could not be sent: %(error)s") % {
                "error": error}) from error
