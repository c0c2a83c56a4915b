"""Results: dated progress updates on plan items, with text, figures and photos."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressUpdate(models.Model):
    plan_item = models.ForeignKey("planning.PlanItem", on_delete=models.CASCADE,
                                  related_name="updates")
    date = models.DateField(_("date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"),
                                                validators=[MaxValueValidator(100)])
    text = models.TextField(_("what happened"))
    # [{"label": "...", "value": 12, "unit": "households"}, ...]
    figures = models.JSONField(_("figures"), default=list, blank=True)
    photo = models.ImageField(_("photo"), upload_to="progress/%Y/%m/", blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100),
                                              name="progress_at_most_100")]
