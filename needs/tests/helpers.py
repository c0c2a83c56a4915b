"""Small builders for the needs tests."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from areas.models import Area
from needs.models import Need, NeedEvidence
from orgs.models import TargetGroup

SECRET_TITLE = "ความรุนแรงในครอบครัวบ้านลับ"


def make_need(world: Any = None, *, area: str = "5104", raised_by: Any = None,
              org: Any = None, groups: list[str] = (), supporters: list[Any] = (),
              forums: list[Any] = (), **fields: Any) -> Need:
    fields.setdefault("title", "น้ำประปาหมู่บ้านไม่พอใช้")
    fields.setdefault("description", "ชาวบ้านขาดน้ำในหน้าแล้ง")
    need = Need.objects.create(area=Area.objects.get(code=area), raised_by=raised_by, **fields)
    if org is not None:
        need.organisations.add(org)
    need.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    need.supporters.set(supporters)
    need.forums.set(forums)
    return need


def make_sensitive_need(world: Any, **fields: Any) -> Need:
    """A confidential need raised by the world's CSO member for the world's organisation."""
    fields.setdefault("title", SECRET_TITLE)
    fields.setdefault("description", "ผู้หญิงที่ถูกทำร้ายต้องการบ้านพักฉุกเฉิน")
    return make_need(world, raised_by=world.people["cso_member"], org=world.org,
                     is_sensitive=True, groups=["women-violence"], **fields)


def make_forum(world: Any, *, area: str = "51", days: float = -30, title: str = "เวทีกลางลำพูน"):
    from forums.models import Forum

    forum = Forum.objects.create(title=title, area=Area.objects.get(code=area),
                                 starts_at=timezone.now() + dt.timedelta(days=days))
    forum.organisers.add(world.org)
    return forum


def add_figure(need: Need, title: str = "ครัวเรือนที่ขาดน้ำ", value: int = 120,
               source: str = "สำรวจ อบต. 2567") -> NeedEvidence:
    return NeedEvidence.objects.create(need=need, kind="figure", title=title, value=value,
                                       unit="ครัวเรือน", source=source)


def pdf_upload(name: str = "survey.pdf", size: int = 0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b"0" * size, content_type="application/pdf")


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def store_document(need: Need, name: str = "needs/tests/evidence.pdf") -> NeedEvidence:
    """A stored PDF evidence row (written through the storage, as an upload would be)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return NeedEvidence.objects.create(need=need, kind="document", title="รายงานสำรวจ",
                                       file=name, content_type="application/pdf")


def form_data(**overrides: Any) -> dict[str, Any]:
    """A valid "raise a need" form with three empty evidence rows."""
    data: dict[str, Any] = {
        "title": "ผู้สูงอายุติดบ้านไม่มีคนดูแล",
        "description": "ผู้สูงอายุติดบ้านในตำบลนี้ไม่มีผู้ดูแลในเวลากลางวัน",
        "area": "5104",
        "urgency": "high",
        "people_affected": "35",
        "issue_area": "",
        "organisation": "",
        "forum": "",
        "target_groups": [str(TargetGroup.objects.get(slug="older-people").pk)],
        "evidence-TOTAL_FORMS": "3",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def listed(response: Any) -> set[int]:
    """The needs a list page shows, by the primary key in their links."""
    html = response.content.decode()
    start = html.find('class="need-list"')
    if start < 0:
        return set()
    end = html.find("</ul>", start)
    return {int(pk) for pk in re.findall(r'href="/needs/(\d+)/"', html[start:end])}
