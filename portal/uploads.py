"""Check an upload by what it contains, not by what its name or the browser claims.

Used for forums' photos and documents, and for the evidence behind needs.

Photos must open and verify with Pillow as JPEG, PNG or WebP; documents must be a PDF (magic
bytes ``%PDF-``) or an OpenDocument text / Word / Excel file (a zip with the parts those formats
always have, and the matching extension). Every file is at most KLANG_UPLOAD_MAX_BYTES.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
PDF = "application/pdf"
# extension -> (content type, a test on the zip's member names)
OFFICE_TYPES: dict[str, tuple[str, Any]] = {
    ".odt": ("application/vnd.oasis.opendocument.text",
             lambda names: "mimetype" in names and "content.xml" in names),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              lambda names: "[Content_Types].xml" in names
              and any(n.startswith("word/") for n in names)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              lambda names: "[Content_Types].xml" in names
              and any(n.startswith("xl/") for n in names)),
}
ZIP_MAGIC = b"PK\x03\x04"


def _head(upload: Any, size: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_upload(upload: Any, kind: str) -> str:
    """The file's real content type, or a ValidationError naming the file."""
    name = PurePath(upload.name or "").name
    limit = settings.KLANG_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(max)s."),
            code="too_large",
            params={"name": name, "size": filesizeformat(upload.size),
                    "max": filesizeformat(limit)},
        )
    extension = PurePath(name).suffix.lower()
    if kind == "photo":
        return _check_photo(upload, name, extension)
    if kind == "evidence":
        # Evidence is a PDF or a photo of a document.
        if _head(upload).startswith(b"%PDF-"):
            return PDF
        return _check_photo(upload, name, extension)
    return _check_document(upload, name, extension)


def _check_photo(upload: Any, name: str, extension: str) -> str:
    refused = ValidationError(
        _("“%(name)s” is not a photo Klang can show. Upload a JPEG, PNG or WebP image."),
        code="not_a_photo", params={"name": name},
    )
    if extension not in PHOTO_EXTENSIONS:
        raise refused
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise refused from error
    finally:
        upload.seek(0)
    if image_format not in PHOTO_TYPES:
        raise refused
    return PHOTO_TYPES[image_format]


def _check_document(upload: Any, name: str, extension: str) -> str:
    refused = ValidationError(
        _("“%(name)s” is not a document Klang accepts. Upload a PDF, an OpenDocument text "
          "(.odt), a Word (.docx) or an Excel (.xlsx) file."),
        code="not_a_document", params={"name": name},
    )
    head = _head(upload)
    if extension == ".pdf":
        if head.startswith(b"%PDF-"):
            return PDF
        raise refused
    if extension not in OFFICE_TYPES or not head.startswith(ZIP_MAGIC):
        raise refused
    content_type, looks_right = OFFICE_TYPES[extension]
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise refused from error
    finally:
        upload.seek(0)
    if not looks_right(names):
        raise refused
    return content_type
