-- Order metrics per customer as of the run: only orders placed before the cutoff count.
-- Spend is net of refunds (fct_orders.net_amount).
with orders as (
    select customer_id, ordered_at, order_date, net_amount, has_coupon, has_return
    from {{ ref('fct_orders') }}
    where ordered_at < {{ pit_cutoff() }}
),

windows as (
    select
        {{ pit_months_ago(tag_param('recent_window_months')) }} as recent_start,
        {{ pit_months_ago(tag_param('year_window_months')) }} as year_start,
        {{ pit_months_ago(tag_param('year_window_months') ~ ' * 2') }} as previous_year_start
),

final as (
    select
        orders.customer_id,
        count(*) as orders_total,
        sum(orders.net_amount) as spend_total,
        min(orders.order_date) as first_order_date,
        max(orders.order_date) as last_order_date,
        count(*) filter (where orders.ordered_at >= windows.recent_start) as recent_orders,
        coalesce(sum(orders.net_amount) filter (where orders.ordered_at >= windows.recent_start), 0)
            as recent_spend,
        count(*) filter (where orders.ordered_at >= windows.recent_start and orders.has_coupon)
            as recent_coupon_orders,
        count(*) filter (where orders.ordered_at >= windows.recent_start and orders.has_return)
            as recent_return_orders,
        coalesce(sum(orders.net_amount) filter (where orders.ordered_at >= windows.year_start), 0)
            as year_spend,
        coalesce(sum(orders.net_amount) filter (
            where orders.ordered_at >= windows.previous_year_start
                and orders.ordered_at < windows.year_start
        ), 0) as previous_year_spend,
        -- RFM measures frequency and spend over the same history as recency (int_customer_rfm_scored).
        count(*) as rfm_frequency,
        coalesce(sum(orders.net_amount), 0) as rfm_monetary
    from orders
    cross join windows
    group by orders.customer_id
)

select * from final
