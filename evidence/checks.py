"""``manage.py check --deploy``: production must have its own evidence keys.

Without KLANG_EVIDENCE_KEYS the identifying fields are encrypted under a key derived from the
secret key (``evidence.crypto._demo_key``): fine for the demo, not for real households.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security, deploy=True)
def evidence_keys_configured(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    spec = getattr(settings, "EVIDENCE_KEYS", "") or ""
    if not spec.strip():
        return [checks.Warning(
            "KLANG_EVIDENCE_KEYS is empty: household names and ID numbers are encrypted with "
            "a key derived from the secret key, meant only for the demo.",
            hint="Run `manage.py evidence_key` and set KLANG_EVIDENCE_KEYS to its output.",
            id="evidence.W001")]
    from evidence import crypto

    try:
        crypto._parse(spec)
    except (ImproperlyConfigured, ValueError) as error:
        return [checks.Error(f"KLANG_EVIDENCE_KEYS cannot be read: {error}",
                             hint="Entries look like id:key, separated by commas; keys are "
                                  "32 bytes in URL-safe base64 (manage.py evidence_key).",
                             id="evidence.E001")]
    return []
