with

returns as (
    select * from {{ ref('int_returns_classified') }}
    where exclusion_reason is null
),

final as (
    select
        return_id,
        order_id,
        customer_id,
        returned_at,
        cast(returned_at as date) as return_date,
        refund_amount,
        reason
    from returns
)

select * from final
