"""What people are told, and how: in the app, by e-mail (at once or in a digest), or on LINE."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Only in Klang")


class Preference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATE)
    by_email = models.BooleanField(_("by e-mail"), default=True)
    by_line = models.BooleanField(_("on LINE"), default=False)
    line_user_id = models.CharField(_("LINE user ID"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("notification preference")


class Kind(models.TextChoices):
    PROPOSAL_STATE = "proposal_state", _("A proposal you follow changed")
    NEW_NEED = "new_need", _("A new need in your working group's queue")
    NEED_SCREENED = "need_screened", _("The working group screened your need")
    UPCOMING_FORUM = "upcoming_forum", _("An upcoming forum")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    sent_line_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
