"""A donor's banking app reads Klang's PromptPay code: decode every EMV field and the CRC.

The payload is parsed as EMV TLVs here, independently of ``funding.promptpay``, and the CRC is
checked against ``binascii.crc_hqx`` (CRC-16/CCITT, polynomial 0x1021) started at 0xFFFF, which
is CRC-16/CCITT-FALSE.
"""

from __future__ import annotations

import binascii
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding import promptpay


def parse(text: str) -> list[tuple[str, str]]:
    """EMV data objects: two-digit ID, two-digit length, value."""
    fields, at = [], 0
    while at < len(text):
        tag, length = text[at:at + 2], int(text[at + 2:at + 4])
        fields.append((tag, text[at + 4:at + 4 + length]))
        at += 4 + length
    assert at == len(text), "the lengths do not add up to the payload"
    return fields


def independent_crc(text: str) -> str:
    return f"{binascii.crc_hqx(text.encode('ascii'), 0xFFFF):04X}"


def decode(text: str) -> dict[str, str]:
    fields = parse(text)
    tags = [tag for tag, _ in fields]
    assert tags == sorted(tags), "data objects must come in ascending order"
    assert tags[-1] == "63", "the CRC must be the last object"
    assert len(set(tags)) == len(tags)
    crc = dict(fields)["63"]
    assert len(crc) == 4
    assert crc == independent_crc(text[:-4]), "CRC over the payload including 6304"
    assert text[-8:-4] == "6304"
    return dict(fields)


def test_a_phone_number_makes_a_static_code() -> None:
    text = promptpay.payload("081-234-5678")
    fields = decode(text)
    assert fields["00"] == "01"
    assert fields["01"] == "11"
    assert fields["53"] == "764"
    assert fields["58"] == "TH"
    assert "54" not in fields
    account = dict(parse(fields["29"]))
    assert account == {"00": "A000000677010111", "01": "0066812345678"}
    # The well-known example of the PromptPay libraries, fields in ascending order.
    assert text == ("00020101021129370016A0000006770101110113006681234567853037645802TH"
                    "6304" + independent_crc(text[:-4]))


def test_an_amount_makes_a_one_payment_code() -> None:
    fields = decode(promptpay.payload("0812345678", Decimal("1500")))
    assert fields["01"] == "12"
    assert fields["54"] == "1500.00"
    fields = decode(promptpay.payload("0812345678", "99.5"))
    assert fields["54"] == "99.50"


def test_a_tax_id_goes_in_sub_tag_02() -> None:
    fields = decode(promptpay.payload("0-9940-00165-58-7", 250))
    account = dict(parse(fields["29"]))
    assert account == {"00": "A000000677010111", "02": "0994000165587"}
    assert fields["54"] == "250.00"


def test_thai_digits_and_66_prefix_are_understood() -> None:
    assert promptpay.proxy("๐๘๑๒๓๔๕๖๗๘") == ("01", "0066812345678")
    assert promptpay.proxy("66812345678") == ("01", "0066812345678")


@pytest.mark.parametrize("bad", ["", "12345", "1812345678", "081234567", "abc",
                                 "12345678901234", "0994000165581"])
def test_an_id_that_is_neither_a_phone_nor_a_tax_id_is_refused(bad: str) -> None:
    with pytest.raises(promptpay.PromptPayError):
        promptpay.payload(bad)
    assert not promptpay.is_valid_id(bad)


@pytest.mark.parametrize("bad", ["0", "-5", "10000000000"])
def test_an_amount_out_of_range_is_refused(bad: str) -> None:
    with pytest.raises(promptpay.PromptPayError):
        promptpay.payload("0812345678", bad)


def test_our_crc_is_crc16_ccitt_false() -> None:
    # The standard check value of CRC-16/CCITT-FALSE.
    assert promptpay.crc16("123456789") == "29B1"
    assert independent_crc("123456789") == "29B1"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(number=st.integers(min_value=600_000_000, max_value=999_999_999),
       cents=st.integers(min_value=1, max_value=100_000_000))
def test_every_payload_decodes_with_a_valid_crc(number: int, cents: int) -> None:
    phone = f"0{number}"
    amount = Decimal(cents) / 100
    fields = decode(promptpay.payload(phone, amount))
    assert Decimal(fields["54"]) == amount
    assert dict(parse(fields["29"]))["01"] == "0066" + phone[1:]


def test_the_qr_code_is_inline_svg_with_a_name() -> None:
    markup = promptpay.svg(promptpay.payload("0812345678"), title="PromptPay <test>")
    assert markup.startswith('<svg role="img" aria-label="PromptPay &lt;test&gt;"')
    assert "<title>" in markup and "<script" not in markup


def test_the_shown_id_hides_the_middle() -> None:
    assert promptpay.display_id("0812345678") == "081xxx5678"
