{#
    Every raw row that is not in a clean fact (or, for customers, not a crosswalk record),
    with the one reason why. Raw rows = clean rows + these rows, per entity.
#}
with

customers as (
    {{ exclusions_from('int_customer_records_unioned', 'customer', 'source_customer_id') }}
),

orders as (
    {{ exclusions_from('int_orders_classified', 'order', 'order_id') }}
),

order_lines as (
    {{ exclusions_from('int_order_lines_classified', 'order_line', 'order_line_id') }}
),

returns as (
    {{ exclusions_from('int_returns_classified', 'return', 'return_id') }}
),

tickets as (
    {{ exclusions_from('int_tickets_classified', 'ticket', 'ticket_id') }}
),

sessions as (
    {{ exclusions_from('int_sessions_classified', 'session', 'session_id') }}
),

campaigns as (
    {{ exclusions_from('int_campaigns_classified', 'campaign_participation', 'participation_id') }}
),

final as (
    select * from customers
    union all
    select * from orders
    union all
    select * from order_lines
    union all
    select * from returns
    union all
    select * from tickets
    union all
    select * from sessions
    union all
    select * from campaigns
)

select * from final
