"""Helpers and sizes shared by the demo tests."""

import re
import sqlite3
from pathlib import Path

import pandas as pd

END_MONTH = "2025-06"
# 12 months so the window holds a November, a 618 and a Spring Festival.
SMALL = {"customers": 500, "months": 12, "seed": 7, "end_month": END_MONTH}
PLACEHOLDERS = ("13800000000", "11111111111", "13900000000")


def read_table(root: Path, table: str) -> pd.DataFrame:
    with sqlite3.connect(root / "sources" / "crm_orders.sqlite") as con:
        return pd.read_sql_query(f'select * from "{table}"', con)


def normal_phone(value) -> str | None:
    """Digits of a valid mobile number after removing +86 / 0086, spaces and dashes."""
    if not isinstance(value, str):
        return None
    digits = re.sub(r"[\s-]", "", value)
    digits = re.sub(r"^(\+86|0086)", "", digits)
    return digits if re.fullmatch(r"1[3-9]\d{9}", digits) else None


def normal_date(value) -> str | None:
    """YYYY-MM-DD from the date styles the demo writes."""
    if not isinstance(value, str):
        return None
    match = re.match(r"^(\d{4})[-/年]?(\d{1,2})[-/月]?(\d{1,2})", value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_times(values: pd.Series) -> pd.Series:
    """Order timestamps in the styles the demo writes (standard, 2024/5/1 13:22, ISO)."""
    text = values.str.replace("T", " ", regex=False).str.replace("/", "-", regex=False)
    return pd.to_datetime(text, format="mixed")
