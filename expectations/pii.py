"""Personal data in BI-facing tables: how to find it (SQL) and how to show a sample (masked).

SPEC §7: a BI user may see a name only as `张*` and a phone only as `138****5678`;
e-mails and street addresses are never exposed. The detector is deliberately a
little wider than the publish guard in `portrait.serving` (it also catches
numbers written with spaces, dashes or a +86 prefix), so a check fails before
the guard would have to refuse the publish.
"""

import re
from typing import Any

from expectations.sql import quote
from portrait.privacy import mask_name, mask_phone

# A mainland mobile number (1[3-9] + 9 digits), optionally +86 / 0086 and separators, not
# inside a longer run of digits or Latin letters: compact timestamps are longer, and hex ids
# such as golden customer ids ('C' + 16 hex digits) can hold 11 digits in a row.
PHONE_REGEX = r"(^|[^0-9A-Za-z])((\+|00)?86[ -]?)?1[3-9][0-9]([ -]?[0-9]){8}([^0-9A-Za-z]|$)"
EMAIL_REGEX = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
# What a masked name looks like: one character, then only asterisks.
MASKED_NAME_REGEX = r"^.\*+$"
# A plausible full Chinese name (2-4 Han characters, optional middle dot for minority names).
FULL_NAME_REGEX = r"^[\x{4e00}-\x{9fff}][\x{4e00}-\x{9fff}·]{1,3}$"

# Columns that hold a person's name or phone wherever they appear (masked or not).
_NAME_COLUMN = re.compile(r"^((customer|contact|full|real)_)?name(_masked)?$|^姓名$")
_PHONE_COLUMN = re.compile(r"^((customer|contact)_)?(phone|mobile)(_number)?(_masked)?$|^联系方式$")
# Columns whose values are never shown, masked or not.
HIDDEN_COLUMNS = frozenset({"email", "ship_address", "address", "street_address"})

_PHONE = re.compile(r"(?<![0-9A-Za-z])((\+|00)?86[ -]?)?1[3-9][0-9]([ -]?[0-9]){8}(?![0-9A-Za-z])")
_LONG_DIGITS = re.compile(r"[0-9]{7,}")
_EMAIL = re.compile(EMAIL_REGEX)


def is_name_column(column: str | None) -> bool:
    return column is not None and bool(_NAME_COLUMN.match(column))


def is_phone_column(column: str | None) -> bool:
    return column is not None and bool(_PHONE_COLUMN.match(column))


def text_columns(schema: dict[str, str]) -> list[str]:
    """Columns a person's data could hide in: strings and lists of strings."""
    return [c for c, t in schema.items() if t == "VARCHAR" or t.startswith("VARCHAR[")]


def phone_or_email_sql(column: str) -> str:
    """SQL predicate: the column's text contains an unmasked phone number or an e-mail."""
    text = f"cast({quote(column)} as varchar)"
    return f"(regexp_matches({text}, '{PHONE_REGEX}') or regexp_matches({text}, '{EMAIL_REGEX}'))"


def unmasked_name_sql(column: str) -> str:
    """SQL predicate: a name column holds something other than `X*` (null and '' are fine)."""
    col = quote(column)
    return f"({col} <> '' and not regexp_matches({col}, '{MASKED_NAME_REGEX}'))"


def known_name_sql(column: str, names_table: str, names_column: str) -> str:
    """SQL predicate: the value equals a real full name from the restricted layer."""
    return (
        f"({quote(column)} in (select {quote(names_column)} from {names_table} "
        f"where regexp_matches({quote(names_column)}, '{FULL_NAME_REGEX}')))"
    )


def mask_text(value: str, *, identifier: bool = False) -> str:
    """Mask phone numbers and e-mails inside free text.

    Outside identifier columns any run of 7+ digits is masked too: a dirty phone
    (10 digits, stray letters) is still a phone. Identifiers keep their digits so
    a sample row can be found again.
    """
    value = _EMAIL.sub(lambda m: mask_email(m.group(0)), value)
    value = _PHONE.sub(lambda m: mask_phone(m.group(0)), value)
    if identifier:
        return value
    return _LONG_DIGITS.sub(lambda m: mask_phone(m.group(0)), value)


def mask_email(value: str) -> str:
    """'zhang.san@example.com' -> 'z***@example.com'."""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_value(column: str | None, value: Any, *, sensitive: bool = False) -> Any:
    """What a sample may show of one value of a column (never a raw phone, name or e-mail).

    `sensitive` values were found to be personal data (the PII check's samples): text
    without a phone or e-mail in it is then masked like a name, whatever its column.
    """
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [mask_value(column, item, sensitive=sensitive) for item in value]
    if column in HIDDEN_COLUMNS:
        return "***"
    if is_name_column(column):
        return mask_name(str(value))
    if is_phone_column(column):
        return mask_phone(str(value)) or "***"
    if isinstance(value, str):
        masked = mask_text(value, identifier=_is_identifier(column) and not sensitive)
        return mask_name(value) if sensitive and masked == value else masked
    if isinstance(value, int) and not isinstance(value, bool):
        masked = mask_text(str(value), identifier=True)  # a phone stored as a number
        return value if masked == str(value) else masked
    return value


def _is_identifier(column: str | None) -> bool:
    return column is not None and (column.endswith("_id") or column.startswith("_source_"))


def mask_row(row: dict[str, Any], *, sensitive: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Mask every value of a sample row by its column; `sensitive` columns hold found PII."""
    return {c: mask_value(c, v, sensitive=c in sensitive) for c, v in row.items()}
