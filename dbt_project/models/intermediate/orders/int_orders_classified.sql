{#
    Every raw order (template purchases included) with its golden customer and, when it is
    not a clean in-scope purchase, the one reason it is excluded, checked in this order:
    identity of the row, scope by status, date, customer (unknown or an internal test
    account), amounts, lines.
#}
with

orders as (
    select * from {{ ref('int_orders_unioned') }}
),

statuses as (
    select status, is_in_scope, exclusion_reason from {{ ref('order_statuses') }}
),

customers_from_orders as {{ customer_lookup('customers') }},

customers_from_templates as {{ customer_lookup('import_customers') }},

test_accounts as (
    select customer_id from {{ ref('int_customers_survived') }} where is_test_account
),

line_totals as (
    select
        order_id,
        count(*) as line_count,
        count(*) filter (where line_issue is not null) as invalid_line_count,
        sum(line_amount) as line_amount_total,
        sum(quantity) as item_count
    from {{ ref('int_order_lines_validated') }}
    where line_issue is null or line_issue not in ('missing_id', 'duplicate_id')
    group by order_id
),

with_customers as (
    select
        orders.*,
        case
            when orders.source_entity = 'import_purchases' then customers_from_templates.customer_id
            else customers_from_orders.customer_id
        end as customer_id
    from orders
    left join customers_from_orders
        on orders.source_customer_id = customers_from_orders.source_customer_id
    left join customers_from_templates
        on orders.source_customer_id = customers_from_templates.source_customer_id
),

joined as (
    select
        with_customers.*,
        test_accounts.customer_id is not null as is_test_account,
        statuses.is_in_scope,
        statuses.exclusion_reason as status_exclusion_reason,
        coalesce(line_totals.line_count, 0) as line_count,
        coalesce(line_totals.invalid_line_count, 0) as invalid_line_count,
        line_totals.line_amount_total,
        coalesce(line_totals.item_count, 0) as item_count,
        row_number() over (
            partition by with_customers.order_id
            order by with_customers.updated_at desc nulls last, with_customers.loaded_at desc,
                with_customers.source_key desc
        ) as id_rank
    from with_customers
    left join statuses on with_customers.status = statuses.status
    left join line_totals on with_customers.order_id = line_totals.order_id
    left join test_accounts on with_customers.customer_id = test_accounts.customer_id
),

final as (
    select
        * exclude (id_rank, status_exclusion_reason),
        case
            when order_id is null then 'missing_id'
            when id_rank > 1 then 'duplicate_id'
            when is_in_scope is null then 'unknown_status'
            when not is_in_scope then status_exclusion_reason
            when is_ordered_at_invalid then 'invalid_date'
            when is_future_dated then 'future_dated'
            when customer_id is null then 'unknown_customer'
            when is_test_account then 'test_account'
            when total_amount is null then 'invalid_amount'
            when total_amount < 0 or discount_amount < 0 then 'negative_amount'
            when invalid_line_count > 0 then 'invalid_line'
            -- The order total is what was paid: the lines minus the discount.
            when line_count > 0
                and abs(total_amount - (line_amount_total - discount_amount))
                    > {{ var('amount_tolerance') }}
                then 'total_mismatch'
        end as exclusion_reason
    from joined
)

select * from final
