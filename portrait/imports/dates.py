"""Dates as people type them in spreadsheets, to ISO text.

Accepted: `2024-05-01`, `2024/5/1 13:22`, `2024.5.1`, `2024年5月1日`, `20240501`,
ISO with `T` (and an offset, converted to the rules' zone), Excel date cells,
and Excel day serials such as `45413` (= 2024-05-01).
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from portrait.imports.rules import ImportRules

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0, with its 1900 leap-year bug absorbed
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
_ISO = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?: \d{2}:\d{2}(?::\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")


class DateProblem(ValueError):
    """Text that is no date; str() is the reason shown to the person."""


def parse_date(value: object, rules: ImportRules) -> dt.datetime:
    """A naive datetime in the rules' zone; raises DateProblem with a readable reason."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value), str(value), rules)
    text = str(value).strip()
    if _ISO.fullmatch(text):  # the common case, parsed in C
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            raise DateProblem(f'"{text}" is not a valid calendar date') from None
    if _SERIAL.fullmatch(text):
        return _serial(float(text), text, rules)
    if match := _COMPACT.fullmatch(text):
        return _build(text, *match.groups())
    if match := _DATE.fullmatch(text):
        year, month, day, hour, minute, second, offset = match.groups()
        moment = _build(text, year, month, day, hour or 0, minute or 0, second or 0)
        if offset:
            moment = _to_zone(moment, offset, rules.timezone)
        return moment
    raise DateProblem(f'"{text}" is not a date')


def date_text(moment: dt.datetime) -> str:
    """'2024-05-01' for midnight, else '2024-05-01 13:22:05'."""
    if moment.time() == dt.time(0):
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat(sep=" ")


def today(rules: ImportRules) -> dt.date:
    return dt.datetime.now(ZoneInfo(rules.timezone)).date()


def _serial(number: float, text: str, rules: ImportRules) -> dt.datetime:
    if not rules.serial_min <= number <= rules.serial_max:
        raise DateProblem(f'"{text}" is not a date')
    return _EXCEL_EPOCH + dt.timedelta(days=round(number * 86400) / 86400)


def _build(text: str, *parts: object) -> dt.datetime:
    try:
        return dt.datetime(*(int(p) for p in parts))
    except ValueError:
        raise DateProblem(f'"{text}" is not a valid calendar date') from None


def _to_zone(moment: dt.datetime, offset: str, zone: str) -> dt.datetime:
    offset = "+00:00" if offset == "Z" else offset
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[-2:])
    tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    return moment.replace(tzinfo=tz).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
