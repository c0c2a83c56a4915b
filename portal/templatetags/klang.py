"""Template filters for Thai-first display: Buddhist-Era dates and baht amounts."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

THAI_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
THAI_MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                     "ต.ค.", "พ.ย.", "ธ.ค."]
BE_OFFSET = 543


@register.filter
def be_date(value: dt.date | dt.datetime | None, style: str = "long") -> str:
    """A date in the Buddhist Era in Thai ("23 พฤศจิกายน 2569"), in the Common Era in English."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if get_language() == "en":
        return value.strftime("%-d %b %Y" if style == "short" else "%-d %B %Y")
    months = THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS
    text = f"{value.day} {months[value.month - 1]} {value.year + BE_OFFSET}"
    if isinstance(value, dt.datetime) and style == "datetime":
        text += f" {value:%H:%M} น."
    return text


@register.filter
def be_year(value: int | None) -> str:
    """A Buddhist-Era year shown as it is in Thai; with its C.E. year in English."""
    if not value:
        return ""
    if get_language() == "en":
        return f"{value} B.E. ({value - BE_OFFSET})"
    return str(value)


@register.filter
def baht(value: float | int | None) -> str:
    """Money with Thai digit grouping: 1,234,567.50 บาท."""
    if value is None:
        return ""
    amount = f"{value:,.2f}".removesuffix(".00")
    return f"{amount} บาท" if get_language() != "en" else f"{amount} baht"
