-- The distribution of days between a customer's consecutive orders (all orders before the
-- cutoff), one row per interval band of the repurchase_interval_bands seed, with the share and
-- cumulative share of intervals.
with intervals as (
    select customer_id, order_date - previous_order_date as interval_days
    from {{ ref('int_orders_sequenced') }}
    where previous_order_date is not null
),

bands as (
    select * from {{ ref('repurchase_interval_bands') }}
),

-- ASOF join: each interval meets the band with the largest min_days not above it (a hash
-- and sort plan, not a range join over millions of intervals).
banded_intervals as (
    select bands.interval_band, intervals.customer_id, intervals.interval_days
    from intervals
    asof inner join bands on intervals.interval_days >= bands.min_days
    where bands.max_days is null or intervals.interval_days < bands.max_days
),

by_band as (
    select
        bands.interval_band,
        bands.sort_order,
        bands.min_days,
        bands.max_days,
        count(banded_intervals.customer_id) as intervals,
        count(distinct banded_intervals.customer_id) as customers,
        median(banded_intervals.interval_days) as median_days
    from bands
    left join banded_intervals on bands.interval_band = banded_intervals.interval_band
    group by bands.interval_band, bands.sort_order, bands.min_days, bands.max_days
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        *,
        intervals / nullif(sum(intervals) over (), 0) as interval_share,
        sum(intervals) over (order by sort_order) / nullif(sum(intervals) over (), 0)
            as cumulative_share
    from by_band
)

select * from final
