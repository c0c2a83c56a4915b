"""The Thai national ID number (เลขประจำตัวประชาชน): 13 digits, the last a check digit.

Check digit: (11 − Σ dᵢ × (14 − i) for i = 1..12, mod 11) mod 10 (Department of Provincial
Administration's rule). Never required anywhere: stateless people have none (seed 003).
"""

from __future__ import annotations

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalise(value: str) -> str:
    """Digits only: Thai digits read as Arabic, spaces and dashes dropped."""
    return "".join(ch for ch in value.translate(THAI_DIGITS) if ch.isdigit())


def is_valid(value: str) -> bool:
    digits = normalise(value)
    if len(digits) != 13 or len(value.translate(THAI_DIGITS).replace("-", "").replace(" ", "")) != 13:
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])
