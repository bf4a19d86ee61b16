-- The four radar scores (0-100) of every customer as of the run. Each is a percentile among
-- all customers (percent_rank: lowest 0, highest 100, ties equal), weighted as configured in
-- tag_thresholds:
--   spending_power = 100 * pct(year_spend)
--   loyalty        = 100 * (w * pct(orders_total) + (1 - w) * pct(days_since_first_order))
--   activity       = 100 * (w * pct(activity_logins) + (1 - w) * pct(-days_since_last_interaction))
--   potential      = 100 * (w * pct(year_spend - previous_year_spend) + (1 - w) * pct(recent_aov))
-- A missing input ranks lowest.
with metrics as (
    select * from {{ ref('int_customer_metrics_joined') }}
),

weights as (
    select
        {{ tag_param('radar_loyalty_weight_orders') }} as loyalty_orders,
        {{ tag_param('radar_activity_weight_logins') }} as activity_logins,
        {{ tag_param('radar_potential_weight_growth') }} as potential_growth
),

percentiles as (
    select
        customer_id,
        {{ percentile_of('year_spend') }} as spend_pct,
        {{ percentile_of('orders_total') }} as orders_pct,
        {{ percentile_of('coalesce(days_since_first_order, 0)') }} as tenure_pct,
        {{ percentile_of('activity_logins') }} as logins_pct,
        {{ percentile_of('days_since_last_interaction desc nulls first') }} as recency_pct,
        {{ percentile_of('year_spend - previous_year_spend') }} as growth_pct,
        {{ percentile_of('coalesce(recent_aov, 0)') }} as aov_pct
    from metrics
),

final as (
    select
        percentiles.customer_id,
        cast(round(100 * percentiles.spend_pct) as integer) as spending_power_score,
        cast(round(100 * (
            weights.loyalty_orders * percentiles.orders_pct
            + (1 - weights.loyalty_orders) * percentiles.tenure_pct
        )) as integer) as loyalty_score,
        cast(round(100 * (
            weights.activity_logins * percentiles.logins_pct
            + (1 - weights.activity_logins) * percentiles.recency_pct
        )) as integer) as activity_score,
        cast(round(100 * (
            weights.potential_growth * percentiles.growth_pct
            + (1 - weights.potential_growth) * percentiles.aov_pct
        )) as integer) as potential_score
    from percentiles
    cross join weights
)

select * from final
