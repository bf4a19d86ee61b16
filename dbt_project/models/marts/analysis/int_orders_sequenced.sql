-- In-scope orders placed before the cutoff, each with the date of the same customer's
-- previous order (NULL for their first order), for new vs returning and repurchase analyses.
-- Orders placed at the same moment may come in either order: their dates are equal, so every
-- analysis built on this gives the same result.
with orders as (
    select order_id, customer_id, ordered_at, order_date, net_amount
    from {{ ref('fct_orders') }}
    where ordered_at < {{ pit_cutoff() }}
),

final as (
    select
        order_id,
        customer_id,
        ordered_at,
        order_date,
        net_amount,
        lag(order_date) over (partition by customer_id order by ordered_at) as previous_order_date
    from orders
)

select * from final
