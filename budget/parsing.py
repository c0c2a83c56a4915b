"""Reading the cells of a budget file: amounts, fiscal years, sources, codes.

Each parser answers the value or raises ``CellError`` with a message for the person who made
the file. Thai digits (๐–๙) are read as digits everywhere. An amount is read only when it can
mean one thing: "1,250,000", "1,250,000.50 บาท" and "๑,๒๕๐,๐๐๐" are clear; "1.250.000" and
"1.250" (a dot as thousands separator, or three decimals) and "1250,50" (a decimal comma) are
not, and are refused rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MAX_AMOUNT = Decimal("9999999999999")  # the column holds 15 digits with 2 decimals
CURRENCY = re.compile(r"(บาท|baht|thb|฿)", re.I)
GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d{1,2})?")
PLAIN = re.compile(r"\d+(\.\d{1,2})?")
DOT_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


class CellError(ValueError):
    pass


def text_of(value: Any) -> str:
    """A cell as text: Thai digits as digits, whitespace (no-break spaces too) collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).translate(THAI_DIGITS).split())


def parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("Enter an amount in baht, e.g. 1,250,000."))
    if isinstance(value, (int, float, Decimal)):
        try:
            amount = Decimal(str(value))
        except InvalidOperation as error:
            raise CellError(_("Enter an amount in baht, e.g. 1,250,000.")) from error
        if amount != amount.quantize(Decimal("0.01")):
            raise CellError(_("An amount has at most two decimals (satang)."))
    else:
        raw = text_of(value)
        compact = CURRENCY.sub("", raw).replace(" ", "")
        if not compact:
            raise CellError(_("The amount is missing."))
        if compact.startswith("-"):
            raise CellError(_("The amount must be more than 0."))
        if GROUPED.fullmatch(compact) or PLAIN.fullmatch(compact):
            amount = Decimal(compact.replace(",", ""))
        elif DOT_THOUSANDS.fullmatch(compact) or DECIMAL_COMMA.fullmatch(compact):
            raise CellError(_(
                "“%(value)s” is ambiguous: write thousands with commas and decimals with a dot, "
                "e.g. 1,250,000 or 1,250,000.50."
            ) % {"value": raw})
        else:
            raise CellError(_("“%(value)s” is not an amount: enter baht, e.g. 1,250,000.")
                            % {"value": raw})
    if amount <= 0:
        raise CellError(_("The amount must be more than 0."))
    if amount > MAX_AMOUNT:
        raise CellError(_("The amount is too large."))
    return amount.quantize(Decimal("0.01"))


def parse_fiscal_year(value: Any) -> int:
    raw = text_of(value)
    compact = re.sub(r"^(ปีงบประมาณ|ปีงบ|พ\.ศ\.|fy)\s*", "", raw, flags=re.I).strip()
    if not compact:
        raise CellError(_("The fiscal year is missing."))
    if not re.fullmatch(r"\d{4}", compact):
        raise CellError(_("“%(value)s” is not a fiscal year: enter the Buddhist-Era year, "
                          "e.g. 2569.") % {"value": raw})
    year = int(compact)
    if 1900 <= year <= 2200:
        raise CellError(_("%(year)s looks like a Common-Era year: enter the Buddhist-Era year "
                          "(%(year)s + 543 = %(be)s).") % {"year": year, "be": year + 543})
    if not 2500 <= year <= 2700:
        raise CellError(_("%(year)s is not a plausible fiscal year (B.E.).") % {"year": year})
    return year


def parse_code(value: Any) -> str:
    return text_of(value).replace(" ", "")


# Ways people write each funding source (planning.models.FundingSource values), folded:
# lower case, no spaces, no dots.
SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("province", "provincialbudget", "provincial", "งบจังหวัด", "งบพัฒนาจังหวัด",
                 "จังหวัด", "งบประมาณจังหวัด"),
    "cluster": ("cluster", "clusterbudget", "provincialclusterbudget", "งบกลุ่มจังหวัด",
                "กลุ่มจังหวัด", "งบพัฒนากลุ่มจังหวัด"),
    "thaihealth": ("thaihealth", "สสส", "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ"),
    "nhso": ("nhso", "สปสช", "สำนักงานหลักประกันสุขภาพแห่งชาติ", "กองทุนหลักประกันสุขภาพ"),
    "codi": ("codi", "พอช", "สถาบันพัฒนาองค์กรชุมชน"),
    "local_government": ("local_government", "localgovernment", "lao", "อปท",
                         "องค์กรปกครองส่วนท้องถิ่น", "ท้องถิ่น", "งบท้องถิ่น"),
    "community_fund": ("community_fund", "communityfund", "กองทุนชุมชน", "กองทุนหมู่บ้าน"),
    "private": ("private", "เอกชน", "ภาคเอกชน"),
    "other": ("other", "อื่นๆ", "อื่น"),
}
SOURCE_LOOKUP = {word: value for value, words in SOURCE_WORDS.items() for word in words}


def fold(text: str) -> str:
    return text.casefold().replace(" ", "").replace(".", "")


def parse_source(value: Any) -> str:
    raw = text_of(value)
    if not raw:
        raise CellError(_("The source is missing."))
    found = SOURCE_LOOKUP.get(fold(raw))
    if found is None:
        raise CellError(_(
            "Unknown source “%(value)s”. Use one of: provincial budget (งบจังหวัด), cluster "
            "budget (งบกลุ่มจังหวัด), สสส., สปสช., พอช., local government (อปท.), community fund "
            "(กองทุนชุมชน), private (เอกชน), other (อื่น ๆ)."
        ) % {"value": raw})
    return found
