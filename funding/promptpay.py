"""PromptPay QR payloads, built by Klang itself, and their SVG rendering.

The payload is an EMVCo merchant-presented QR code (EMV® QR Code Specification for Payment
Systems, Merchant-Presented Mode, v1.1: data objects as ID (2 digits) + length (2 digits) +
value, in ascending ID order, ending with the CRC object "63"). Bank of Thailand's Thai QR
Payment standard puts PromptPay in the merchant-account-information template "29" with the
application ID A000000677010111 and one proxy: "01" a mobile number written as 0066 + the
number without its leading 0, left-padded with zeros to 13 characters, or "02" a national /
tax ID of 13 digits. The CRC is CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF,
no reflection, no final XOR) over the whole payload including the "6304" that announces it,
written as 4 upper-case hexadecimal digits.

Point of initiation "11" is a static code (the payer types the amount); "12" carries an amount
(tag "54") for one payment. Klang never sees the transfer: the organisation confirms it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import segno
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from evidence.thaiid import is_valid, normalise

PROMPTPAY_AID = "A000000677010111"
STATIC = "11"
DYNAMIC = "12"
THAI_BAHT = "764"      # ISO 4217 numeric
COUNTRY = "TH"
# The largest amount tag 54 can carry here: 13 characters with two decimals.
MAX_AMOUNT = Decimal("9999999999.99")


class PromptPayError(ValueError):
    """The PromptPay ID or the amount cannot be put in a QR code."""


def tlv(tag: str, value: str) -> str:
    """One EMV data object: ID, length in two digits, value."""
    if len(value) > 99:
        raise PromptPayError(f"EMV value of tag {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of the payload's bytes, as EMVCo requires (4 hex digits)."""
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return f"{crc:04X}"


def proxy(promptpay_id: str) -> tuple[str, str]:
    """The sub-tag and value of a PromptPay ID: ("01", mobile) or ("02", tax/citizen ID).

    Accepts a Thai mobile number (10 digits starting with 0, or 66 + 9 digits) or a 13-digit
    national / tax ID, with spaces, dashes and Thai digits.
    """
    digits = normalise(promptpay_id or "")
    if len(digits) == 13:
        # Tax IDs of organisations carry the same check digit as national IDs: catch typos
        # before a donor's money goes to a stranger.
        if not is_valid(digits):
            raise PromptPayError(_("This 13-digit ID is not a valid tax or national ID: check "
                                   "the digits."))
        return "02", digits
    if len(digits) == 10 and digits.startswith("0"):
        return "01", ("66" + digits[1:]).rjust(13, "0")
    if len(digits) == 11 and digits.startswith("66"):
        return "01", digits.rjust(13, "0")
    raise PromptPayError(_("A PromptPay ID is a mobile number of 10 digits (e.g. 081 234 5678) "
                           "or a tax or national ID of 13 digits."))


def clean_amount(amount: Decimal | int | str | None) -> Decimal | None:
    if amount is None or amount == "":
        return None
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value <= 0 or value > MAX_AMOUNT:
        raise PromptPayError(_("The amount must be more than 0 and at most %(max)s baht.")
                             % {"max": f"{MAX_AMOUNT:,}"})
    return value


def payload(promptpay_id: str, amount: Decimal | int | str | None = None) -> str:
    """The text to put in the QR code: static without an amount, one payment with one."""
    sub_tag, value = proxy(promptpay_id)
    money = clean_amount(amount)
    body = (
        tlv("00", "01")
        + tlv("01", DYNAMIC if money is not None else STATIC)
        + tlv("29", tlv("00", PROMPTPAY_AID) + tlv(sub_tag, value))
        + tlv("53", THAI_BAHT)
        + (tlv("54", f"{money:.2f}") if money is not None else "")
        + tlv("58", COUNTRY)
        + "6304"
    )
    return body + crc16(body)


def is_valid_id(promptpay_id: str) -> bool:
    try:
        proxy(promptpay_id)
    except PromptPayError:
        return False
    return True


def display_id(promptpay_id: str) -> str:
    """The ID as people read it, with the middle hidden (shown beside the code, not secret,
    but a public page needs no more than enough to recognise the account)."""
    digits = normalise(promptpay_id or "")
    if len(digits) < 7:
        return digits
    return digits[:3] + "x" * (len(digits) - 7) + digits[-4:]


def svg(text: str, *, title: str) -> str:
    """The QR code as inline SVG (no JavaScript, no image request): with a title and role=img
    so that a screen reader announces what it is; the payload is printed beside it."""
    code = segno.make(text, error="m", micro=False)
    markup = code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title,
                             svgclass="promptpay-qr", omitsize=False)
    return markup.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
