"""Monthly as-of partitions: every asset is materialized as of a month end."""

import calendar
import datetime as dt

import dagster as dg

TIMEZONE = "Asia/Shanghai"

# The partition key is the month's first day ("2025-10-01"); the as-of date the
# pipeline computes for is that month's last day, so a run for October sees
# everything up to and including 2025-10-31 (Shanghai time).
monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date="2023-01-01", timezone=TIMEZONE, end_offset=0
)


def month_end(partition_key: str) -> dt.date:
    """The as-of date (last day of the month) for a partition key like '2025-10-01' or '2025-10'."""
    year, month = (int(part) for part in partition_key.split("-")[:2])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def as_of_date(context: dg.AssetExecutionContext) -> dt.date:
    """The as-of date of the partition this asset run materializes."""
    return month_end(context.partition_key)


def partition_key_for_month(month: str) -> str:
    """'2025-10' -> '2025-10-01', the key Dagster uses for that month."""
    year, mon = (int(part) for part in month.split("-")[:2])
    return f"{year:04d}-{mon:02d}-01"


def last_complete_month(today: dt.date | None = None) -> str:
    """'YYYY-MM' of the most recent month that has fully ended (Shanghai calendar)."""
    if today is None:
        from zoneinfo import ZoneInfo

        today = dt.datetime.now(ZoneInfo(TIMEZONE)).date()
    first = today.replace(day=1)
    previous = first - dt.timedelta(days=1)
    return f"{previous.year:04d}-{previous.month:02d}"
