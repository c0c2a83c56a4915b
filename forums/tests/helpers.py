"""Small builders for the forum tests."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from areas.models import Area
from forums.models import Forum
from forums.services import create_forum


def make_forum(world: Any = None, *, area: str = "51", days: float = 7, **fields: Any) -> Forum:
    """A forum ``days`` from now (negative: in the past), organised by the world's org."""
    starts = timezone.now() + dt.timedelta(days=days)
    fields.setdefault("title", "เวทีประชาคมทดสอบ")
    fields.setdefault("place", "ศาลากลางจังหวัดลำพูน")
    fields.setdefault("ends_at", starts + dt.timedelta(hours=3))
    if world is not None:
        fields.setdefault("organisers", [world.org])
    return create_forum(area=Area.objects.get(code=area), starts_at=starts, **fields)


def local_input(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides: Any) -> dict[str, Any]:
    """A valid forum form, both attendance parts included and empty."""
    starts = timezone.now() + dt.timedelta(days=10)
    data: dict[str, Any] = {
        "title": "เวทีประชาคมตำบลบ้านโฮ่ง",
        "kind": "community",
        "area": "5103",
        "starts_at": local_input(starts),
        "ends_at": local_input(starts + dt.timedelta(hours=3)),
        "place": "วัดบ้านโฮ่งหลวง",
        "online_url": "",
        "agenda": "1. ปัญหาผู้สูงอายุติดบ้าน\n2. น้ำประปาหมู่บ้าน",
        "minutes": "",
        "orgs-TOTAL_FORMS": "3",
        "orgs-INITIAL_FORMS": "0",
        "orgs-MIN_NUM_FORMS": "0",
        "orgs-MAX_NUM_FORMS": "300",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "forum.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name: str = "minutes.pdf") -> SimpleUploadedFile:
    content = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")
