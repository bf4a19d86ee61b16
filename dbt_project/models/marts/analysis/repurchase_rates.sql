-- Repurchase rates as of the run. One row per window of the repurchase_windows seed: among
-- customers whose first order is at least window_days before the as-of date (so the whole
-- window is observed), the share who ordered again within window_days of it. One more row
-- (window_days NULL) gives the overall rate: customers with 2+ orders / customers.
with orders as (
    select * from {{ ref('int_orders_sequenced') }}
),

customers as (
    select
        customer_id,
        min(order_date) as first_order_date,
        min(order_date) filter (where previous_order_date is not null) as second_order_date,
        count(*) as orders
    from orders
    group by customer_id
),

windowed as (
    select
        windows.window_days,
        count(*) as customers,
        count(*) filter (
            where customers.second_order_date - customers.first_order_date <= windows.window_days
        ) as repeat_customers
    from {{ ref('repurchase_windows') }} as windows
    inner join customers
        on customers.first_order_date <= {{ pit_as_of_date() }} - windows.window_days
    group by windows.window_days
),

overall as (
    select
        cast(null as integer) as window_days,
        count(*) as customers,
        count(*) filter (where orders >= 2) as repeat_customers
    from customers
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        window_days,
        customers,
        repeat_customers,
        repeat_customers / nullif(customers, 0) as repurchase_rate
    from (select * from windowed union all select * from overall)
)

select * from final
