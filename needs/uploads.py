"""Evidence files are a PDF or an image (see portal.uploads for how they are checked)."""

from __future__ import annotations

from typing import Any

from portal.uploads import check_upload

ALLOWED_LABEL = "PDF, JPEG, PNG, WebP"


def sniff_content_type(upload: Any) -> str:
    """The content type of an evidence file, or raise ValidationError saying why it is refused."""
    return check_upload(upload, "evidence")
