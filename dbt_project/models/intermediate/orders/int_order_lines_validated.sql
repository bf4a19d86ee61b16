{#
    Every raw order line (template purchases contribute one line each) with its own data
    problem, if any: missing or duplicate id, quantity not a positive whole number, negative
    or unparseable amounts, or a line amount that is not quantity x unit price.
#}
with

order_center as (
    select
        order_line_id,
        'order_lines' as source_entity,
        order_id,
        product_id,
        product_name,
        category,
        brand,
        quantity,
        unit_price,
        line_amount,
        is_new_product,
        source_name,
        source_object,
        source_key,
        loaded_at
    from {{ ref('stg_raw__order_lines') }}
),

purchase_template as (
    select
        purchase_id || '-1' as order_line_id,
        'import_purchases' as source_entity,
        purchase_id as order_id,
        cast(null as varchar) as product_id,
        product_name,
        category,
        cast(null as varchar) as brand,
        quantity,
        unit_price,
        total_amount as line_amount,
        false as is_new_product,
        source_name,
        source_object,
        source_key,
        loaded_at
    from {{ ref('stg_raw__import_purchases') }}
),

unioned as (
    select * from order_center
    union all
    select * from purchase_template
),

final as (
    select
        *,
        case
            when order_line_id is null then 'missing_id'
            when row_number() over (
                partition by order_line_id order by loaded_at desc, source_key desc
            ) > 1 then 'duplicate_id'
            when quantity is null or quantity <= 0 then 'non_positive_quantity'
            when unit_price is null or line_amount is null then 'invalid_amount'
            when unit_price < 0 or line_amount < 0 then 'negative_amount'
            when abs(line_amount - quantity * unit_price) > {{ var('amount_tolerance') }}
                then 'line_amount_mismatch'
        end as line_issue
    from unioned
)

select * from final
