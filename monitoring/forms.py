"""The progress update form, with its figures and an optional photo checked by its content."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format -> file extension. Anything else (SVG, HEIC, TIFF, a renamed PDF) is refused.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
FIGURE_ROWS = 3


def validate_photo(upload: UploadedFile) -> ContentFile:
    """The photo, checked by its content and size, re-encoded without its metadata.

    Re-encoding drops EXIF, so a phone's GPS position of someone's home never reaches the
    public page.
    """
    limit = settings.KLANG_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The photo is %(size)s MB; the most Klang accepts is %(limit)s MB."),
            params={"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:g}"},
            code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            probe.verify()
        if kind not in PHOTO_FORMATS:
            raise UnidentifiedImageError(kind)
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if kind == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format=kind)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This file is not a photo Klang can show. Upload a JPEG, PNG or WebP image."),
            code="not_an_image") from error
    stem = Path(upload.name or "photo").stem[:50] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.{PHOTO_FORMATS[kind]}")


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("When this was the state of the work."))
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100,
        help_text=_("How much of the work is done, from 0 to 100."))
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=4000)
    photo = forms.FileField(
        label=_("Photo (optional)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("A JPEG, PNG or WebP image. Location data in the photo is removed. Do not "
                    "show people who have not agreed to be shown."))

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("Progress is reported for today or an earlier day."),
                                  code="future")
        return date

    def clean_photo(self) -> ContentFile | None:
        upload = self.cleaned_data.get("photo")
        return validate_photo(upload) if upload else None


class FigureForm(forms.Form):
    label = forms.CharField(label=_("What was counted"), max_length=120, required=False)
    value = forms.DecimalField(label=_("Number"), max_digits=14, decimal_places=2,
                               required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False,
                           help_text=_("e.g. households, people, ramps"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("label") and data.get("value") is None:
            self.add_error("value", _("Give the number for “%(label)s”.")
                           % {"label": data["label"]})
        if data.get("value") is not None and not data.get("label"):
            self.add_error("label", _("Say what this number counts."))
        return data


FigureFormSet = forms.formset_factory(FigureForm, extra=FIGURE_ROWS, max_num=10)


def figures_from(formset: Any) -> list[dict[str, Any]]:
    return [{"label": f.cleaned_data["label"], "value": f.cleaned_data["value"],
             "unit": f.cleaned_data.get("unit", "")}
            for f in formset.forms if f.cleaned_data.get("label")]
