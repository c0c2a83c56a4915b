"""`manage.py check --deploy` warns when production runs on the demo's derived evidence key,
and reports a key setting it cannot read."""

from __future__ import annotations

from django.test import override_settings

from evidence.checks import evidence_keys_configured
from evidence.crypto import generate_key


def ids(messages: list) -> list[str]:
    return [m.id for m in messages]


def test_no_keys_is_a_warning() -> None:
    with override_settings(EVIDENCE_KEYS=""):
        assert ids(evidence_keys_configured()) == ["evidence.W001"]


def test_an_unreadable_setting_is_an_error() -> None:
    for spec in ("nokey", "a:c2hvcnQ=", "a:!!!"):
        with override_settings(EVIDENCE_KEYS=spec):
            assert ids(evidence_keys_configured()) == ["evidence.E001"], spec


def test_real_keys_pass() -> None:
    with override_settings(EVIDENCE_KEYS=f"new:{generate_key()},old:{generate_key()}"):
        assert evidence_keys_configured() == []
