"""Schedules: on the 1st of each month (Asia/Shanghai), refresh the month that just ended."""

from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.jobs import monthly_refresh
from orchestration.partitions import TIMEZONE, last_complete_month, partition_key_for_month


@dg.schedule(
    job=monthly_refresh,
    cron_schedule="0 2 1 * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def monthly_refresh_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """At 02:00 on the 1st, materialize the partition of the month that just ended."""
    today = context.scheduled_execution_time.astimezone(ZoneInfo(TIMEZONE)).date()
    key = partition_key_for_month(last_complete_month(today))
    return dg.RunRequest(run_key=key, partition_key=key)
