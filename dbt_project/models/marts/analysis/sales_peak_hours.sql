-- One row per weekday (1 = Monday) and hour of day (Asia/Shanghai) over the analysis window
-- before the as-of date: orders, customers and sales, with each slot's share of orders and
-- its rank (1 = busiest). Slots without orders are present with zeros.
with orders as (
    select customer_id, ordered_at, net_amount
    from {{ ref('fct_orders') }}
    where ordered_at < {{ pit_cutoff() }}
        and ordered_at >= {{ pit_months_ago(tag_param('analysis_window_months')) }}
),

slots as (
    select weekday, hour_of_day
    from range(1, 8) as weekdays(weekday)
    cross join range(0, 24) as hours(hour_of_day)
),

by_slot as (
    select
        isodow(ordered_at) as weekday,
        hour(ordered_at) as hour_of_day,
        count(*) as orders,
        count(distinct customer_id) as customers,
        sum(net_amount) as sales
    from orders
    group by isodow(ordered_at), hour(ordered_at)
),

final as (
    select
        {{ pit_as_of_date() }} as as_of_date,
        slots.weekday,
        ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][slots.weekday] as weekday_label_zh,
        slots.hour_of_day,
        coalesce(by_slot.orders, 0) as orders,
        coalesce(by_slot.customers, 0) as customers,
        coalesce(by_slot.sales, 0) as sales,
        coalesce(by_slot.orders, 0) / nullif(sum(coalesce(by_slot.orders, 0)) over (), 0)
            as order_share,
        rank() over (order by coalesce(by_slot.orders, 0) desc) as order_rank
    from slots
    left join by_slot
        on slots.weekday = by_slot.weekday
        and slots.hour_of_day = by_slot.hour_of_day
)

select * from final
