{#
    Every raw ticket row with its golden customer and the one reason it is excluded, if any.
#}
with

events as (
    select * from {{ ref('stg_raw__tickets') }}
),

customers as {{ customer_lookup('customers') }},

final as (
    select
        events.*,
        customers.customer_id,
        {{ event_exclusion_reason('events.ticket_id', 'events.created_at') }} as exclusion_reason
    from events
    left join customers on events.source_customer_id = customers.source_customer_id
)

select * from final
