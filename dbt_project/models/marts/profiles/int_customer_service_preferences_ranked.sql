-- Service preferences per customer as of the run: the most used ticket channel and the
-- dominant service need (ticket types listed as service_need values in tag_values) over the
-- interaction window. A tie goes to the alphabetically first value.
with tickets as (
    select tickets.customer_id, tickets.channel, tickets.ticket_type
    from {{ ref('fct_tickets') }} as tickets
    where tickets.created_at < {{ pit_cutoff() }}
        and tickets.created_at >= {{ pit_months_ago(tag_param('interaction_window_months')) }}
),

catalog as (
    select * from {{ ref('tag_catalog') }}
),

service_needs as (
    select tag_values.tag_value as ticket_type
    from {{ ref('tag_values') }} as tag_values
    inner join catalog on tag_values.tag_code = catalog.tag_code
    where tag_values.tag_code = 'service_need'
        and tag_values.tag_value <> catalog.default_value
),

top_channel as (
    select customer_id, channel
    from tickets
    where channel is not null
    group by customer_id, channel
    qualify row_number() over (partition by customer_id order by count(*) desc, channel) = 1
),

top_service_need as (
    select tickets.customer_id, tickets.ticket_type
    from tickets
    inner join service_needs on tickets.ticket_type = service_needs.ticket_type
    group by tickets.customer_id, tickets.ticket_type
    qualify row_number() over (
        partition by tickets.customer_id order by count(*) desc, tickets.ticket_type
    ) = 1
),

final as (
    select
        coalesce(top_channel.customer_id, top_service_need.customer_id) as customer_id,
        top_channel.channel as top_service_channel,
        top_service_need.ticket_type as top_service_need
    from top_channel
    full outer join top_service_need on top_channel.customer_id = top_service_need.customer_id
)

select * from final
