{#
    Every raw campaign participation with its golden customer and the one reason it is excluded, if any.
#}
with

events as (
    select * from {{ ref('stg_raw__campaigns') }}
),

customers as {{ customer_lookup('customers') }},

final as (
    select
        events.*,
        customers.customer_id,
        case
            when events.campaign_id is null then 'missing_id'
            else {{ event_exclusion_reason('events.participation_id', 'events.participated_at') }}
        end as exclusion_reason
    from events
    left join customers on events.source_customer_id = customers.source_customer_id
)

select * from final
