"""Masking of personal data (SPEC §7): what a BI user, an export or a log may see."""

import re

_DIGITS = re.compile(r"\D")


def mask_phone(phone: str | None) -> str | None:
    """'13812345678' -> '138****5678'; anything not 11 digits keeps no more than its ends."""
    if phone is None:
        return None
    digits = _DIGITS.sub("", str(phone))
    for prefix in ("0086", "86"):  # the country code, written with or without a leading 00
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            digits = digits[len(prefix) :]
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return "*" * len(digits)


def mask_name(name: str | None) -> str | None:
    """'张三丰' -> '张*': the family name alone identifies nobody."""
    if name is None:
        return None
    name = str(name).strip()
    return f"{name[0]}*" if name else name
