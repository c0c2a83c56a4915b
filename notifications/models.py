"""What people are told, and how: in the app, by e-mail (at once or in a digest), or on LINE."""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.predicates import is_authenticated


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

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"

    @classmethod
    def for_user(cls, user: Any) -> Preference:
        """The person's saved choice, or the defaults (at once, by e-mail) if they never chose."""
        found = cls.objects.filter(user_id=user.pk).first()
        return found or cls(user=user)


class Kind(models.TextChoices):
    PROPOSAL_STATE = "proposal_state", _("A proposal you follow changed")
    NEW_NEED = "new_need", _("A new need in your working group's queue")
    NEED_SCREENED = "need_screened", _("The working group screened your need")
    UPCOMING_FORUM = "upcoming_forum", _("An upcoming forum")
    MILESTONE_REMINDER = "milestone_reminder", _("A planning step is coming up")
    NOMINATION = "nomination", _("A nomination for a committee seat")


@rules.predicate
def is_recipient(user: Any, notification: Notification | None) -> bool:
    return notification is not None and notification.user_id == getattr(user, "pk", None)


# Everyone who is logged in has an inbox and settings of their own; a notification is only ever
# its recipient's (views answer 404 for anyone else's, so that its existence is not revealed).
rules.add_perm("notifications.view_own_notifications", is_authenticated)
rules.add_perm("notifications.change_own_preference", is_authenticated)
rules.add_perm("notifications.mark_notification_read", is_authenticated & is_recipient)


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Stamped when a channel takes a notification for sending (and cleared again if sending
    # fails), so that no notification goes out twice on the same channel.
    emailed_at = models.DateTimeField(null=True, blank=True)
    sent_line_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            # The digest looks only for what has not been e-mailed yet: a small partial index
            # instead of scanning every notification ever sent.
            models.Index(fields=["user"], condition=Q(emailed_at__isnull=True),
                         name="notification_unemailed_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
