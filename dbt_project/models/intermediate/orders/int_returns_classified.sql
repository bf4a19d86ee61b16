{#
    Every raw return with the one reason it is excluded, if any. A return counts only
    against an in-scope order; its refund must be a non-negative amount.
#}
with

returns as (
    select * from {{ ref('stg_raw__returns') }}
),

orders as (
    select order_id, customer_id, exclusion_reason
    from {{ ref('int_orders_classified') }}
    where exclusion_reason is null or exclusion_reason <> 'duplicate_id'
),

final as (
    select
        returns.*,
        orders.customer_id,
        case
            when returns.return_id is null then 'missing_id'
            when row_number() over (
                partition by returns.return_id order by returns.loaded_at desc, returns.source_key desc
            ) > 1 then 'duplicate_id'
            when orders.order_id is null then 'unknown_order'
            when orders.exclusion_reason is not null then 'order_excluded'
            when returns.returned_at is null then 'invalid_date'
            when returns.refund_amount is null then 'invalid_amount'
            when returns.refund_amount < 0 then 'negative_amount'
        end as exclusion_reason
    from returns
    left join orders on returns.order_id = orders.order_id
)

select * from final
