with

tickets as (
    select * from {{ ref('int_tickets_classified') }}
    where exclusion_reason is null
),

final as (
    select
        ticket_id,
        customer_id,
        created_at,
        channel,
        ticket_type,
        satisfaction,
        is_resolved
    from tickets
)

select * from final
