{#
    Gross amount is what the customer paid (lines minus discount: the order total). Refunds
    of in-scope returns are netted, capped at the gross amount; a refunded order without a
    return record counts as fully refunded.
#}
with

orders as (
    select * from {{ ref('int_orders_classified') }}
    where exclusion_reason is null
),

refunds as (
    select
        order_id,
        sum(refund_amount) as refund_amount,
        count(*) as return_count
    from {{ ref('int_returns_classified') }}
    where exclusion_reason is null
    group by order_id
),

flags as (
    select order_id, is_above_history, is_in_burst
    from {{ ref('int_orders_flagged') }}
),

netted as (
    select
        orders.*,
        cast(least(
            orders.total_amount,
            coalesce(
                refunds.refund_amount,
                case when orders.status = 'refunded' then orders.total_amount else 0 end
            )
        ) as decimal(18, 2)) as settled_refund_amount,
        coalesce(refunds.return_count, 0) > 0 as has_return
    from orders
    left join refunds on orders.order_id = refunds.order_id
),

final as (
    select
        netted.order_id,
        netted.customer_id,
        netted.ordered_at,
        cast(netted.ordered_at as date) as order_date,
        netted.status,
        netted.payment_method,
        netted.has_coupon,
        netted.discount_amount,
        netted.total_amount as gross_amount,
        netted.settled_refund_amount as refund_amount,
        cast(netted.total_amount - netted.settled_refund_amount as decimal(18, 2)) as net_amount,
        cast(netted.item_count as integer) as item_count,
        netted.has_return,
        netted.channel,
        netted.ship_province,
        netted.ship_city,
        flags.is_above_history or flags.is_in_burst as is_needs_review,
        flags.is_above_history,
        flags.is_in_burst,
        netted.source_entity
    from netted
    inner join flags on netted.order_id = flags.order_id
)

select * from final
