"""Point-in-time customer features: as of a date, from events strictly before its end.

An event belongs to as-of date D only if its timestamp is < D + 1 day, so a
feature row for D can be rebuilt later and never sees the future. DuckDB (in
memory, over the given frames) does the counting; nothing is read or written.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ml.params import DEFAULTS, FeatureParams

FEATURES = [
    "recency_days",
    "tenure_days",
    "orders_lifetime",
    "orders_365d",
    "spend_365d",
    "avg_order_value",
    "mean_interval_days",
    "overdue_ratio",
    "is_single_purchase",
    "order_trend",
    "spend_trend",
    "coupon_share",
    "return_share",
    "complaints_180d",
    "tickets_90d",
    "contact_trend",
    "sessions_30d",
    "session_trend",
]

_SQL = """
with
dates as (
    select as_of_date::date as as_of_date, as_of_date::date + interval 1 day as cutoff
    from as_of_dates
),
purchases as (
    select
        customer_id,
        ordered_at,
        coalesce(net_amount, 0)::double as amount,
        coalesce(has_coupon, false)::int as coupon,
        coalesce(has_return, false)::int as returned
    from orders
    where status = $purchase_status and customer_id is not null and ordered_at is not null
        and hash(customer_id) % 1000000 < $sample_ppm
),
buying as (
    select
        d.as_of_date, d.cutoff, p.customer_id,
        count(*) as orders_lifetime,
        min(p.ordered_at) as first_at,
        max(p.ordered_at) as last_at,
        sum(p.amount) / count(*) as avg_order_value,
        count(*) filter (p.ordered_at >= d.cutoff - to_days($frequency)) as orders_365d,
        coalesce(sum(p.amount) filter (p.ordered_at >= d.cutoff - to_days($frequency)), 0)
            as spend_365d,
        count(*) filter (p.ordered_at >= d.cutoff - to_days($trend)) as orders_recent,
        count(*) filter (p.ordered_at >= d.cutoff - to_days(2 * $trend)
            and p.ordered_at < d.cutoff - to_days($trend)) as orders_previous,
        coalesce(sum(p.amount) filter (p.ordered_at >= d.cutoff - to_days($trend)), 0)
            as spend_recent,
        coalesce(sum(p.amount) filter (p.ordered_at >= d.cutoff - to_days(2 * $trend)
            and p.ordered_at < d.cutoff - to_days($trend)), 0) as spend_previous,
        avg(p.coupon) as coupon_share,
        avg(p.returned) as return_share,
        -- The mean gap between consecutive purchases is (last - first) / (n - 1): no sort needed.
        epoch(max(p.ordered_at) - min(p.ordered_at)) / 86400.0 / nullif(count(*) - 1, 0)
            as mean_interval_days
    from purchases as p
    inner join dates as d on p.ordered_at < d.cutoff
    group by all
),
contacts as (
    select
        d.as_of_date, t.customer_id,
        count(*) filter (t.created_at >= d.cutoff - to_days($trend)) as tickets_recent,
        count(*) filter (t.created_at >= d.cutoff - to_days(2 * $trend)
            and t.created_at < d.cutoff - to_days($trend)) as tickets_previous,
        count(*) filter (t.ticket_type = 'complaint'
            and t.created_at >= d.cutoff - to_days($complaint)) as complaints_180d
    from tickets as t
    inner join dates as d
        on hash(t.customer_id) % 1000000 < $sample_ppm
        and t.created_at < d.cutoff
        and t.created_at >= d.cutoff - to_days(greatest(2 * $trend, $complaint))
    group by all
),
logins as (
    select
        d.as_of_date, s.customer_id,
        count(*) filter (s.started_at >= d.cutoff - to_days($activity)) as sessions_30d,
        count(*) filter (s.started_at >= d.cutoff - to_days($trend)) as sessions_recent,
        count(*) filter (s.started_at >= d.cutoff - to_days(2 * $trend)
            and s.started_at < d.cutoff - to_days($trend)) as sessions_previous
    from sessions as s
    inner join dates as d
        on hash(s.customer_id) % 1000000 < $sample_ppm
        and s.started_at < d.cutoff
        and s.started_at >= d.cutoff - to_days(greatest(2 * $trend, $activity))
    group by all
),
registered as (
    select customer_id, min(registered_at) as registered_at from customers group by all
),
final as (
    select
        b.customer_id,
        b.as_of_date,
        epoch(b.cutoff - b.last_at) / 86400.0 as recency_days,
        epoch(b.cutoff - least(b.first_at, coalesce(r.registered_at, b.first_at))) / 86400.0
            as tenure_days,
        b.orders_lifetime,
        b.orders_365d,
        b.spend_365d,
        b.avg_order_value,
        b.mean_interval_days,
        -- Days since the last purchase in units of the customer's own rhythm (a day at least).
        case when b.mean_interval_days is not null then
            (epoch(b.cutoff - b.last_at) / 86400.0) / greatest(b.mean_interval_days, 1.0)
        end as overdue_ratio,
        (b.orders_lifetime = 1)::int as is_single_purchase,
        b.orders_recent - b.orders_previous as order_trend,
        ln(1 + b.spend_recent) - ln(1 + b.spend_previous) as spend_trend,
        b.coupon_share,
        b.return_share,
        coalesce(c.complaints_180d, 0) as complaints_180d,
        coalesce(c.tickets_recent, 0) as tickets_90d,
        coalesce(c.tickets_recent, 0) - coalesce(c.tickets_previous, 0) as contact_trend,
        coalesce(l.sessions_30d, 0) as sessions_30d,
        coalesce(l.sessions_recent, 0) - coalesce(l.sessions_previous, 0) as session_trend
    from buying as b
    left join registered as r using (customer_id)
    left join contacts as c using (as_of_date, customer_id)
    left join logins as l using (as_of_date, customer_id)
)
select * from final order by as_of_date, customer_id
"""

_EMPTY = {
    "tickets": {"customer_id": "", "created_at": pd.Timestamp(0), "ticket_type": ""},
    "sessions": {"customer_id": "", "started_at": pd.Timestamp(0)},
    "customers": {"customer_id": "", "registered_at": pd.Timestamp(0)},
}


def _frame_or_empty(frame: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """Absent sources (no service system, no logins) give zero counts, not an error."""
    if frame is not None:
        return frame
    return pd.DataFrame({k: pd.Series([v]) for k, v in _EMPTY[name].items()}).iloc[:0]


@dataclass(frozen=True)
class Facts:
    """The clean facts the models read (pandas frames or Arrow tables, marts column names).

    orders: customer_id, order_id, ordered_at, status, net_amount, has_coupon,
    has_return; tickets: customer_id, created_at, ticket_type; sessions:
    customer_id, started_at; customers: customer_id, registered_at. Absent
    systems (no service desk, no logins) are None and count as zero.
    """

    orders: pd.DataFrame | pa.Table
    tickets: pd.DataFrame | pa.Table | None = None
    sessions: pd.DataFrame | pa.Table | None = None
    customers: pd.DataFrame | pa.Table | None = None

    def first_purchase_at(self) -> dt.datetime | None:
        """Time of the earliest order of any status (None without orders)."""
        column = self.orders["ordered_at"]
        first = pc.min(column).as_py() if isinstance(column, pa.ChunkedArray) else column.min()
        return None if pd.isna(first) else pd.Timestamp(first).to_pydatetime()


def events_since(first_as_of: dt.date, params: FeatureParams = DEFAULTS.features) -> dt.date:
    """The earliest day a ticket or session window reaches back to from `first_as_of`."""
    days = max(
        2 * params.trend_window_days, params.complaint_window_days, params.activity_window_days
    )
    return first_as_of + dt.timedelta(days=1) - dt.timedelta(days=days)


def build_features(
    facts: Facts,
    as_of_dates: Sequence[dt.date],
    params: FeatureParams = DEFAULTS.features,
    customer_share: float = 1.0,
) -> pd.DataFrame:
    """One row per (customer with a purchase before the date's end, as-of date).

    `customer_share` < 1 keeps a fixed pseudo-random subset of customers (by a hash
    of the id, so the same customers at every date): training needs a sample, and
    sampling before the join keeps the work proportional to it.
    """
    con = duckdb.connect()
    try:
        con.register("orders", facts.orders)
        con.register("tickets", _frame_or_empty(facts.tickets, "tickets"))
        con.register("sessions", _frame_or_empty(facts.sessions, "sessions"))
        con.register("customers", _frame_or_empty(facts.customers, "customers"))
        con.register("as_of_dates", pd.DataFrame({"as_of_date": pd.to_datetime(list(as_of_dates))}))
        result = con.execute(
            _SQL,
            {
                "purchase_status": params.purchase_status,
                "frequency": params.frequency_window_days,
                "trend": params.trend_window_days,
                "complaint": params.complaint_window_days,
                "activity": params.activity_window_days,
                "sample_ppm": round(customer_share * 1_000_000),
            },
        ).df()
    finally:
        con.close()
    result["as_of_date"] = pd.to_datetime(result["as_of_date"]).dt.date
    return result[["customer_id", "as_of_date", *FEATURES]]
