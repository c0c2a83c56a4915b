"""Checks on evidence files: what a file is is read from its content, never from its name.

A PDF must start with ``%PDF-``; an image must open and verify with Pillow. Anything else,
and anything larger than ``settings.KLANG_UPLOAD_MAX_BYTES``, is refused with a message that
says what is allowed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Pillow's format name -> the content type the file is served with.
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_TYPE = "application/pdf"
ALLOWED_LABEL = "PDF, JPEG, PNG, WebP"


def sniff_content_type(upload: Any) -> str:
    """The content type of an uploaded file, or raise ValidationError saying why it is refused."""
    limit = settings.KLANG_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return PDF_TYPE
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise ValidationError(
            _("This kind of file cannot be added. Allowed: %(types)s.")
            % {"types": ALLOWED_LABEL}, code="file_type")
    return IMAGE_TYPES[kind]
