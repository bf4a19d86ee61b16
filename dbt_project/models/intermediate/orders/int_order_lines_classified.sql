{#
    Every raw order line with the one reason it is excluded, if any: its own data problem
    first, then a missing or excluded order (the line of an excluded order never counts).
#}
with

lines as (
    select * from {{ ref('int_order_lines_validated') }}
),

orders as (
    select order_id, customer_id, ordered_at, exclusion_reason
    from {{ ref('int_orders_classified') }}
    where exclusion_reason is null or exclusion_reason <> 'duplicate_id'
),

final as (
    select
        lines.* exclude (line_issue),
        orders.customer_id,
        orders.ordered_at,
        case
            when lines.line_issue is not null then lines.line_issue
            when orders.order_id is null then 'orphan_line'
            when orders.exclusion_reason is not null then 'order_excluded'
        end as exclusion_reason
    from lines
    left join orders on lines.order_id = orders.order_id
)

select * from final
