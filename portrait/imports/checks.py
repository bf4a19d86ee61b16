"""Checks of single template cells: each returns the normalized text or raises Invalid.

Messages quote the value as the person typed it (phones masked, long text
cut), so `row 5, 联系方式: "138****4567" has 10 digits, expected 11` is enough
to find and fix the cell.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from portrait.extract.cells import cell_text
from portrait.imports.dates import DateProblem, date_text, parse_date
from portrait.imports.rules import ImportRules
from portrait.imports.templates import Field
from portrait.privacy import mask_phone

_PHONE_NOISE = re.compile(r"[\s\-()（）]")
_TAG_SPLIT = re.compile(r"[,，、;；]")
_MONEY_NOISE = re.compile(r"[¥￥,\s元]")
_PREVIEW = 30


class Invalid(ValueError):
    """A cell that fails its check: a counted kind, a message and a suggested fix."""

    def __init__(self, kind: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.kind, self.message, self.fix = kind, message, fix


def check_cell(value: object, field: Field, rules: ImportRules, today: dt.date) -> str | None:
    """Normalized text of one cell, None when blank and optional."""
    # Most cells are already text (every CSV cell): skip the conversion for them.
    text = value.strip() if value.__class__ is str else (cell_text(value) or "").strip()
    if not text:
        if field.required:
            raise Invalid("missing", "is required but empty", f"fill in {field.label}")
        return None
    return _CHECKS[field.kind](value, text, field, rules, today)


def show(text: str) -> str:
    """A value quoted for a message, cut to a readable length."""
    return f'"{text[:_PREVIEW]}…"' if len(text) > _PREVIEW else f'"{text}"'


def _text(value, text: str, field: Field, rules: ImportRules, today) -> str:
    if text.startswith(rules.formula_prefixes):
        raise Invalid(
            "formula-like",
            f"{show(text)} starts with {text[0]!r} and would run as a formula",
            f"remove the leading {text[0]!r}",
        )
    if len(text) > field.max_length:
        raise Invalid(
            "too long",
            f"{show(text)} is {len(text)} characters long, at most {field.max_length}",
            f"shorten it to {field.max_length} characters",
        )
    return text


def _phone(value, text: str, field: Field, rules: ImportRules, today) -> str:
    if re.fullmatch(rules.phone_pattern, text):
        return text  # the common case: already clean
    digits = _PHONE_NOISE.sub("", text)
    digits = re.sub(r"^(?:\+86|0086|86(?=\d{11}$))", "", digits)
    masked = f'"{mask_phone(text)}"'
    if not digits.isdigit():
        raise Invalid(
            "not digits",
            f"{masked} contains characters other than digits",
            "keep only the 11 digits of the mobile number",
        )
    if len(digits) != 11:
        raise Invalid(
            "wrong digit count",
            f"{masked} has {len(digits)} digits, expected 11",
            "check for a missing or extra digit",
        )
    if not re.fullmatch(rules.phone_pattern, digits):
        raise Invalid(
            "not a mobile number",
            f"{masked} is not a mainland mobile number",
            "a mobile number starts with 13–19",
        )
    return digits


def _choice(mapping: dict[str, str], allowed: str):
    def check(value, text: str, field: Field, rules: ImportRules, today) -> str:
        choice = getattr(rules, mapping).get(text.lower())
        if choice is None:
            raise Invalid(
                "not allowed", f"{show(text)} is not one of {allowed}", f"use one of {allowed}"
            )
        return choice

    return check


def _age(value, text: str, field: Field, rules: ImportRules, today) -> str:
    age = _whole_number(text.removesuffix("岁"), "enter the age in whole years")
    if not rules.age_min <= age <= rules.age_max:
        raise Invalid(
            "out of range",
            f"{show(text)} is outside {rules.age_min}–{rules.age_max}",
            "enter the age in years, or leave it blank",
        )
    return str(age)


def _date(value, text: str, field: Field, rules: ImportRules, today: dt.date) -> str:
    try:
        moment = parse_date(value if not isinstance(value, str) else text, rules)
    except DateProblem as problem:
        raise Invalid("not a date", str(problem), "use YYYY-MM-DD, e.g. 2024-05-01") from None
    if moment.date() > today:
        raise Invalid(
            "future date",
            f"{show(text)} is in the future (today is {today})",
            "check the year and month",
        )
    return date_text(moment)


def _tags(value, text: str, field: Field, rules: ImportRules, today) -> str:
    _text(value, text, field, rules, today)
    return ",".join(tag.strip() for tag in _TAG_SPLIT.split(text) if tag.strip())


def _quantity(value, text: str, field: Field, rules: ImportRules, today) -> str:
    quantity = _whole_number(text, "enter a whole number of items")
    if quantity <= 0:
        raise Invalid(
            "not positive", f"{show(text)} is not a positive quantity", "enter at least 1"
        )
    return str(quantity)


def _price(value, text: str, field: Field, rules: ImportRules, today) -> str:
    price = _money(text)
    places = -price.normalize().as_tuple().exponent
    if places > rules.price_decimals:
        raise Invalid(
            "too many decimals",
            f"{show(text)} has {places} decimals, at most {rules.price_decimals}",
            "round it to cents",
        )
    return f"{price:.{rules.price_decimals}f}"


def _amount(value, text: str, field: Field, rules: ImportRules, today) -> str:
    # Totals are often Excel formulas (=B2*C2) carrying binary noise: compare, don't count decimals.
    return f"{_money(text).quantize(Decimal('0.01')):.2f}"


def _money(text: str) -> Decimal:
    amount = _decimal(text)
    if amount is None:  # '¥1,999.00', '1999元'
        amount = _decimal(_MONEY_NOISE.sub("", text))
    if amount is None or not amount.is_finite():
        raise Invalid(
            "not a number", f"{show(text)} is not a number", "enter digits only, e.g. 199.00"
        )
    if amount < 0:
        raise Invalid("negative", f"{show(text)} is negative", "enter the amount without a minus")
    return amount


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _whole_number(text: str, fix: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise Invalid("not a number", f"{show(text)} is not a number", fix) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise Invalid("not a whole number", f"{show(text)} is not a whole number", fix)
    return int(number)


_CHECKS = {
    "id": _text,
    "text": _text,
    "phone": _phone,
    "gender": _choice("genders", "男/女/未知"),
    "age": _age,
    "past_date": _date,
    "level": _choice("levels", "VIP/潜力/普通"),
    "tags": _tags,
    "quantity": _quantity,
    "price": _price,
    "amount": _amount,
}
