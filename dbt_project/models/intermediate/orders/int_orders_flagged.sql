{#
    In-scope orders with their anomaly flags (needs review, never deleted). Both rules look
    only at the customer's own orders, so a flag never depends on the as-of date:
      - above history: once the customer has var anomaly_min_history_orders earlier orders,
        the order exceeds both their mean by var anomaly_stddev_factor standard deviations
        and their median by a factor of var anomaly_median_factor. Requiring both keeps
        ordinary variety (one phone among many snack orders) from flooding the review list:
        either rule alone flags 5-10 % of the demo's orders, both together about 2 %;
      - burst: the order lies in a window of var burst_window_hours holding at least
        var burst_min_orders orders of the customer.
#}
with

orders as (
    select order_id, customer_id, ordered_at, total_amount
    from {{ ref('int_orders_classified') }}
    where exclusion_reason is null
),

history as (
    select
        *,
        count(*) over earlier_orders as earlier_order_count,
        avg(total_amount) over earlier_orders as earlier_mean_amount,
        stddev_samp(total_amount) over earlier_orders as earlier_stddev_amount,
        median(total_amount) over earlier_orders as earlier_median_amount,
        count(*) over (
            partition by customer_id
            order by ordered_at
            range between current row and interval ({{ var('burst_window_hours') }}) hour following
        ) as orders_in_window_starting_here
    from orders
    window earlier_orders as (
        partition by customer_id
        order by ordered_at, order_id
        rows between unbounded preceding and 1 preceding
    )
),

bursts as (
    select
        *,
        bool_or(orders_in_window_starting_here >= {{ var('burst_min_orders') }}) over (
            partition by customer_id
            order by ordered_at
            range between interval ({{ var('burst_window_hours') }}) hour preceding and current row
        ) as is_in_burst
    from history
),

final as (
    select
        order_id,
        earlier_order_count,
        earlier_mean_amount,
        earlier_median_amount,
        coalesce(
            earlier_order_count >= {{ var('anomaly_min_history_orders') }}
            and total_amount > earlier_mean_amount
                + {{ var('anomaly_stddev_factor') }} * earlier_stddev_amount
            and total_amount > {{ var('anomaly_median_factor') }} * earlier_median_amount,
            false
        ) as is_above_history,
        is_in_burst,
        orders_in_window_starting_here
    from bursts
)

select * from final
