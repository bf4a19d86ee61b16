"""The monthly schedule refreshes the month that just ended, in Shanghai time."""

import datetime as dt
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.partitions import last_complete_month, month_end, partition_key_for_month
from orchestration.schedules import monthly_refresh_schedule

SHANGHAI = ZoneInfo("Asia/Shanghai")


def partition_requested_at(when: dt.datetime) -> list[str]:
    request = monthly_refresh_schedule(dg.build_schedule_context(scheduled_execution_time=when))
    return [request.partition_key]


def test_runs_on_the_first_at_two_in_shanghai():
    assert monthly_refresh_schedule.cron_schedule == "0 2 1 * *"
    assert monthly_refresh_schedule.execution_timezone == "Asia/Shanghai"


def test_refreshes_the_previous_month():
    assert partition_requested_at(dt.datetime(2026, 12, 1, 2, 0, tzinfo=SHANGHAI)) == ["2026-11-01"]
    assert partition_requested_at(dt.datetime(2026, 1, 1, 2, 0, tzinfo=SHANGHAI)) == ["2025-12-01"]
    # The same instant seen from UTC is still the 30th of November there.
    assert partition_requested_at(dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)) == ["2026-11-01"]


def test_as_of_date_is_the_month_end():
    assert month_end("2024-02-01") == dt.date(2024, 2, 29)
    assert month_end("2025-12") == dt.date(2025, 12, 31)
    assert partition_key_for_month("2025-7") == "2025-07-01"


def test_last_complete_month():
    assert last_complete_month(dt.date(2026, 11, 22)) == "2026-10"
    assert last_complete_month(dt.date(2026, 1, 1)) == "2025-12"
