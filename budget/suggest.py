"""Suggested class and target groups for a budget line, from words in its project and plan.

The class rules are data: each ``BudgetClass`` has its keywords (seeded by migration
``0002_seed_classes``, editable in the administration site). The first class, in the order of
the rules (``match_order``), with a keyword found in the text wins. That order puts quality of
life before infrastructure so that "ทางลาดสำหรับคนพิการ" (a ramp for disabled
people) counts as quality of life, not as construction. No match: no suggestion, the officer
chooses.

Target groups are suggested from the words below (a line may serve several groups).
"""

from __future__ import annotations

from collections.abc import Iterable

from budget.models import BudgetClass

# target-group slug (orgs.TargetGroup) -> words that name the group in project titles.
TARGET_GROUP_KEYWORDS: dict[str, tuple[str, ...]] = {
    "older-people": ("ผู้สูงอายุ", "ผู้สูงวัย", "คนชรา", "older people", "elderly", "ageing"),
    "disability": ("คนพิการ", "ผู้พิการ", "พิการ", "disabilit", "disabled"),
    "homeless": ("คนไร้บ้าน", "ไร้ที่พึ่ง", "homeless"),
    "informal-workers": ("แรงงานนอกระบบ", "อาชีพอิสระ", "informal worker"),
    "migrants": ("แรงงานข้ามชาติ", "แรงงานต่างด้าว", "migrant"),
    "ethnic-legal-status": ("ชาติพันธุ์", "ชนเผ่า", "สถานะทางกฎหมาย", "ไร้สัญชาติ", "ไร้รัฐ",
                            "ethnic", "stateless"),
    "lgbtiqn": ("ความหลากหลายทางเพศ", "lgbt"),
    "prisoners": ("ผู้ต้องขัง", "ผู้พ้นโทษ", "prisoner"),
    "muslim-women": ("ผู้หญิงมุสลิม", "สตรีมุสลิม", "muslim women"),
    "women-violence": ("ความรุนแรงต่อสตรี", "ความรุนแรงในครอบครัว", "domestic violence",
                       "violence against women"),
    "children-youth": ("เด็ก", "เยาวชน", "children", "youth"),
}


def classes_with_keywords() -> list[tuple[BudgetClass, list[str]]]:
    """Read once per import, not per line."""
    return [(c, c.keyword_list()) for c in BudgetClass.objects.order_by("match_order", "slug")]


def suggest_class(text: str, rules: Iterable[tuple[BudgetClass, list[str]]]) -> BudgetClass | None:
    folded = text.casefold()
    for budget_class, words in rules:
        if any(word in folded for word in words):
            return budget_class
    return None


def suggest_groups(text: str) -> list[str]:
    folded = text.casefold()
    return [slug for slug, words in TARGET_GROUP_KEYWORDS.items()
            if any(word in folded for word in words)]
