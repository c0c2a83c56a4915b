"""Identifying fields are stored as a token only the configured keys open (evidence.crypto)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from evidence import crypto

KEY_A = "a:" + "A" * 43 + "="
KEY_B = "b:" + "B" * 43 + "="
IDENTITY = {"head_name": "นางสาวทดสอบ ใจดี", "phone": "0812345678",
            "members": {"1": {"member_name": "นายหนึ่ง", "id_number": "1101700207030"}}}


@override_settings(EVIDENCE_KEYS=KEY_A)
def test_the_token_holds_no_readable_name() -> None:
    token = crypto.encrypt(IDENTITY, "HH-TEST")
    assert "ทดสอบ".encode() not in token
    assert b"0812345678" not in token and b"1101700207030" not in token
    assert crypto.decrypt(token, "HH-TEST") == IDENTITY


@override_settings(EVIDENCE_KEYS=KEY_A)
def test_a_token_moved_to_another_household_does_not_open() -> None:
    token = crypto.encrypt(IDENTITY, "HH-ONE")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, "HH-TWO")


def test_old_keys_still_open_and_rotation_moves_to_the_first_key() -> None:
    with override_settings(EVIDENCE_KEYS=KEY_A):
        old = crypto.encrypt(IDENTITY, "HH-1")
    with override_settings(EVIDENCE_KEYS=f"{KEY_B},{KEY_A}"):
        assert crypto.decrypt(old, "HH-1") == IDENTITY
        new = crypto.rotate(old, "HH-1")
        assert crypto.key_id_of(new) == "b"
    with override_settings(EVIDENCE_KEYS=KEY_B):
        assert crypto.decrypt(new, "HH-1") == IDENTITY
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(old, "HH-1")


@pytest.mark.parametrize("spec", ["nokey", "a:c2hvcnQ=", ","])
def test_a_malformed_key_setting_is_refused_clearly(spec: str) -> None:
    with override_settings(EVIDENCE_KEYS=spec), pytest.raises(ImproperlyConfigured):
        crypto.encrypt(IDENTITY, "HH-1")
