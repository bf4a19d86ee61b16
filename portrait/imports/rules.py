"""Thresholds of template validation (SPEC §1.3), in one frozen dataclass.

Import validation only rejects what cannot be right; the analysis ranges of
§2 (e.g. ages 18–90) are applied later, in staging, as flags.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ImportRules:
    """What a template row must satisfy to be loaded."""

    # Mainland mobile numbers: 11 digits starting 13–19, after removing spaces, dashes, +86.
    phone_pattern: str = r"1[3-9]\d{9}"
    # A customer's age in years; 0 or 200 is a typo, not a person.
    age_min: int = 1
    age_max: int = 120
    # Prices are in CNY: cents at most.
    price_decimals: int = 2
    # |total - quantity × unit price| above this (CNY) is a mismatch, not rounding.
    total_tolerance: Decimal = Decimal("0.01")
    # Excel day serials accepted as dates: 20000 = 1954-10-03 .. 80000 = 2119-01-08.
    serial_min: int = 20000
    serial_max: int = 80000
    # Dates after "today" in this zone are rejected (a purchase cannot be in the future).
    timezone: str = "Asia/Shanghai"
    # First characters that make a spreadsheet run a cell as a formula (OWASP CSV injection).
    formula_prefixes: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
    genders: dict[str, str] = field(
        default_factory=lambda: {
            "男": "男", "m": "男", "male": "男", "女": "女", "f": "女", "female": "女",
            "未知": "未知", "u": "未知", "unknown": "未知",
        }
    )  # fmt: skip
    levels: dict[str, str] = field(
        default_factory=lambda: {
            "vip": "VIP", "潜力": "潜力", "potential": "潜力", "普通": "普通", "normal": "普通",
        }
    )  # fmt: skip
