"""Encryption at rest of the identifying fields of household evidence (PDPA, DESIGN.md §6).

Names, ID numbers, phone numbers, exact addresses and GPS positions of a household and its
members are stored as one AES-256-GCM token per household (``Household.identity``), never in
plain columns. The keys come from settings (``KLANG_EVIDENCE_KEYS``: ``id:key,id:key``, keys in
URL-safe base64 of 32 bytes, the first one encrypts); older keys still decrypt, and
``manage.py rotate_evidence_keys`` re-encrypts every token under the first key.

A token is ``<key id>:<nonce><ciphertext+tag>``; the household's pseudonym is bound in as
associated data, so a token copied onto another household does not decrypt.
"""

from __future__ import annotations

import base64
import json
import os
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12


class DecryptionError(Exception):
    """A token that no configured key opens (wrong key, tampered, or moved to another record)."""


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _demo_key() -> str:
    # Only for the demo and tests: derived from the secret key so the demo works with nothing
    # configured. Production must set KLANG_EVIDENCE_KEYS (checked by `check --deploy`).
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"klang-evidence",
                   info=b"demo").derive(settings.SECRET_KEY.encode())
    return base64.urlsafe_b64encode(derived).decode()


@lru_cache(maxsize=8)
def _parse(spec: str) -> tuple[tuple[str, AESGCM], ...]:
    keys: list[tuple[str, AESGCM]] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        key_id, sep, encoded = part.partition(":")
        if not sep or not key_id or ":" in key_id:
            raise ImproperlyConfigured("KLANG_EVIDENCE_KEYS entries look like id:base64key")
        raw = base64.urlsafe_b64decode(encoded.encode())
        if len(raw) != 32:
            raise ImproperlyConfigured(f"Evidence key {key_id!r} must be 32 bytes")
        keys.append((key_id, AESGCM(raw)))
    if not keys:
        raise ImproperlyConfigured("KLANG_EVIDENCE_KEYS holds no key")
    return tuple(keys)


def keyring() -> tuple[tuple[str, AESGCM], ...]:
    spec = getattr(settings, "EVIDENCE_KEYS", "") or f"demo:{_demo_key()}"
    return _parse(spec)


def current_key_id() -> str:
    return keyring()[0][0]


def encrypt(data: dict[str, Any], bound_to: str) -> bytes:
    """Encrypt ``data`` (JSON-serialisable) for the record whose pseudonym is ``bound_to``."""
    key_id, aead = keyring()[0]
    nonce = os.urandom(NONCE_BYTES)
    plaintext = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return key_id.encode() + b":" + nonce + aead.encrypt(nonce, plaintext, bound_to.encode())


def decrypt(token: bytes | memoryview | None, bound_to: str) -> dict[str, Any]:
    if not token:
        return {}
    token = bytes(token)
    key_id, sep, rest = token.partition(b":")
    if not sep:
        raise DecryptionError("not a Klang token")
    for candidate_id, aead in keyring():
        if candidate_id.encode() == key_id:
            try:
                plaintext = aead.decrypt(rest[:NONCE_BYTES], rest[NONCE_BYTES:], bound_to.encode())
            except InvalidTag as exc:
                raise DecryptionError("the token does not open with its key") from exc
            return json.loads(plaintext)
    raise DecryptionError(f"no key {key_id.decode(errors='replace')!r} is configured")


def key_id_of(token: bytes | memoryview | None) -> str:
    if not token:
        return ""
    return bytes(token).partition(b":")[0].decode(errors="replace")


def rotate(token: bytes | memoryview | None, bound_to: str) -> bytes | None:
    """The same data under the current key (``None`` stays ``None``)."""
    if not token:
        return None
    if key_id_of(token) == current_key_id():
        return bytes(token)
    return encrypt(decrypt(token, bound_to), bound_to)
