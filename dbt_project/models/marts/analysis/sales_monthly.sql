-- One row per calendar month up to the as-of date: sales (net of refunds), orders,
-- customers and the derived average order value (sales / orders).
with orders as (
    select customer_id, order_date, net_amount
    from {{ ref('fct_orders') }}
    where ordered_at < {{ pit_cutoff() }}
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        cast(date_trunc('month', order_date) as date) as sales_month,
        sum(net_amount) as sales,
        count(*) as orders,
        count(distinct customer_id) as customers,
        round(sum(net_amount) / count(*), 2) as average_order_value
    from orders
    group by date_trunc('month', order_date)
)

select * from final
