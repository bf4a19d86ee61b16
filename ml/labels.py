"""Churn labels and the as-of dates a model may learn from."""

import calendar
import datetime as dt

import duckdb
import pandas as pd


def month_end_before(day: dt.date) -> dt.date:
    """The last day of the month before `day`'s month."""
    return day.replace(day=1) - dt.timedelta(days=1)


def training_as_of_dates(
    as_of: dt.date, horizon_days: int, count: int, earliest: dt.date | None = None
) -> list[dt.date]:
    """Up to `count` month ends, oldest first, whose label window ends on or before `as_of`.

    The label of date T looks at (T, T + horizon]; requiring T + horizon <= as_of
    means every label is already known on the as-of date, so scoring the current
    month never trains on its own future. Dates before `earliest` (the first
    purchase in the data) are skipped: nobody could be labelled there.
    """
    dates: list[dt.date] = []
    candidate = as_of if as_of.day == calendar.monthrange(as_of.year, as_of.month)[1] else None
    candidate = candidate or month_end_before(as_of)
    while len(dates) < count:
        if earliest is not None and candidate < earliest:
            break
        if candidate + dt.timedelta(days=horizon_days) <= as_of:
            dates.append(candidate)
        candidate = month_end_before(candidate)
    return sorted(dates)


def churn_labels(
    orders: pd.DataFrame, keys: pd.DataFrame, horizon_days: int, purchase_status: str
) -> pd.Series:
    """1 where the customer made no purchase in the `horizon_days` after the as-of date.

    `keys` has customer_id and as_of_date (one row per feature row); the result
    is aligned with it. A purchase counts from as_of_date + 1 day (00:00) up to,
    not including, as_of_date + 1 + horizon days.
    """
    con = duckdb.connect()
    try:
        con.register("orders", orders)
        frame = keys[["customer_id", "as_of_date"]].reset_index(drop=True)
        con.register("keys_frame", frame.assign(position=range(len(frame))))
        labels = con.execute(
            """
            with keyed as (
                select position, customer_id,
                    as_of_date::date + interval 1 day as window_start
                from keys_frame
            ),
            bought as (
                select distinct k.position
                from keyed as k
                inner join orders as o
                    on o.customer_id = k.customer_id
                    and o.ordered_at >= k.window_start
                    and o.ordered_at < k.window_start + to_days($horizon)
                where o.status = $status
            )
            select k.position, (b.position is null)::int as churned
            from keyed as k left join bought as b using (position)
            order by k.position
            """,
            {"horizon": horizon_days, "status": purchase_status},
        ).df()
    finally:
        con.close()
    return pd.Series(labels["churned"].to_numpy(), index=keys.index, name="churned")
