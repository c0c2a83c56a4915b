"""Forums (เวทีประชาคม, เวทีกลาง, consultation meetings) where people raise their needs.

Attendance is kept as counts by organisation and by target group; a participant is named
only with their recorded consent.
"""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from accounts.models import Role
from accounts.predicates import (
    has_role_anywhere,
    has_role_in,
    is_administrator,
    organisation_ids_for,
)

FORUM_ORGANISERS = [Role.CSO_MEMBER, Role.CSO_COORDINATOR, Role.WORKING_GROUP,
                    Role.PROVINCIAL_OFFICER]


@rules.predicate
def works_in_forum_area(user: Any, forum: Forum | None) -> bool:
    """People who may organise forums in the forum's area (or, with no forum, anywhere)."""
    if forum is None:
        return has_role_anywhere(user, FORUM_ORGANISERS)
    return has_role_in(user, FORUM_ORGANISERS, forum.area)


@rules.predicate
def organises(user: Any, forum: Forum | None) -> bool:
    if forum is None:
        return False
    if forum.created_by_id and forum.created_by_id == getattr(user, "pk", None):
        return True
    mine = organisation_ids_for(user, [Role.CSO_MEMBER, Role.CSO_COORDINATOR])
    return bool(mine) and forum.organisers.filter(pk__in=mine).exists()


@rules.predicate
def is_officer_for_forum(user: Any, forum: Forum | None) -> bool:
    return forum is not None and has_role_in(
        user, [Role.PROVINCIAL_OFFICER, Role.WORKING_GROUP], forum.area
    )


can_edit_forum = is_administrator | organises | is_officer_for_forum
# Named participants are personal data: only the forum's organisers and officers see them.
rules.add_perm("forums.view_participants", can_edit_forum)


class ForumKind(models.TextChoices):
    COMMUNITY = "community", _("Community forum (เวทีประชาคม)")
    CENTRAL = "central", _("Central forum (เวทีกลาง)")
    CONSULTATION = "consultation", _("Consultation meeting")
    HEARING = "hearing", _("Public hearing on a plan")


class ForumQuerySet(models.QuerySet["Forum"]):
    """Upcoming means not over yet: a forum without an end time is over once it has started."""

    @staticmethod
    def upcoming_q(now: Any) -> models.Q:
        return models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)

    def upcoming(self, now: Any) -> ForumQuerySet:
        return self.filter(self.upcoming_q(now))

    def past(self, now: Any) -> ForumQuerySet:
        return self.exclude(self.upcoming_q(now))

    def within(self, area: Any) -> ForumQuerySet:
        """Forums held in the area or anywhere below it."""
        return self.filter(area.subtree_q("area__"))


class Forum(RulesModel):
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ForumKind.choices,
                            default=ForumKind.COMMUNITY)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="+")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    organisers = models.ManyToManyField("orgs.Organisation", verbose_name=_("organised by"),
                                        blank=True, related_name="forums")
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the upcoming-forum reminder went out; cleared when the date changes, so that a
    # moved forum is announced again and an unchanged one never twice.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-starts_at"]
        rules_permissions = {
            "view": rules.always_allow,
            "add": is_administrator | works_in_forum_area,
            "change": can_edit_forum,
            "delete": is_administrator,
        }

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:detail", args=[self.pk])

    @property
    def attendance_total(self) -> int:
        return sum(row.count for row in self.attendance_by_organisation.all())


class AttendanceByOrganisation(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE,
                              related_name="attendance_by_organisation")
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    organisation_name = models.CharField(
        _("organisation (if not registered)"), max_length=255, blank=True
    )
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("attendance by organisation")


class AttendanceByGroup(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="attendance_by_group")
    target_group = models.ForeignKey("orgs.TargetGroup", on_delete=models.PROTECT,
                                     related_name="+")
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("attendance by target group")
        constraints = [models.UniqueConstraint(fields=["forum", "target_group"],
                                               name="one_count_per_group")]


class Participant(models.Model):
    """A named participant: recorded only with their consent to be named."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    consent_to_be_named = models.BooleanField(_("agreed to be named"), default=False)
    consent_recorded_at = models.DateTimeField(_("consent recorded at"))
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                            on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("named participant")
        constraints = [models.CheckConstraint(condition=models.Q(consent_to_be_named=True),
                                              name="participant_named_only_with_consent")]


class ForumFile(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="forums/%Y/%m/")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum file")
        ordering = ["uploaded_at"]
