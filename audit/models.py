"""The append-only audit log of personal data: every view, export and change (DESIGN.md §6).

An event says who (``actor``), what (``action`` on ``object_type``/``object_label``), when
(``at``) and why (``reason``). It never holds the personal data itself: households are named by
their pseudonym. Rows are only ever inserted: ``save`` refuses an update, ``delete`` refuses,
and on PostgreSQL a trigger refuses UPDATE and DELETE from any client.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    pass


class Action(models.TextChoices):
    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    VERIFY = "verify", _("Verified")
    IMPORT = "import", _("Imported")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    ERASE = "erase", _("Erased")
    PURGE = "purge", _("Purged after the retention period")
    ROTATE_KEYS = "rotate_keys", _("Re-encrypted under a new key")


class AuditEvent(models.Model):
    # Indexes: only what the DPO's filters use (audit.views.filtered_events): newest first and
    # date ranges (``at``), one record's history (``object_label``, matched exactly: pseudonyms
    # are upper case), one organisation. An import writes one event per household, so each
    # index more is paid a million times by a large import.
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No cascade: a deleted account must not rewrite history (the PostgreSQL trigger would
    # refuse the update anyway). ``actor_label`` keeps who it was.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.DO_NOTHING, db_constraint=False,
                              db_index=False, related_name="+")
    actor_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40)          # "household", "import", ...
    object_label = models.CharField(max_length=100)  # pseudonym, never a name
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True,
                                     on_delete=models.DO_NOTHING, db_constraint=False,
                                     related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)   # e.g. {"fields": ["age"]}, no values

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        # A plain index: ``db_index=True`` would add a pattern-matching one nothing uses.
        indexes = [models.Index(fields=["object_label"], name="audit_object_label")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("audit events are never deleted")
